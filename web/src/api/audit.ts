// The audit trail, for the audit administrator: /api/v1/audit
import { http } from '@/utils/request'
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
}

export interface AuditQuery extends PageQuery {
  /** YYYY-MM-DD */
  from?: string
  /** YYYY-MM-DD */
  to?: string
  username?: string
  action?: string
}

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
