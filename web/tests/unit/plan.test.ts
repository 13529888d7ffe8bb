// The plan task pages (年度任务清单和工作台账): the list's filters as the address carries them (the
// workbench's to-dos open it filtered), the colours a state shows in, who is offered to issue, break
// down, report and decide (the reporter never decides their own), the task form to and from the
// API's body with the server's checks on a breakdown (deadline not after the parent's) and its
// reasons back at their fields, the evidence a report takes and how a refused file is said, the
// roll-up's year and the links of its figures, the calls the pages make, and where the pages sit.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { RouteRecordRaw } from 'vue-router'
import '@/router/types'
import {
  PLAN_SECTIONS,
  PLAN_STATE_FILTERS,
  createTask,
  decideReport,
  evidenceUrl,
  getLedger,
  getRollup,
  getTask,
  listReports,
  listTasks,
  submitReport,
  updateTask,
  uploadEvidence,
  type PlanReport,
  type PlanTask,
} from '@/api/plan'
import { i18n } from '@/locales'
import { consoleModules, moduleRoutes, todoTargets } from '@/modules/registry'
import { buildMenu, type MenuEntry } from '@/router/menu'
import {
  TASK_FORM_FIELDS,
  breakdownForm,
  chooseEvidence,
  deadlineProblem,
  doneShare,
  emptyTaskForm,
  evidenceType,
  filterFromQuery,
  indicatorValueText,
  issueRoots,
  issuesFrom,
  latestDeadline,
  listQuery,
  mayAddEvidence,
  mayBreakDown,
  mayChange,
  mayDecide,
  mayIssueTo,
  mayReport,
  queryOfFilter,
  rollupYear,
  sendEvidence,
  showsRisk,
  stateTagType,
  taskBody,
  taskChange,
  taskFormOf,
  tasksOf,
  yearOptions,
  type TaskFilter,
} from '@/utils/plan'
import { ApiError, configureClient } from '@/utils/request'
import { formRefusal } from '@/utils/volunteer'
import { todoLinks } from '@/utils/workbench'
import { auditDetail } from '@/views/system/audit/labels'
import { errorBody, startServer, type TestServer } from './helpers'

const COUNTY = '620102000000'
const STREET = '620102001000'
const COMMUNITY = '620102001001'

const countyTask: PlanTask = {
  id: 7,
  version: 1,
  parentId: 3,
  unit: COUNTY,
  unitName: '城关区',
  issuerUnit: '620000000000',
  issuerUnitName: '甘肃省',
  year: 2026,
  section: 'column4',
  sectionLabel: '专栏4 城乡社区综合服务设施补短板工程',
  title: '社区综合服务设施补短板',
  targetText: '年内改造 5 个社区综合服务设施',
  targetValue: 5,
  targetUnit: '个',
  indicator: '4',
  deadline: '2026-10-31',
  responsibleName: '张明',
  status: 'in_progress',
  state: 'in_progress',
  stateLabel: '进行中',
  atRisk: false,
  progress: 40,
  children: 2,
  pendingReports: 0,
  createdAt: '2026-03-01T02:00:00.000Z',
  updatedAt: '2026-06-01T02:00:00.000Z',
}

const submitted: PlanReport = {
  id: 11,
  version: 1,
  taskId: 9,
  taskTitle: '社区综合服务设施补短板',
  unit: STREET,
  unitName: '酒泉路街道',
  text: '已完成 2 个社区的改造',
  progress: 60,
  state: 'submitted',
  stateLabel: '待审核',
  reportedByName: 'jiuquanlu',
  reportedAt: '2026-07-20T06:30:00.000Z',
  decidedByName: '',
  decidedAt: '',
  note: '',
  evidence: [],
}


