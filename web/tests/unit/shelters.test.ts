// The shelter assignment page's own logic (src/utils/shelters.ts): the headline figures, how full a
// shelter is, a home's colour by its shelter, the marker's size and the lines to the shelters.
import { describe, expect, it } from 'vitest'
import type { ShelterHome, ShelterTotal } from '@/api/access'
import {
  BEYOND_GROUP,
  FULL_COLOR,
  FULL_GROUP,
  HOME_GROUPS,
  SHELTER_PALETTE,
  fillShare,
  homeFate,
  homeGroup,
  shelterColor,
  shelterHeadline,
  shelterRadius,
  walkLines,
} from '@/utils/shelters'

// [lat, lon, people, nearest metres, shelter index, walk metres, placed]
const PLACED: ShelterHome = [36.06, 103.83, 3, 120, 1, 140, 3]
const SPLIT_PART: ShelterHome = [36.061, 103.831, 4, 200, 0, 210, 2]
const FULL: ShelterHome = [36.062, 103.832, 2, 300, null, null, 0]
const BEYOND: ShelterHome = [36.07, 103.9, 5, null, null, null, 0]

describe('colours of homes and shelters', () => {
  it('gives each shelter a colour of the palette, repeating, none red or grey', () => {
    expect(shelterColor(0)).toBe(SHELTER_PALETTE[0])
    expect(shelterColor(SHELTER_PALETTE.length + 2)).toBe(SHELTER_PALETTE[2])
    expect(shelterColor(null)).toBe(FULL_COLOR)
    expect(shelterColor(-1)).toBe(FULL_COLOR)
    expect(SHELTER_PALETTE).not.toContain(FULL_COLOR)
    expect(new Set(SHELTER_PALETTE).size).toBe(SHELTER_PALETTE.length)
  })

  it('tells the placed, the full and the beyond apart', () => {
    expect(homeFate(PLACED)).toBe('placed')
    // Some of its people placed: drawn in its shelter's colour, listed among the left out by the server.
    expect(homeFate(SPLIT_PART)).toBe('placed')
    expect(homeFate(FULL)).toBe('full')
    expect(homeFate(BEYOND)).toBe('beyond')
  })

  it('groups the homes by the colour they are drawn in', () => {
    expect(homeGroup(PLACED)).toBe(1)
    expect(homeGroup([...PLACED.slice(0, 4), SHELTER_PALETTE.length + 1, 100, 3] as ShelterHome)).toBe(1)
    expect(homeGroup(FULL)).toBe(FULL_GROUP)
    expect(homeGroup(BEYOND)).toBe(BEYOND_GROUP)
    expect(HOME_GROUPS).toBe(BEYOND_GROUP + 1)
  })
})

describe('how full a shelter is', () => {
  it('is the people placed from every unit over its capacity', () => {
    expect(fillShare({ capacity: 200, placed: 50 })).toBe(0.25)
    expect(fillShare({ capacity: 200, placed: 200 })).toBe(1)
  })

  it('is unknown without a capacity, and full at capacity 0', () => {
    expect(fillShare({ capacity: null, placed: 0 })).toBeNull()
    expect(fillShare({ capacity: 0, placed: 0 })).toBe(1)
  })
})

describe('the headline', () => {
  const total: ShelterTotal = {
    homes: 10,
    people: 40,
    placedPeople: 30,
    placedHomes: 7,
    splitHomes: 1,
    beyondHomes: 2,
    beyondPeople: 6,
    fullHomes: 1,
    fullPeople: 4,
    meanWalkMeters: 412.6,
  }

  it('counts the people placed, the homes left out and why, the walk and the split', () => {
    expect(shelterHeadline(total)).toEqual({
      placedShare: 0.75,
      leftOutHomes: 3,
      leftOutPeople: 10,
      beyondHomes: 2,
      beyondPeople: 6,
      fullHomes: 1,
      fullPeople: 4,
      meanWalkMeters: 413,
      splitHomes: 1,
    })
  })

  it('has no share without homes and no walk without anyone placed', () => {
    const none = shelterHeadline({ ...total, homes: 0, people: 0, placedPeople: 0, placedHomes: 0, meanWalkMeters: null })
    expect(none.placedShare).toBeNull()
    expect(none.meanWalkMeters).toBeNull()
  })

  it('says every home is beyond the walk when no shelter is on the network (the e2e demo)', () => {
    const h = shelterHeadline({ ...total, placedPeople: 0, placedHomes: 0, splitHomes: 0, beyondHomes: 10, beyondPeople: 40, fullHomes: 0, fullPeople: 0, meanWalkMeters: null })
    expect(h.placedShare).toBe(0)
    expect(h.leftOutHomes).toBe(10)
    expect(h.beyondHomes).toBe(10)
  })
})

describe('the map', () => {
  it('sizes a shelter by its capacity, by area', () => {
    expect(shelterRadius(1000, 1000)).toBe(20)
    expect(shelterRadius(0, 1000)).toBe(7)
    expect(shelterRadius(250, 1000)).toBe(13.5)
    expect(shelterRadius(null, 1000)).toBe(6)
    expect(shelterRadius(0, 0)).toBe(7)
  })

  it('draws a line from each placed home to its shelter, by shelter', () => {
    const shelters = [
      { lat: 36.0, lon: 103.8 },
      { lat: 36.1, lon: 103.9 },
    ]
    const lines = walkLines([PLACED, SPLIT_PART, FULL, BEYOND], shelters)
    expect(lines).toEqual([
      [
        [
          [36.061, 103.831],
          [36.0, 103.8],
        ],
      ],
      [
        [
          [36.06, 103.83],
          [36.1, 103.9],
        ],
      ],
    ])
  })
})
