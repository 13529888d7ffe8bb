// Unit areas the maps can draw at street level. The server keeps no village or community
// polygons yet; the one set of areas the console knows is the demonstration's: the bands of the
// Monaco extract that `make run` and the browser tests import the demo walking network with
// (data/demo/monaco-areas.geojson, `shequ access import-osm --areas`), each named by the Lanzhou
// community its homes were given to. They are drawn only where the server says the data shown is
// demonstration data.
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

/**
 * The demonstration's community areas (WGS-84), loaded once, as a chunk of their own that only a
 * page showing demonstration data asks for (a few kB: fetched as a data: URL, the policy's
 * connect-src would refuse it).
 */
export function loadDemoAreas(): Promise<UnitArea[]> {
  if (!demo) {
    const pending = import('@data/demo/monaco-areas.geojson?raw').then(({ default: text }) => parseAreas(JSON.parse(text) as FeatureCollection<Polygon | MultiPolygon>))
    demo = pending
    pending.catch(() => (demo = null))
  }
  return demo
}