describe('the address of the task list', () => {
  it('reads a year of the plan, a unit, a state (at risk too) and a section; anything else is left out', () => {
    expect(filterFromQuery({ year: '2026', unit: STREET, state: 'late', section: 'digital' })).toEqual({
      year: 2026,
      unit: STREET,
      state: 'late',
      section: 'digital',
    })
    expect(filterFromQuery({ state: 'at_risk' }).state).toBe('at_risk')
    expect(filterFromQuery({ year: '1999', unit: '620102001001001', state: 'overdue', section: 'column9' })).toEqual({ year: null, unit: '', state: '', section: '' })
    expect(filterFromQuery({ year: ['2025'], state: ['done'] })).toEqual({ year: 2025, unit: '', state: 'done', section: '' })
  })

  it('writes the filters back, leaving out what is empty', () => {
    const filter: TaskFilter = { year: 2026, unit: '', state: 'late', section: '' }
    expect(queryOfFilter(filter)).toEqual({ year: '2026', unit: undefined, state: 'late', section: undefined })
    expect(filterFromQuery(queryOfFilter(filter))).toEqual(filter)
  })

  it('asks for the unit chosen, else the working unit, every year unless one is chosen', () => {
    const none: TaskFilter = { year: null, unit: '', state: '', section: '' }
    expect(listQuery(none, COUNTY)).toEqual({ unit: COUNTY, year: undefined, state: undefined, section: undefined })
    expect(listQuery({ ...none, unit: STREET, year: 2026 }, COUNTY)).toMatchObject({ unit: STREET, year: 2026 })
    expect(listQuery(none, null).unit).toBeUndefined()
  })

  it('offers the years of the plan up to next year, the latest first (China time)', () => {
    expect(yearOptions(new Date('2026-07-20T06:30:00.000Z'))).toEqual([2027, 2026, 2025, 2024, 2023, 2022, 2021])
    // 31 December, 20:00 UTC is already New Year's Day in China.
    expect(yearOptions(new Date('2026-12-31T20:00:00.000Z'))[0]).toBe(2028)
  })
})

describe('a state', () => {
  it('shows late in red, done in green, in progress in blue, not started in grey', () => {
    expect(['late', 'done', 'in_progress', 'not_started'].map((s) => stateTagType(s as PlanTask['state']))).toEqual(['danger', 'success', 'primary', 'info'])
  })

  it('adds an orange 有风险 to a task at risk, but not to one already late or done', () => {
    expect(showsRisk({ atRisk: true, state: 'in_progress' })).toBe(true)
    expect(showsRisk({ atRisk: true, state: 'not_started' })).toBe(true)
    expect(showsRisk({ atRisk: true, state: 'late' })).toBe(false)
    expect(showsRisk({ atRisk: false, state: 'in_progress' })).toBe(false)
  })

  it('is named in both languages, as is every section', () => {
    const [zh, en] = (['zh-CN', 'en'] as const).map((l) => consoleModules.find((m) => m.name === 'plan')!.messages[l] as unknown as Record<string, Record<string, string>>)
    for (const s of PLAN_STATE_FILTERS) expect([zh!.states![s], en!.states![s]], s).not.toContain(undefined)
    for (const s of PLAN_SECTIONS) expect([zh!.sections![s], en!.sections![s]], s).not.toContain(undefined)
    expect(zh!.states!.late).toBe('已逾期')
    expect(zh!.states!.at_risk).toBe('有风险')
  })
})

describe("a task's indicator", () => {
  const t = i18n.global.t as (key: string, named?: Record<string, unknown>) => string

  it('says its value at one decimal with its status, or that there is no data yet', () => {
    expect(indicatorValueText({ period: '2026', hasData: true, value: 87.456, status: 'on_track', progress: 97 }, t)).toBe('2026 年：87.5（进展正常）')
    expect(indicatorValueText({ period: '2026', hasData: false, value: 0, status: 'no_data', progress: null }, t)).toBe('2026 年暂无数据')
    expect(indicatorValueText(null, t)).toBeNull()
  })
})

