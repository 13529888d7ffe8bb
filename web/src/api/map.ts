// The maps' settings: GET /api/v1/map/settings, the tile server this deployment's maps draw on
// (`shequ serve --map-tiles …`), or none (offline boundaries only). A setting of the server, so
// that one build of the console serves every deployment.
import { http } from '@/utils/request'
import type { Reply, Schema } from './types'

/** A tile server: URL template with {z}, {x}, {y} (and {s}), attribution, datum, deepest zoom. */
export type MapTiles = Schema<'MapTiles'>
/** `tiles`: null when the maps draw offline boundaries only. */
export type MapSettings = Reply<'/api/v1/map/settings', 'get'>

export function getMapSettings(signal?: AbortSignal): Promise<MapSettings> {
  return http.get<MapSettings>('/api/v1/map/settings', { signal })
}
