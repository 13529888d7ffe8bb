// The shelter assignment's own logic, apart from its page (views/access/SheltersPage.vue): the
// headline figures, how full a shelter is, the colour of a home by the shelter it goes to, and the
// size of a shelter's marker by its capacity.
import type { Shelter, ShelterHome, ShelterTotal } from '@/api/access'

/**
 * The shelters' colours, by their index in the reply (repeating after ten): none of them red or
 * grey, which say a home is left out.
 */
export const SHELTER_PALETTE = ['#1f77b4', '#2ca02c', '#ff7f0e', '#9467bd', '#17becf', '#8c564b', '#e377c2', '#bcbd22', '#1f3a93', '#0b6e4f'] as const
/** A home within the walk of shelters that are full: grey. */
export const FULL_COLOR = '#909399'
/** A home no shelter is within fifteen minutes' walk of: a red ring. */
export const BEYOND_COLOR = '#d62728'

/** The colour of the index-th shelter; grey for none. */
export function shelterColor(index: number | null | undefined): string {
  if (index === null || index === undefined || !Number.isFinite(index) || index < 0) return FULL_COLOR
  return SHELTER_PALETTE[Math.floor(index) % SHELTER_PALETTE.length] as string
}

/** How a home fares: placed (some or all of its people), within the walk of full shelters, or beyond the walk. */
export type HomeFate = 'placed' | 'full' | 'beyond'

export function homeFate(home: ShelterHome): HomeFate {
  if (home[6] > 0 && home[4] !== null) return 'placed'
  return home[3] === null ? 'beyond' : 'full'
}

/**
 * The homes by the group they are drawn in, as [lat, lon, group] for projectGroups: a group per
 * colour of the palette (the shelter taking most of a home's people), then the full, then the
 * beyond. `groups` is how many there are.
 */
export const FULL_GROUP = SHELTER_PALETTE.length
export const BEYOND_GROUP = SHELTER_PALETTE.length + 1
export const HOME_GROUPS = SHELTER_PALETTE.length + 2
export const GROUP_COLORS: readonly string[] = [...SHELTER_PALETTE, FULL_COLOR, BEYOND_COLOR]

export function homeGroup(home: ShelterHome): number {
  const fate = homeFate(home)
  if (fate === 'beyond') return BEYOND_GROUP
  if (fate === 'full') return FULL_GROUP
  return Math.floor(home[4] as number) % SHELTER_PALETTE.length
}

/**
 * The share of its capacity a shelter is filled to (people from every unit): null when it has no
 * capacity entered; a shelter of capacity 0 is full.
 */
export function fillShare(shelter: Pick<Shelter, 'capacity' | 'placed'>): number | null {
  const { capacity, placed } = shelter
  if (capacity === null) return null
  if (capacity <= 0) return 1
  return Math.min(1, Math.max(0, placed / capacity))
}

/** What the headline says of a unit's assignment. */
export interface ShelterHeadline {
  /** Share of the people placed (null: no homes). */
  placedShare: number | null
  /** Homes not wholly placed, and their people not placed. */
  leftOutHomes: number
  leftOutPeople: number
  beyondHomes: number
  beyondPeople: number
  fullHomes: number
  fullPeople: number
  /** Metres walked per person placed (null: nobody placed). */
  meanWalkMeters: number | null
  splitHomes: number
}

export function shelterHeadline(total: ShelterTotal): ShelterHeadline {
  return {
    placedShare: total.people > 0 ? total.placedPeople / total.people : null,
    leftOutHomes: total.beyondHomes + total.fullHomes,
    leftOutPeople: total.beyondPeople + total.fullPeople,
    beyondHomes: total.beyondHomes,
    beyondPeople: total.beyondPeople,
    fullHomes: total.fullHomes,
    fullPeople: total.fullPeople,
    meanWalkMeters: total.meanWalkMeters === null ? null : Math.round(total.meanWalkMeters),
    splitHomes: total.splitHomes,
  }
}

/** A shelter marker's radius in pixels: its area grows with its capacity, from 7 to 20 px (6 without one). */
export function shelterRadius(capacity: number | null, largest: number): number {
  if (capacity === null) return 6
  if (largest <= 0) return 7
  return Math.round((7 + 13 * Math.sqrt(Math.max(0, Math.min(capacity, largest)) / largest)) * 10) / 10
}

/**
 * Lines from each placed home to the shelter taking most of its people, one set per shelter (one
 * polyline each, however many homes), as [[home], [shelter]] pairs in the order of `shelters`.
 */
export function walkLines(homes: readonly ShelterHome[], shelters: readonly Pick<Shelter, 'lat' | 'lon'>[]): [number, number][][][] {
  const lines: [number, number][][][] = shelters.map(() => [])
  for (const h of homes) {
    const i = h[4]
    if (h[6] <= 0 || i === null) continue
    const s = shelters[i]
    if (!s) continue
    lines[i]!.push([
      [h[0], h[1]],
      [s.lat, s.lon],
    ])
  }
  return lines
}
