// Home visits (入户走访): the key a device gives a visit; what the form checks before a visit is kept
// (it may be sent much later); the queue on the device and how an answer, a refusal or no answer at
// all moves a queued visit on (a replayed answer counts as sent: kept once); the queue per account;
// the calls as the server takes them; the care rules as the rules page edits them; the server's
// choices; the audit log's details.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import {
  CARE_INTERVALS,
  REFERRAL_KINDS,
  REFERRAL_STATUSES,
  VISIT_CONDITIONS,
  VISIT_MET,
  VISIT_NEEDS,
  VISIT_SAFETY,
  decideReferral,
  listOverdue,
  listReferrals,
  recordVisit,
  type ResidentCareRule,
  type ResidentVisit,
  type VisitFields,
} from '@/api/visits'
import { i18n } from '@/locales'
import { useUserStore } from '@/store/user'
import { ApiError, configureClient, setCsrfToken } from '@/utils/request'
import {
  applyResult,
  blankDraft,
  decisionProblem,
  draftOf,
  dropVisit,
  failureKind,
  flushQueue,
  intervalKey,
  isVisitKey,
  keyTaken,
  newVisitKey,
  ownRules,
  parseQueue,
  pendingVisits,
  putVisit,
  queueText,
  retryDelay,
  ruleRows,
  rulesChanged,
  rulesUnit,
  sendVisit,
  visitDateBounds,
  visitFields,
  visitFormErrors,
  visitProblems,
  type QueuedVisit,
  type VisitDraft,
} from '@/utils/visits'
import { useVisitQueue } from '@/views/residents/useVisitQueue'
import { auditDetail } from '@/views/system/audit/labels'
import { MemoryStorage, errorBody, startServer, type TestServer } from './helpers'
import { memoryStore, residentVisit } from './visit-fixtures'

const TODAY = '2026-12-03'

function filled(overrides: Partial<VisitDraft> = {}): VisitDraft {
  return { ...blankDraft(TODAY), met: 'person', health: 'good', living: 'fair', safety: 'none', ...overrides }
}

function queued(key: string, overrides: Partial<QueuedVisit> = {}): QueuedVisit {
  return {
    key,
    personId: 7,
    personName: '张*三',
    fields: visitFields(key, filled()),
    savedAt: '2026-12-03T02:00:00.000Z',
    state: 'pending',
    ...overrides,
  }
}

function visit(personId: number, replayed = false): ResidentVisit {
  return residentVisit(personId, TODAY, { replayed })
}

const network = () => new ApiError(0, { code: 'unavailable', message: '无法连接服务器', details: [] }, false)
const refused = (status: number, details: { field: string; reason: string }[] = []) =>
  new ApiError(status, { code: status === 409 ? 'conflict' : 'invalid_argument', message: '参数错误', details })

describe('visit keys', () => {
  it('are a UUID without its dashes, or 16 random bytes where there is no randomUUID', () => {
    expect(newVisitKey({ randomUUID: () => '123e4567-e89b-12d3-a456-426614174000' })).toBe('123e4567e89b12d3a456426614174000')
    const bytes = newVisitKey({ getRandomValues: <T extends ArrayBufferView | null>(a: T) => (new Uint8Array(a!.buffer).fill(0xab), a) } as never)
    expect(bytes).toBe('ab'.repeat(16))
    expect(() => newVisitKey({})).toThrow()
  })

  it('are taken by the server, and differ each time', () => {
    const keys = new Set(Array.from({ length: 200 }, () => newVisitKey()))
    expect(keys.size).toBe(200)
    for (const key of keys) expect(isVisitKey(key)).toBe(true)
    expect(isVisitKey('short')).toBe(false)
    expect(isVisitKey('a'.repeat(65))).toBe(false)
    expect(isVisitKey('has space1')).toBe(false)
    expect(isVisitKey('ok_key-12')).toBe(true)
  })
})

