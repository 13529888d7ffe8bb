// The audit log's filters as the page opens and as a request: one place, so that what the route
// asks for on entering (src/modules/audit/index.ts) is exactly what the page then reads.
import type { AuditQuery } from '@/api/audit'
import type { Paging } from '@/composables/usePagedList'
import { lastDays, type DateRange } from '@/utils/date-range'
import { readSetting } from '@/utils/storage'

export interface AuditFilter {
  range: DateRange | null
  username: string
  action: string
}

/** The last seven China days, anyone, any action. */
export function openingFilter(now = new Date()): AuditFilter {
  return { range: lastDays(7, now), username: '', action: '' }
}

/** 20 rows fill a laptop screen and draw fast; a size the auditor chooses is remembered. */
export const AUDIT_PAGE_SIZE = 20

export function pageSizeKey(account: string): string {
  return `list.audit.pageSize.${account}`
}

export function auditQuery(filter: AuditFilter, paging: Paging): AuditQuery {
  return {
    from: filter.range?.[0],
    to: filter.range?.[1],
    username: filter.username.trim(),
    action: filter.action.trim(),
    page: paging.page,
    pageSize: paging.pageSize,
  }
}

/** The request of the page as it opens for `account`. */
export function openingQuery(account: string, now = new Date()): AuditQuery {
  const remembered = Number(readSetting(pageSizeKey(account)))
  const pageSize = Number.isInteger(remembered) && remembered > 0 && remembered <= 1000 ? remembered : AUDIT_PAGE_SIZE
  return auditQuery(openingFilter(now), { page: 1, pageSize })
}
