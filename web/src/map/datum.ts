// Map datums: WGS-84 (GPS, OpenStreetMap, 天地图's CGCS2000 within centimetres) and GCJ-02 (the
// offset coordinates Chinese web maps such as AMap draw in, "火星坐标"). The boundary files are
// GCJ-02, the fifteen-minute circle's points WGS-84, and a tile server may use either: every map
// draws in the datum of its tiles (WGS-84 without tiles), converting what comes in another.
//
// The forward transform is the published GCJ-02 formula; the inverse has no closed form and is
// found by fixed-point iteration (a few steps reach well under a centimetre). Outside China the
// two datums coincide.
import type { Geometry, Position } from 'geojson'

export type Datum = 'wgs84' | 'gcj02'

export function isDatum(value: unknown): value is Datum {
  return value === 'wgs84' || value === 'gcj02'
}

const A = 6378245.0
const EE = 0.006693421622965943

/** Outside mainland China's rough box, where GCJ-02 is WGS-84 unchanged. */
export function outsideChina(lng: number, lat: number): boolean {
  return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271
}

function transformLat(x: number, y: number): number {
  let r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x))
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3
  r += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3
  r += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3
  return r
}

function transformLng(x: number, y: number): number {
  let r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x))
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3
  r += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3
  r += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3
  return r
}

/** [lng, lat] in GCJ-02 of a WGS-84 point. */
export function wgs84ToGcj02(lng: number, lat: number): [number, number] {
  if (outsideChina(lng, lat)) return [lng, lat]
  const radLat = (lat / 180) * Math.PI
  let magic = Math.sin(radLat)
  magic = 1 - EE * magic * magic
  const sqrtMagic = Math.sqrt(magic)
  const dLat = (transformLat(lng - 105, lat - 35) * 180) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI)
  const dLng = (transformLng(lng - 105, lat - 35) * 180) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI)
  return [lng + dLng, lat + dLat]
}

/** [lng, lat] in WGS-84 of a GCJ-02 point (iterated until the forward transform meets it). */
export function gcj02ToWgs84(lng: number, lat: number): [number, number] {
  if (outsideChina(lng, lat)) return [lng, lat]
  let w: [number, number] = [lng, lat]
  for (let i = 0; i < 6; i++) {
    const g = wgs84ToGcj02(w[0], w[1])
    const dx = lng - g[0]
    const dy = lat - g[1]
    w = [w[0] + dx, w[1] + dy]
    if (Math.abs(dx) < 1e-9 && Math.abs(dy) < 1e-9) break
  }
  return w
}

/** A function taking [lng, lat] in `from` to [lng, lat] in `to`. */
export function converter(from: Datum, to: Datum): (lng: number, lat: number) => [number, number] {
  if (from === to) return (lng, lat) => [lng, lat]
  return from === 'gcj02' ? gcj02ToWgs84 : wgs84ToGcj02
}

function mapPositions(coords: unknown, f: (p: Position) => Position): unknown {
  if (!Array.isArray(coords)) return coords
  if (typeof coords[0] === 'number') return f(coords as Position)
  return coords.map((c) => mapPositions(c, f))
}

/** The geometry with every position taken from `from` to `to` (a new object; the input is kept). */
export function convertGeometry<G extends Geometry>(geometry: G, from: Datum, to: Datum): G {
  if (from === to) return geometry
  const f = converter(from, to)
  const point = (p: Position): Position => [...f(p[0] as number, p[1] as number), ...p.slice(2)]
  if (geometry.type === 'GeometryCollection') {
    return { ...geometry, geometries: geometry.geometries.map((g) => convertGeometry(g, from, to)) }
  }
  return { ...geometry, coordinates: mapPositions(geometry.coordinates, point) } as G
}