describe('the visit form', () => {
  it('asks for the four answers and a date the server takes', () => {
    expect(visitProblems(blankDraft(TODAY), TODAY)).toEqual({ met: 'required', health: 'required', living: 'required', safety: 'required' })
    expect(visitProblems(filled(), TODAY)).toEqual({})
    expect(visitDateBounds(TODAY)).toEqual({ min: '2026-09-04', max: TODAY })
    expect(visitProblems(filled({ visitedOn: '2026-09-04' }), TODAY)).toEqual({})
    expect(visitProblems(filled({ visitedOn: '2026-09-03' }), TODAY)).toEqual({ visitedOn: 'tooOld' })
    expect(visitProblems(filled({ visitedOn: '2026-12-04' }), TODAY)).toEqual({ visitedOn: 'future' })
    expect(visitProblems(filled({ visitedOn: '' }), TODAY)).toEqual({ visitedOn: 'required' })
  })

  it('counts a note and a reason in characters, as the server does', () => {
    expect(visitProblems(filled({ note: '好'.repeat(1000) }), TODAY)).toEqual({})
    expect(visitProblems(filled({ note: '😀'.repeat(1000) }), TODAY)).toEqual({})
    expect(visitProblems(filled({ note: '好'.repeat(1001) }), TODAY)).toEqual({ note: 'tooLong' })
  })

  it('asks a referral for its kind and the hardship found', () => {
    expect(visitProblems(filled({ referring: true }), TODAY)).toEqual({ refer: 'required', referReason: 'reasonLength' })
    expect(visitProblems(filled({ referring: true, refer: 'subsistence', referReason: ' 病 ' }), TODAY)).toEqual({ referReason: 'reasonLength' })
    expect(visitProblems(filled({ referring: true, refer: 'subsistence', referReason: '老人患病' }), TODAY)).toEqual({})
    // Switched off again: what was typed for it does not count.
    expect(visitProblems(filled({ referring: false, refer: 'subsistence', referReason: '' }), TODAY)).toEqual({})
  })

  it('sends what was answered, a referral only when asked for, and reads it back', () => {
    const plain = visitFields('key-0001', filled({ note: '  家中整洁 ', needs: ['meals', 'repair'] }))
    expect(plain).toEqual({ key: 'key-0001', visitedOn: TODAY, met: 'person', health: 'good', living: 'fair', safety: 'none', needs: ['meals', 'repair'], note: '家中整洁' })
    const dropped = visitFields('key-0001', filled({ referring: false, refer: 'subsistence', referReason: '老人患病' }))
    expect(dropped).not.toHaveProperty('refer')
    const full = visitFields('key-0002', filled({ referring: true, refer: 'special_hardship', referReason: ' 无人照料 ', point: { lat: 36.06, lon: 103.83 } }))
    expect(full).toMatchObject({ refer: 'special_hardship', referReason: '无人照料', lat: 36.06, lon: 103.83 })
    expect(draftOf(full)).toEqual(filled({ referring: true, refer: 'special_hardship', referReason: '无人照料', point: { lat: 36.06, lon: 103.83 } }))
    expect(() => visitFields('key-0003', blankDraft(TODAY))).toThrow()
  })

  it("puts the server's reasons at the form's fields", () => {
    expect(
      visitFormErrors(
        [
          { field: 'needs[1]', reason: '未知的需求' },
          { field: 'needs[3]', reason: '需求重复' },
          { field: 'lat', reason: '位置不在甘肃省内' },
          { field: 'visitedOn', reason: '走访日期不能晚于今天' },
        ],
        '；',
      ),
    ).toEqual({ needs: '未知的需求；需求重复', point: '位置不在甘肃省内', visitedOn: '走访日期不能晚于今天' })
  })
})

