// The audit module's strings in English (Audit): the same keys as zh-CN.ts.
import type { AuditMessages } from './zh-CN'

const en: AuditMessages = {
  title: 'Audit log',
  dateRange: 'Period',
  from: 'From',
  to: 'To',
  username: 'User name',
  actor: 'Actor',
  action: 'Action',
  time: 'Time (China, UTC+8)',
  role: 'Role',
  unit: "Actor's unit",
  objectUnit: "Object's unit",
  unitGone: 'This unit no longer exists; only its code is recorded',
  object: 'Object',
  result: 'Result',
  sourceIp: 'Source address',
  requestId: 'Request ID',
  detail: 'Details',
  empty: 'No audit records in this period',
  results: {
    success: 'Success',
    failure: 'Failure',
    denied: 'Denied',
    locked: 'Account locked',
    locked_out: 'Failed, now locked',
    disabled: 'Account disabled',
    unknown_user: 'No such user',
    totp_failure: 'Wrong one-time code',
    summary: 'Repeated failures',
    refused: 'Refused: beyond the actor\'s scope',
    not_found: 'Nothing found',
  },
  cards: {
    today: 'Audit entries today',
    open: 'Open the audit log',
    count: '{n} today',
  },
  permissions: {
    'audit:log:read': 'Read the audit log',
  },
  auditActions: {
    'audit.purge': 'Purge the audit log',
    'audit.list.export': 'Export a list',
  },
  auditObjects: {
    audit_log: 'Audit log',
    list: 'List',
  },
  auditDetails: {
    purged: 'removed {n} entries from before {before}',
    exported: 'exported {n} rows',
    exportedFiltered: 'exported {n} rows (filters: {filters})',
  },
}

export default en
