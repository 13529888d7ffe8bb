// A visit's finding that needs action opens a request (诉求) with it: what the form checks of the
// request and sends; the request kept inside the queued visit, unchanged, and sent with it when the
// network is back; the server's reasons about the request ("request.categoryCode"…) at the form's
// fields, for a visit sent back after a while on the device; the catalogue kept on the device per
// account for the form to offer without a network, and what the form says when it has none.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { RequestAttribute, RequestCategory } from '@/api/requests'
import type { ResidentVisit } from '@/api/visits'
import { useUserStore } from '@/store/user'
import { configureClient, setCsrfToken } from '@/utils/request'
import { forgetSharedRequests } from '@/utils/shared-request'
import {
  blankDraft,
  catalogueText,
  draftOf,
  flushQueue,
  parseCatalogue,
  parseQueue,
  queueText,
  visitCategories,
  visitCategoryOptions,
  visitErrorField,
  visitFields,
  visitFormErrors,
  visitProblems,
  type QueuedVisit,
  type VisitDraft,
} from '@/utils/visits'
import { recordVisit } from '@/api/visits'
import { catalogueSetting, refreshCatalogue, useVisitCatalogue } from '@/views/residents/useVisitCatalogue'
import { useVisitQueue } from '@/views/residents/useVisitQueue'
import { MemoryStorage, errorBody, startServer, type TestServer } from './helpers'
import { memoryStore, residentVisit } from './visit-fixtures'

const TODAY = '2026-12-03'
const STREETLIGHT = { categoryCode: 'municipal.streetlight', description: '单元门口路灯不亮，老人夜间出入不便' }

function filled(overrides: Partial<VisitDraft> = {}): VisitDraft {
  return { ...blankDraft(TODAY), met: 'person', health: 'good', living: 'fair', safety: 'found', ...overrides }
}

function requesting(overrides: Partial<VisitDraft> = {}): VisitDraft {
  return filled({ requesting: true, requestCategory: STREETLIGHT.categoryCode, requestDescription: STREETLIGHT.description, ...overrides })
}

function queued(key: string, draft: VisitDraft = requesting()): QueuedVisit {
  return { key, personId: 7, personName: '张*三', fields: visitFields(key, draft), savedAt: '2026-12-03T02:00:00.000Z', state: 'pending' }
}

function answer(personId: number, requestId: number | null, replayed = false): ResidentVisit {
  return residentVisit(personId, TODAY, { id: 11, safety: 'found', requestId, replayed })
}

const POLE: RequestAttribute = { key: 'pole', label: '灯杆编号', labels: { zh: '灯杆编号', en: 'Pole number' }, type: 'text', required: false, choices: [] }
const HEAT: RequestAttribute = { key: 'temperature', label: '室内温度', labels: { zh: '室内温度', en: 'Temperature' }, type: 'number', required: true, choices: [] }

function category(code: string, parent: string | null, zh: string, en: string, extra: Partial<RequestCategory> = {}): RequestCategory {
  return {
    code,
    parent,
    name: zh,
    names: { zh, en },
    level: 5,
    timeLimit: 'general',
    timeLimitLabel: '一般',
    attributes: [],
    active: true,
    version: 1,
    ...extra,
  }
}

// As the server lists it: groups and their categories, in its order.
const CATALOGUE: RequestCategory[] = [
  category('municipal', null, '市政设施', 'Municipal facilities'),
  category('municipal.streetlight', 'municipal', '路灯', 'Street lights', { attributes: [POLE] }),
  category('municipal.road', 'municipal', '道路破损', 'Damaged roads', { level: 4 }),
  category('municipal.old', 'municipal', '旧分类', 'Withdrawn', { active: false }),
  category('utility', null, '水电气暖', 'Utilities'),
  category('utility.heating', 'utility', '供暖不热', 'Heating', { attributes: [HEAT] }),
  category('closed', null, '已停用分组', 'Withdrawn group', { active: false }),
  category('closed.any', 'closed', '停用分组下的分类', 'Under a withdrawn group'),
]

