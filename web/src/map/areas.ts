// Unit areas the maps can draw at street level. The server keeps no village or community
// polygons yet; the one set of areas the console knows is the demonstration's: the bands of the
// Monaco extract that `make run` and the browser tests import the demo walking network with
// (data/demo/monaco-areas.geojson, `shequ access import-osm --areas`), each named by the Lanzhou
// community its homes were given to, and moved with the network onto that ground (`laidOn`).
// They are drawn only where the server says the data shown is demonstration data.
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson'
import type { UnitArea } from './base'

let demo: Promise<UnitArea[]> | null = null

/** Only features with a code and a (Multi)Polygon are areas. */
export function parseAreas(collection: FeatureCollection): UnitArea[] {
  return collection.features.filter((f): f is UnitArea => {
    const code = (f.properties as { code?: unknown } | null)?.code
    return typeof code === 'string' && (f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon')
  }) as UnitArea[]
}

/** Where a demonstration's extract is laid: its point `from` moved to `to`, both [lon, lat]. */
export interface LaidOn {
  from: [number, number]
  to: [number, number]
}

/**
 * The areas moved as `shequ access import-osm` moves the extract they divide (access::relocate):
 * north-south offsets from `from` kept, east-west ones scaled by the ratio of the parallels.
 */
export function layOn(areas: UnitArea[], laid: LaidOn): UnitArea[] {
  const [fromLon, fromLat] = laid.from
  const [toLon, toLat] = laid.to
  const radians = Math.PI / 180
  const eastScale = Math.cos(fromLat * radians) / Math.cos(toLat * radians)
  const move = (ring: number[][]) => ring.map(([lon = 0, lat = 0]) => [(lon - fromLon) * eastScale + toLon, lat - fromLat + toLat])
  return areas.map((area) => {
    const g = area.geometry
    const geometry: Polygon | MultiPolygon =
      g.type === 'Polygon' ? { type: 'Polygon', coordinates: g.coordinates.map(move) } : { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(move)) }
    return { ...area, geometry }
  })
}

function laidOnOf(collection: { laidOn?: unknown }): LaidOn | null {
  const laid = collection.laidOn as Partial<LaidOn> | undefined
  const point = (p: unknown) => Array.isArray(p) && p.length === 2 && p.every((n) => typeof n === 'number')
  return laid && point(laid.from) && point(laid.to) ? (laid as LaidOn) : null
}

/**
 * The demonstration's community areas (WGS-84), where the demo walking network lies (the file's
 * `laidOn`: moved as the import moved the network), loaded once, as a chunk of their own that only
 * a page showing demonstration data asks for (a few kB: fetched as a data: URL, the policy's
 * connect-src would refuse it).
 */
export function loadDemoAreas(): Promise<UnitArea[]> {
  if (!demo) {
    const pending = import('@data/demo/monaco-areas.geojson?raw').then(({ default: text }) => {
      const collection = JSON.parse(text) as FeatureCollection<Polygon | MultiPolygon> & { laidOn?: unknown }
      const areas = parseAreas(collection)
      const laid = laidOnOf(collection)
      return laid ? layOn(areas, laid) : areas
    })
    demo = pending
    pending.catch(() => (demo = null))
  }
  return demo
}
