// A grid's boundary as the grid page draws and edits it. The server keeps it as a GeoJSON Polygon
// in WGS-84 (`[longitude, latitude]`, each ring closed: the last position repeats the first);
// the page works with corners as { lat, lon } (Leaflet's order is [lat, lng]): the two orders meet
// here only, where swapping them would put a grid in another province.
import type { Grid } from '@/api/grid'
import { roundPoint, type LatLon } from './location'

export type GridBoundary = NonNullable<Grid['boundary']>
/** A GeoJSON position: longitude first. */
export type Position = [number, number]

/** The fewest corners a boundary has (the server refuses fewer). */
export const MIN_CORNERS = 3

/** The GeoJSON position of a point: [lon, lat]. */
export function positionOf(point: LatLon): Position {
  return [point.lon, point.lat]
}

/** The point of a GeoJSON position [lon, lat]. */
export function pointAt(position: readonly number[]): LatLon {
  return { lat: position[1] as number, lon: position[0] as number }
}

function samePoint(a: LatLon, b: LatLon): boolean {
  return a.lat === b.lat && a.lon === b.lon
}

/** The ring through these corners, closed (the first position repeated at the end), rounded as sent. */
export function closedRing(corners: readonly LatLon[]): Position[] {
  const ring = corners.map((c) => positionOf(roundPoint(c)))
  const first = ring[0]
  const last = ring[ring.length - 1]
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) ring.push([first[0], first[1]])
  return ring
}

/**
 * The boundary to send for these corners: their closed ring as the outer one, with the holes of
 * the boundary being edited kept as they were (the page draws holes but does not edit them, and
 * a save must not drop what someone gave through the API).
 */
export function boundaryOf(corners: readonly LatLon[], editing?: GridBoundary | null): GridBoundary {
  const holes = (editing?.coordinates ?? []).slice(1).map((ring) => ring.map(([lon, lat]) => [lon, lat] as Position))
  return { type: 'Polygon', coordinates: [closedRing(corners), ...holes] }
}

/**
 * The corners of a boundary's outer ring, to edit: without the closing repeat. Holes are not
 * edited on the page (the server takes them; nobody draws them by hand); boundaryOf keeps them.
 */
export function cornersOf(boundary: GridBoundary | null | undefined): LatLon[] {
  const ring = boundary?.coordinates[0] ?? []
  const corners = ring.map(pointAt)
  const first = corners[0]
  const last = corners[corners.length - 1]
  if (corners.length > 1 && first && last && samePoint(first, last)) corners.pop()
  return corners
}

/** How many different corners there are (a corner placed twice on one spot counts once). */
export function distinctCorners(corners: readonly LatLon[]): number {
  return new Set(corners.map((c) => `${roundPoint(c).lat},${roundPoint(c).lon}`)).size
}

/** Whether the corners make a boundary worth sending: at least three different ones. */
export function canSave(corners: readonly LatLon[]): boolean {
  return distinctCorners(corners) >= MIN_CORNERS
}

// ---- drawing: the corners placed so far, and what undo goes back to ----------------------------

export interface Draft {
  corners: LatLon[]
  /** Earlier states of `corners`, the last one first to come back. */
  history: LatLon[][]
}

export function startDraft(corners: readonly LatLon[] = []): Draft {
  return { corners: [...corners], history: [] }
}

function change(draft: Draft, corners: LatLon[]): Draft {
  return { corners, history: [...draft.history, draft.corners] }
}

/** A corner placed after the last one. */
export function addCorner(draft: Draft, point: LatLon): Draft {
  return change(draft, [...draft.corners, roundPoint(point)])
}

/** The index-th corner moved (dragged); an index out of range changes nothing. */
export function moveCorner(draft: Draft, index: number, point: LatLon): Draft {
  if (index < 0 || index >= draft.corners.length) return draft
  return change(
    draft,
    draft.corners.map((c, i) => (i === index ? roundPoint(point) : c)),
  )
}

/** Every corner removed (undo brings them back). */
export function clearCorners(draft: Draft): Draft {
  return draft.corners.length ? change(draft, []) : draft
}

/** The last change undone: a placed corner removed, a moved one put back, a clear restored. */
export function undo(draft: Draft): Draft {
  if (!draft.history.length) return draft
  return { corners: draft.history[draft.history.length - 1] as LatLon[], history: draft.history.slice(0, -1) }
}

// ---- showing boundaries --------------------------------------------------------------------------

/** [[south, west], [north, east]] around every drawn boundary, or null when none is drawn. */
export function boundsOf(boundaries: readonly (GridBoundary | null | undefined)[]): [[number, number], [number, number]] | null {
  let south = Infinity
  let west = Infinity
  let north = -Infinity
  let east = -Infinity
  for (const b of boundaries) {
    for (const [lon, lat] of b?.coordinates[0] ?? []) {
      south = Math.min(south, lat)
      north = Math.max(north, lat)
      west = Math.min(west, lon)
      east = Math.max(east, lon)
    }
  }
  return Number.isFinite(south)
    ? [
        [south, west],
        [north, east],
      ]
    : null
}

/**
 * What the server said was wrong with a boundary, per ring (`boundary.coordinates[0]`: the outer
 * ring) or for the whole (`boundary.coordinates`, `boundary`): the reasons only, in its order.
 */
export function boundaryProblems(details: readonly { field: string; reason: string }[]): string[] {
  return details.filter((d) => d.field === 'boundary' || d.field.startsWith('boundary.')).map((d) => d.reason)
}
