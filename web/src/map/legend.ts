// The legend of a map: how large it may be, and whether it is folded (remembered per device and
// map). A legend never covers more than a quarter of its map: its width follows its content up to
// a limit, and its height is capped so that width × height stays within that share; what does not
// fit scrolls.
import { readSetting, writeSetting } from '@/utils/storage'

export interface Size {
  width: number
  height: number
}

export interface Box extends Size {
  left: number
  top: number
}

/** The most of the map's area a legend may cover. */
export const LEGEND_MAX_SHARE = 0.25
/** Space kept between the legend and the map's edges, in CSS pixels. */
export const LEGEND_MARGIN = 10
/** The legend's width is its content's, up to this. */
export const LEGEND_MAX_WIDTH = 300
/** The column on the map's left kept clear for the zoom buttons (the legend sits top right). */
export const LEGEND_CLEAR_LEFT = 44

/**
 * The widest the legend may be on a map of this size: its own limit, or the map less its margins
 * and the zoom buttons' column.
 */
export function legendMaxWidth(map: Size): number {
  return Math.max(0, Math.min(LEGEND_MAX_WIDTH, map.width - 2 * LEGEND_MARGIN - LEGEND_CLEAR_LEFT))
}

/**
 * The tallest the legend may be at `width` so that it covers at most `share` of the map (and fits
 * inside it); 0 for a map or legend of no size.
 */
export function legendMaxHeight(map: Size, width: number, share = LEGEND_MAX_SHARE): number {
  if (map.width <= 0 || map.height <= 0 || width <= 0) return 0
  const byShare = (share * map.width * map.height) / width
  return Math.max(0, Math.floor(Math.min(byShare, map.height - 2 * LEGEND_MARGIN)))
}

/** The share of the map's area the legend covers: the part of its box inside the map's. */
export function coveredShare(legend: Box, map: Box): number {
  if (map.width <= 0 || map.height <= 0) return 0
  const w = Math.min(legend.left + legend.width, map.left + map.width) - Math.max(legend.left, map.left)
  const h = Math.min(legend.top + legend.height, map.top + map.height) - Math.max(legend.top, map.top)
  if (w <= 0 || h <= 0) return 0
  return (w * h) / (map.width * map.height)
}

const key = (map: string) => `map.legend.${map}`

/** Whether this device folded the legend of this map (open until folded once). */
export function legendFolded(map: string): boolean {
  return readSetting(key(map)) === 'folded'
}

export function rememberLegendFolded(map: string, folded: boolean): void {
  writeSetting(key(map), folded ? 'folded' : null)
}