describe('who is offered what', () => {
  it("issues to units strictly below the account's own unit, in its scope, not to grids", () => {
    expect(mayIssueTo(STREET, COUNTY, [COUNTY])).toBe(true)
    expect(mayIssueTo(COMMUNITY, COUNTY, [COUNTY])).toBe(true)
    expect(mayIssueTo(COUNTY, COUNTY, [COUNTY])).toBe(false)
    expect(mayIssueTo('620103000000', COUNTY, ['620100000000'])).toBe(false)
    expect(mayIssueTo('620102001001001', COUNTY, [COUNTY])).toBe(false)
    // Below the own unit but outside the scope.
    expect(mayIssueTo(COMMUNITY, COUNTY, ['620102002000'])).toBe(false)
    expect(issuesFrom(COUNTY)).toBe(true)
    expect(issuesFrom(COMMUNITY)).toBe(false)
    expect(issueRoots(COUNTY, ['620100000000'])).toEqual([COUNTY])
    expect(issueRoots('620200000000', [COUNTY])).toEqual([COUNTY])
  })

  it("breaks a task down for its own unit's accounts who issue, when the unit has units below, until done", () => {
    expect(mayBreakDown(countyTask, COUNTY, true)).toBe(true)
    expect(mayBreakDown(countyTask, COUNTY, false)).toBe(false)
    // The province above holds it in scope, but it is the county's task to break down.
    expect(mayBreakDown(countyTask, '620000000000', true)).toBe(false)
    expect(mayBreakDown({ ...countyTask, unit: COMMUNITY }, COMMUNITY, true)).toBe(false)
    expect(mayBreakDown({ ...countyTask, status: 'done' }, COUNTY, true)).toBe(false)
  })

  it("reports for its own unit's accounts, one report pending at a time, not once done", () => {
    const streetTask = { ...countyTask, unit: STREET }
    expect(mayReport(streetTask, STREET, true)).toBe(true)
    expect(mayReport(streetTask, COUNTY, true)).toBe(false)
    expect(mayReport({ ...streetTask, pendingReports: 1 }, STREET, true)).toBe(false)
    expect(mayReport({ ...streetTask, status: 'done' }, STREET, true)).toBe(false)
    expect(mayReport(streetTask, STREET, false)).toBe(false)
  })

  it('decides a submitted report for those whose scope holds the issuing unit, never its reporter', () => {
    const task = { issuerUnit: COUNTY }
    const county = { username: 'chengguan', roots: [COUNTY], decides: true }
    expect(mayDecide(submitted, task, county)).toBe(true)
    expect(mayDecide(submitted, task, { ...county, username: 'jiuquanlu' })).toBe(false)
    expect(mayDecide({ ...submitted, state: 'approved' }, task, county)).toBe(false)
    expect(mayDecide(submitted, task, { ...county, roots: [STREET] })).toBe(false)
    expect(mayDecide(submitted, task, { ...county, decides: false })).toBe(false)
    expect(mayDecide(submitted, task, { ...county, username: 'admin', roots: ['620000000000'] })).toBe(true)
  })

  it('changes a task for those whose scope holds the issuing unit, until it is done', () => {
    expect(mayChange(countyTask, ['620000000000'], true)).toBe(true)
    expect(mayChange(countyTask, [COUNTY], true)).toBe(false)
    expect(mayChange({ ...countyTask, status: 'done' }, ['620000000000'], true)).toBe(false)
    expect(mayChange(countyTask, ['620000000000'], false)).toBe(false)
  })

  it('adds evidence to a submitted report for its reporter, up to nine', () => {
    expect(mayAddEvidence(submitted, 'jiuquanlu', true)).toBe(true)
    expect(mayAddEvidence(submitted, 'chengguan', true)).toBe(false)
    expect(mayAddEvidence({ ...submitted, state: 'returned' }, 'jiuquanlu', true)).toBe(false)
    const nine = Array.from({ length: 9 }, (_, i) => ({ id: i + 1, kind: 'photo' as const, mediaType: 'image/jpeg', bytes: 1000, createdAt: '' }))
    expect(mayAddEvidence({ ...submitted, evidence: nine }, 'jiuquanlu', true)).toBe(false)
  })
})

