// Plan tasks and ledgers (年度任务清单和工作台账): /api/v1/plan/…
//
// A unit issues a task to a unit below it; the owner unit breaks its task down for the units
// directly below it (a child's deadline not after its parent's, the same year). The owner unit's
// staff report progress with evidence (photos, PDFs); the issuing unit decides each report
// (approve / return), and an approval at 100 % marks the task done. Late (deadline passed, not
// done) and at risk (not done, deadline within 14 days, approved progress under 80 %) are computed
// by the server. A unit's ledger for a year comes as JSON and as its Excel twin; the roll-up counts
// the tasks of each unit right below. Every refusal of a task names its fields at once (422).
import { apiUrl, http } from '@/utils/request'
import type { QueryOf, Reply, RequestBody, Schema } from './types'

export type PlanTask = Schema<'PlanTask'>
export type PlanReport = Schema<'PlanReport'>
export type PlanEvidence = Schema<'PlanEvidence'>
export type PlanLedgerLine = Schema<'PlanLedgerLine'>
export type PlanCounts = Schema<'PlanStateCounts'>
export type PlanTaskDetail = Reply<'/api/v1/plan/tasks/{id}', 'get'>
export type PlanTaskFields = RequestBody<'/api/v1/plan/tasks', 'post'>
export type PlanTaskChange = RequestBody<'/api/v1/plan/tasks/{id}', 'put'>
export type PlanReportFields = RequestBody<'/api/v1/plan/tasks/{id}/reports', 'post'>
export type PlanDecision = RequestBody<'/api/v1/plan/reports/{id}/decision', 'post'>
export type PlanTaskQuery = QueryOf<'/api/v1/plan/tasks', 'get'>
export type PlanReportQuery = QueryOf<'/api/v1/plan/reports', 'get'>
export type PlanLedgerQuery = QueryOf<'/api/v1/plan/ledger', 'get'>
export type PlanRollupQuery = QueryOf<'/api/v1/plan/rollup', 'get'>
export type PlanRollup = Reply<'/api/v1/plan/rollup', 'get'>
export type PlanChildCounts = PlanRollup['children'][number]
export type PlanSections = Reply<'/api/v1/plan/sections', 'get'>
export type PlanSection = PlanSections['items'][number]
/** The stored status. */
export type PlanTaskStatus = PlanTask['status']
/** The stored status, or late (deadline passed and not done). */
export type PlanTaskState = PlanTask['state']
/** What the list filters by: a state, or at risk. */
export type PlanStateFilter = NonNullable<PlanTaskQuery['state']>
export type PlanSectionKey = PlanTaskFields['section']
export type PlanReportState = PlanReport['state']
export type PlanEvidenceKind = PlanEvidence['kind']
type PlanTaskPage = Schema<'PlanTaskPage'>
type PlanReportPage = Schema<'PlanReportPage'>
type PlanLedgerPage = Schema<'PlanLedgerLinePage'>

/** The sections of the plan as the server lists them (src/plan). */
export const PLAN_SECTIONS = [
  'pattern',
  'supply',
  'efficiency',
  'digital',
  'workforce',
  'column2',
  'column3',
  'column4',
  'column5',
  'column6',
] as const satisfies readonly PlanSectionKey[]

export const PLAN_STATES = ['not_started', 'in_progress', 'done', 'late'] as const satisfies readonly PlanTaskState[]
export const PLAN_STATE_FILTERS = [...PLAN_STATES, 'at_risk'] as const satisfies readonly PlanStateFilter[]
export const PLAN_REPORT_STATES = ['submitted', 'approved', 'returned'] as const satisfies readonly PlanReportState[]

/** The server's bounds (src/plan/plan_service.hpp, evidence.hpp, model.hpp). */
export const PLAN_LIMITS = {
  title: 200,
  targetText: 500,
  targetUnit: 20,
  responsibleName: 50,
  reportText: 2000,
  note: 500,
  /** Evidence per report, and the largest file. */
  evidence: 9,
  evidenceBytes: 10 * 1024 * 1024,
  /** At risk: not done, the deadline this many days away or fewer, approved progress under riskProgress. */
  riskDays: 14,
  riskProgress: 80,
} as const

