// A warning's target drawn on the map (地图划定区域): the corners the composer places one by one,
// and the area it keeps and sends, as the server takes it: GeoJSON Polygon coordinates with one
// closed ring of [longitude, latitude] (WGS 84; the last position repeats the first), at least three
// different corners, at most 500 positions, every one inside Gansu, enclosing an area. The page works
// with corners as { lat, lon }; the two orders meet here only (src/map/grid-boundary.ts for grids).
// The checks mirror the server's (src/common/geo.cpp, polygon_problems), so that a drawing is
// refused while it is drawn rather than when it is saved; the server decides.
import { ALERT_LIMITS, type AreaCoordinates, type AreaPosition } from '@/api/alerts'
import { closedRing, pointAt } from '@/map/grid-boundary'
import { inGansu, roundPoint, type LatLon } from '@/map/location'

/** The fewest different corners an area has. */
export const AREA_MIN_CORNERS = 3
/** The most positions of its ring, the closing one included. */
export const AREA_MAX_POINTS = ALERT_LIMITS.areaPoints
/** The most corners that can be placed: the ring repeats the first at the end. */
export const AREA_MAX_CORNERS = AREA_MAX_POINTS - 1
/**
 * Twice the area (square degrees) below which a ring encloses nothing: about a square metre, a
 * slip of the finger (the server's threshold).
 */
export const AREA_MIN_DOUBLED = 2e-10

/**
 * What is wrong with a drawing: fewer than three different corners (tooFew), more positions than
 * the server takes (tooMany), a corner outside Gansu (outside), no area enclosed (corners on one
 * line: noArea), a ring whose last position is not its first (notClosed).
 */
export type AreaProblem = 'tooFew' | 'tooMany' | 'outside' | 'noArea' | 'notClosed'

// ---- drawing ----------------------------------------------------------------------------------------

export interface AreaDraft {
  /** The corners placed so far, in order (not closed: the ring is closed when it is finished). */
  corners: LatLon[]
  /** Why the last corner asked for was not placed, if it was not. */
  refused: AreaProblem | null
}

export function startArea(corners: readonly LatLon[] = []): AreaDraft {
  return { corners: [...corners], refused: null }
}

/**
 * A corner placed after the last one, rounded to six decimals as sent. Refused (the draft kept,
 * `refused` saying why) outside Gansu or past the most corners a ring takes; a corner on the spot
 * of the last one (a double click) is placed once.
 */
export function addCorner(draft: AreaDraft, point: LatLon): AreaDraft {
  const corner = roundPoint(point)
  if (!inGansu(corner)) return { corners: draft.corners, refused: 'outside' }
  if (draft.corners.length >= AREA_MAX_CORNERS) return { corners: draft.corners, refused: 'tooMany' }
  const last = draft.corners[draft.corners.length - 1]
  if (last && last.lat === corner.lat && last.lon === corner.lon) return { corners: draft.corners, refused: null }
  return { corners: [...draft.corners, corner], refused: null }
}

/** The last corner taken away (nothing when none is placed). */
export function undoCorner(draft: AreaDraft): AreaDraft {
  return { corners: draft.corners.slice(0, -1), refused: null }
}

/** Every corner taken away. */
export function clearArea(): AreaDraft {
  return startArea()
}

/** The polygon's coordinates for these corners: one ring, closed, rounded as sent; [] for none. */
export function closeRing(corners: readonly LatLon[]): AreaCoordinates {
  return corners.length ? [closedRing(corners)] : []
}

/** How many different corners there are (a corner placed twice on one spot counts once). */
export function distinctCorners(corners: readonly LatLon[]): number {
  return new Set(corners.map((c) => `${c.lon},${c.lat}`)).size
}

/** Twice the signed area of a ring (shoelace, in square degrees), as the server computes it. */
export function doubledArea(ring: readonly AreaPosition[]): number {
  let sum = 0
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j]!
    const b = ring[i]!
    sum += (a[0] - b[0]) * (a[1] + b[1])
  }
  return sum
}

