// The bought services pages (政府购买社区服务): the contracts list's filters as the address carries
// them and what its Excel list takes, the grade a score gives, completion on a bar, what a
// contract's page offers to whom, where a service record may be made, the contract dialog to the
// API's body and back, the candidate providers it searches and the surveys it offers, the calls the pages make, the words
// for the server's codes, and where the pages sit (the evaluations' to-do among them).
import { ref } from 'vue'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { RouteRecordRaw } from 'vue-router'
import '@/router/types'
import {
  createContract,
  createRecord,
  evaluateContract,
  getContract,
  getProvider,
  listCandidates,
  listContracts,
  listProviders,
  listRecords,
  updateContract,
  voidRecord,
  type Candidate,
  type Contract,
} from '@/api/services'
import type { Question, SurveySummary } from '@/api/surveys'
import { i18n } from '@/locales'
import { moduleRoutes, todoTargets } from '@/modules/registry'
import { buildMenu, type MenuEntry } from '@/router/menu'
import { ApiError, configureClient } from '@/utils/request'
import {
  CONTRACT_FORM_FIELDS,
  completionBar,
  contractBody,
  contractFilterFromQuery,
  contractFormOf,
  contractListQuery,
  contractSteps,
  countyOf,
  defaultRecordUnit,
  emptyContractForm,
  fixedOnceRecorded,
  gradeOf,
  gradeTag,
  idFromQuery,
  mayVoid,
  phaseTag,
  providerOfContract,
  queryOfContractFilter,
  rootsWithin,
  ratingQuestions,
  surveyChoices,
  yuanFigure,
} from '@/utils/services'
import { formRefusal } from '@/utils/volunteer'
import { CANDIDATE_PAGE_SIZE, useProviderCandidates } from '@/views/services/useProviderCandidates'
import { useServicesLabels } from '@/views/services/useServicesLabels'
import { mountComposable, startServer, type TestServer } from './helpers'

const READ = 'services:contract:read'
const WRITE = 'services:contract:write'
const RECORD = 'services:record:write'

const STREET = '620102001000'
const COMMUNITY = '620102001001'

const running: Contract = {
  id: 7,
  unit: STREET,
  unitName: '酒泉路街道',
  organisationId: 3,
  organisationName: '兰州市城关区幸福家园社会工作服务中心',
  organisationKind: 'private_non_enterprise',
  organisationKindLabel: '社会服务机构（民办非企业单位）',
  title: '社区助餐配送服务',
  category: 'meals',
  categoryLabel: '助餐配餐',
  content: '为辖区高龄独居老人每日配送午餐',
  targetText: '每日配送 60 份',
  targetPeople: 6000,
  amountFen: 36_000_050,
  fundingSource: '区级财政',
  startsOn: '2026-09-01',
  endsOn: '2027-03-31',
  surveyId: 12,
  surveyTitle: '城关区 2026 年社区服务满意度调查',
  surveyQuestion: 'overall',
  surveyQuestionTitle: '总体满意度',
  state: 'active',
  stateLabel: '履行中',
  phase: 'running',
  phaseLabel: '服务中',
  records: 8,
  peopleServed: 480,
  completion: 8,
  score: null,
  grade: '',
  gradeLabel: '',
  satisfactionMean: null,
  createdByName: '酒泉路街道办事处 刘洋',
  createdAt: '2026-08-20T02:00:00Z',
  updatedAt: '2026-08-20T02:00:00Z',
  version: 1,
}

afterEach(() => {
  i18n.global.locale.value = 'zh-CN'
})

