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

/** A disc's coverage of each pixel of its square (4×4 samples a pixel), for smooth edges. */
export interface DiscMask {
  size: number
  coverage: Float32Array
}

export function discMask(radius: number): DiscMask {
  const size = Math.max(1, Math.ceil(radius * 2))
  const coverage = new Float32Array(size * size)
  const c = size / 2
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let inside = 0
      for (let sy = 0; sy < 4; sy++) {
        for (let sx = 0; sx < 4; sx++) {
          const px = x + (sx + 0.5) / 4 - c
          const py = y + (sy + 0.5) / 4 - c
          if (px * px + py * py <= radius * radius) inside++
        }
      }
      coverage[y * size + x] = inside / 16
    }
  }
  return { size, coverage }
}

/** "#d73027" → [215, 48, 39]. */
export function parseColor(hex: string): [number, number, number] {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim())
  if (!m) return [0, 0, 0]
  return [parseInt(m[1] as string, 16), parseInt(m[2] as string, 16), parseInt(m[3] as string, 16)]
}

/** The pixels of an image: RGBA, 4 bytes a pixel, row by row (as ImageData). */
export interface Pixels {
  width: number
  height: number
  data: Uint8ClampedArray
}

/**
 * Paints a disc of `rgb` at `opacity` over the image at each point (x, y in the unit square of Web
 * Mercator, interleaved), placed at x·scale − dx, y·scale − dy pixels; "over" compositing, the
 * image's alpha kept non-premultiplied as ImageData wants it.
 */
export function stampDots(
  image: Pixels,
  xy: Float64Array,
  scale: number,
  dx: number,
  dy: number,
  mask: DiscMask,
  [r, g, b]: [number, number, number],
  opacity: number,
): void {
  const { width, height, data } = image
  const { size, coverage } = mask
  const half = size / 2
  for (let i = 0; i < xy.length; i += 2) {
    const left = Math.round((xy[i] as number) * scale - dx - half)
    const top = Math.round((xy[i + 1] as number) * scale - dy - half)
    if (left >= width || top >= height || left + size <= 0 || top + size <= 0) continue
    for (let my = 0; my < size; my++) {
      const y = top + my
      if (y < 0 || y >= height) continue
      for (let mx = 0; mx < size; mx++) {
        const x = left + mx
        if (x < 0 || x >= width) continue
        const a = (coverage[my * size + mx] as number) * opacity
        if (a <= 0) continue
        const o = (y * width + x) * 4
        const da = (data[o + 3] as number) / 255
        const outA = a + da * (1 - a)
        const keep = (da * (1 - a)) / outA
        const put = a / outA
        data[o] = r * put + (data[o] as number) * keep
        data[o + 1] = g * put + (data[o + 1] as number) * keep
        data[o + 2] = b * put + (data[o + 2] as number) * keep
        data[o + 3] = outA * 255
      }
    }
  }
}