describe('the queue on the device', () => {
  it('is read back as kept, leaving out what cannot be read', () => {
    const a = queued('key-aaaa1')
    expect(parseQueue(queueText([a]))).toEqual([a])
    expect(parseQueue(null)).toEqual([])
    expect(parseQueue('{not json')).toEqual([])
    expect(parseQueue(JSON.stringify([a, { key: 'x' }, 42, { ...a, key: 'bad key!', fields: { ...a.fields, key: 'bad key!' } }]))).toEqual([a])
    expect(queueText([])).toBeNull()
  })

  it('keeps one entry per key: a correction replaces it in place', () => {
    const a = queued('key-aaaa1')
    const b = queued('key-bbbb2')
    const corrected = { ...a, fields: { ...a.fields, note: '更正' } }
    expect(putVisit([a, b], corrected)).toEqual([corrected, b])
    expect(putVisit([a], b)).toEqual([a, b])
    expect(dropVisit([a, b], a.key)).toEqual([b])
    expect(pendingVisits([a, { ...b, state: 'rejected' }])).toEqual([a])
  })

  it('waits on no answer, a busy or failing server or an ended session; a refusal is to be corrected', () => {
    expect(failureKind(network())).toBe('wait')
    expect(failureKind(new ApiError(500, { code: 'internal', message: '内部错误', details: [] }))).toBe('wait')
    expect(failureKind(new ApiError(503, { code: 'unavailable', message: '暂不可用', details: [] }))).toBe('wait')
    expect(failureKind(new ApiError(429, { code: 'rate_limited', message: '请求过多', details: [] }))).toBe('wait')
    expect(failureKind(new ApiError(401, { code: 'unauthenticated', message: '请登录', details: [] }))).toBe('wait')
    expect(failureKind(new TypeError('failed to fetch'))).toBe('wait')
    for (const status of [400, 403, 404, 409]) expect(failureKind(refused(status))).toBe('refused')
    expect(keyTaken({ status: 409, message: '', details: [{ field: 'key', reason: '该记录编号已用于另一次走访' }] })).toBe(true)
    expect(keyTaken({ status: 409, message: '该居民已迁出', details: [] })).toBe(false)
    expect(keyTaken(undefined)).toBe(false)
  })

  it('counts a replayed answer as sent', async () => {
    const result = await sendVisit(queued('key-aaaa1'), async (id) => visit(id, true))
    expect(result).toMatchObject({ outcome: 'sent', visit: { replayed: true } })
  })

  it('sends the oldest first and stops at the first visit that gets no answer', async () => {
    const store = memoryStore([queued('key-aaaa1'), queued('key-bbbb2', { personId: 8 }), queued('key-cccc3', { personId: 9 })])
    const sent: string[] = []
    const result = await flushQueue(store, async (id, fields) => {
      sent.push(fields.key)
      if (id === 8) throw network()
      return visit(id)
    })
    expect(sent).toEqual(['key-aaaa1', 'key-bbbb2'])
    expect(result.sent.map((q) => q.key)).toEqual(['key-aaaa1'])
    expect(result.waiting).toBe(true)
    expect(store.read().map((q) => [q.key, q.state])).toEqual([
      ['key-bbbb2', 'pending'],
      ['key-cccc3', 'pending'],
    ])

    // Back online: the rest goes, and a visit whose first answer was lost comes back replayed, kept once.
    const again = await flushQueue(store, async (id) => visit(id, id === 8))
    expect(again.sent.map((q) => q.key)).toEqual(['key-bbbb2', 'key-cccc3'])
    expect(again.waiting).toBe(false)
    expect(store.read()).toEqual([])
  })

  it('marks a refused visit with the reasons and goes on with the others', async () => {
    const store = memoryStore([queued('key-aaaa1'), queued('key-bbbb2', { personId: 8 })])
    const result = await flushQueue(store, async (id) => {
      if (id === 7) throw refused(400, [{ field: 'visitedOn', reason: '只能补录 90 天内的走访' }])
      return visit(id)
    })
    expect(result.refused.map((q) => q.key)).toEqual(['key-aaaa1'])
    expect(result.sent.map((q) => q.key)).toEqual(['key-bbbb2'])
    const [left] = store.read()
    expect(left).toMatchObject({ key: 'key-aaaa1', state: 'rejected', refusal: { status: 400, details: [{ field: 'visitedOn' }] } })
    // Not sent again until corrected.
    const calls = vi.fn(async (id: number) => visit(id))
    await flushQueue(store, calls)
    expect(calls).not.toHaveBeenCalled()
  })

  it('sends nothing while the device knows it is offline', async () => {
    const store = memoryStore([queued('key-aaaa1')])
    const send = vi.fn(async (id: number) => visit(id))
    const result = await flushQueue(store, send, () => false)
    expect(send).not.toHaveBeenCalled()
    expect(result).toEqual({ sent: [], refused: [], waiting: true })
    expect(store.read()).toHaveLength(1)
  })

  it('keeps a correction made while the old version was being refused, and never brings back one given up', async () => {
    const a = queued('key-aaaa1')
    const store = memoryStore([a])
    const corrected = { ...a, fields: { ...a.fields, note: '更正后' } }
    store.write(putVisit(store.read(), corrected))
    applyResult(store, a, { outcome: 'refused', refusal: { status: 400, message: '参数错误', details: [] } })
    expect(store.read()).toEqual([corrected])

    store.write([])
    applyResult(store, a, { outcome: 'refused', refusal: { status: 400, message: '参数错误', details: [] } })
    expect(store.read()).toEqual([])
  })

  it('waits longer after each round without a network, five minutes at most', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10].map(retryDelay)).toEqual([15, 15, 30, 60, 120, 240, 300, 300])
  })
})

