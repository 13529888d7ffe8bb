// The audit trail, for the audit administrator: /api/v1/audit
import { http } from '@/utils/request'
import { shareRequest } from '@/utils/shared-request'
import type { PageResult, QueryOf, Schema } from './types'

/**
 * One entry: `unitCode` is the actor's home unit, `objectUnit` the unit of the object acted on
 * (the account's home unit, the grid, the unit exported…), `detail` the free text some actions
 * carry (the reason given for revealing a phone number).
 */
export type AuditEntry = Schema<'AuditEntry'>

/** `from` and `to` are days (YYYY-MM-DD) in China time (UTC+8); `to` is included. */
export type AuditQuery = QueryOf<'/api/v1/audit', 'get'>

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

/** The first page as the audit log opens: asked for as its route is entered, read by the page. */
export function listAuditShared(query: AuditQuery): Promise<PageResult<AuditEntry>> {
  return shareRequest(`audit.list/${JSON.stringify(query)}`, () => listAudit(query), 5_000)
}
