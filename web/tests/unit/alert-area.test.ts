// A warning's area drawn on the map (src/utils/alert-area.ts): corners placed and undone, the ring
// closed as the server takes it ([longitude, latitude], the last position repeating the first), and
// the server's checks mirrored: three different corners, at most 500 positions, inside Gansu, an
// area enclosed.
import { describe, expect, it } from 'vitest'
import type { AreaCoordinates, AreaPosition } from '@/api/alerts'
import {
  AREA_MAX_CORNERS,
  AREA_MAX_POINTS,
  addCorner,
  areaBounds,
  areaCornerCount,
  areaOf,
  areaProblems,
  clearArea,
  closeRing,
  copyArea,
  cornersOfArea,
  distinctCorners,
  doubledArea,
  finishArea,
  hasArea,
  isAreaField,
  startArea,
  undoCorner,
  type AreaDraft,
} from '@/utils/alert-area'
import type { LatLon } from '@/map/location'

// Homes along 畅家巷 (Lanzhou): longitude ~103.83, latitude ~36.06. Swapped, the latitude would be
// 103.8: no place on earth, let alone Gansu.
const A = { lat: 36.0608, lon: 103.8338 }
const B = { lat: 36.0608, lon: 103.8348 }
const C = { lat: 36.0616, lon: 103.8348 }
const D = { lat: 36.0616, lon: 103.8338 }

function draw(points: readonly LatLon[]): AreaDraft {
  return points.reduce(addCorner, startArea())
}

/** A ring of n corners around A, on a circle of about 50 m. */
function circle(n: number): LatLon[] {
  return Array.from({ length: n }, (_, i) => ({
    lat: A.lat + 0.0005 * Math.sin((2 * Math.PI * i) / n),
    lon: A.lon + 0.0005 * Math.cos((2 * Math.PI * i) / n),
  }))
}

describe('drawing an area', () => {
  it('places corners one after another, rounded to six decimals as sent', () => {
    const draft = draw([A, B, { lat: 36.06160004, lon: 103.83479996 }])
    expect(draft.corners).toEqual([A, B, C])
    expect(draft.refused).toBeNull()
  })

  it('places a corner clicked twice on one spot once (a double click)', () => {
    const draft = draw([A, B, B])
    expect(draft.corners).toEqual([A, B])
    expect(draft.refused).toBeNull()
    // Not next to each other: the same spot again is a corner (the check at the end counts it once).
    expect(draw([A, B, A]).corners).toEqual([A, B, A])
  })

  it('refuses a corner outside Gansu, keeping the ones before', () => {
    const draft = draw([A, B])
    const outside = addCorner(draft, { lat: 31.9, lon: 103.8 })
    expect(outside.corners).toEqual([A, B])
    expect(outside.refused).toBe('outside')
    // Longitude and latitude swapped: refused, not drawn in another place.
    expect(addCorner(draft, { lat: 103.8348, lon: 36.0616 }).refused).toBe('outside')
    // The next good corner clears the refusal.
    expect(addCorner(outside, C)).toEqual({ corners: [A, B, C], refused: null })
  })

  it('refuses a corner past the most a ring of 500 positions holds', () => {
    const full = startArea(circle(AREA_MAX_CORNERS))
    expect(full.corners).toHaveLength(499)
    const more = addCorner(full, D)
    expect(more.refused).toBe('tooMany')
    expect(more.corners).toHaveLength(499)
    // 499 corners and the closing repeat: 500 positions, which the server takes.
    const finished = finishArea(full.corners)
    expect(finished.problems).toEqual([])
    expect(finished.area?.[0]).toHaveLength(AREA_MAX_POINTS)
  })

  it('undoes the last corner, and clears them all', () => {
    const draft = draw([A, B, C])
    expect(undoCorner(draft).corners).toEqual([A, B])
    expect(undoCorner(undoCorner(undoCorner(draft))).corners).toEqual([])
    // Nothing left to undo: still nothing.
    expect(undoCorner(startArea()).corners).toEqual([])
    expect(undoCorner({ corners: [A], refused: 'outside' }).refused).toBeNull()
    expect(clearArea()).toEqual({ corners: [], refused: null })
  })

  it('does not change the draft it was given', () => {
    const draft = draw([A, B])
    addCorner(draft, C)
    undoCorner(draft)
    expect(draft.corners).toEqual([A, B])
  })
})

