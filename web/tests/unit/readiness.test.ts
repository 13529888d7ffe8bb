// The incident report pages (灾情报送): the toll check the server makes (each of injured, dead and
// missing, and their sum, at most the affected), the summary's period (this year up to today in
// China time, unless the address says otherwise), the list's filters as the address carries them,
// which units report, the form to and from the API's body (and the server's reasons back at its
// fields), the calls the pages make, and where the pages sit.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { RouteRecordRaw } from 'vue-router'
import '@/router/types'
import { correctIncident, getIncidentSummary, listIncidents, reportIncident, type Incident } from '@/api/readiness'
import { consoleModules, moduleRoutes } from '@/modules/registry'
import { buildMenu, type MenuEntry } from '@/router/menu'
import {
  INCIDENT_FORM_FIELDS,
  dateFromQuery,
  defaultPeriod,
  emptyIncidentForm,
  filterFromQuery,
  inFuture,
  incidentBody,
  incidentFormOf,
  kindFromQuery,
  kindsInOrder,
  listQuery,
  mayReportFrom,
  periodFromQuery,
  queryOfFilter,
  queryOfPeriod,
  reportsWithin,
  tollOf,
  tollProblems,
} from '@/utils/readiness'
import { ApiError, configureClient } from '@/utils/request'
import { formRefusal } from '@/utils/volunteer'
import { errorBody, startServer, type TestServer } from './helpers'

const READ = 'readiness:incident:read'
const REPORT = 'readiness:incident:report'

const flood: Incident = {
  id: 5,
  version: 2,
  unit: '620102001001',
  unitName: '畅家巷社区居委会',
  kind: 'flood',
  kindLabel: '洪涝',
  occurredAt: '2026-07-20T06:30:00.000Z',
  place: '畅家巷 12 号楼一带',
  affected: 40,
  injured: 3,
  dead: 0,
  missing: 1,
  housesDamaged: 6,
  needs: '帐篷 20 顶',
  reportedByName: 'changjiaxiang',
  createdAt: '2026-07-20T07:00:00.000Z',
  updatedAt: '2026-07-20T09:00:00.000Z',
}

describe('the toll', () => {
  const toll = (affected: number, injured: number, dead: number, missing: number) => ({ affected, injured, dead, missing })

  it('adds up when the injured, dead and missing, each and together, are among the affected', () => {
    expect(tollProblems(toll(0, 0, 0, 0))).toEqual({})
    expect(tollProblems(toll(10, 4, 3, 3))).toEqual({})
    expect(tollProblems(toll(10, 10, 0, 0))).toEqual({})
  })

  it('says at its own field each of them that exceeds the affected, as the server does', () => {
    expect(tollProblems(toll(5, 6, 0, 0))).toEqual({ injured: { message: 'exceedsAffected', params: { count: 6, affected: 5 } } })
    expect(Object.keys(tollProblems(toll(2, 3, 4, 5)))).toEqual(['injured', 'dead', 'missing'])
    expect(tollProblems(toll(0, 0, 0, 1))).toEqual({ missing: { message: 'exceedsAffected', params: { count: 1, affected: 0 } } })
  })

  it('says at the affected when only their sum exceeds it (and not twice when one already does)', () => {
    expect(tollProblems(toll(10, 5, 4, 2))).toEqual({ affected: { message: 'sumExceedsAffected', params: { sum: 11, affected: 10 } } })
    expect(tollProblems(toll(10, 11, 4, 2)).affected).toBeUndefined()
  })

  it('counts a cleared box as 0, as the form sends it', () => {
    expect(tollOf({ affected: null, injured: 2, dead: null, missing: null })).toEqual({ affected: 0, injured: 2, dead: 0, missing: 0 })
    expect(tollProblems(tollOf({ affected: null, injured: 2, dead: null, missing: null })).injured?.message).toBe('exceedsAffected')
  })
})

