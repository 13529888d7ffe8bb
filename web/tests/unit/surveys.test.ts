// The survey pages (满意度调查): the address, the actions a status and permissions allow, the
// builder (which earlier questions a condition may name, conditions kept true as questions move,
// the checks the server makes, the server's reasons back at the questions), the answer form (which
// questions are shown given the answers, the checks before sending, what is sent, the server's
// reasons at the questions), how a mean rating reads with its interval and when the sample is too
// small, the calls the pages make, and where the pages sit.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { RouteRecordRaw } from 'vue-router'
import '@/router/types'
import {
  closeSurvey,
  collectResponse,
  createSurvey,
  getResults,
  listSurveys,
  publishSurvey,
  updateSurvey,
  type Question,
  type Survey,
} from '@/api/surveys'
import { answerMySurvey, awaitsAnswer, listMySurveys, type MySurvey } from '@/h5/surveys'
import { i18n } from '@/locales'
import { moduleRoutes } from '@/modules/registry'
import { buildMenu, type MenuEntry } from '@/router/menu'
import { ApiError, configureClient } from '@/utils/request'
import {
  answerErrorsOf,
  answersBody,
  changeKind,
  checkAnswers,
  checkSurvey,
  emptyAnswers,
  emptySurveyForm,
  moveQuestion,
  newOption,
  newQuestion,
  percent,
  questionErrorsOf,
  ratingBars,
  ratingCaution,
  ratingText,
  removeQuestion,
  shareText,
  showIfChoices,
  statusFromQuery,
  surveyActions,
  surveyBody,
  surveyFieldErrors,
  surveyFormOf,
  unitFromQuery,
  versionFromQuery,
  visibleQuestions,
  type AnswerDrafts,
  type SurveyForm,
} from '@/utils/surveys'
import { errorBody, startServer, type TestServer } from './helpers'

const READ = 'surveys:survey:read'
const WRITE = 'surveys:survey:write'
const COLLECT = 'surveys:response:collect'

/** 1 a rating; 2 a single choice; 3 a text shown only if 2 was "no"; 4 a multiple choice; 5 shown if 4 had "b" or "c". */
function questions(): Question[] {
  return [
    { id: 'q1', kind: 'rating', title: '您对社区服务总体满意吗？', required: true, options: [], showIf: null },
    {
      id: 'q2',
      kind: 'single',
      title: '办事时是否一次办成？',
      required: true,
      options: [
        { id: 'yes', label: '是' },
        { id: 'no', label: '否' },
      ],
      showIf: null,
    },
    { id: 'q3', kind: 'text', title: '没有一次办成的原因？', required: true, options: [], showIf: { question: 'q2', options: ['no'] } },
    {
      id: 'q4',
      kind: 'multiple',
      title: '您用过哪些服务？',
      required: false,
      options: [
        { id: 'a', label: '老年餐桌' },
        { id: 'b', label: '日间照料' },
        { id: 'c', label: '法律咨询' },
      ],
      showIf: null,
    },
    { id: 'q5', kind: 'rating', title: '对所用服务的评分', required: false, options: [], showIf: { question: 'q4', options: ['b', 'c'] } },
  ]
}

const survey: Survey = {
  id: 12,
  version: 3,
  unit: '620102001001',
  unitName: '畅家巷社区居委会',
  title: '2026 年社区服务满意度调查',
  description: '请花两分钟填写。',
  anonymous: true,
  per: 'resident',
  target: ['620102001001'],
  opensAt: '2026-12-05T00:00:00.000Z',
  closesAt: '2026-12-31T00:00:00.000Z',
  status: 'draft',
  questions: questions(),
  questionsVersion: 0,
  versions: [],
  responses: 0,
  createdByName: '畅家巷社区 工作人员',
  createdAt: '2026-12-04T08:00:00.000Z',
  updatedAt: '2026-12-04T08:00:00.000Z',
  publishedAt: null,
  closedAt: null,
}

afterEach(() => {
  i18n.global.locale.value = 'zh-CN'
})

