// A grid's boundary on the grid page (src/map/grid-boundary.ts): GeoJSON's [lon, lat] against the
// page's { lat, lon }, the ring closed as the server wants it, and the corners placed, dragged,
// undone and cleared while drawing.
import { describe, expect, it } from 'vitest'
import {
  addCorner,
  boundaryOf,
  boundaryProblems,
  boundsOf,
  canSave,
  clearCorners,
  closedRing,
  cornersOf,
  moveCorner,
  pointAt,
  positionOf,
  startDraft,
  undo,
  type GridBoundary,
} from '@/map/grid-boundary'

// 畅家巷's first grid (src/app/app.cpp): longitude ~103.8, latitude ~36.06. Swapped, the
// latitude would be 103.8: no place on earth, let alone Gansu.
const A = { lat: 36.0605, lon: 103.833 }
const B = { lat: 36.0605, lon: 103.835 }
const C = { lat: 36.062, lon: 103.835 }
const D = { lat: 36.062, lon: 103.833 }
const FIRST_GRID: GridBoundary = {
  type: 'Polygon',
  coordinates: [
    [
      [103.833, 36.0605],
      [103.835, 36.0605],
      [103.835, 36.062],
      [103.833, 36.062],
      [103.833, 36.0605],
    ],
  ],
}

describe('GeoJSON order', () => {
  it('puts the longitude first, and reads it back', () => {
    expect(positionOf(A)).toEqual([103.833, 36.0605])
    expect(pointAt([103.833, 36.0605])).toEqual(A)
    expect(pointAt(positionOf(C))).toEqual(C)
  })

  it('reads a stored boundary as corners in { lat, lon }, without the closing repeat', () => {
    expect(cornersOf(FIRST_GRID)).toEqual([A, B, C, D])
    expect(cornersOf(null)).toEqual([])
    expect(cornersOf(undefined)).toEqual([])
  })

  it('makes the boundary the server stores from the corners', () => {
    expect(boundaryOf([A, B, C, D])).toEqual(FIRST_GRID)
    expect(boundaryOf(cornersOf(FIRST_GRID))).toEqual(FIRST_GRID)
  })

  it('keeps the holes of the boundary being edited when its outer ring moves', () => {
    const hole: [number, number][] = [
      [103.8338, 36.061],
      [103.8342, 36.061],
      [103.8342, 36.0614],
      [103.8338, 36.061],
    ]
    const holed = { type: 'Polygon' as const, coordinates: [...FIRST_GRID.coordinates, hole] }
    const moved = { ...A, lat: 36.06 }
    const saved = boundaryOf([moved, B, C, D], holed)
    expect(saved.coordinates).toHaveLength(2)
    expect(saved.coordinates[0]?.[0]).toEqual([103.833, 36.06])
    expect(saved.coordinates[1]).toEqual(hole)
    expect(boundaryOf([A, B, C, D], null)).toEqual(FIRST_GRID)
  })
})

describe('closing the ring', () => {
  it('repeats the first corner at the end', () => {
    const ring = closedRing([A, B, C])
    expect(ring).toHaveLength(4)
    expect(ring[3]).toEqual(ring[0])
  })

  it('does not repeat it twice when the user closed it already', () => {
    expect(closedRing([A, B, C, A])).toEqual(closedRing([A, B, C]))
  })

  it('rounds to the six decimals the server keeps', () => {
    expect(closedRing([{ lat: 36.06050004, lon: 103.83300049 }, B, C])[0]).toEqual([103.833, 36.0605])
  })

  it('leaves no ring for no corners', () => {
    expect(closedRing([])).toEqual([])
  })
})

describe('drawing', () => {
  it('places corners in order, and undo removes the last one', () => {
    let d = startDraft()
    d = addCorner(addCorner(addCorner(d, A), B), C)
    expect(d.corners).toEqual([A, B, C])
    d = undo(d)
    expect(d.corners).toEqual([A, B])
    d = undo(undo(d))
    expect(d.corners).toEqual([])
    expect(undo(d)).toBe(d)
  })

  it('moves a dragged corner, and undo puts it back', () => {
    const d = startDraft([A, B, C])
    const moved = moveCorner(d, 1, { lat: 36.061, lon: 103.836 })
    expect(moved.corners).toEqual([A, { lat: 36.061, lon: 103.836 }, C])
    expect(undo(moved).corners).toEqual([A, B, C])
    expect(moveCorner(d, 3, A)).toBe(d)
    expect(moveCorner(d, -1, A)).toBe(d)
  })

  it('clears every corner, and undo brings them back', () => {
    const d = clearCorners(startDraft([A, B, C]))
    expect(d.corners).toEqual([])
    expect(undo(d).corners).toEqual([A, B, C])
    expect(clearCorners(d)).toBe(d)
  })

  it('starts from the corners of the boundary being edited, with nothing to undo', () => {
    const d = startDraft(cornersOf(FIRST_GRID))
    expect(d.corners).toEqual([A, B, C, D])
    expect(undo(d)).toBe(d)
  })

  it('may save three different corners, not fewer', () => {
    expect(canSave([A, B])).toBe(false)
    expect(canSave([A, B, B])).toBe(false)
    expect(canSave([A, B, C])).toBe(true)
  })
})

describe('showing boundaries', () => {
  it('frames every drawn boundary as [[south, west], [north, east]]', () => {
    const other = boundaryOf([
      { lat: 36.0595, lon: 103.833 },
      { lat: 36.0595, lon: 103.837 },
      { lat: 36.0605, lon: 103.837 },
    ])
    expect(boundsOf([FIRST_GRID, null, other])).toEqual([
      [36.0595, 103.833],
      [36.062, 103.837],
    ])
    expect(boundsOf([null, undefined])).toBeNull()
  })

  it("keeps the server's reasons about the boundary only", () => {
    const details = [
      { field: 'boundary.coordinates[0]', reason: '边界应围成一块区域' },
      { field: 'version', reason: '必填' },
      { field: 'boundary.coordinates', reason: '边界最多 2000 个点' },
    ]
    expect(boundaryProblems(details)).toEqual(['边界应围成一块区域', '边界最多 2000 个点'])
  })
})
