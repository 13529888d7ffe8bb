// The audit log's opening request: the same whether the route asks for it on entering or the
// page asks as it mounts, the remembered page size included.
import { beforeEach, describe, expect, it } from 'vitest'
import { auditQuery, openingFilter, openingQuery, pageSizeKey } from '@/views/system/audit/query'
import { MemoryStorage } from './helpers'

beforeEach(() => {
  globalThis.localStorage = new MemoryStorage()
})

describe('the audit log opening request', () => {
  const now = new Date('2026-12-01T18:30:00Z') // 2026-12-02 02:30 China time

  it('covers the last seven China days, 20 a page', () => {
    expect(openingQuery('audit', now)).toEqual({ from: '2026-11-26', to: '2026-12-02', username: '', action: '', page: 1, pageSize: 20 })
  })

  it('is what the page asks for with its opening filter, at the size the auditor chose', () => {
    localStorage.setItem(`shequ.${pageSizeKey('audit')}`, '100')
    expect(openingQuery('audit', now)).toEqual(auditQuery(openingFilter(now), { page: 1, pageSize: 100 }))
    expect(openingQuery('someone-else', now).pageSize).toBe(20)
  })
})