describe('the task form', () => {
  it('starts this year (China time), due at its end', () => {
    const form = emptyTaskForm(new Date('2026-12-31T20:00:00.000Z'))
    expect([form.year, form.deadline, form.unit]).toEqual([2027, '2027-12-31', ''])
  })

  it("starts a breakdown from the parent's year, section, title, target and deadline, the unit and person to choose", () => {
    const form = breakdownForm(countyTask)
    expect(form).toMatchObject({ unit: '', year: 2026, section: 'column4', title: countyTask.title, targetValue: 5, targetUnit: '个', indicator: '4', deadline: '2026-10-31', responsibleName: '' })
  })

  it('goes to the API with texts trimmed and empty optional fields left out; a breakdown names its parent', () => {
    const form = { ...breakdownForm(countyTask), unit: STREET, title: ' 改造社区服务站 ', responsibleName: ' 李华\n' }
    expect(taskBody(form, 7)).toEqual({
      unit: STREET,
      year: 2026,
      section: 'column4',
      title: '改造社区服务站',
      targetText: countyTask.targetText,
      targetValue: 5,
      targetUnit: '个',
      indicator: '4',
      deadline: '2026-10-31',
      responsibleName: '李华',
      parentId: 7,
    })
    const issued = taskBody({ ...emptyTaskForm(new Date('2026-07-20T00:00:00Z')), unit: COUNTY, section: 'digital', title: 't', targetText: 'x', responsibleName: 'r', targetUnit: '  ' })
    expect(Object.keys(issued).sort()).toEqual(['deadline', 'responsibleName', 'section', 'targetText', 'title', 'unit', 'year'])
  })

  it("refuses a breakdown due after its parent, and a task issued due in another year, as the server does", () => {
    expect(deadlineProblem('2026-10-31', 2026, countyTask)).toBeNull()
    expect(deadlineProblem('2026-11-01', 2026, countyTask)).toBe('afterParent')
    expect(deadlineProblem('2027-03-01', 2026, null)).toBe('otherYear')
    expect(deadlineProblem('2026-03-01', 2026, null)).toBeNull()
    expect(deadlineProblem('', 2026, countyTask)).toBeNull()
    // A change may not move a deadline before the latest of the tasks broken down from it.
    expect(latestDeadline([{ deadline: '2026-09-30' }, { deadline: '2026-10-15' }, { deadline: '2026-06-01' }])).toBe('2026-10-15')
    expect(latestDeadline([])).toBe('')
    expect(deadlineProblem('2026-10-01', 2026, null, '2026-10-15')).toBe('beforeChild')
    expect(deadlineProblem('2026-10-15', 2026, null, '2026-10-15')).toBeNull()
  })

  it('sends a change at the version read, without the unit, year or parent, an optional field cleared by leaving it out', () => {
    const form = { ...taskFormOf(countyTask), title: '改造 6 个社区综合服务设施 ', targetValue: 6, indicator: '' }
    expect(form.unit).toBe(COUNTY)
    expect(form.responsibleName).toBe('张明')
    expect(taskChange(form, 3)).toEqual({
      version: 3,
      section: 'column4',
      title: '改造 6 个社区综合服务设施',
      targetText: countyTask.targetText,
      targetValue: 6,
      targetUnit: '个',
      deadline: '2026-10-31',
      responsibleName: '张明',
    })
  })

  it("shows the server's reasons at their fields, all at once", () => {
    const error = new ApiError(422, {
      code: 'invalid_argument',
      message: '参数不合法',
      details: [
        { field: 'deadline', reason: '完成时限不得晚于上级任务（2026-10-31）' },
        { field: 'unit', reason: '只能分解给直属下级单位' },
      ],
    })
    const refusal = formRefusal(error, TASK_FORM_FIELDS)
    expect(refusal.fields).toEqual({ deadline: '完成时限不得晚于上级任务（2026-10-31）', unit: '只能分解给直属下级单位' })
    expect(refusal.atFields).toBe(true)
    // A reason for no field of the form is said above it.
    const other = formRefusal(new ApiError(422, { code: 'invalid_argument', message: '参数不合法', details: [{ field: 'parentId', reason: '上级任务不存在' }] }), TASK_FORM_FIELDS)
    expect([other.atFields, other.message]).toEqual([false, '参数不合法；上级任务不存在'])
  })
})

describe('evidence', () => {
  const file = (name: string, type: string, size = 1000) => ({ name, type, size })

  it('takes JPEG and PNG photos and PDFs, by type or, when the browser gives none, by name', () => {
    expect(evidenceType(file('a.jpg', 'image/jpeg'))).toBe('image/jpeg')
    expect(evidenceType(file('a.PNG', ''))).toBe('image/png')
    expect(evidenceType(file('plan.pdf', 'application/pdf'))).toBe('application/pdf')
    expect(evidenceType(file('plan.PDF', 'application/octet-stream'))).toBe('application/pdf')
    expect(evidenceType(file('a.gif', 'image/gif'))).toBeNull()
    expect(evidenceType(file('a.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'))).toBeNull()
  })

  it('keeps at most 10 MB a file and the room left, saying why of the others', () => {
    const choice = chooseEvidence([file('a.jpg', 'image/jpeg'), file('big.pdf', 'application/pdf', 11 * 1024 * 1024), file('b.gif', 'image/gif'), file('c.png', 'image/png'), file('d.pdf', 'application/pdf')], 2)
    expect(choice.accepted.map((a) => [a.file.name, a.type])).toEqual([
      ['a.jpg', 'image/jpeg'],
      ['c.png', 'image/png'],
    ])
    expect(choice.refused.map((r) => [r.file.name, r.reason])).toEqual([
      ['big.pdf', 'size'],
      ['b.gif', 'type'],
      ['d.pdf', 'full'],
    ])
  })

  it("sends the files one after another, a refusal not stopping the others, each said with the server's reason", async () => {
    const sent: string[] = []
    const seen: string[] = []
    const failures = await sendEvidence(
      [
        { file: { name: 'a.jpg' }, type: 'image/jpeg' },
        { file: { name: 'bad.pdf' }, type: 'application/pdf' },
        { file: { name: 'c.png' }, type: 'image/png' },
      ],
      async (f) => {
        sent.push(f.name)
        if (f.name === 'bad.pdf') throw new ApiError(400, { code: 'invalid_argument', message: '参数不合法', details: [{ field: 'file', reason: 'PDF 含有脚本，不能作为佐证材料' }] })
      },
      (n, total) => seen.push(`${n}/${total}`),
    )
    expect(sent).toEqual(['a.jpg', 'bad.pdf', 'c.png'])
    expect(seen).toEqual(['1/3', '2/3', '3/3'])
    expect(failures).toEqual([{ name: 'bad.pdf', reason: 'PDF 含有脚本，不能作为佐证材料' }])
  })
})