describe("the summary's period", () => {
  it('is this year up to today in China time, whatever the browser', () => {
    expect(defaultPeriod(new Date('2026-07-20T06:30:00.000Z'))).toEqual(['2026-01-01', '2026-07-20'])
    // 31 December, 20:00 UTC is already New Year's Day in China.
    expect(defaultPeriod(new Date('2026-12-31T20:00:00.000Z'))).toEqual(['2027-01-01', '2027-01-01'])
    expect(defaultPeriod(new Date('2026-12-31T15:59:00.000Z'))).toEqual(['2026-01-01', '2026-12-31'])
  })

  it('comes from the address when both days are given, in order; else the default', () => {
    const now = new Date('2026-07-20T06:30:00.000Z')
    expect(periodFromQuery({ from: '2025-06-01', to: '2025-08-31' }, now)).toEqual(['2025-06-01', '2025-08-31'])
    expect(periodFromQuery({}, now)).toEqual(['2026-01-01', '2026-07-20'])
    expect(periodFromQuery({ from: '2025-06-01' }, now)).toEqual(['2026-01-01', '2026-07-20'])
    expect(periodFromQuery({ from: '2025-08-31', to: '2025-06-01' }, now)).toEqual(['2026-01-01', '2026-07-20'])
    expect(periodFromQuery({ from: '2025-02-30', to: '2025-03-01' }, now)).toEqual(['2026-01-01', '2026-07-20'])
    expect(periodFromQuery({ from: ['2025-06-01'], to: ['2025-06-02'] }, now)).toEqual(['2025-06-01', '2025-06-02'])
  })

  it('leaves the default out of the address, so that a link keeps meaning this year', () => {
    const now = new Date('2026-07-20T06:30:00.000Z')
    expect(queryOfPeriod(['2026-01-01', '2026-07-20'], now)).toEqual({ from: undefined, to: undefined })
    expect(queryOfPeriod(['2026-07-01', '2026-07-20'], now)).toEqual({ from: '2026-07-01', to: '2026-07-20' })
  })

  it('lists the kinds in the national classification order', () => {
    const lines = [{ kind: 'other' }, { kind: 'mystery' }, { kind: 'flood' }, { kind: 'drought' }]
    expect(kindsInOrder(lines).map((l) => l.kind)).toEqual(['drought', 'flood', 'other', 'mystery'])
  })
})

describe('the address of the list', () => {
  it('reads a unit, a kind the server knows and a range of real days', () => {
    expect(filterFromQuery({ unit: '620102001000', kind: 'flood', from: '2026-07-01', to: '2026-07-31' })).toEqual({
      unit: '620102001000',
      kind: 'flood',
      range: ['2026-07-01', '2026-07-31'],
    })
    expect(filterFromQuery({ unit: '620102001001001', kind: 'tsunami', from: '2026-07-31', to: '2026-07-01' })).toEqual({ unit: '', kind: '', range: null })
    expect(kindFromQuery(['hail'])).toBe('hail')
    expect(dateFromQuery('2026-13-01')).toBe('')
    expect(dateFromQuery('2028-02-29')).toBe('2028-02-29')
  })

  it('writes the filters back, leaving out what is empty', () => {
    const filter = { unit: '', kind: 'flood' as const, range: ['2026-07-01', '2026-07-31'] as [string, string] }
    expect(queryOfFilter(filter)).toEqual({ unit: undefined, kind: 'flood', from: '2026-07-01', to: '2026-07-31' })
    expect(filterFromQuery(queryOfFilter(filter))).toEqual(filter)
  })

  it('asks for the unit chosen, else the working unit (the Excel twin the same)', () => {
    expect(listQuery({ unit: '', kind: '', range: null }, '620102000000')).toEqual({ unit: '620102000000', kind: undefined, from: undefined, to: undefined })
    expect(listQuery({ unit: '620102001001', kind: 'flood', range: null }, '620102000000').unit).toBe('620102001001')
    expect(listQuery({ unit: '', kind: '', range: null }, null).unit).toBeUndefined()
  })
})

describe('the form', () => {
  it('is reported by a county, township, village, community or grid', () => {
    expect(['620000000000', '620100000000'].map(mayReportFrom)).toEqual([false, false])
    expect(['620102000000', '620102001000', '620102001001'].map(mayReportFrom)).toEqual([true, true, true])
    expect(mayReportFrom('620102001001001')).toBe(true)
  })

  it('is offered to every scope, a grid worker\'s included', () => {
    expect(reportsWithin(['620102001001'])).toBe(true)
    expect(reportsWithin(['620100000000'])).toBe(true)
    expect(reportsWithin(['620102001001001'])).toBe(true)
    expect(reportsWithin(['620102001001001', '620102001002'])).toBe(true)
    expect(reportsWithin([])).toBe(false)
  })

  it('starts with the working unit when it reports, now to the minute, nobody counted', () => {
    const now = new Date('2026-07-20T06:30:42.123Z')
    const form = emptyIncidentForm('620102001001', now)
    expect(form.unit).toBe('620102001001')
    expect(form.occurredAt?.toISOString()).toBe('2026-07-20T06:30:00.000Z')
    expect([form.affected, form.injured, form.dead, form.missing, form.housesDamaged]).toEqual([0, 0, 0, 0, 0])
    expect(emptyIncidentForm('620100000000', now).unit).toBe('')
  })

  it('goes to the API as a UTC time, texts trimmed; a report comes back the same', () => {
    const body = incidentBody({ ...incidentFormOf(flood), place: '  畅家巷 12 号楼一带 ', needs: ' 帐篷 20 顶\n' })
    expect(body).toEqual({
      unit: '620102001001',
      kind: 'flood',
      occurredAt: '2026-07-20T06:30:00.000Z',
      place: '畅家巷 12 号楼一带',
      affected: 40,
      injured: 3,
      dead: 0,
      missing: 1,
      housesDamaged: 6,
      needs: '帐篷 20 顶',
    })
    expect(incidentBody({ ...incidentFormOf(flood), occurredAt: null, affected: null }).occurredAt).toBe('')
  })

  it('refuses a time later than now, allowing a phone clock ten minutes fast', () => {
    const now = new Date('2026-07-20T06:30:00.000Z')
    expect(inFuture(new Date('2026-07-20T06:39:00.000Z'), now)).toBe(false)
    expect(inFuture(new Date('2026-07-20T06:41:00.000Z'), now)).toBe(true)
  })

  it("shows the server's reasons at their fields", () => {
    const error = new ApiError(400, {
      code: 'invalid_argument',
      message: '参数不合法',
      details: [
        { field: 'injured', reason: '受伤人数（6）不能多于受灾人数（5）' },
        { field: 'occurredAt', reason: '发生时间不能晚于现在' },
      ],
    })
    const refusal = formRefusal(error, INCIDENT_FORM_FIELDS)
    expect(refusal.fields).toEqual({ injured: '受伤人数（6）不能多于受灾人数（5）', occurredAt: '发生时间不能晚于现在' })
    expect(refusal.atFields).toBe(true)
  })
})