describe('the contracts list', () => {
  it("opens filtered as the evaluations' to-do links it: the contracts awaiting theirs", () => {
    const target = todoTargets['services.evaluation.due']!.to as { name: string; query: Record<string, string> }
    expect(target.name).toBe('services-contracts')
    expect(moduleRoutes.some((r) => r.name === target.name)).toBe(true)
    expect(contractFilterFromQuery(target.query)).toEqual({ unit: '', year: null, organisation: null, phase: 'ended' })
  })

  it('reads a unit, a year, a provider and a phase the server knows, and nothing else', () => {
    expect(contractFilterFromQuery({ unit: STREET, year: '2026', organisation: '3', phase: 'running' })).toEqual({ unit: STREET, year: 2026, organisation: 3, phase: 'running' })
    expect(contractFilterFromQuery({ unit: '6201', year: '26', organisation: '0', phase: 'lost' })).toEqual({ unit: '', year: null, organisation: null, phase: '' })
    expect(contractFilterFromQuery({ organisation: ['12'], phase: ['evaluated'] })).toMatchObject({ organisation: 12, phase: 'evaluated' })
    expect(idFromQuery('3.5')).toBeNull()
    expect(idFromQuery('99999999999999999')).toBeNull()
  })

  it('writes the address back without what is empty, and reads it again the same', () => {
    const filter = { unit: STREET, year: 2026, organisation: 3, phase: 'ended' as const }
    expect(queryOfContractFilter(filter)).toEqual({ unit: STREET, year: '2026', organisation: '3', phase: 'ended' })
    expect(contractFilterFromQuery(queryOfContractFilter(filter))).toEqual(filter)
    expect(queryOfContractFilter({ unit: '', year: null, organisation: null, phase: '' })).toEqual({ unit: undefined, year: undefined, organisation: undefined, phase: undefined })
  })

  it('asks for the unit chosen, else the working unit', () => {
    const filter = { unit: '', year: 2026, organisation: 3, phase: 'running' as const }
    expect(contractListQuery(filter, STREET)).toEqual({ unit: STREET, year: 2026, organisation: 3, phase: 'running' })
    expect(contractListQuery({ ...filter, unit: COMMUNITY }, STREET).unit).toBe(COMMUNITY)
    expect(contractListQuery({ unit: '', year: null, organisation: null, phase: '' }, null)).toEqual({ unit: undefined, year: undefined, organisation: undefined, phase: undefined })
  })
})

describe('grades, phases and completion', () => {
  it('grades a score as the server does: 90 优秀, 80 良好, 60 合格, below 不合格', () => {
    expect([100, 90, 89, 80, 79, 60, 59, 0].map(gradeOf)).toEqual(['excellent', 'excellent', 'good', 'good', 'pass', 'pass', 'fail', 'fail'])
    expect(gradeOf(88)).toBe('good')
  })

  it('colours grades and phases', () => {
    expect(['excellent', 'good', 'pass', 'fail'].map(gradeTag)).toEqual(['success', 'primary', 'warning', 'danger'])
    expect(['upcoming', 'running', 'ended', 'evaluated'].map(phaseTag)).toEqual(['info', 'primary', 'warning', 'success'])
  })

  it('fills a bar up to 100 however far past its target a contract has come', () => {
    expect(completionBar(8)).toBe(8)
    expect(completionBar(135)).toBe(100)
    expect(completionBar(-1)).toBe(0)
    expect(completionBar(Number.NaN)).toBe(0)
  })

  it('writes amounts under a column in yuan without the sign, to the fen', () => {
    expect(yuanFigure(36_000_050)).toBe('360,000.50')
    expect(yuanFigure(5)).toBe('0.05')
  })
})