describe('the address of the survey pages', () => {
  it('reads the status, the unit and the version, and ignores anything else', () => {
    expect(statusFromQuery('open')).toBe('open')
    expect(statusFromQuery(['closed'])).toBe('closed')
    expect(statusFromQuery('pending')).toBe('')
    expect(statusFromQuery(undefined)).toBe('')
    expect(unitFromQuery('620102001001')).toBe('620102001001')
    expect(unitFromQuery('62010200100')).toBe('')
    expect(unitFromQuery('620102001001001')).toBe('')
    expect(versionFromQuery('2')).toBe(2)
    expect(versionFromQuery('0')).toBeNull()
    expect(versionFromQuery('x')).toBeNull()
  })
})

describe('the actions on a survey', () => {
  it('follow its status and the caller’s permissions', () => {
    const official = [READ, WRITE, COLLECT]
    expect(surveyActions('draft', official)).toEqual(['edit', 'publish'])
    expect(surveyActions('scheduled', official)).toEqual(['edit', 'close', 'results'])
    expect(surveyActions('open', official)).toEqual(['edit', 'close', 'collect', 'results'])
    expect(surveyActions('closed', official)).toEqual(['results'])
    // A grid worker reads and collects.
    expect(surveyActions('open', [READ, COLLECT])).toEqual(['collect', 'results'])
    expect(surveyActions('scheduled', [READ, COLLECT])).toEqual(['results'])
  })
})