describe('the queue of each account', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    globalThis.localStorage = new MemoryStorage()
    vi.stubGlobal('navigator', { onLine: false })
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    vi.useRealTimers()
  })

  function signIn(username: string): void {
    useUserStore().$patch({ status: 'signedIn', user: { username } as never })
  }

  it('keeps a visit saved offline under the account, sends nothing, and shows it to that account only', async () => {
    vi.useFakeTimers()
    signIn('wangge1')
    const queue = useVisitQueue()
    const result = await queue.save(queued('key-aaaa1'))
    expect(result.outcome).toBe('waiting')
    expect(queue.pending.value).toBe(1)
    expect(JSON.parse(localStorage.getItem('shequ.residents.visits.queue.wangge1') ?? '[]')).toHaveLength(1)

    signIn('wangge2')
    const other = useVisitQueue()
    expect(other.pending.value).toBe(0)
    expect(other.items.value).toEqual([])

    signIn('wangge1')
    const back = useVisitQueue()
    expect(back.items.value.map((q) => q.key)).toEqual(['key-aaaa1'])
    back.discard('key-aaaa1')
    expect(back.items.value).toEqual([])
    expect(localStorage.getItem('shequ.residents.visits.queue.wangge1')).toBeNull()
  })

  it('sends nothing while nobody is signed in', async () => {
    localStorage.setItem('shequ.residents.visits.queue.wangge1', queueText([queued('key-aaaa1')])!)
    vi.stubGlobal('navigator', { onLine: true })
    const queue = useVisitQueue()
    expect(await queue.flush()).toBeNull()
    expect(queue.items.value).toEqual([])
  })
})

