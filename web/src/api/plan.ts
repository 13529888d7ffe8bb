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
import type { PageQuery, PageResult } from './types'

// Declared by hand from the module's contract until the server's API description has them
// (scripts/web-api-types), then named from there.

export type PlanTaskStatus = 'not_started' | 'in_progress' | 'done'
/** The stored status, or late (deadline passed and not done). */
export type PlanTaskState = PlanTaskStatus | 'late'
/** What the list filters by: a state, or at risk. */
export type PlanStateFilter = PlanTaskState | 'at_risk'
export type PlanReportState = 'submitted' | 'approved' | 'returned'
export type PlanEvidenceKind = 'photo' | 'pdf'

export interface PlanSection {
  key: string
  label: string
}

export interface PlanTask {
  id: number
  version: number
  parentId: number | null
  unit: string
  unitName: string
  issuerUnit: string
  issuerUnitName: string
  year: number
  section: string
  sectionLabel: string
  title: string
  targetText: string
  targetValue: number | null
  targetUnit: string
  indicator: string | null
  /** China date. */
  deadline: string
  responsibleName: string
  status: PlanTaskStatus
  state: PlanTaskState
  stateLabel: string
  atRisk: boolean
  /** The last approved progress, 0..100. */
  progress: number
  /** How many child tasks it was broken down into. */
  children: number
  pendingReports: number
  createdAt: string
  updatedAt: string
}

export interface PlanEvidence {
  id: number
  kind: PlanEvidenceKind
  mediaType: string
  bytes: number
  createdAt: string
}

export interface PlanReport {
  id: number
  version: number
  taskId: number
  taskTitle: string
  unit: string
  unitName: string
  text: string
  progress: number
  state: PlanReportState
  stateLabel: string
  reportedByName: string
  reportedAt: string
  decidedByName: string
  /** "" until decided. */
  decidedAt: string
  note: string
  evidence: PlanEvidence[]
}

export interface PlanTaskDetail {
  task: PlanTask
  parent: PlanTask | null
  children: PlanTask[]
  /** Newest first. */
  reports: PlanReport[]
}

export interface PlanTaskFields {
  unit: string
  year: number
  section: string
  title: string
  targetText: string
  targetValue?: number
  targetUnit?: string
  indicator?: string
  deadline: string
  responsibleName: string
  /** A breakdown of this task (the caller's own unit's). */
  parentId?: number
}

export interface PlanTaskChange {
  version: number
  title: string
  targetText: string
  targetValue?: number
  targetUnit?: string
  indicator?: string
  deadline: string
  responsibleName: string
  section: string
}

export interface PlanReportFields {
  text: string
  progress: number
}

export interface PlanDecision {
  version: number
  decision: 'approve' | 'return'
  note: string
}

export interface PlanTaskQuery extends PageQuery {
  unit?: string
  year?: number
  state?: PlanStateFilter
  section?: string
}

export interface PlanReportQuery extends PageQuery {
  state?: PlanReportState
}

export interface PlanLedgerLine {
  index: number
  id: number
  title: string
  sectionLabel: string
  unitName: string
  responsibleName: string
  deadline: string
  targetText: string
  progressText: string
  stateLabel: string
  evidenceCount: number
}

export interface PlanCounts {
  tasks: number
  done: number
  late: number
  inProgress: number
  notStarted: number
  atRisk: number
}

export interface PlanChildCounts extends PlanCounts {
  unit: string
  unitName: string
}

export interface PlanRollup {
  unit: string
  unitName: string
  year: number
  total: PlanCounts
  children: PlanChildCounts[]
}

export interface PlanUnitYear {
  unit?: string
  year?: number
}

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
] as const

export const PLAN_STATES = ['not_started', 'in_progress', 'done', 'late'] as const satisfies readonly PlanTaskState[]
export const PLAN_STATE_FILTERS = [...PLAN_STATES, 'at_risk'] as const satisfies readonly PlanStateFilter[]
export const PLAN_REPORT_STATES = ['submitted', 'approved', 'returned'] as const satisfies readonly PlanReportState[]

/** The server's bounds (src/plan). */
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

export function listSections(signal?: AbortSignal): Promise<{ items: PlanSection[] }> {
  return http.get<{ items: PlanSection[] }>('/api/v1/plan/sections', { signal })
}

/** The tasks owned in a unit's subtree (none: the caller's scope), the earliest deadline first. */
export function listTasks(query: PlanTaskQuery, signal?: AbortSignal): Promise<PageResult<PlanTask>> {
  return http.get<PageResult<PlanTask>>('/api/v1/plan/tasks', {
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
export function listReports(query: PlanReportQuery, signal?: AbortSignal): Promise<PageResult<PlanReport>> {
  return http.get<PageResult<PlanReport>>('/api/v1/plan/reports', {
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

/** The tasks a unit owns in a year, as its ledger lists them. */
export function getLedger(query: PlanUnitYear, signal?: AbortSignal): Promise<PageResult<PlanLedgerLine>> {
  return http.get<PageResult<PlanLedgerLine>>('/api/v1/plan/ledger', { query: { unit: query.unit || undefined, year: query.year || undefined }, signal })
}

/** A unit's counts for a year and those of each unit right below (the server's default: the caller's unit, this year). */
export function getRollup(query: PlanUnitYear, signal?: AbortSignal): Promise<PlanRollup> {
  return http.get<PlanRollup>('/api/v1/plan/rollup', { query: { unit: query.unit || undefined, year: query.year || undefined }, signal })
}