describe("a contract's page", () => {
  const everything = { write: true, record: true }

  it('is changed while active, evaluated once ended, recorded on once begun', () => {
    expect(contractSteps(running, everything)).toEqual({ edit: true, evaluate: false, record: true })
    expect(contractSteps({ state: 'active', phase: 'upcoming' }, everything)).toEqual({ edit: true, evaluate: false, record: false })
    expect(contractSteps({ state: 'active', phase: 'ended' }, everything)).toEqual({ edit: true, evaluate: true, record: true })
    expect(contractSteps({ state: 'evaluated', phase: 'evaluated' }, everything)).toEqual({ edit: false, evaluate: false, record: false })
  })

  it('offers each step only to those the server lets take it', () => {
    expect(contractSteps({ state: 'active', phase: 'ended' }, { write: false, record: true })).toEqual({ edit: false, evaluate: false, record: true })
    expect(contractSteps({ state: 'active', phase: 'ended' }, { write: true, record: false })).toEqual({ edit: true, evaluate: true, record: false })
  })

  it('voids a record once, while the contract is not evaluated, for those who record', () => {
    expect(mayVoid({ voided: false }, { state: 'active' }, true)).toBe(true)
    expect(mayVoid({ voided: true }, { state: 'active' }, true)).toBe(false)
    expect(mayVoid({ voided: false }, { state: 'evaluated' }, true)).toBe(false)
    expect(mayVoid({ voided: false }, { state: 'active' }, false)).toBe(false)
  })

  it('keeps the unit and provider once the contract has records', () => {
    expect(fixedOnceRecorded(running)).toBe(true)
    expect(fixedOnceRecorded({ records: 0 })).toBe(false)
    expect(fixedOnceRecorded(null)).toBe(false)
  })
})

describe('where a service record is made', () => {
  it("searches the contract's unit when the caller's scope holds it", () => {
    expect(rootsWithin(STREET, ['620102000000'])).toEqual([STREET])
    expect(rootsWithin(STREET, [STREET])).toEqual([STREET])
  })

  it("searches the caller's own units within it otherwise: a community of the street's contract", () => {
    expect(rootsWithin(STREET, [COMMUNITY])).toEqual([COMMUNITY])
    expect(rootsWithin(STREET, [COMMUNITY, '620102002001'])).toEqual([COMMUNITY])
    expect(rootsWithin(STREET, ['620102002001'])).toEqual([])
  })

  it('names the working unit first when it lies there, else the first root', () => {
    expect(defaultRecordUnit([STREET], COMMUNITY)).toBe(COMMUNITY)
    expect(defaultRecordUnit([STREET], '620102002000')).toBe(STREET)
    expect(defaultRecordUnit([COMMUNITY], null)).toBe(COMMUNITY)
    expect(defaultRecordUnit([], STREET)).toBe('')
  })
})