describe('the calls', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer()
  })
  afterAll(() => server.close())
  beforeEach(() => {
    server.seen.length = 0
    setCsrfToken('csrf-1')
    configureClient({ baseUrl: server.url, language: 'zh-CN', hooks: {} })
  })

  it('record a visit with its key, and take a replayed answer as the visit', async () => {
    const fields: VisitFields = visitFields('a1b2c3d4e5f6', filled({ needs: ['medical'] }))
    server.handle(() => ({ status: 200, body: visit(7, true) }))
    const answer = await recordVisit(7, fields)
    expect(answer.replayed).toBe(true)
    const sent = server.seen[0]
    expect(sent?.method).toBe('POST')
    expect(sent?.url).toBe('/api/v1/residents/persons/7/visits')
    expect(sent?.headers['x-csrf-token']).toBe('csrf-1')
    expect(JSON.parse(sent?.body ?? '')).toEqual(fields)
  })

  it('keep a visit refused by the server with its reasons, and one that got no answer as it was', async () => {
    server.handle(() => ({ status: 400, body: errorBody('invalid_argument', '参数错误', [{ field: 'met', reason: '应为以下之一：person, family, nobody' }]) }))
    const store = memoryStore([queued('key-aaaa1')])
    const result = await flushQueue(store, recordVisit)
    expect(result.refused).toHaveLength(1)
    expect(store.read()[0]?.refusal?.details).toEqual([{ field: 'met', reason: '应为以下之一：person, family, nobody' }])

    // Nobody listening: no answer at all.
    configureClient({ baseUrl: 'http://127.0.0.1:1' })
    const offline = memoryStore([queued('key-bbbb2')])
    const none = await flushQueue(offline, recordVisit)
    expect(none.waiting).toBe(true)
    expect(offline.read()[0]?.state).toBe('pending')
  })

  it('leave out of the query a unit and a state not chosen', async () => {
    server.handle(() => ({ status: 200, body: { items: [], total: 0 } }))
    await listOverdue({ unit: '', page: 1, pageSize: 20 })
    await listOverdue({ unit: '620102001001', page: 2, pageSize: 50 })
    await listReferrals({ status: '', page: 1, pageSize: 20 })
    await listReferrals({ status: 'referred', page: 1, pageSize: 20 })
    expect(server.seen.map((s) => s.url)).toEqual([
      '/api/v1/residents/visits/overdue?page=1&pageSize=20',
      '/api/v1/residents/visits/overdue?unit=620102001001&page=2&pageSize=50',
      '/api/v1/residents/referrals?page=1&pageSize=20',
      '/api/v1/residents/referrals?status=referred&page=1&pageSize=20',
    ])
  })

  it('decide a referral with the version last read', async () => {
    server.handle(() => ({ status: 409, body: errorBody('conflict', '该转介已被他人办理，请刷新后重试') }))
    await expect(decideReferral(3, { version: 2, status: 'granted', reason: '已纳入低保' })).rejects.toMatchObject({ status: 409 })
    expect(JSON.parse(server.seen[0]?.body ?? '')).toEqual({ version: 2, status: 'granted', reason: '已纳入低保' })
    expect(server.seen[0]?.url).toBe('/api/v1/residents/referrals/3/decision')
  })
})

describe('referral decisions', () => {
  it('need grounds for a result, not for taking a referral up', () => {
    expect(decisionProblem('under_assessment', '')).toBeNull()
    expect(decisionProblem('under_assessment', '好'.repeat(201))).toBe('reasonLength')
    expect(decisionProblem('granted', ' 好 ')).toBe('reasonLength')
    expect(decisionProblem('refused', '收入高于标准')).toBeNull()
    expect(decisionProblem('granted', '好'.repeat(200))).toBeNull()
  })
})