describe('the request in the visit form', () => {
  it('asks for a category and what needs doing, only when switched on', () => {
    expect(visitProblems(filled(), TODAY)).toEqual({})
    expect(visitProblems(filled({ requesting: true }), TODAY)).toEqual({ requestCategory: 'required', requestDescription: 'descriptionLength' })
    expect(visitProblems(requesting({ requestDescription: '   ' }), TODAY)).toEqual({ requestDescription: 'descriptionLength' })
    expect(visitProblems(requesting({ requestDescription: '灯'.repeat(2000) }), TODAY)).toEqual({})
    // Characters as the server counts them: an emoji is one.
    expect(visitProblems(requesting({ requestDescription: '💡'.repeat(2000) }), TODAY)).toEqual({})
    expect(visitProblems(requesting({ requestDescription: '灯'.repeat(2001) }), TODAY)).toEqual({ requestDescription: 'descriptionLength' })
    expect(visitProblems(requesting(), TODAY)).toEqual({})
    // Switched off again: what was chosen for it does not count.
    expect(visitProblems(filled({ requesting: false, requestCategory: '', requestDescription: '' }), TODAY)).toEqual({})
  })

  it('sends the request inside the visit as the server takes it, and reads it back', () => {
    const fields = visitFields('key-req-0001', requesting({ requestDescription: `  ${STREETLIGHT.description}\n` }))
    expect(fields.request).toEqual(STREETLIGHT)
    expect(draftOf(fields)).toEqual(requesting())
    // Switched off: nothing of it is sent, whatever was typed.
    const off = visitFields('key-req-0002', filled({ requesting: false, requestCategory: STREETLIGHT.categoryCode, requestDescription: '路灯不亮' }))
    expect(off).not.toHaveProperty('request')
    expect(draftOf(off)).toMatchObject({ requesting: false, requestCategory: '', requestDescription: '' })
    // With a referral too.
    const both = visitFields('key-req-0003', requesting({ referring: true, refer: 'subsistence', referReason: '老人患病' }))
    expect(both).toMatchObject({ refer: 'subsistence', referReason: '老人患病', request: STREETLIGHT })
  })
})

describe('the request in a visit kept on the device', () => {
  it('is kept as typed, and a damaged one is left out', () => {
    const a = queued('key-req-aaaa')
    const kept = parseQueue(queueText([a]))
    expect(kept).toEqual([a])
    expect(kept[0]?.fields.request).toEqual(STREETLIGHT)
    const damaged = { ...a, key: 'key-req-bbbb', fields: { ...a.fields, key: 'key-req-bbbb', request: { categoryCode: 7 } } }
    const noRequest = queued('key-req-cccc', filled())
    expect(parseQueue(JSON.stringify([damaged, noRequest])).map((q) => q.key)).toEqual(['key-req-cccc'])
  })
})

describe("the server's reasons about the request", () => {
  it('go to the fields of the form', () => {
    expect(visitErrorField('request.categoryCode')).toBe('requestCategory')
    // A question the category asks, which the form does not: the category is what to change.
    expect(visitErrorField('request.attributes.temperature')).toBe('requestCategory')
    expect(visitErrorField('request.attributes')).toBe('requestCategory')
    expect(visitErrorField('request.description')).toBe('requestDescription')
    expect(visitErrorField('request.lat')).toBe('point')
    expect(visitErrorField('request.unitCode')).toBe('request')
    expect(visitErrorField('health')).toBe('health')
    expect(
      visitFormErrors(
        [
          { field: 'health', reason: '应为以下之一：good, fair, poor' },
          { field: 'request.categoryCode', reason: '请选择诉求分类中的一项' },
          { field: 'request.attributes.temperature', reason: '室内温度为必填项' },
          { field: 'request.description', reason: '长度应为 1 至 2000 个字符' },
          { field: 'request.unitCode', reason: '不在您的管辖范围内' },
        ],
        '；',
      ),
    ).toEqual({
      health: '应为以下之一：good, fair, poor',
      requestCategory: '请选择诉求分类中的一项；室内温度为必填项',
      requestDescription: '长度应为 1 至 2000 个字符',
      request: '不在您的管辖范围内',
    })
  })
})