describe('the builder', () => {
  it('offers a condition only the earlier single and multiple choice questions', () => {
    const qs = questions()
    expect(showIfChoices(qs, 0)).toEqual([])
    expect(showIfChoices(qs, 1)).toEqual([]) // q1 is a rating
    expect(showIfChoices(qs, 2).map((c) => c.question.id)).toEqual(['q2'])
    expect(showIfChoices(qs, 4).map((c) => [c.question.id, c.number])).toEqual([
      ['q2', 2],
      ['q4', 4],
    ])
    // Never the question itself or a later one.
    expect(showIfChoices(qs, 3).map((c) => c.question.id)).toEqual(['q2'])
  })

  it('gives new questions and options ids not used yet, kept when others go', () => {
    const qs = questions()
    removeQuestion(qs, 0)
    const added = newQuestion(qs, 'single')
    expect(added.id).toBe('q1')
    expect(added.options.map((o) => o.id)).toEqual(['o1', 'o2'])
    expect(newQuestion(questions(), 'text')).toMatchObject({ id: 'q6', options: [], required: true, showIf: null })
    expect(newOption(qs[0]!).id).toBe('o1')
  })

  it('drops a condition that no longer names an earlier choice question, and says which', () => {
    const qs = questions()
    // q3 moved above q2, the question it depends on.
    expect(moveQuestion(qs, 2, -1)).toEqual([2])
    expect(qs.map((q) => q.id)).toEqual(['q1', 'q3', 'q2', 'q4', 'q5'])
    expect(qs[1]!.showIf).toBeNull()
    // Moving a question without a condition past nothing it depends on changes no condition.
    expect(moveQuestion(qs, 0, 1)).toEqual([])
    // q4 becomes a rating: q5's condition is dropped.
    const again = questions()
    expect(changeKind(again, 3, 'rating')).toEqual([5])
    expect(again[3]!.options).toEqual([])
    // q2 removed: q3's condition is dropped (q3 is now the second question).
    const third = questions()
    expect(removeQuestion(third, 1)).toEqual([2])
    // A choice made a choice again keeps its options; a rating made a choice gets two empty ones.
    const fourth = questions()
    changeKind(fourth, 1, 'multiple')
    expect(fourth[1]!.options.map((o) => o.label)).toEqual(['是', '否'])
    changeKind(fourth, 0, 'single')
    expect(fourth[0]!.options).toEqual([
      { id: 'o1', label: '' },
      { id: 'o2', label: '' },
    ])
  })

  it('checks what the server checks, named as the server names the fields', () => {
    const now = new Date('2026-12-04T08:20:31.400Z')
    const form = emptySurveyForm('620102001001', now)
    expect(form.target).toEqual(['620102001001'])
    expect(form.questions).toHaveLength(1)
    expect(form.opensAt!.toISOString()).toBe('2026-12-04T08:20:00.000Z')
    expect(form.closesAt!.getTime() - form.opensAt!.getTime()).toBe(30 * 86_400_000)
    expect(Object.keys(checkSurvey(form, now))).toEqual(['title', 'questions[0].title'])

    const bad: SurveyForm = {
      ...surveyFormOf(survey),
      unit: '620100000000', // a city does not own surveys
      title: '满'.repeat(101),
      target: [],
      opensAt: new Date('2026-12-10T00:00:00.000Z'),
      closesAt: new Date('2026-12-09T00:00:00.000Z'),
    }
    bad.questions[1]!.options = [{ id: 'yes', label: '是' }]
    bad.questions[3]!.options[2]!.label = '老年餐桌'
    bad.questions[4]!.showIf = { question: 'q4', options: [] }
    bad.questions[2]!.showIf = { question: 'q5', options: ['x'] }
    const problems = checkSurvey(bad, now)
    expect(problems).toEqual({
      unit: { key: 'unitLevel' },
      title: { key: 'tooLong', params: { max: 100 } },
      target: { key: 'targetRequired' },
      closesAt: { key: 'closesBeforeOpens' },
      'questions[1].options': { key: 'optionCount', params: { min: 2, max: 20 } },
      'questions[2].showIf': { key: 'showIfQuestion' },
      'questions[3].options[2].label': { key: 'optionTwice' },
      'questions[4].showIf': { key: 'showIfOptions' },
    })
    const long: SurveyForm = { ...surveyFormOf(survey), opensAt: new Date('2026-01-01T00:00:00Z'), closesAt: new Date('2027-01-03T00:00:00Z') }
    expect(checkSurvey(long, new Date('2026-06-01T00:00:00Z'))).toEqual({ closesAt: { key: 'tooLongOpen', params: { days: 366 } } })
    expect(checkSurvey(surveyFormOf(survey), now)).toEqual({})
    // Closing in the past: refused (the server refuses it too).
    expect(checkSurvey(surveyFormOf(survey), new Date('2027-01-01T00:00:00Z'))).toEqual({ closesAt: { key: 'closesPast' } })
  })

  it('sends what the API takes: texts trimmed, times in UTC, no options for a rating or text', () => {
    const form = surveyFormOf(survey)
    form.title = '  2026 年社区服务满意度调查 '
    form.questions[0]!.options = [{ id: 'stale', label: '留下的' }]
    form.questions[1]!.options[0]!.label = ' 是 '
    const body = surveyBody(form)
    expect(body.title).toBe('2026 年社区服务满意度调查')
    expect(body.opensAt).toBe('2026-12-05T00:00:00.000Z')
    expect(body.questions[0]!.options).toEqual([])
    expect(body.questions[1]!.options?.[0]).toEqual({ id: 'yes', label: '是' })
    expect(body.questions[2]!.showIf).toEqual({ question: 'q2', options: ['no'] })
    // A copy: the form is not changed by what is sent.
    expect(form.questions[1]!.options[0]!.label).toBe(' 是 ')
    expect(JSON.stringify(surveyBody(surveyFormOf(survey)))).toBe(
      JSON.stringify({
        unit: survey.unit,
        title: survey.title,
        description: survey.description,
        anonymous: true,
        per: 'resident',
        target: survey.target,
        opensAt: survey.opensAt,
        closesAt: survey.closesAt,
        questions: survey.questions,
      }),
    )
  })

  it("shows the server's reasons at the questions, all at once", () => {
    const { fields, others } = surveyFieldErrors([
      { field: 'questions[2].options', reason: '至少 2 个选项' },
      { field: 'questions[2].options[1].label', reason: '不能为空' },
      { field: 'questions[12].title', reason: '不能为空' },
      { field: 'questions[1].showIf.question', reason: '须为前面的单选或多选题' },
      { field: 'questions[1].required', reason: '必须为布尔值' },
      { field: 'target[1]', reason: '不在发起单位范围内' },
      { field: 'target[3]', reason: '不存在' },
      { field: 'version', reason: '已过期' },
    ])
    expect(fields.target).toBe('不在发起单位范围内；不存在')
    expect(others).toEqual(['已过期'])
    expect(questionErrorsOf(fields, 2)).toEqual({ options: '至少 2 个选项', option: { 1: '不能为空' } })
    expect(questionErrorsOf(fields, 1)).toEqual({ showIf: '须为前面的单选或多选题', other: '必须为布尔值', option: {} })
    expect(questionErrorsOf(fields, 12)).toEqual({ title: '不能为空', option: {} })
  })
})