describe('the contract dialog', () => {
  it("knows the buying unit's county, where a provider stays when another unit of it is chosen", () => {
    expect(countyOf(STREET)).toBe('620102000000')
    expect(countyOf('620102000000')).toBe('620102000000')
    expect(countyOf('620100000000')).toBe('')
    expect(countyOf('620102001001001')).toBe('')
  })

  it("shows a contract's provider by its name and kind until the candidates found hold it", () => {
    expect(providerOfContract(running)).toEqual({ id: 3, name: running.organisationName, kind: 'private_non_enterprise', kindLabel: '社会服务机构（民办非企业单位）', areaName: '' })
  })

  it('offers the surveys of the unit, above it or within it, never a draft; their rating questions', () => {
    const survey = (id: number, unit: string, status: SurveySummary['status']) => ({ id, unit, status }) as SurveySummary
    const surveys = [survey(1, '620102000000', 'closed'), survey(2, COMMUNITY, 'open'), survey(3, '620103000000', 'open'), survey(4, STREET, 'draft')]
    expect(surveyChoices(surveys, STREET).map((s) => s.id)).toEqual([1, 2])
    expect(surveyChoices(surveys, '').map((s) => s.id)).toEqual([1, 2, 3])
    const question = (id: string, kind: Question['kind']): Question => ({ id, kind, title: id, required: true, options: [], showIf: null })
    expect(ratingQuestions([question('age', 'single'), question('overall', 'rating'), question('note', 'text'), question('meals', 'rating')]).map((q) => q.id)).toEqual(['overall', 'meals'])
  })

  it('sends what was typed, the amount in fen, texts trimmed; no survey, no question', () => {
    const form = {
      ...emptyContractForm(STREET, '2026-09-01'),
      organisationId: 3,
      title: ' 社区助餐配送服务 ',
      category: 'meals' as const,
      content: '配送午餐',
      targetText: '每日 60 份',
      targetPeople: 6000,
      amount: '360000.50',
      fundingSource: ' 区级财政 ',
      endsOn: '2027-03-31',
      surveyId: null,
      surveyQuestion: 'overall',
    }
    expect(contractBody(form, 36_000_050)).toEqual({
      unit: STREET,
      organisationId: 3,
      title: '社区助餐配送服务',
      category: 'meals',
      content: '配送午餐',
      targetText: '每日 60 份',
      targetPeople: 6000,
      amountFen: 36_000_050,
      fundingSource: '区级财政',
      startsOn: '2026-09-01',
      endsOn: '2027-03-31',
      surveyId: null,
      surveyQuestion: '',
    })
  })

  it('leaves what was not chosen to the server, which refuses it at its field', () => {
    const body = contractBody(emptyContractForm('', '2026-09-01'), 0)
    expect(body).toMatchObject({ unit: '', organisationId: 0, targetPeople: 0, endsOn: '', surveyId: null, surveyQuestion: '' })
  })

  it('reads a contract back into the form as it was typed, the amount in yuan', () => {
    const form = contractFormOf(running)
    expect(form).toMatchObject({ unit: STREET, organisationId: 3, category: 'meals', amount: '360000.50', surveyId: 12, surveyQuestion: 'overall' })
    expect(contractBody(form, running.amountFen)).toMatchObject({ amountFen: running.amountFen, surveyId: 12, surveyQuestion: 'overall' })
  })

  it("shows the server's reasons at their fields: the amount at the amount, the period at its end", () => {
    const error = new ApiError(400, {
      code: 'invalid_argument',
      message: '参数不合法',
      details: [
        { field: 'endsOn', reason: '结束日期不能早于开始日期' },
        { field: 'amountFen', reason: '金额应大于 0' },
      ],
    })
    const refusal = formRefusal(error, CONTRACT_FORM_FIELDS)
    expect(refusal.fields).toEqual({ endsOn: '结束日期不能早于开始日期', amountFen: '金额应大于 0' })
    expect(refusal.atFields).toBe(true)
  })
})

describe('the calls of the bought services pages', () => {
  let server: TestServer

  beforeAll(async () => {
    server = await startServer()
    configureClient({ baseUrl: server.url, language: 'zh-CN', csrfToken: 'csrf-1' })
  })
  afterAll(() => server.close())
  beforeEach(() => {
    server.seen.length = 0
  })

  it('list contracts, records and providers by their filters, leaving out what is empty', async () => {
    server.handle(() => ({ status: 200, body: { items: [], total: 0 } }))
    await listContracts({ page: 1, pageSize: 20 })
    await listContracts({ unit: STREET, year: 2026, organisation: 3, phase: 'ended', page: 2, pageSize: 50 })
    await listRecords(7, { page: 1, pageSize: 20 })
    await listProviders({ unit: STREET, page: 1, pageSize: 20 })
    expect(server.seen.map((s) => s.url)).toEqual([
      '/api/v1/services/contracts?page=1&pageSize=20',
      '/api/v1/services/contracts?unit=620102001000&year=2026&organisation=3&phase=ended&page=2&pageSize=50',
      '/api/v1/services/contracts/7/records?page=1&pageSize=20',
      '/api/v1/services/providers?unit=620102001000&page=1&pageSize=20',
    ])
  })

  it('add, change, record, void and evaluate with the CSRF token', async () => {
    server.handle(() => ({ status: 200, body: {} }))
    const body = contractBody(contractFormOf(running), running.amountFen)
    await getContract(7)
    await getProvider(3)
    await createContract(body)
    await updateContract(7, { ...body, version: 1 })
    await createRecord(7, { servedOn: '2026-10-08', unit: COMMUNITY, place: '日间照料中心', content: '配送午餐', peopleServed: 60 })
    await voidRecord(31, '重复登记')
    await evaluateContract(7, { version: 2, score: 88, comment: '按计划完成' })
    expect(server.seen.map((s) => `${s.method} ${s.url} ${s.method === 'GET' ? '' : s.headers['x-csrf-token']}`.trim())).toEqual([
      'GET /api/v1/services/contracts/7',
      'GET /api/v1/services/providers/3',
      'POST /api/v1/services/contracts csrf-1',
      'PUT /api/v1/services/contracts/7 csrf-1',
      'POST /api/v1/services/contracts/7/records csrf-1',
      'POST /api/v1/services/records/31/void csrf-1',
      'POST /api/v1/services/contracts/7/evaluation csrf-1',
    ])
    expect(JSON.parse(server.seen[3]!.body)).toMatchObject({ version: 1, amountFen: running.amountFen })
    expect(JSON.parse(server.seen[5]!.body)).toEqual({ reason: '重复登记' })
    expect(JSON.parse(server.seen[6]!.body)).toEqual({ version: 2, score: 88, comment: '按计划完成' })
  })
})