describe('the roll-up', () => {
  it('is about the year the address names, else this year in China', () => {
    const now = new Date('2026-07-20T06:30:00.000Z')
    expect(rollupYear({ year: '2025' }, now)).toBe(2025)
    expect(rollupYear({}, now)).toBe(2026)
    expect(rollupYear({ year: 'last' }, now)).toBe(2026)
  })

  it("opens a figure's tasks: the unit's subtree in that year and state", () => {
    const link = tasksOf(STREET, 2026, 'late')
    expect(link.name).toBe('plan-tasks')
    expect(filterFromQuery(link.query)).toEqual({ year: 2026, unit: STREET, state: 'late', section: '' })
    expect(filterFromQuery(tasksOf(STREET, 2026).query).state).toBe('')
  })

  it('says the share done, and nothing without tasks', () => {
    expect(doneShare({ tasks: 8, done: 5 })).toBe('62.5%')
    expect(doneShare({ tasks: 0, done: 0 })).toBe('—')
  })
})

describe('the calls of the plan pages', () => {
  let server: TestServer

  beforeAll(async () => {
    server = await startServer()
    configureClient({ baseUrl: server.url, language: 'zh-CN', csrfToken: 'csrf-1' })
  })
  afterAll(() => server.close())
  beforeEach(() => {
    server.seen.length = 0
  })

  it('list tasks by unit, year, state and section, the reports to decide, a task, the ledger and the roll-up', async () => {
    server.handle(() => ({ status: 200, body: { items: [], total: 0 } }))
    await listTasks({ page: 1, pageSize: 20 })
    await listTasks({ unit: COUNTY, year: 2026, state: 'at_risk', section: 'column4', page: 2, pageSize: 50 })
    await listReports({ state: 'submitted', page: 1, pageSize: 20 })
    await getTask(7)
    await getLedger({ unit: STREET, year: 2026 })
    await getRollup({ unit: COUNTY, year: 2026 })
    expect(server.seen.map((s) => s.url)).toEqual([
      '/api/v1/plan/tasks?page=1&pageSize=20',
      '/api/v1/plan/tasks?unit=620102000000&year=2026&state=at_risk&section=column4&page=2&pageSize=50',
      '/api/v1/plan/reports?state=submitted&page=1&pageSize=20',
      '/api/v1/plan/tasks/7',
      '/api/v1/plan/ledger?unit=620102001000&year=2026',
      '/api/v1/plan/rollup?unit=620102000000&year=2026',
    ])
  })

  it('issue, report, send evidence as it is and decide, each write with the CSRF token', async () => {
    server.handle(() => ({ status: 201, body: {} }))
    const body = taskBody({ ...breakdownForm(countyTask), unit: STREET, responsibleName: '李华' }, 7)
    await createTask(body)
    await submitReport(9, { text: '已完成 2 个', progress: 60 })
    await uploadEvidence(11, new Blob([new Uint8Array([0xff, 0xd8, 0xff])]), 'image/jpeg')
    await decideReport(11, { version: 1, decision: 'return', note: '请补充照片' })
    await updateTask(7, taskChange(taskFormOf(countyTask), 1))
    expect(server.seen.map((s) => `${s.method} ${s.url} ${s.headers['x-csrf-token']} ${s.headers['content-type']}`)).toEqual([
      'POST /api/v1/plan/tasks csrf-1 application/json',
      'POST /api/v1/plan/tasks/9/reports csrf-1 application/json',
      'POST /api/v1/plan/reports/11/evidence csrf-1 image/jpeg',
      'POST /api/v1/plan/reports/11/decision csrf-1 application/json',
      'PUT /api/v1/plan/tasks/7 csrf-1 application/json',
    ])
    expect(JSON.parse(server.seen[0]!.body)).toEqual(body)
    expect(JSON.parse(server.seen[3]!.body)).toEqual({ version: 1, decision: 'return', note: '请补充照片' })
    expect(evidenceUrl(11, 3)).toBe(`${server.url}/api/v1/plan/reports/11/evidence/3`)
  })

  it("hands a refused breakdown's reasons to the form, not to a message", async () => {
    server.handle(() => ({
      status: 422,
      body: errorBody('invalid_argument', '参数不合法', [{ field: 'deadline', reason: '完成时限不得晚于上级任务（2026-10-31）' }]),
    }))
    const refused = await createTask(taskBody(breakdownForm(countyTask), 7)).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(ApiError)
    expect((refused as ApiError).fieldReason('deadline')).toBe('完成时限不得晚于上级任务（2026-10-31）')
  })
})