describe('the answer form', () => {
  function answer(drafts: AnswerDrafts, id: string, change: Partial<AnswerDrafts[string]>): void {
    Object.assign(drafts[id]!, change)
  }

  it('shows a conditional question only while its condition holds', () => {
    const qs = questions()
    const a = emptyAnswers(qs)
    expect(visibleQuestions(qs, a).map((q) => q.id)).toEqual(['q1', 'q2', 'q4'])
    answer(a, 'q2', { choices: ['no'] })
    expect(visibleQuestions(qs, a).map((q) => q.id)).toEqual(['q1', 'q2', 'q3', 'q4'])
    answer(a, 'q2', { choices: ['yes'] })
    expect(visibleQuestions(qs, a).map((q) => q.id)).toEqual(['q1', 'q2', 'q4'])
    // Any one of the options named.
    answer(a, 'q4', { choices: ['a', 'c'] })
    expect(visibleQuestions(qs, a).map((q) => q.id)).toEqual(['q1', 'q2', 'q4', 'q5'])
    answer(a, 'q4', { choices: ['a'] })
    expect(visibleQuestions(qs, a).map((q) => q.id)).toEqual(['q1', 'q2', 'q4'])
  })

  it('hides the questions that depend on a hidden one, whatever it was answered', () => {
    const qs = questions()
    qs.push({ id: 'q6', kind: 'single', title: '原因是否已反映？', required: true, options: [{ id: 'y', label: '是' }, { id: 'n', label: '否' }], showIf: { question: 'q2', options: ['no'] } })
    qs.push({ id: 'q7', kind: 'text', title: '反映给了谁？', required: true, options: [], showIf: { question: 'q6', options: ['y'] } })
    const a = emptyAnswers(qs)
    answer(a, 'q2', { choices: ['no'] })
    answer(a, 'q6', { choices: ['y'] })
    expect(visibleQuestions(qs, a).map((q) => q.id)).toContain('q7')
    answer(a, 'q2', { choices: ['yes'] })
    expect(visibleQuestions(qs, a).map((q) => q.id)).not.toContain('q6')
    expect(visibleQuestions(qs, a).map((q) => q.id)).not.toContain('q7')
  })

  it('refuses a required question shown and skipped, not one hidden or optional', () => {
    const qs = questions()
    const a = emptyAnswers(qs)
    expect(checkAnswers(qs, a)).toEqual({ q1: 'required', q2: 'required' })
    answer(a, 'q1', { rating: 4 })
    answer(a, 'q2', { choices: ['no'] })
    expect(checkAnswers(qs, a)).toEqual({ q3: 'required' })
    answer(a, 'q3', { text: '   ' })
    expect(checkAnswers(qs, a)).toEqual({ q3: 'required' })
    answer(a, 'q3', { text: '材料要求没有一次告知' })
    expect(checkAnswers(qs, a)).toEqual({})
    answer(a, 'q3', { text: '长'.repeat(1001) })
    expect(checkAnswers(qs, a)).toEqual({ q3: 'tooLong' })
    answer(a, 'q2', { choices: ['yes'] })
    expect(checkAnswers(qs, a)).toEqual({})
    answer(a, 'q2', { choices: ['yes', 'no'] })
    expect(checkAnswers(qs, a)).toEqual({ q2: 'oneChoice', q3: 'tooLong' })
  })

  it('sends the answers to the questions shown and answered, in the options’ order', () => {
    const qs = questions()
    const a = emptyAnswers(qs)
    answer(a, 'q1', { rating: 5 })
    answer(a, 'q2', { choices: ['yes'] })
    answer(a, 'q3', { text: '写了又隐藏的' }) // hidden: not sent
    answer(a, 'q4', { choices: ['c', 'a'] })
    expect(answersBody(qs, a)).toEqual([
      { question: 'q1', rating: 5 },
      { question: 'q2', choices: ['yes'] },
      { question: 'q4', choices: ['a', 'c'] },
    ])
    answer(a, 'q2', { choices: ['no'] })
    answer(a, 'q3', { text: '  要跑两次  ' })
    answer(a, 'q5', { rating: 2 })
    expect(answersBody(qs, a)).toEqual([
      { question: 'q1', rating: 5 },
      { question: 'q2', choices: ['no'] },
      { question: 'q3', text: '要跑两次' },
      { question: 'q4', choices: ['a', 'c'] },
      { question: 'q5', rating: 2 },
    ])
  })

  it("puts the server's reasons at the questions they are about", () => {
    const sent = [
      { question: 'q1', rating: 5 },
      { question: 'q2', choices: ['maybe'] },
    ]
    expect(
      answerErrorsOf(
        [
          { field: 'answers[1].choices', reason: '未知选项' },
          { field: 'answers[1]', reason: '只能选一项' },
          { field: 'answers.q3', reason: '必答题未作答' },
          { field: 'answers', reason: '问卷已结束' },
        ],
        sent,
      ),
    ).toEqual({ q2: '未知选项；只能选一项', q3: '必答题未作答', '': '问卷已结束' })
  })

  it('asks for an answer to an open survey not answered yet', () => {
    const mine = { status: 'open', answered: false } as MySurvey
    expect(awaitsAnswer(mine)).toBe(true)
    expect(awaitsAnswer({ ...mine, answered: true })).toBe(false)
    expect(awaitsAnswer({ ...mine, status: 'closed' })).toBe(false)
    expect(awaitsAnswer({ ...mine, status: 'scheduled' })).toBe(false)
  })
})

