// Placing a polygon's corners on a map, as the grid page and the warning composer do: while
// drawing, a click places a corner where it falls, Enter one at the map's centre (for keyboards),
// and a double click places corners rather than zooming in.
import type L from 'leaflet'
import type { LatLon } from '@/map/location'

/** What the drawing needs of a map: the map, and its points in WGS 84 (MapPanel's `ready`). */
export interface DrawingMap {
  map: L.Map
  fromMap: (at: L.LatLng) => LatLon
}

/**
 * Listens on `target` for the corners placed while `drawing()` holds, handing each to `add`.
 * Returns what to call when `drawing()` may have changed: it turns double-click zoom off while
 * drawing and back on after.
 */
export function drawCorners(target: DrawingMap, drawing: () => boolean, add: (corner: LatLon) => void): () => void {
  target.map.on('click', (e: L.LeafletMouseEvent) => {
    if (drawing()) add(target.fromMap(e.latlng))
  })
  target.map.on('keypress', (e: L.LeafletKeyboardEvent) => {
    if (drawing() && e.originalEvent.key === 'Enter') add(target.fromMap(target.map.getCenter()))
  })
  const follow = (): void => {
    if (drawing()) target.map.doubleClickZoom.disable()
    else target.map.doubleClickZoom.enable()
  }
  follow()
  return follow
}