describe('a visit with a request sent from the device', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer()
  })
  afterAll(() => server.close())
  beforeEach(() => {
    server.seen.length = 0
    setCsrfToken('csrf-1')
    configureClient({ baseUrl: server.url, language: 'zh-CN', hooks: {} })
    setActivePinia(createPinia())
    globalThis.localStorage = new MemoryStorage()
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    vi.useRealTimers()
  })

  function signIn(username: string): void {
    useUserStore().$patch({ status: 'signedIn', user: { username } as never })
  }

  it('travels inside the queued body unchanged, and the page learns the request it opened', async () => {
    vi.useFakeTimers()
    vi.stubGlobal('navigator', { onLine: false })
    signIn('wangge1')
    const queue = useVisitQueue()
    const item = queued('key-req-dddd')
    expect((await queue.save(item)).outcome).toBe('waiting')
    const onDevice = JSON.parse(localStorage.getItem('shequ.residents.visits.queue.wangge1') ?? '[]') as QueuedVisit[]
    expect(onDevice[0]?.fields).toEqual(item.fields)
    expect(onDevice[0]?.fields.request).toEqual(STREETLIGHT)
    expect(server.seen).toHaveLength(0)

    // Back online: sent with the body it was kept with; the answer names the request opened.
    vi.stubGlobal('navigator', { onLine: true })
    server.handle(() => ({ status: 201, body: answer(7, 42) }))
    const round = await queue.flush()
    expect(round?.sent.map((q) => q.key)).toEqual(['key-req-dddd'])
    expect(server.seen).toHaveLength(1)
    expect(server.seen[0]?.url).toBe('/api/v1/residents/persons/7/visits')
    expect(JSON.parse(server.seen[0]?.body ?? '')).toEqual(item.fields)
    expect(queue.items.value).toEqual([])
    expect(queue.answer('key-req-dddd')?.requestId).toBe(42)
  })

  it('sent back with reasons about the request: they show at its fields when the visit is corrected', async () => {
    server.handle(() => ({
      status: 400,
      body: errorBody('invalid_argument', '参数错误', [
        { field: 'request.categoryCode', reason: '请选择诉求分类中的一项' },
        { field: 'request.description', reason: '长度应为 1 至 2000 个字符' },
      ]),
    }))
    const store = memoryStore([queued('key-req-eeee', requesting({ requestCategory: 'municipal.gone' }))])
    const result = await flushQueue(store, recordVisit)
    expect(result.refused.map((q) => q.key)).toEqual(['key-req-eeee'])
    const back = store.read()[0]!
    expect(back.state).toBe('rejected')
    // Reopened in the form: the request as it was typed, the reasons at its fields.
    expect(draftOf(back.fields)).toMatchObject({ requesting: true, requestCategory: 'municipal.gone', requestDescription: STREETLIGHT.description })
    expect(visitFormErrors(back.refusal?.details ?? [])).toEqual({
      requestCategory: '请选择诉求分类中的一项',
      requestDescription: '长度应为 1 至 2000 个字符',
    })
  })
})

describe('the request catalogue kept on the device', () => {
  it('keeps the categories a visit may open: active, without a required question, with their groups', () => {
    const items = visitCategories(CATALOGUE)
    expect(items.map((c) => c.code)).toEqual(['municipal', 'municipal.streetlight', 'municipal.road'])
    expect(items[1]).toEqual({ code: 'municipal.streetlight', parent: 'municipal', names: { zh: '路灯', en: 'Street lights' } })
  })

  it('is read back as kept; what cannot be read is none', () => {
    const kept = { fetchedAt: '2026-12-03T01:00:00.000Z', items: visitCategories(CATALOGUE) }
    expect(parseCatalogue(catalogueText(kept))).toEqual(kept)
    expect(parseCatalogue(null)).toBeNull()
    expect(parseCatalogue('{not json')).toBeNull()
    expect(parseCatalogue('[]')).toBeNull()
    expect(parseCatalogue(JSON.stringify({ fetchedAt: 1, items: [] }))).toBeNull()
    const damaged = JSON.stringify({ fetchedAt: kept.fetchedAt, items: [...kept.items, { code: 'x' }, null] })
    expect(parseCatalogue(damaged)).toEqual(kept)
  })

  it('is offered in the language of the page, each group with its categories', () => {
    const items = visitCategories(CATALOGUE)
    expect(visitCategoryOptions(items, 'zh-CN')).toEqual([
      {
        value: 'municipal',
        label: '市政设施',
        children: [
          { value: 'municipal.streetlight', label: '路灯' },
          { value: 'municipal.road', label: '道路破损' },
        ],
      },
    ])
    expect(visitCategoryOptions(items, 'en')[0]?.children?.[0]).toEqual({ value: 'municipal.streetlight', label: 'Street lights' })
    // A group kept without its categories (a damaged copy) is not offered empty.
    expect(visitCategoryOptions(items.slice(0, 1), 'zh-CN')).toEqual([])
  })
})