/**
 * What the server would find wrong with these coordinates as a warning's area, each problem once,
 * in its order: a point outside Gansu, a ring not closed, too few corners or no area, too many
 * points; [] for an area it takes (and for none: [] is no area, which is not wrong).
 */
export function areaProblems(area: AreaCoordinates): AreaProblem[] {
  if (!area.length) return []
  const problems = new Set<AreaProblem>()
  let points = 0
  for (const ring of area) {
    points += ring.length
    if (ring.some(([lon, lat]) => !inGansu({ lat, lon }))) {
      problems.add('outside')
      continue
    }
    const first = ring[0]
    const last = ring[ring.length - 1]
    if (ring.length < 4 || !first || !last || first[0] !== last[0] || first[1] !== last[1]) {
      problems.add('notClosed')
      continue
    }
    const corners = ring.slice(0, -1).map(pointAt)
    if (distinctCorners(corners) < AREA_MIN_CORNERS) problems.add('tooFew')
    else if (Math.abs(doubledArea(ring)) < AREA_MIN_DOUBLED) problems.add('noArea')
  }
  // One ring: the composer never sends holes (the server takes a single ring).
  if (area.length > 1) problems.add('tooMany')
  if (points > AREA_MAX_POINTS) problems.add('tooMany')
  return [...problems]
}

export type FinishedArea = { area: AreaCoordinates; problems: [] } | { area: null; problems: AreaProblem[] }

/**
 * The drawing finished: its ring closed, when the server would take it; else why not (fewer than
 * three different corners first: what a user who finishes too early needs to hear).
 */
export function finishArea(corners: readonly LatLon[]): FinishedArea {
  if (distinctCorners(corners) < AREA_MIN_CORNERS) return { area: null, problems: ['tooFew'] }
  const area = closeRing(corners)
  const problems = areaProblems(area)
  return problems.length ? { area: null, problems } : { area, problems: [] }
}

// ---- an area kept ------------------------------------------------------------------------------------

/** The area of a target as the server answers it ([] when it has none, or an older server says nothing). */
export function areaOf(target: { area?: AreaCoordinates | null }): AreaCoordinates {
  return Array.isArray(target.area) ? target.area : []
}

export function hasArea(area: AreaCoordinates | null | undefined): boolean {
  return Boolean(area?.length && area[0]?.length)
}

/** The corners of the area's ring, to draw again: without the closing repeat. */
export function cornersOfArea(area: AreaCoordinates | null | undefined): LatLon[] {
  const corners = (area?.[0] ?? []).map(pointAt)
  const first = corners[0]
  const last = corners[corners.length - 1]
  if (corners.length > 1 && first && last && first.lat === last.lat && first.lon === last.lon) corners.pop()
  return corners
}

/** How many corners (顶点) the area has: its ring's positions without the closing one. */
export function areaCornerCount(area: AreaCoordinates | null | undefined): number {
  return cornersOfArea(area).length
}

/** A copy of the area (the form's is never the warning's own arrays). */
export function copyArea(area: AreaCoordinates): AreaCoordinates {
  return area.map((ring) => ring.map(([lon, lat]) => [lon, lat] as AreaPosition))
}

/** [[south, west], [north, east]] around the area, or null when there is none. */
export function areaBounds(area: AreaCoordinates | null | undefined): [[number, number], [number, number]] | null {
  const ring = area?.[0] ?? []
  if (!ring.length) return null
  const lats = ring.map(([, lat]) => lat)
  const lons = ring.map(([lon]) => lon)
  return [
    [Math.min(...lats), Math.min(...lons)],
    [Math.max(...lats), Math.max(...lons)],
  ]
}

/** A server's reason about the area ("target.area", "target.area[0]", "target.area[0][3][1]") is shown at it. */
export function isAreaField(field: string): boolean {
  return field === 'target.area' || field.startsWith('target.area[') || field.startsWith('target.area.')
}
