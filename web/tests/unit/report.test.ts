// The evaluation report's downloads on the indicator dashboard: the route and query asked for from
// the unit and year shown, who is offered them, which years the server reports on, the download
// itself (saved under the server's name, one at a time, a refusal shown with its reasons), and the
// labels of what the server's report module declares.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { useDownload } from '@/composables/useDownload'
import { i18n } from '@/locales'
import { useUserStore } from '@/store/user'
import { permissionLabel } from '@/utils/labels'
import { EVALUATION_EXPORT, evaluationReport, evaluationYearRefusal, offersEvaluationReport } from '@/utils/report'
import { buildUrl, configureClient, setCsrfToken } from '@/utils/request'
import { auditActionLabel, auditObjectTypeLabel } from '@/views/system/audit/labels'
import { errorBody, startServer, type TestServer } from './helpers'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

describe('the evaluation report asked for', () => {
  it('names the unit and the year shown, as Excel or as PDF', () => {
    const excel = evaluationReport('xlsx', '620102000000', 2026)
    expect(buildUrl(excel.path, excel.query)).toBe('/api/v1/reports/evaluation.xlsx?unit=620102000000&year=2026')
    expect(excel.accept).toBe(XLSX)
    expect(excel.fallbackName).toBe('evaluation-620102000000-2026.xlsx')
    const pdf = evaluationReport('pdf', '620000000000', 2024)
    expect(buildUrl(pdf.path, pdf.query)).toBe('/api/v1/reports/evaluation.pdf?unit=620000000000&year=2024')
    expect(pdf.accept).toBe('application/pdf')
    expect(pdf.fallbackName).toBe('evaluation-620000000000-2024.pdf')
  })

  it('is refused before the plan and for a year not yet begun', () => {
    const today = new Date(2026, 11, 2)
    expect(evaluationYearRefusal(2019, today)).toBe('beforePlan')
    expect(evaluationYearRefusal(2020, today)).toBeNull()
    expect(evaluationYearRefusal(2026, today)).toBeNull()
    expect(evaluationYearRefusal(2027, today)).toBe('notBegun')
    // The dashboard offers years up to 2025 even before 2025 has begun.
    expect(evaluationYearRefusal(2025, new Date(2024, 5, 1))).toBe('notBegun')
    expect(evaluationYearRefusal(2025, new Date(2025, 0, 1))).toBeNull()
  })
})

describe('who is offered the report', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('holders of the permission, once the page shows a unit', () => {
    expect(offersEvaluationReport(['indicator:value:read', EVALUATION_EXPORT], '620102000000')).toBe(true)
    expect(offersEvaluationReport(['indicator:value:read', 'indicator:value:enter'], '620102000000')).toBe(false)
    expect(offersEvaluationReport([EVALUATION_EXPORT], '')).toBe(false)
    expect(offersEvaluationReport([EVALUATION_EXPORT], null)).toBe(false)
  })

  it('by the permissions in force: none before a required password change', () => {
    const user = useUserStore()
    const me = {
      user: { id: 3, username: 'chengguan', displayName: '城关区民政局', status: 'active', unitCode: '620102000000', roles: [] },
      roles: [{ role: 'county_admin', roleName: '县级管理员', unitCode: '620102000000', unitName: '城关区' }],
      permissions: ['indicator:value:read', EVALUATION_EXPORT],
      csrfToken: 'csrf-abc',
      mustChangePassword: false,
    } as unknown as Parameters<typeof user.applyMe>[0]
    user.applyMe(me)
    expect(offersEvaluationReport(user.effectivePermissions, '620102000000')).toBe(true)
    user.applyMe({ ...me, mustChangePassword: true })
    expect(offersEvaluationReport(user.effectivePermissions, '620102000000')).toBe(false)
    user.applyMe({ ...me, permissions: ['indicator:value:read'] })
    expect(offersEvaluationReport(user.effectivePermissions, '620102000000')).toBe(false)
    setCsrfToken(null)
  })
})

