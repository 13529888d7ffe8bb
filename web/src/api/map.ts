// The maps' settings: GET /api/v1/map/settings, the tile server this deployment's maps draw on
// (`shequ serve --map-tiles …`), or none (offline boundaries only). A setting of the server, so
// that one build of the console serves every deployment.
import { http } from '@/utils/request'

/** A tile server: URL template with {z}, {x}, {y} (and {s}), attribution, datum, deepest zoom. */
export interface MapTiles {
  url: string
  attribution: string
  /** "wgs84" or "gcj02": the coordinates the tiles are drawn in. */
  datum: string
  maxZoom: number
}

export interface MapSettings {
  tiles: MapTiles | null
}

export function getMapSettings(signal?: AbortSignal): Promise<MapSettings> {
  return http.get<MapSettings>('/api/v1/map/settings', { signal })
}