describe('the catalogue of each account', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer()
  })
  afterAll(() => server.close())
  beforeEach(() => {
    server.seen.length = 0
    forgetSharedRequests()
    configureClient({ baseUrl: server.url, language: 'zh-CN', hooks: {} })
    setActivePinia(createPinia())
    globalThis.localStorage = new MemoryStorage()
  })

  function signIn(username: string): void {
    useUserStore().$patch({ status: 'signedIn', user: { username } as never })
  }

  it('is read from the server when it can be, and kept under the account', async () => {
    server.handle(() => ({ status: 200, body: { items: CATALOGUE, total: CATALOGUE.length } }))
    signIn('wangge1')
    const catalogue = useVisitCatalogue()
    expect(catalogue.source.value).toBe('none')
    const loading = catalogue.load()
    expect(catalogue.source.value).toBe('loading')
    await loading
    expect(catalogue.source.value).toBe('server')
    expect(catalogue.items.value.map((c) => c.code)).toEqual(['municipal', 'municipal.streetlight', 'municipal.road'])
    expect(server.seen[0]?.url).toBe('/api/v1/requests/categories')
    const kept = parseCatalogue(localStorage.getItem(`shequ.${catalogueSetting('wangge1')}`))
    expect(kept?.items).toEqual(catalogue.items.value)
    expect(catalogue.fetchedAt.value).toBe(kept?.fetchedAt)

    // Another account on the same phone has a copy of its own (none yet).
    signIn('wangge2')
    expect(useVisitCatalogue().source.value).toBe('none')
  })

  it('is offered from the device without a network, saying when it was read; without a copy, says so', async () => {
    const kept = { fetchedAt: '2026-12-02T01:00:00.000Z', items: visitCategories(CATALOGUE) }
    localStorage.setItem(`shequ.${catalogueSetting('wangge1')}`, catalogueText(kept))
    // Nobody listening: no answer at all.
    configureClient({ baseUrl: 'http://127.0.0.1:1' })
    signIn('wangge1')
    const catalogue = useVisitCatalogue()
    // The copy is offered at once, before the server is asked.
    expect(catalogue.items.value).toEqual(kept.items)
    await catalogue.load()
    expect(catalogue.source.value).toBe('device')
    expect(catalogue.fetchedAt.value).toBe(kept.fetchedAt)
    expect(catalogue.items.value).toEqual(kept.items)
    expect(localStorage.getItem(`shequ.${catalogueSetting('wangge1')}`)).toBe(catalogueText(kept))

    signIn('wangge2')
    const none = useVisitCatalogue()
    await none.load()
    expect(none.source.value).toBe('none')
    expect(none.items.value).toEqual([])
  })

  it('is replaced by what the server says next, when it is read again', async () => {
    signIn('wangge1')
    localStorage.setItem(`shequ.${catalogueSetting('wangge1')}`, catalogueText({ fetchedAt: '2026-11-01T00:00:00.000Z', items: visitCategories(CATALOGUE) }))
    server.handle(() => ({ status: 200, body: { items: CATALOGUE.slice(0, 2), total: 2 } }))
    const kept = await refreshCatalogue('wangge1', () => new Date('2026-12-03T08:00:00.000Z'))
    expect(kept).toEqual({ fetchedAt: '2026-12-03T08:00:00.000Z', items: visitCategories(CATALOGUE.slice(0, 2)) })
    expect(parseCatalogue(localStorage.getItem(`shequ.${catalogueSetting('wangge1')}`))).toEqual(kept)
  })
})
