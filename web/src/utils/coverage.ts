// Table logic of the 15-minute circle: shares of residences (or of the residents living in them)
// that reach a service, the order of the type columns, and the type a page starts with.
import type { Coverage, CoverageRow, ServiceType } from '@/api/access'
import { formatPercent } from './format'

/** reached / residences, or null when there are no residences (shown as "—"). */
export function shareOf(reached: number, residences: number): number | null {
  if (!(residences > 0)) return null
  return Math.min(1, Math.max(0, reached / residences))
}

/** Residences of a row that reach `type`; a type the row does not list counts as none. */
export function reachedOf(row: CoverageRow, type: string): number {
  return row.reached[type] ?? 0
}

/** Residents (of the row's located households) who reach `type`; none when not listed. */
export function peopleReachedOf(row: CoverageRow, type: string): number {
  return row.peopleReached[type] ?? 0
}

/**
 * What a row's shares are of. Where every home of the row is a located household of the residents
 * register, its residents ('people'); where none is, its homes as now ('homes'); where some homes
 * are households and the others buildings of the map (a township or county partly registered),
 * its homes, the households among them counting one each as the buildings do ('mixed').
 */
export type CountBasis = 'people' | 'homes' | 'mixed'

export function countBasis(row: Pick<CoverageRow, 'residences' | 'households' | 'people'>): CountBasis {
  if (!(row.people > 0)) return 'homes'
  return row.households >= row.residences ? 'people' : 'mixed'
}

/** A share's parts: how many reach, out of how many, and whether they are people or homes. */
export interface Counted {
  reached: number
  of: number
  byPeople: boolean
}

/** The parts of a row's share for `type`, by its count basis. */
export function typeCount(row: CoverageRow, type: string): Counted {
  return countBasis(row) === 'people'
    ? { reached: peopleReachedOf(row, type), of: row.people, byPeople: true }
    : { reached: reachedOf(row, type), of: row.residences, byPeople: false }
}

/** The parts of a row's share reaching every basic type, by its count basis. */
export function allBasicCount(row: CoverageRow): Counted {
  return countBasis(row) === 'people'
    ? { reached: row.peopleReachedAllBasic, of: row.people, byPeople: true }
    : { reached: row.reachedAllBasic, of: row.residences, byPeople: false }
}

/** The share of a row reaching `type`: of its residents where it is counted by people. */
export function typeShare(row: CoverageRow, type: string): number | null {
  const c = typeCount(row, type)
  return shareOf(c.reached, c.of)
}

export function allBasicShare(row: CoverageRow): number | null {
  const c = allBasicCount(row)
  return shareOf(c.reached, c.of)
}

/** "45.7%", or "—" without residences. */
export function formatShare(reached: number, residences: number): string {
  return formatPercent(reached, residences)
}

/** A share's parts as shown: "45.7%", or "—" when there is nothing to count. */
export function formatCounted(c: Counted): string {
  return formatShare(c.reached, c.of)
}

/** Basic types first, the others after; the server's order within each group. */
export function orderTypes(types: readonly ServiceType[]): ServiceType[] {
  return [...types.filter((t) => t.basic), ...types.filter((t) => !t.basic)]
}

/**
 * The type a page shows first: the basic type the smallest share of the unit reaches (where new
 * facilities help most), else the first type; null when there are no types.
 */
export function weakestType(coverage: Pick<Coverage, 'types' | 'total'>): string | null {
  const ordered = orderTypes(coverage.types)
  const candidates = ordered.filter((t) => t.basic)
  let best: { key: string; share: number } | null = null
  for (const t of candidates) {
    const share = typeShare(coverage.total, t.key) ?? 1
    if (!best || share < best.share) best = { key: t.key, share }
  }
  return best?.key ?? ordered[0]?.key ?? null
}

/** Sum of facilities over the types (all of them, or the basic ones). */
export function facilityCount(types: readonly ServiceType[], basicOnly = false): number {
  return types.filter((t) => !basicOnly || t.basic).reduce((n, t) => n + t.facilities, 0)
}

/**
 * The type a page opens on and headlines: the one with the most facilities in the unit (a type
 * with none would show an all-red map), basic types first on a tie, else the server's order; null
 * when no type has a facility.
 */
export function busiestType(types: readonly ServiceType[]): ServiceType | null {
  let best: ServiceType | null = null
  for (const t of orderTypes(types)) {
    if (t.facilities > 0 && (!best || t.facilities > best.facilities)) best = t
  }
  return best
}

/**
 * The mark beside a row counted otherwise than by homes alone, as message keys: `label` for the tag
 * (按居民计, or for a mixed row 部分按住宅计), `hint` for its tooltip; null for a row of homes only.
 */
export function basisMark(row: Pick<CoverageRow, 'residences' | 'households' | 'people'>): { label: string; hint: string } | null {
  switch (countBasis(row)) {
    case 'people':
      return { label: 'access.byPeople', hint: 'access.byPeopleHint' }
    case 'mixed':
      return { label: 'access.byHomesMixed', hint: 'access.byHomesMixedHint' }
    default:
      return null
  }
}