describe('the results', () => {
  const t = (key: string, params: Record<string, unknown>) => i18n.global.t(key, params)

  it('read a mean rating with its 95% interval and how many answered', () => {
    expect(ratingText(t, { n: 12, mean: 4.1667, low: 3.9, high: 4.45 })).toBe('4.2 分（95% 置信区间 3.9–4.5，12 人作答）')
    expect(ratingText(t, { n: 1, mean: 5, low: null, high: null })).toBe('5.0 分（仅 1 人作答，无法估计区间）')
    expect(ratingText(t, { n: 0, mean: 0, low: null, high: null })).toBe('无人作答')
    expect(ratingText(t, null)).toBe('无人作答')
    i18n.global.locale.value = 'en'
    expect(ratingText(t, { n: 12, mean: 4.1667, low: 3.9, high: 4.45 })).toBe('4.2 (95% confidence interval 3.9–4.5, 12 answered)')
  })

  it('say the sample is too small under two answers or when the interval is wider than a point', () => {
    expect(ratingCaution({ n: 0, low: null, high: null })).toBe('none')
    expect(ratingCaution(null)).toBe('none')
    expect(ratingCaution({ n: 1, low: null, high: null })).toBe('tooFew')
    expect(ratingCaution({ n: 3, low: 2.1, high: 4.6 })).toBe('wide')
    expect(ratingCaution({ n: 30, low: 3.9, high: 4.4 })).toBeNull()
    expect(ratingCaution({ n: 30, low: 3.5, high: 4.5 })).toBeNull() // exactly a point is not wide
    expect(i18n.global.t('surveys.results.tooFew')).toContain('样本太少')
    expect(i18n.global.t('surveys.results.wide', { width: 1 })).toContain('样本太少')
  })

  it('show shares as percentages with their interval, and a rating’s counts as bars', () => {
    expect(percent(0.4)).toBe('40.0%')
    expect(percent(1 / 3)).toBe('33.3%')
    expect(percent(null)).toBe('—')
    expect(shareText(t, { share: 0.4, low: 0.2512, high: 0.5689 })).toBe('40.0%（95% 区间 25.1%–56.9%）')
    expect(ratingBars({ n: 4, counts: [0, 0, 1, 1, 2] }).map((b) => [b.score, b.count, b.share])).toEqual([
      [1, 0, 0],
      [2, 0, 0],
      [3, 1, 0.25],
      [4, 1, 0.25],
      [5, 2, 0.5],
    ])
  })
})

