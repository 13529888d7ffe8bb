// The audit trail, for the audit administrator: /api/v1/audit
import { http } from '@/utils/request'
import { addDays, chinaDayStart } from '@/utils/format'
import type { PageQuery, PageResult } from './types'

export interface AuditEntry {
  id: number | string
  time: string
  username: string
  role: string
  unitCode: string
  action: string
  objectType: string
  objectId: string
  result: string
  sourceIp: string
  requestId: string
  /** Free text some actions carry, e.g. the reason given for revealing a phone number. */
  detail?: string
}

export interface AuditQuery extends PageQuery {
  /** The first day, YYYY-MM-DD in China time (UTC+8). */
  from?: string
  /** The last day (included), YYYY-MM-DD in China time. */
  to?: string
  username?: string
  action?: string
}

interface ServerQuery extends PageQuery {
  from?: string
  to?: string
  username?: string
  action?: string
}

function fetchAudit(query: ServerQuery, signal?: AbortSignal): Promise<PageResult<AuditEntry>> {
  return http.get<PageResult<AuditEntry>>('/api/v1/audit', {
    query: {
      from: query.from,
      to: query.to,
      username: query.username,
      action: query.action,
      page: query.page,
      pageSize: query.pageSize,
    },
    signal,
  })
}

const SCAN_PAGE_SIZE = 200

/**
 * How many entries at the start of a newest-first list occurred at `bound` or later, and the
 * list's total.
 */
async function countSince(
  query: ServerQuery,
  bound: number,
  signal?: AbortSignal,
): Promise<{ count: number; total: number }> {
  let count = 0
  for (let page = 1; ; page++) {
    const { items, total } = await fetchAudit({ ...query, page, pageSize: SCAN_PAGE_SIZE }, signal)
    const older = items.findIndex((e) => Date.parse(e.time) < bound)
    if (older >= 0) return { count: count + older, total }
    count += items.length
    if (items.length < SCAN_PAGE_SIZE || count >= total) return { count, total }
  }
}

/**
 * One page of the entries from the start of China day `from` to the end of China day `to`.
 *
 * The server takes only dates (YYYY-MM-DD) and reads them as UTC days, so a China day
 * (previous day 16:00Z to 16:00Z) cannot be asked for directly. Instead this asks for the UTC
 * days that cover the China days, from the day before `from` to `to`. That list (newest first)
 * holds the wanted entries in one run, after those of the next China day's early hours (at or
 * after `end`) and before those of the day before `from` (before `start`): both are counted,
 * from the start of the list and of the UTC day before `from`, and the page is cut out of the
 * run between them. This stays right if the server later reads dates as China days (both counts
 * of extra entries are then zero), and can shrink to one request once it takes instants.
 */
export async function listAudit(query: AuditQuery, signal?: AbortSignal): Promise<PageResult<AuditEntry>> {
  const page = query.page ?? 1
  const pageSize = query.pageSize ?? 20
  const filter = { username: query.username, action: query.action }
  const wide: ServerQuery = { ...filter, from: query.from && addDays(query.from, -1), to: query.to }
  const start = query.from ? chinaDayStart(query.from) : undefined
  const end = query.to ? chinaDayStart(addDays(query.to, 1)) : undefined

  const [after, dayBefore] = await Promise.all([
    end === undefined ? undefined : countSince(wide, end, signal),
    start === undefined ? undefined : countSince({ ...filter, from: wide.from, to: wide.from }, start, signal),
  ])
  const skipped = after?.count ?? 0
  const before = dayBefore ? dayBefore.total - dayBefore.count : 0

  // The page's rows sit at `offset` in the wide list: one or two of its pages of this size.
  const offset = skipped + (page - 1) * pageSize
  const first = Math.floor(offset / pageSize) + 1
  const cut = offset % pageSize
  const pages = await Promise.all(
    (cut === 0 ? [first] : [first, first + 1]).map((p) => fetchAudit({ ...wide, page: p, pageSize }, signal)),
  )
  const wideTotal = after?.total ?? pages[0]?.total ?? 0
  const total = Math.max(0, wideTotal - skipped - before)
  const room = Math.max(0, Math.min(pageSize, total - (page - 1) * pageSize))
  const items = pages.flatMap((p) => p.items).slice(cut, cut + room)
  return { items, total }
}
