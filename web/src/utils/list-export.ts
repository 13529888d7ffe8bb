// What each list sends to its Excel twin route (the list route with .xlsx appended): the filters
// the list shows, as applied by its last search, without paging. buildUrl leaves out the empty.
import type { DateRange } from './date-range'
import type { JobFilter } from './jobs'
import type { QueryValue } from './request'

export type ExportQuery = Record<string, QueryValue>

/** Accounts: the working unit's subtree and the name searched. (A phone search is a POST and has no twin.) */
export function usersExportQuery(filter: { q: string }, unitCode: string | null): ExportQuery {
  return { unit: unitCode ?? undefined, q: filter.q.trim() || undefined }
}

/** The audit log: the days (China time), the user name and the action. */
export function auditExportQuery(filter: { range: DateRange | null; username: string; action: string }): ExportQuery {
  return {
    from: filter.range?.[0],
    to: filter.range?.[1],
    username: filter.username.trim() || undefined,
    action: filter.action.trim() || undefined,
  }
}

/** Background jobs: the kind and the state. */
export function jobsExportQuery(filter: JobFilter): ExportQuery {
  return { kind: filter.kind?.trim() || undefined, state: filter.state || undefined }
}

/**
 * Residents (people): the unit chosen, else the working unit's subtree (as the list asks), the
 * group and those moved away. (An exact search is a POST and has no twin.)
 */
export function personsExportQuery(filter: { unit: string; tag: string; includeMovedOut: boolean }, unitCode: string | null): ExportQuery {
  return { unit: filter.unit || unitCode || undefined, tag: filter.tag || undefined, includeMovedOut: filter.includeMovedOut || undefined }
}

/** Households: the unit chosen, else the working unit's subtree. */
export function householdsExportQuery(filter: { unit: string }, unitCode: string | null): ExportQuery {
  return { unit: filter.unit || unitCode || undefined }
}

/** The Excel twin of a unit's list below it ("children", "grids", "grid-workers"). */
export function unitListExportPath(code: string, list: 'children' | 'grids' | 'grid-workers'): string {
  return `/api/v1/org/units/${encodeURIComponent(code)}/${list}.xlsx`
}