describe('the calls of the survey pages', () => {
  let server: TestServer

  beforeAll(async () => {
    server = await startServer()
    configureClient({ baseUrl: server.url, language: 'zh-CN', csrfToken: 'csrf-1' })
  })
  afterAll(() => server.close())
  beforeEach(() => {
    server.seen.length = 0
  })

  it('list surveys by status and ask for results of a unit and a version', async () => {
    server.handle(() => ({ status: 200, body: { items: [], total: 0, linked: true } }))
    await listSurveys({ page: 1, pageSize: 20 })
    await listSurveys({ status: 'open', page: 2, pageSize: 50 })
    await getResults(12, {})
    await getResults(12, { unit: '620102001001', questionsVersion: 2 })
    await listMySurveys()
    expect(server.seen.map((s) => s.url)).toEqual([
      '/api/v1/surveys?page=1&pageSize=20',
      '/api/v1/surveys?status=open&page=2&pageSize=50',
      '/api/v1/surveys/12/results',
      '/api/v1/surveys/12/results?unit=620102001001&questionsVersion=2',
      '/api/v1/surveys/mine',
    ])
  })

  it('compose, publish and close with the version last read; collect and answer', async () => {
    server.handle(() => ({ status: 200, body: survey }))
    const body = surveyBody(surveyFormOf(survey))
    await createSurvey(body)
    await updateSurvey(12, { ...body, version: 3 })
    await publishSurvey(12, 4)
    await closeSurvey(12, 5)
    await collectResponse(12, 88, [{ question: 'q1', rating: 4 }])
    await answerMySurvey(12, [{ question: 'q1', rating: 5 }])
    expect(server.seen.map((s) => `${s.method} ${s.url} ${s.headers['x-csrf-token']}`)).toEqual([
      'POST /api/v1/surveys csrf-1',
      'PUT /api/v1/surveys/12 csrf-1',
      'POST /api/v1/surveys/12/publish csrf-1',
      'POST /api/v1/surveys/12/close csrf-1',
      'POST /api/v1/surveys/12/responses csrf-1',
      'POST /api/v1/surveys/mine/12/answer csrf-1',
    ])
    expect(server.seen.map((s) => JSON.parse(s.body))).toEqual([
      body,
      { ...body, version: 3 },
      { version: 4 },
      { version: 5 },
      { person: 88, answers: [{ question: 'q1', rating: 4 }] },
      { answers: [{ question: 'q1', rating: 5 }] },
    ])
  })

  it("hands the server's refusal to the page", async () => {
    server.handle(() => ({ status: 409, body: errorBody('conflict', '您已提交过该问卷') }))
    const refused = await answerMySurvey(12, []).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(ApiError)
    expect((refused as ApiError).status).toBe(409)
    expect((refused as ApiError).message).toBe('您已提交过该问卷')
  })
})

describe('the survey pages in the console', () => {
  const page = { render: () => null }
  const routes: RouteRecordRaw[] = [{ path: '', component: page, meta: { title: 'menu.home', menu: { order: 0 }, permission: 'org:unit:read' } }, ...moduleRoutes]
  const services = (menu: MenuEntry[]) => menu.flatMap((e) => ('group' in e && e.group === 'services' ? e.children.map((c) => c.path) : []))

  it('are guarded by the module permissions', () => {
    const byName = new Map(moduleRoutes.map((r) => [String(r.name), r]))
    expect(byName.get('surveys')?.meta?.permission).toBe(READ)
    expect(byName.get('survey-detail')?.meta?.permission).toBe(READ)
    expect(byName.get('survey-results')?.meta?.permission).toBe(READ)
    expect(byName.get('survey-new')?.meta?.permission).toBe(WRITE)
    expect(byName.get('survey-edit')?.meta?.permission).toBe(WRITE)
  })

  it('sit in 社区服务 after the volunteers', () => {
    expect(services(buildMenu(routes, [READ, 'volunteer:hours:read', 'requests:case:read']))).toEqual([
      '/requests/list',
      '/requests/stats',
      '/requests/calendar',
      '/volunteer/volunteers',
      '/volunteer/activities',
      '/volunteer/organisations',
      '/surveys',
    ])
  })
})