describe('care rules', () => {
  const PROVINCE = '620000000000'
  const CITY = '620100000000'
  const items: ResidentCareRule[] = [
    { tag: 'living_alone', label: '独居老人', everyMonths: 1, setAt: null },
    { tag: 'empty_nest', label: '空巢老人', everyMonths: 3, setAt: PROVINCE },
    { tag: 'disability', label: '残疾人', everyMonths: 3, setAt: CITY },
  ]

  it("are a unit's own where set there, and sent whole", () => {
    const rows = ruleRows(items, CITY)
    expect(rows.map((r) => r.own)).toEqual([false, false, true])
    expect(ownRules(rows)).toEqual([{ tag: 'disability', everyMonths: 3 }])
    expect(rulesChanged(rows, ruleRows(items, CITY))).toBe(false)

    const edited = rows.map((r) => ({ ...r }))
    edited[0] = { ...edited[0]!, everyMonths: 3, own: true }
    expect(ownRules(edited)).toEqual([
      { tag: 'living_alone', everyMonths: 3 },
      { tag: 'disability', everyMonths: 3 },
    ])
    expect(rulesChanged(edited, rows)).toBe(true)
    // Given back to the province: nothing of the city's own.
    edited[2] = { ...edited[2]!, own: false }
    edited[0] = { ...edited[0]!, own: false, everyMonths: 1 }
    expect(ownRules(edited)).toEqual([])
    expect(rulesChanged(edited, rows)).toBe(true)
  })

  it('are read and set at the province or a city', () => {
    expect(rulesUnit(PROVINCE)).toBe(PROVINCE)
    expect(rulesUnit(CITY)).toBe(CITY)
    expect(rulesUnit('620102000000')).toBe(CITY)
    expect(rulesUnit('620102001001')).toBe(CITY)
    expect(rulesUnit('620102001001001')).toBe(CITY)
    expect([0, 1, 3].map(intervalKey)).toEqual(['none', 'monthly', 'quarterly'])
  })
})

describe("the server's choices", () => {
  const api = JSON.parse(readFileSync(fileURLToPath(new URL('../../src/api/generated/openapi.json', import.meta.url)), 'utf8')) as {
    components: { schemas: Record<string, { properties: Record<string, { enum?: unknown[]; items?: { enum?: unknown[] } }> }> }
  }
  const enumOf = (schema: string, property: string) => api.components.schemas[schema]?.properties[property]?.enum
  it('are those of the API description, in its order', () => {
    expect([...VISIT_MET]).toEqual(enumOf('ResidentVisit', 'met'))
    expect([...VISIT_CONDITIONS]).toEqual(enumOf('ResidentVisit', 'health'))
    expect([...VISIT_CONDITIONS]).toEqual(enumOf('ResidentVisit', 'living'))
    expect([...VISIT_SAFETY]).toEqual(enumOf('ResidentVisit', 'safety'))
    expect([...VISIT_NEEDS]).toEqual(api.components.schemas.ResidentVisit?.properties.needs?.items?.enum)
    expect([...REFERRAL_KINDS]).toEqual(enumOf('ResidentReferral', 'kind'))
    expect([...REFERRAL_STATUSES]).toEqual(enumOf('ResidentReferral', 'status'))
    expect([...CARE_INTERVALS]).toEqual(enumOf('ResidentCareRule', 'everyMonths'))
  })
})

describe('the audit log', () => {
  afterEach(() => {
    i18n.global.locale.value = 'zh-CN'
  })

  it('reads the details of visits, referrals and rules in the reader’s language', () => {
    expect(auditDetail('residents.visit.record', 'resident 7 on 2026-12-01')).toBe('居民 7，走访日期 2026-12-01')
    expect(auditDetail('residents.visit.read', '3 visits')).toBe('查看 3 条走访记录')
    expect(auditDetail('residents.referral.create', 'subsistence for resident 7')).toBe('居民 7 转介低保审核')
    expect(auditDetail('residents.referral.create', 'special_hardship for resident 7')).toBe('居民 7 转介特困供养审核')
    expect(auditDetail('residents.referral.decide', 'granted')).toBe('办结：已纳入')
    expect(auditDetail('residents.rules.update', 'defaults')).toBe('恢复为上一级的设置')
    // A list of rules stays as written.
    expect(auditDetail('residents.rules.update', 'living_alone=1')).toBe('living_alone=1')
    i18n.global.locale.value = 'en'
    expect(auditDetail('residents.referral.decide', 'under_assessment')).toBe('Taken up: under assessment')
  })
})