/** The Excel twin of a unit's ledger. */
export const LEDGER_XLSX = '/api/v1/plan/ledger.xlsx'

export function listSections(signal?: AbortSignal): Promise<PlanSections> {
  return http.get<PlanSections>('/api/v1/plan/sections', { signal })
}

/** The tasks owned in a unit's subtree (none: the caller's scope), the earliest deadline first. */
export function listTasks(query: PlanTaskQuery, signal?: AbortSignal): Promise<PlanTaskPage> {
  return http.get<PlanTaskPage>('/api/v1/plan/tasks', {
    query: {
      unit: query.unit || undefined,
      year: query.year || undefined,
      state: query.state || undefined,
      section: query.section || undefined,
      page: query.page,
      pageSize: query.pageSize,
    },
    signal,
  })
}

/** A task with its parent, its children and its reports (newest first). */
export function getTask(id: number, signal?: AbortSignal): Promise<PlanTaskDetail> {
  return http.get<PlanTaskDetail>(`/api/v1/plan/tasks/${id}`, { signal })
}

/** Issues a task (or, with parentId, breaks one down) (201). `notify: false`: the form shows the refusal at its fields. */
export function createTask(fields: PlanTaskFields): Promise<PlanTask> {
  return http.post<PlanTask>('/api/v1/plan/tasks', fields, { notify: false })
}

/** The issuer's change at the version last read (409: changed since). */
export function updateTask(id: number, change: PlanTaskChange): Promise<PlanTask> {
  return http.put<PlanTask>(`/api/v1/plan/tasks/${id}`, change, { notify: false })
}

/** A progress report on a task of the caller's own unit (201); its evidence follows, one file at a time. */
export function submitReport(taskId: number, fields: PlanReportFields): Promise<PlanReport> {
  return http.post<PlanReport>(`/api/v1/plan/tasks/${taskId}/reports`, fields, { notify: false })
}

/** The reports of the tasks the caller's units issued (to decide: state "submitted"). */
export function listReports(query: PlanReportQuery, signal?: AbortSignal): Promise<PlanReportPage> {
  return http.get<PlanReportPage>('/api/v1/plan/reports', {
    query: { state: query.state || undefined, page: query.page, pageSize: query.pageSize },
    signal,
  })
}

/** A photo (JPEG, PNG) or a PDF for a report still submitted, sent as it is. */
export function uploadEvidence(reportId: number, file: Blob, type: string): Promise<PlanEvidence> {
  return http.upload<PlanEvidence>(`/api/v1/plan/reports/${reportId}/evidence`, file, type, { notify: false })
}

/** A piece of evidence as the browser loads it (an `<img src>`, a link; the session cookie goes with it). */
export function evidenceUrl(reportId: number, evidenceId: number): string {
  return apiUrl(`/api/v1/plan/reports/${reportId}/evidence/${evidenceId}`)
}

/** Approves or returns a report at the version last read (the reporter never may: 403). */
export function decideReport(id: number, decision: PlanDecision): Promise<PlanReport> {
  return http.post<PlanReport>(`/api/v1/plan/reports/${id}/decision`, decision, { notify: false })
}

/** The tasks a unit owns in a year, as its ledger lists them (the server's default: the caller's unit, this year). */
export function getLedger(query: PlanLedgerQuery, signal?: AbortSignal): Promise<PlanLedgerPage> {
  return http.get<PlanLedgerPage>('/api/v1/plan/ledger', {
    query: { unit: query.unit || undefined, year: query.year || undefined, page: query.page, pageSize: query.pageSize },
    signal,
  })
}

/**
 * A unit's counts for a year (its subtree's, and its own tasks'), and those of each unit right
 * below, every one of them (the server's default: the caller's unit, this year).
 */
export function getRollup(query: PlanRollupQuery, signal?: AbortSignal): Promise<PlanRollup> {
  return http.get<PlanRollup>('/api/v1/plan/rollup', { query: { unit: query.unit || undefined, year: query.year || undefined }, signal })
}