describe('downloading a report', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer()
  })
  afterAll(() => server.close())
  beforeEach(() => {
    server.seen.length = 0
    configureClient({ baseUrl: server.url, language: 'zh-CN', hooks: {} })
  })

  function downloader() {
    const saved: { filename: string; text: Promise<string> }[] = []
    const shown: string[] = []
    const { busy, run } = useDownload({
      save: (blob, filename) => saved.push({ filename, text: blob.text() }),
      showError: (message) => shown.push(message),
    })
    return { busy, run, saved, shown }
  }

  it("saves the file under the server's UTF-8 name, asking for its type", async () => {
    server.handle(() => ({
      status: 200,
      raw: '%PDF-1.7 report',
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename="evaluation.pdf"; filename*=UTF-8''%E5%9F%8E%E5%85%B3%E5%8C%BA2026.pdf`,
      },
    }))
    const { busy, run, saved, shown } = downloader()
    const running = run(evaluationReport('pdf', '620102000000', 2026))
    expect(busy.value).toBe(true)
    await expect(running).resolves.toBe(true)
    expect(busy.value).toBe(false)
    expect(server.seen).toHaveLength(1)
    expect(server.seen[0]).toMatchObject({ method: 'GET', url: '/api/v1/reports/evaluation.pdf?unit=620102000000&year=2026' })
    expect(server.seen[0]?.headers.accept).toBe('application/pdf, application/json')
    expect(saved.map((s) => s.filename)).toEqual(['城关区2026.pdf'])
    await expect(saved[0]!.text).resolves.toBe('%PDF-1.7 report')
    expect(shown).toEqual([])
  })

  it('asks once while a download runs', async () => {
    server.handle(() => ({ status: 200, raw: 'PK\u0003\u0004', headers: { 'content-type': XLSX } }))
    const { run, saved } = downloader()
    const first = run(evaluationReport('xlsx', '620102000000', 2026))
    await expect(run(evaluationReport('pdf', '620102000000', 2026))).resolves.toBe(false)
    await expect(first).resolves.toBe(true)
    expect(server.seen.map((s) => s.url)).toEqual(['/api/v1/reports/evaluation.xlsx?unit=620102000000&year=2026'])
    expect(saved.map((s) => s.filename)).toEqual(['evaluation-620102000000-2026.xlsx'])
  })

  it("shows a refusal with the server's message and saves nothing", async () => {
    server.handle(() => ({
      status: 400,
      body: errorBody('invalid_argument', '年度须在 2020 年至今年之间', [{ field: 'year', reason: '2027 年尚未开始' }]),
    }))
    const { busy, run, saved, shown } = downloader()
    await expect(run(evaluationReport('xlsx', '620102000000', 2027))).resolves.toBe(false)
    expect(busy.value).toBe(false)
    expect(shown).toEqual(['年度须在 2020 年至今年之间'])
    expect(saved).toEqual([])

    server.handle(() => ({
      status: 403,
      body: errorBody('forbidden', '没有权限执行此操作', [{ field: 'permission', reason: '需要“导出规划指标评估报告”权限' }]),
    }))
    await expect(run(evaluationReport('pdf', '620102000000', 2026))).resolves.toBe(false)
    expect(shown[1]).toBe('没有权限执行此操作：需要“导出规划指标评估报告”权限')
  })
})

describe("the labels of the report module's codes", () => {
  afterEach(() => {
    i18n.global.locale.value = 'zh-CN'
  })

  it('name the permission, the audit action and the object type in both languages', () => {
    expect(permissionLabel(EVALUATION_EXPORT)).toBe('导出规划指标评估报告')
    expect(auditActionLabel('report.evaluation.export')).toBe('导出评估报告')
    expect(auditObjectTypeLabel('report')).toBe('报告')
    i18n.global.locale.value = 'en'
    expect(permissionLabel(EVALUATION_EXPORT)).toBe("Export the plan's evaluation report")
    expect(auditActionLabel('report.evaluation.export')).toBe('Evaluation report exported')
    expect(auditObjectTypeLabel('report')).toBe('Report')
  })
})
