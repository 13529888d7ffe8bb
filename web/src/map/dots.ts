// Many points on a map (thousands of residences), drawn by DotLayer (./dot-layer.ts) on one canvas:
// what to draw, in which order.

export interface Dot {
  lat: number
  lon: number
  color: string
}

/**
 * The dots by colour, in the order given (later groups are drawn over earlier ones), so that the
 * canvas switches its fill colour once per colour, not once per dot.
 */
export function groupByColor(dots: readonly Dot[], order: readonly string[]): { color: string; dots: Dot[] }[] {
  const groups = new Map<string, Dot[]>(order.map((c) => [c, []]))
  for (const d of dots) {
    let g = groups.get(d.color)
    if (!g) {
      g = []
      groups.set(d.color, g)
    }
    g.push(d)
  }
  return [...groups].filter(([, g]) => g.length > 0).map(([color, g]) => ({ color, dots: g }))
}


const MAX_LATITUDE = 85.0511287798

/**
 * A point in the unit square of Web Mercator (EPSG:3857, Leaflet's default): x from 0 at 180° W to 1
 * at 180° E, y from 0 at the north edge to 1 at the south. Times 256 · 2^zoom, Leaflet's pixel.
 */
export function mercator(lat: number, lon: number): [number, number] {
  const phi = (Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat)) * Math.PI) / 180
  const x = (lon + 180) / 360
  const y = (1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2
  return [x, y]
}
