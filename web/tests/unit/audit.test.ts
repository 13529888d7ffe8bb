// The audit log's date filter picks whole China days (UTC+8): an entry at 00:30 Beijing time is
// on that day, not the day before. The fake server reads `from`/`to` as src/audit/audit_log.cpp
// does; one request per page.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { listAudit, type AuditEntry, type AuditQuery } from '@/api/audit'
import { configureClient } from '@/utils/request'
import { errorBody, startServer, type Seen, type Reply, type TestServer } from './helpers'

let server: TestServer

const MINUTE = 60_000

/** An entry every two minutes from 2026-11-27 00:00Z to 2026-12-03 00:00Z, and a few at the edges of China days. */
function makeEntries(): AuditEntry[] {
  const times: number[] = []
  for (let t = Date.parse('2026-11-27T00:00:00.000Z'); t < Date.parse('2026-12-03T00:00:00.000Z'); t += 2 * MINUTE) {
    times.push(t + 17_000)
  }
  // 2026-11-30 00:00:00.000 and 2026-11-29 23:59:59.999 Beijing time.
  times.push(Date.parse('2026-11-29T16:00:00.000Z'), Date.parse('2026-11-29T15:59:59.999Z'))
  times.sort((a, b) => a - b)
  return times.map((t, i) => ({
    id: i + 1,
    time: new Date(t).toISOString(),
    username: i % 3 === 0 ? 'chengguan' : 'admin',
    displayName: i % 3 === 0 ? '城关区管理员' : '系统管理员',
    role: 'county_admin',
    unitCode: '620102000000',
    unitName: '城关区',
    objectUnit: '620102000000',
    objectUnitName: '城关区',
    action: i % 5 === 0 ? 'auth.logout' : 'auth.login',
    objectType: 'user',
    objectId: 'admin',
    result: 'success',
    sourceIp: '127.0.0.1',
    requestId: `r${i + 1}`,
    detail: '',
  }))
}

const entries = makeEntries()

/**
 * GET /api/v1/audit as src/http/handlers/auth.cpp and src/audit/audit_log.cpp answer it: `from`
 * and `to` must be YYYY-MM-DD and bound occurred_at from the start of China day `from` to the
 * last millisecond of China day `to`; newest first.
 */
function auditServer(
  dayStart = (d: string) => new Date(Date.parse(`${d}T00:00:00.000+08:00`)).toISOString(),
  dayEnd = (d: string) => new Date(Date.parse(`${d}T00:00:00.000+08:00`) + 86_400_000 - 1).toISOString(),
) {
  return (req: Seen): Reply => {
    const url = new URL(req.url, 'http://x')
    const q = url.searchParams
    const from = q.get('from')
    const to = q.get('to')
    for (const [field, value] of [['from', from], ['to', to]] as const) {
      if (value !== null && !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
        return { status: 400, body: errorBody('invalid_argument', '请求参数有误', [{ field, reason: '日期格式必须是 YYYY-MM-DD' }]) }
      }
    }
    const page = Number(q.get('page') ?? 1)
    const pageSize = Number(q.get('pageSize') ?? 20)
    const matching = entries
      .filter((e) => (from === null || e.time >= dayStart(from)) && (to === null || e.time <= dayEnd(to)))
      .filter((e) => (q.get('username') ?? e.username) === e.username && (q.get('action') ?? e.action) === e.action)
      .reverse()
    return { status: 200, body: { items: matching.slice((page - 1) * pageSize, page * pageSize), total: matching.length } }
  }
}

/** The entries a user means by the China days `from`–`to`, newest first. */
function expected(from: string, to: string, keep: (e: AuditEntry) => boolean = () => true): AuditEntry[] {
  const start = Date.parse(`${from}T00:00:00.000+08:00`)
  const end = Date.parse(`${to}T00:00:00.000+08:00`) + 86_400_000
  return entries.filter((e) => Date.parse(e.time) >= start && Date.parse(e.time) < end && keep(e)).reverse()
}

/** Every page of a query, as the audit page would show them. */
async function allPages(query: AuditQuery, pageSize: number): Promise<{ items: AuditEntry[]; totals: number[] }> {
  const items: AuditEntry[] = []
  const totals: number[] = []
  for (let page = 1; page < 1000; page++) {
    const result = await listAudit({ ...query, page, pageSize })
    totals.push(result.total)
    expect(result.items.length).toBeLessThanOrEqual(pageSize)
    if (result.items.length === 0) break
    items.push(...result.items)
  }
  return { items, totals }
}

beforeAll(async () => {
  server = await startServer()
})
afterAll(() => server.close())
beforeEach(() => {
  server.seen.length = 0
  server.handle(auditServer())
  configureClient({ baseUrl: server.url, hooks: {} })
})

describe('audit log by China day', () => {
  it('holds the entries of one China day, from 00:00 to 24:00 Beijing time', async () => {
    const result = await listAudit({ from: '2026-11-30', to: '2026-11-30', page: 1, pageSize: 50 })
    const day = expected('2026-11-30', '2026-11-30')
    expect(result.total).toBe(day.length)
    expect(result.items).toEqual(day.slice(0, 50))
    // The newest is from just before midnight Beijing time, none from the next morning.
    expect(result.items[0]?.time).toBe('2026-11-30T15:58:17.000Z')
    const last = await listAudit({ from: '2026-11-30', to: '2026-11-30', page: Math.ceil(day.length / 50), pageSize: 50 })
    expect(last.items.at(-1)?.time).toBe('2026-11-29T16:00:00.000Z')
    // The server was only ever asked for dates.
    for (const s of server.seen) expect(new URL(s.url, 'http://x').searchParams.get('from') ?? '2026-01-01').toMatch(/^\d{4}-\d{2}-\d{2}$/)
  })

  it('pages through a range without gaps or repeats, at any page size', async () => {
    const want = expected('2026-11-30', '2026-12-01')
    for (const pageSize of [50, 37, 200]) {
      const { items, totals } = await allPages({ from: '2026-11-30', to: '2026-12-01' }, pageSize)
      expect(items).toEqual(want)
      expect(new Set(totals)).toEqual(new Set([want.length]))
    }
  })

  it('applies the user and action filters within the days', async () => {
    const keep = (e: AuditEntry) => e.username === 'chengguan' && e.action === 'auth.login'
    const { items, totals } = await allPages({ from: '2026-11-28', to: '2026-11-30', username: 'chengguan', action: 'auth.login' }, 50)
    expect(items).toEqual(expected('2026-11-28', '2026-11-30', keep))
    expect(totals[0]).toBe(items.length)
  })

  it('answers an empty page past the end, and nothing for days without entries', async () => {
    const total = expected('2026-11-30', '2026-11-30').length
    expect(await listAudit({ from: '2026-11-30', to: '2026-11-30', page: 100, pageSize: 50 })).toEqual({ items: [], total })
    expect(await listAudit({ from: '2027-01-01', to: '2027-01-02', page: 1, pageSize: 50 })).toEqual({ items: [], total: 0 })
  })

  it('asks the server once per page, passing the days as they are', async () => {
    await listAudit({ from: '2026-11-29', to: '2026-11-30', page: 2, pageSize: 50 })
    expect(server.seen).toHaveLength(1)
    const q = new URL(server.seen[0]!.url, 'http://x').searchParams
    expect([q.get('from'), q.get('to'), q.get('page'), q.get('pageSize')]).toEqual(['2026-11-29', '2026-11-30', '2', '50'])
  })
})
