// The tile layer of the maps, from the server's map settings (GET /api/v1/map/settings): read once
// per page load and shared by every map. Without a tile server, or with a setting the console cannot
// use, the maps draw their offline boundaries alone, in WGS-84.
import { getMapSettings, type MapSettings } from '@/api/map'
import { escapeHtml } from '@/utils/format'
import { isDatum, type Datum } from './datum'

export interface TileSetup {
  url: string
  /** Leaflet's tile layer options: attribution as HTML (escaped), zooms. */
  attribution: string
  /** The deepest zoom the server has tiles for; the map zooms on past it, enlarging them. */
  maxNativeZoom: number
  datum: Datum
}

/** Deepest zoom of every map: single buildings at street level. */
export const MAP_MAX_ZOOM = 19

/**
 * What the maps draw from the settings: null for none (no tile server, or one whose URL lacks
 * {z}/{x}/{y}, is not http(s), or whose datum is unknown: drawn misplaced, tiles mislead).
 */
export function tileSetup(settings: MapSettings | null | undefined): TileSetup | null {
  const tiles = settings?.tiles
  if (!tiles) return null
  const url = tiles.url.trim()
  if (!/^https?:\/\//i.test(url) || !['{z}', '{x}', '{y}'].every((p) => url.includes(p))) return null
  if (!isDatum(tiles.datum)) return null
  const zoom = Math.round(Number(tiles.maxZoom))
  return {
    url,
    // Leaflet shows attributions as HTML: the operator's text is text.
    attribution: escapeHtml(tiles.attribution ?? ''),
    maxNativeZoom: Number.isFinite(zoom) ? Math.min(MAP_MAX_ZOOM, Math.max(1, zoom)) : MAP_MAX_ZOOM,
    datum: tiles.datum,
  }
}

/** The datum a map draws in: its tiles', or WGS-84 (the circle's own data) without tiles. */
export function displayDatum(setup: TileSetup | null): Datum {
  return setup?.datum ?? 'wgs84'
}

let cached: Promise<TileSetup | null> | null = null

/**
 * The tile setup of this deployment, asked of the server once. A failed request draws the maps
 * offline this time and asks again for the next map.
 */
export function loadTileSetup(): Promise<TileSetup | null> {
  if (!cached) {
    const pending = getMapSettings().then(tileSetup)
    cached = pending.catch(() => {
      cached = null
      return null
    })
  }
  return cached
}

/** Forgets the setting read (tests; a new sign-in reads it again with the rest). */
export function forgetTileSetup(): void {
  cached = null
}