describe("the contract dialog's providers", () => {
  const candidate = (id: number, name: string, kind = 'community_organisation'): Candidate => ({
    id,
    name,
    kind,
    kindLabel: kind === 'social_group' ? '社会团体' : '社区社会组织',
    area: '620102000000',
    areaName: '城关区',
    services: '',
  })
  const county = [candidate(1, '兰州市城关区幸福家园社会工作服务中心', 'private_non_enterprise'), candidate(2, '城关区颐养社区服务协会', 'social_group'), candidate(9, '城关区邻里守望社区服务社')]
  let server: TestServer

  beforeAll(async () => {
    server = await startServer()
    configureClient({ baseUrl: server.url, language: 'zh-CN', csrfToken: 'csrf-1' })
  })
  afterAll(() => server.close())
  beforeEach(() => {
    server.seen.length = 0
    server.handle((req) => {
      if (req.method === 'POST') return { status: 201, body: running }
      const q = new URL(req.url, server.url).searchParams.get('q') ?? ''
      const items = county.filter((c) => c.name.includes(q)).slice(0, 2)
      return { status: 200, body: { items, total: county.filter((c) => c.name.includes(q)).length } }
    })
  })

  it("asks for the buying unit's candidates, by the name typed", async () => {
    await listCandidates({ unit: COMMUNITY, q: '颐养', page: 2, pageSize: 50 })
    await listCandidates({ unit: STREET, q: '' })
    expect(server.seen.map((s) => decodeURIComponent(s.url))).toEqual([
      '/api/v1/services/providers/candidates?unit=620102001001&q=颐养&page=2&pageSize=50',
      '/api/v1/services/providers/candidates?unit=620102001000',
    ])
  })

  it('asks again for each buyer, none while the dialog is closed, and sends the one chosen as the provider', async () => {
    const buyer = ref<string | null>(null)
    const { result: providers, unmount } = mountComposable(() => useProviderCandidates(() => buyer.value))
    const settled = () => vi.waitFor(() => expect(providers.loading.value).toBe(false))
    expect(server.seen).toEqual([])

    buyer.value = STREET
    await vi.waitFor(() => expect(server.seen).toHaveLength(1))
    await settled()
    expect(server.seen[0]!.url).toBe(`/api/v1/services/providers/candidates?unit=${STREET}&pageSize=${CANDIDATE_PAGE_SIZE}`)
    expect(providers.options.value.map((o) => o.id)).toEqual([1, 2])
    expect(providers.total.value).toBe(3)

    // A county organisation the street never contracted, found by its name.
    await providers.search(' 邻里 ')
    expect(decodeURIComponent(server.seen[1]!.url)).toBe(`/api/v1/services/providers/candidates?unit=${STREET}&q=邻里&pageSize=${CANDIDATE_PAGE_SIZE}`)
    const chosen = providers.pick(9)
    expect(chosen).toMatchObject({ name: '城关区邻里守望社区服务社', kindLabel: '社区社会组织', areaName: '城关区' })

    // Another unit of the county: its candidates, the one chosen still shown.
    buyer.value = COMMUNITY
    await vi.waitFor(() => expect(server.seen).toHaveLength(3))
    await settled()
    expect(server.seen[2]!.url).toBe(`/api/v1/services/providers/candidates?unit=${COMMUNITY}&pageSize=${CANDIDATE_PAGE_SIZE}`)
    expect(providers.options.value.map((o) => o.id)).toEqual([9, 1, 2])

    const form = { ...emptyContractForm(STREET, '2026-09-01'), organisationId: chosen!.id, title: '邻里守望', category: 'elderly_care' as const }
    await createContract(contractBody(form, 100))
    expect(JSON.parse(server.seen[3]!.body)).toMatchObject({ unit: STREET, organisationId: 9 })
    unmount()
  })

  it("keeps a contract's provider shown that is not on the first page, and drops it when asked", async () => {
    const { result: providers, unmount } = mountComposable(() => useProviderCandidates(() => STREET))
    providers.keep(providerOfContract({ ...running, organisationId: 9, organisationName: '城关区邻里守望社区服务社' }))
    await vi.waitFor(() => expect(providers.options.value).toHaveLength(3))
    expect(providers.options.value.map((o) => o.name)[0]).toBe('城关区邻里守望社区服务社')
    providers.pick(null)
    expect(providers.options.value.map((o) => o.id)).toEqual([1, 2])
    unmount()
  })
})