describe('finishing an area', () => {
  it('closes the ring, longitude first', () => {
    const finished = finishArea([A, B, C, D])
    expect(finished.problems).toEqual([])
    expect(finished.area).toEqual([
      [
        [103.8338, 36.0608],
        [103.8348, 36.0608],
        [103.8348, 36.0616],
        [103.8338, 36.0616],
        [103.8338, 36.0608],
      ],
    ])
    expect(closeRing([])).toEqual([])
    // A ring already closed by its corners is not closed twice.
    expect(closeRing([A, B, C, A])[0]).toHaveLength(4)
  })

  it('refuses fewer than three different corners', () => {
    expect(finishArea([])).toEqual({ area: null, problems: ['tooFew'] })
    expect(finishArea([A, B])).toEqual({ area: null, problems: ['tooFew'] })
    // Three placed, two of them on one spot.
    expect(finishArea([A, B, A])).toEqual({ area: null, problems: ['tooFew'] })
    expect(distinctCorners([A, B, A, B])).toBe(2)
    expect(finishArea([A, B, C]).problems).toEqual([])
  })

  it('refuses corners on one line: they enclose no area', () => {
    const onALine = [A, { lat: 36.0612, lon: 103.8343 }, C]
    expect(finishArea(onALine)).toEqual({ area: null, problems: ['noArea'] })
    // Less than about a square metre: a slip of the finger.
    const tiny = [A, { lat: A.lat, lon: A.lon + 0.000005 }, { lat: A.lat + 0.000005, lon: A.lon }]
    expect(finishArea(tiny).problems).toEqual(['noArea'])
  })
})

describe("the server's checks of an area", () => {
  const square: AreaCoordinates = closeRing([A, B, C, D])

  it('take no area, and a good one', () => {
    expect(areaProblems([])).toEqual([])
    expect(areaProblems(square)).toEqual([])
  })

  it('refuse a point outside Gansu (lon 92–109, lat 32–43)', () => {
    const ring = square[0]!.map(([lon, lat]) => [lon, lat] as AreaPosition)
    ring[1] = [109.5, 36.06]
    expect(areaProblems([ring])).toEqual(['outside'])
    expect(areaProblems([[[92, 32], [109, 32], [109, 43], [92, 32]]])).toEqual([])
  })

  it('refuse a ring that is not closed', () => {
    expect(areaProblems([square[0]!.slice(0, -1)])).toEqual(['notClosed'])
    expect(areaProblems([square[0]!.slice(0, 3)])).toEqual(['notClosed'])
  })

  it('refuse more than 500 points, and more than one ring', () => {
    const ring = closeRing(circle(AREA_MAX_POINTS))[0]!
    expect(ring).toHaveLength(501)
    expect(areaProblems([ring])).toEqual(['tooMany'])
    expect(areaProblems([square[0]!, square[0]!])).toEqual(['tooMany'])
  })

  it('measure the area as the server does (shoelace, square degrees, either direction)', () => {
    const ring = square[0]!
    expect(Math.abs(doubledArea(ring))).toBeCloseTo(2 * 0.001 * 0.0008, 12)
    expect(doubledArea([...ring].reverse())).toBeCloseTo(-doubledArea(ring), 12)
  })
})

describe('an area kept', () => {
  const area = closeRing([A, B, C])

  it('is read from the warning, [] when it has none or the server says nothing', () => {
    expect(areaOf({ area })).toBe(area)
    expect(areaOf({ area: [] })).toEqual([])
    expect(areaOf({})).toEqual([])
    expect(areaOf({ area: null })).toEqual([])
    expect(hasArea(area)).toBe(true)
    expect(hasArea([])).toBe(false)
    expect(hasArea([[]])).toBe(false)
    expect(hasArea(undefined)).toBe(false)
  })

  it('counts its corners without the closing repeat, and gives them back to draw again', () => {
    expect(areaCornerCount(area)).toBe(3)
    expect(areaCornerCount([])).toBe(0)
    expect(cornersOfArea(area)).toEqual([A, B, C])
    expect(finishArea(cornersOfArea(area)).area).toEqual(area)
  })

  it('is copied, not shared', () => {
    const copy = copyArea(area)
    expect(copy).toEqual(area)
    expect(copy[0]).not.toBe(area[0])
    expect(copy[0]![0]).not.toBe(area[0]![0])
  })

  it('frames the map: [[south, west], [north, east]]', () => {
    expect(areaBounds(area)).toEqual([
      [36.0608, 103.8338],
      [36.0616, 103.8348],
    ])
    expect(areaBounds([])).toBeNull()
  })

  it("takes the server's reasons about it, however deep they point", () => {
    expect(['target.area', 'target.area[0]', 'target.area[0][3][1]'].every(isAreaField)).toBe(true)
    expect(['target', 'target.areas', 'target.units[0]', 'area'].some(isAreaField)).toBe(false)
  })
})