describe('the plan pages in the console', () => {
  const page = { render: () => null }
  const routes: RouteRecordRaw[] = [{ path: '', component: page, meta: { title: 'menu.home', menu: { order: 0 }, permission: 'org:unit:read' } }, ...moduleRoutes]
  const monitoring = (menu: MenuEntry[]) => menu.flatMap((e) => ('group' in e && e.group === 'monitoring' ? e.children.map((c) => c.path) : []))

  afterEach(() => {
    i18n.global.locale.value = 'zh-CN'
  })

  it('are guarded by the module permissions', () => {
    const byName = new Map(moduleRoutes.map((r) => [String(r.name), r]))
    expect(byName.get('plan-tasks')?.meta?.permission).toBe('plan:task:read')
    expect(byName.get('plan-task-detail')?.meta?.permission).toBe('plan:task:read')
    expect(byName.get('plan-rollup')?.meta?.permission).toBe('plan:task:read')
    expect(byName.get('plan-task-new')?.meta?.permission).toBe('plan:task:issue')
    expect(byName.get('plan-task-breakdown')?.meta?.permission).toBe('plan:task:issue')
    expect(byName.get('plan-task-edit')?.meta?.permission).toBe('plan:task:issue')
    expect(byName.get('plan-reports-pending')?.meta?.permission).toBe('plan:report:decide')
  })

  it('sit in 动态监测 after the indicators; the pending reports only for those who decide', () => {
    const official = ['org:unit:read', 'indicator:value:read', 'plan:task:read', 'plan:task:issue', 'plan:report:submit', 'plan:report:decide']
    expect(monitoring(buildMenu(routes, official))).toEqual(['/indicator/dashboard', '/plan/tasks', '/plan/reports/pending', '/plan/rollup'])
    const worker = ['org:unit:read', 'plan:task:read', 'plan:report:submit']
    expect(monitoring(buildMenu(routes, worker))).toEqual(['/plan/tasks', '/plan/rollup'])
  })

  it("read the server's audit details in the reader's language, a task's title as typed", () => {
    expect(auditDetail('plan.report.decide', 'report 3: returned')).toBe('进展报告 3：已退回')
    expect(auditDetail('plan.report.evidence', 'report 3: photo 12')).toBe('进展报告 3：照片 12')
    expect(auditDetail('plan.report.submit', 'report 3: 60%')).toBe('进展报告 3：完成进度 60%')
    expect(auditDetail('plan.task.issue', 'version 2 of the plan')).toBe('version 2 of the plan')
    i18n.global.locale.value = 'en'
    expect(auditDetail('plan.report.decide', 'report 3: approved')).toBe('progress report 3: Approved')
  })

  it('are where the workbench sends late and at-risk tasks (the list so filtered) and reports to decide', () => {
    const links = todoLinks(
      [
        { code: 'plan.tasks.late', label: '已逾期任务', count: 1 },
        { code: 'plan.tasks.at_risk', label: '有风险任务', count: 2 },
        { code: 'plan.reports.pending', label: '待审核进展', count: 3 },
      ],
      todoTargets,
    )
    const [late, risk, pending] = links.map((l) => l.to as { name: string; query?: Record<string, string> })
    expect([late!.name, filterFromQuery(late!.query ?? {}).state]).toEqual(['plan-tasks', 'late'])
    expect([risk!.name, filterFromQuery(risk!.query ?? {}).state]).toEqual(['plan-tasks', 'at_risk'])
    expect(pending!.name).toBe('plan-reports-pending')
  })
})