describe('the words of the bought services pages', () => {
  it("name the server's codes in the reader's language, an unknown one by the server's label", () => {
    const { result: labels, unmount } = mountComposable(() => useServicesLabels(), [i18n])
    expect(labels.phase('ended')).toBe('待评估')
    expect(labels.grade('good')).toBe('良好')
    expect(labels.category('meals')).toBe('助餐配餐')
    expect(labels.kind('private_non_enterprise')).toBe('社会服务机构（民办非企业单位）')
    expect(labels.phase('paused', '暂停')).toBe('暂停')
    i18n.global.locale.value = 'en'
    expect(labels.phase('ended')).toBe('To evaluate')
    expect(labels.grade('fail')).toBe('Fail')
    unmount()
  })
})

describe('the bought services pages in the console', () => {
  const page = { render: () => null }
  const routes: RouteRecordRaw[] = [{ path: '', component: page, meta: { title: 'menu.home', menu: { order: 0 }, permission: 'org:unit:read' } }, ...moduleRoutes]
  const group = (menu: MenuEntry[]) => menu.find((e) => 'group' in e && e.group === 'bought')

  it('are guarded by the read permission', () => {
    const byName = new Map(moduleRoutes.map((r) => [String(r.name), r]))
    for (const name of ['services-contracts', 'services-contract', 'services-providers', 'services-provider']) expect(byName.get(name)?.meta?.permission, name).toBe(READ)
  })

  it('sit in a 购买服务 group of their own, after 公益慈善', () => {
    const menu = buildMenu(routes, ['org:unit:read', READ, WRITE, RECORD, 'charity:entry:read'])
    const found = group(menu)
    expect(found && 'children' in found ? found.children.map((c) => c.path) : []).toEqual(['/services/contracts', '/services/providers'])
    expect(i18n.global.t(found!.title)).toBe('购买服务')
    const groups = menu.flatMap((e) => ('group' in e ? [e.group] : []))
    expect(groups.indexOf('bought')).toBe(groups.indexOf('charity') + 1)
    expect(group(buildMenu(routes, ['org:unit:read']))).toBeUndefined()
  })
})
