// Table logic of the 15-minute circle: shares of residences that reach a service, the order of
// the type columns, and the type a page starts with.
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

export function typeShare(row: CoverageRow, type: string): number | null {
  return shareOf(reachedOf(row, type), row.residences)
}

export function allBasicShare(row: CoverageRow): number | null {
  return shareOf(row.reachedAllBasic, row.residences)
}

/** "45.7%", or "—" without residences. */
export function formatShare(reached: number, residences: number): string {
  return formatPercent(reached, residences)
}

/** Basic types first, the others after; the server's order within each group. */
export function orderTypes(types: readonly ServiceType[]): ServiceType[] {
  return [...types.filter((t) => t.basic), ...types.filter((t) => !t.basic)]
}

/**
 * The type a page shows first: the basic type the fewest residences of the unit reach (where new
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
