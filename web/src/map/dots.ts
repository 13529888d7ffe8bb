// Many points on a map (thousands of residences), drawn by DotLayer (./dot-layer.ts) on one canvas:
// where each lands, and how a dot is painted.

const MAX_LATITUDE = 85.0511287798

function mercatorY(lat: number): number {
  // ln(tan φ + sec φ) = ½ ln((1 + sin φ) / (1 − sin φ)): one sine and one logarithm a point.
  const s = Math.sin((Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat)) * Math.PI) / 180)
  return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)
}

/**
 * A point in the unit square of Web Mercator (EPSG:3857, Leaflet's default): x from 0 at 180° W to 1
 * at 180° E, y from 0 at the north edge to 1 at the south. Times 256 · 2^zoom, Leaflet's pixel.
 */
export function mercator(lat: number, lon: number): [number, number] {
  return [(lon + 180) / 360, mercatorY(lat)]
}

/**
 * Points given as [lat, lon, group, …] (a residence and the number of types it reaches; any number
 * after those is not read), projected into the unit square of Web Mercator by group: for each group
 * from 0 to `groups` − 1 its points' x and y, interleaved, after `toMap` has taken them into the
 * map's datum. Tens of thousands of
 * points, so no object is made per point (objects, then grouped by colour, then projected, took
 * three times as long). A group out of range counts as the nearest one.
 */
export function projectGroups(
  points: readonly (readonly number[])[],
  groups: number,
  toMap: (lat: number, lon: number) => readonly [number, number, number?],
): Float64Array[] {
  const groupOf = (p: readonly number[]) => Math.min(groups - 1, Math.max(0, Math.round(p[2] ?? 0)))
  const counts = new Int32Array(groups)
  for (const p of points) counts[groupOf(p)]! += 1
  const xy = Array.from(counts, (n) => new Float64Array(2 * n))
  const filled = new Int32Array(groups)
  for (const p of points) {
    const g = groupOf(p)
    const at = filled[g]!
    filled[g] = at + 2
    const [lat, lon] = toMap(p[0] ?? 0, p[1] ?? 0)
    const out = xy[g]!
    out[at] = (lon + 180) / 360
    out[at + 1] = mercatorY(lat)
  }
  return xy
}

/** Points with a count of their own (located households and the people in them), projected. */
export interface CountedDots {
  /** x and y of each in the unit square of Web Mercator, interleaved (as projectGroups). */
  xy: Float64Array
  /** Its count (the fourth number of its point). */
  count: Int32Array
  /** Where it is in the points given. */
  index: Int32Array
}

/**
 * The points given as [lat, lon, group, count] whose count is above 0 (a located household and the
 * people living in it; 0 for a building of the map), projected as projectGroups does: what a click
 * on the map is matched against.
 */
export function projectCounted(
  points: readonly (readonly number[])[],
  toMap: (lat: number, lon: number) => readonly [number, number, number?],
): CountedDots {
  let n = 0
  for (const p of points) if ((p[3] ?? 0) > 0) n += 1
  const out: CountedDots = { xy: new Float64Array(2 * n), count: new Int32Array(n), index: new Int32Array(n) }
  let k = 0
  points.forEach((p, i) => {
    const count = p[3] ?? 0
    if (!(count > 0)) return
    const [lat, lon] = toMap(p[0] ?? 0, p[1] ?? 0)
    out.xy[2 * k] = (lon + 180) / 360
    out.xy[2 * k + 1] = mercatorY(lat)
    out.count[k] = Math.round(count)
    out.index[k] = i
    k += 1
  })
  return out
}

/**
 * The dot nearest (x, y) (in the unit square of Web Mercator, as the dots) no farther than `within`
 * (likewise: pixels divided by the scale of the zoom), or −1 when there is none that near.
 */
export function nearestDot(xy: Float64Array, x: number, y: number, within: number): number {
  let best = -1
  let bestD = within * within
  for (let i = 0; i < xy.length; i += 2) {
    const dx = (xy[i] as number) - x
    const dy = (xy[i + 1] as number) - y
    const d = dx * dx + dy * dy
    if (d <= bestD) {
      bestD = d
      best = i / 2
    }
  }
  return best
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
  // The pixels of the mask a disc touches, with their opacity: worked out once, not per dot.
  const px: number[] = []
  const py: number[] = []
  const alpha: number[] = []
  for (let my = 0; my < size; my++) {
    for (let mx = 0; mx < size; mx++) {
      const a = (coverage[my * size + mx] as number) * opacity
      if (a <= 0) continue
      px.push(mx)
      py.push(my)
      alpha.push(a)
    }
  }
  for (let i = 0; i < xy.length; i += 2) {
    const left = Math.round((xy[i] as number) * scale - dx - half)
    const top = Math.round((xy[i + 1] as number) * scale - dy - half)
    if (left >= width || top >= height || left + size <= 0 || top + size <= 0) continue
    const whole = left >= 0 && top >= 0 && left + size <= width && top + size <= height
    for (let k = 0; k < alpha.length; k++) {
      const x = left + (px[k] as number)
      const y = top + (py[k] as number)
      if (!whole && (x < 0 || x >= width || y < 0 || y >= height)) continue
      const a = alpha[k] as number
      const o = (y * width + x) * 4
      const da = (data[o + 3] as number) / 255
      if (da === 0) {
        // Nothing painted here yet (most pixels): the dot's colour as it is.
        data[o] = r
        data[o + 1] = g
        data[o + 2] = b
        data[o + 3] = a * 255
        continue
      }
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