describe('the calls of the incident pages', () => {
  let server: TestServer

  beforeAll(async () => {
    server = await startServer()
    configureClient({ baseUrl: server.url, language: 'zh-CN', csrfToken: 'csrf-1' })
  })
  afterAll(() => server.close())
  beforeEach(() => {
    server.seen.length = 0
  })

  it('list by unit, kind and days, and ask the totals of a unit over a period', async () => {
    server.handle(() => ({ status: 200, body: { items: [], total: 0 } }))
    await listIncidents({ page: 1, pageSize: 20 })
    await listIncidents({ unit: '620102001000', kind: 'flood', from: '2026-07-01', to: '2026-07-31', page: 2, pageSize: 50 })
    await getIncidentSummary({ unit: '620102001000' })
    await getIncidentSummary({ unit: '620102001000', from: '2026-01-01', to: '2026-07-20' })
    expect(server.seen.map((s) => s.url)).toEqual([
      '/api/v1/readiness/incidents?page=1&pageSize=20',
      '/api/v1/readiness/incidents?unit=620102001000&kind=flood&from=2026-07-01&to=2026-07-31&page=2&pageSize=50',
      '/api/v1/readiness/incidents/summary?unit=620102001000',
      '/api/v1/readiness/incidents/summary?unit=620102001000&from=2026-01-01&to=2026-07-20',
    ])
  })

  it('report, and correct at the version last read; a stale correction is refused for the page', async () => {
    server.handle(() => ({ status: 200, body: flood }))
    const body = incidentBody(incidentFormOf(flood))
    await reportIncident(body)
    await correctIncident(5, { ...body, version: 2 })
    expect(server.seen.map((s) => `${s.method} ${s.url} ${s.headers['x-csrf-token']}`)).toEqual([
      'POST /api/v1/readiness/incidents csrf-1',
      'PUT /api/v1/readiness/incidents/5 csrf-1',
    ])
    expect(JSON.parse(server.seen[1]!.body)).toEqual({ ...body, version: 2 })

    server.handle(() => ({ status: 409, body: errorBody('conflict', '灾情报告已被他人续报，请刷新后重试') }))
    const stale = await correctIncident(5, { ...body, version: 1 }).catch((e: unknown) => e)
    expect((stale as ApiError).status).toBe(409)
  })
})

describe('the incident pages in the console', () => {
  const page = { render: () => null }
  const routes: RouteRecordRaw[] = [{ path: '', component: page, meta: { title: 'menu.home', menu: { order: 0 }, permission: 'org:unit:read' } }, ...moduleRoutes]
  const governance = (menu: MenuEntry[]) => menu.flatMap((e) => ('group' in e && e.group === 'governance' ? e.children.map((c) => c.path) : []))

  it('are guarded by the module permissions', () => {
    const byName = new Map(moduleRoutes.map((r) => [String(r.name), r]))
    expect(byName.get('incidents')?.meta?.permission).toBe(READ)
    expect(byName.get('incident-detail')?.meta?.permission).toBe(READ)
    expect(byName.get('incident-summary')?.meta?.permission).toBe(READ)
    expect(byName.get('incident-new')?.meta?.permission).toBe(REPORT)
    expect(byName.get('incident-correct')?.meta?.permission).toBe(REPORT)
  })

  it('sit in 基层治理 right after the warnings', () => {
    const worker = ['org:unit:read', 'alerts:alert:read', 'alerts:task:handle', READ, REPORT]
    expect(governance(buildMenu(routes, worker))).toEqual(['/org/unit', '/alerts', '/alerts/tasks', '/readiness/incidents', '/readiness/summary'])
  })

  it('read the kind a report names in the audit log, and the version a correction reached', () => {
    const readiness = consoleModules.find((m) => m.name === 'readiness')!
    const [report, correct] = readiness.auditDetailRules!
    expect(report!.pattern.test('flood')).toBe(true)
    expect(report!.pattern.test('version 2')).toBe(false)
    expect(correct!.params(correct!.pattern.exec('version 3')!, { role: (k) => k, message: (k) => k })).toEqual({ version: '3' })
  })
})
