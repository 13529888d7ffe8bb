// The audit trail, for the audit administrator: /api/v1/audit
import { http } from '@/utils/request'
import type { PageQuery, PageResult } from './types'

export interface AuditEntry {
  id: number | string
  time: string
  username: string
  role: string
  /** The actor's home unit. */
  unitCode: string
  /** The unit of the object acted on (the account's home unit, the grid, the unit exported…). */
  objectUnit: string
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

/**
 * One page of the entries from the start of China day `from` to the end of China day `to`
 * (the server reads the dates as days in China time, UTC+8, as users mean them).
 */
export function listAudit(query: AuditQuery, signal?: AbortSignal): Promise<PageResult<AuditEntry>> {
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
