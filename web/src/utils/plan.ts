// The plan task pages' logic, apart from the pages (年度任务清单和工作台账): the list's filters as the
// address carries them, who may issue, break down, report and decide, the task form to and from
// what the API takes with the checks the server makes on a breakdown (deadline not after the
// parent's, the same year), the evidence a report takes, and the year the roll-up is about.
import {
  PLAN_LIMITS,
  PLAN_SECTIONS,
  PLAN_STATE_FILTERS,
  type PlanReport,
  type PlanSectionKey,
  type PlanStateFilter,
  type PlanTask,
  type PlanTaskChange,
  type PlanTaskDetail,
  type PlanTaskFields,
  type PlanTaskState,
} from '@/api/plan'
import { codeLevel, isUnitCode, isWithin } from './codes'
import { chinaDate } from './format'
import { photoType } from './photos'
import { ApiError, errorMessage } from './request'

export const PLAN_READ = 'plan:task:read'
export const PLAN_ISSUE = 'plan:task:issue'
export const PLAN_SUBMIT = 'plan:report:submit'
export const PLAN_DECIDE = 'plan:report:decide'

/** The first year of the plan (十四五, 2021–2025); years before it are not offered. */
export const FIRST_PLAN_YEAR = 2021

// ---- the linked indicator ------------------------------------------------------------------------

/** What the task page says of its indicator's value at the task's unit and year: the value (at
 * most one decimal, as the dashboard rounds) and its status, or that there is no data; null when
 * the task links none or the caller may not read it. */
export function indicatorValueText(
  value: PlanTaskDetail['indicatorValue'],
  t: (key: string, named?: Record<string, unknown>) => string,
): string | null {
  if (!value) return null
  if (!value.hasData) return t('plan.detail.indicatorNoData', { period: value.period })
  return t('plan.detail.indicatorValue', {
    period: value.period,
    value: Number(value.value.toFixed(1)),
    status: t(`indicator.status.${value.status}`),
  })
}

// ---- the address -----------------------------------------------------------------------------------

function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value
}

/** This year in China (what the server means by "this year"). */
export function thisYear(now: Date = new Date()): number {
  return Number(chinaDate(now).slice(0, 4))
}

/** The years offered: from the plan's first to next year, the latest first. */
export function yearOptions(now: Date = new Date()): number[] {
  const last = thisYear(now) + 1
  return Array.from({ length: Math.max(1, last - FIRST_PLAN_YEAR + 1) }, (_, i) => last - i)
}

/** ?year=2026: a year from the plan's first to a hundred years on; null for anything else. */
export function yearFromQuery(value: unknown): number | null {
  const v = first(value)
  if (typeof v !== 'string' || !/^\d{4}$/.test(v)) return null
  const year = Number(v)
  return year >= FIRST_PLAN_YEAR && year < FIRST_PLAN_YEAR + 100 ? year : null
}

/** ?unit=620102000000: a unit code (12 digits: grids own no tasks); '' for anything else. */
export function unitFromQuery(value: unknown): string {
  const v = first(value)
  return typeof v === 'string' && /^\d{12}$/.test(v) && isUnitCode(v) ? v : ''
}

/** ?state=late: a state or at_risk; '' for none or any other. */
export function stateFromQuery(value: unknown): PlanStateFilter | '' {
  const v = first(value)
  return PLAN_STATE_FILTERS.find((s) => s === v) ?? ''
}

/** ?section=digital: a section the plan has; '' for none or any other. */
export function sectionFromQuery(value: unknown): PlanSectionKey | '' {
  const v = first(value)
  return PLAN_SECTIONS.find((s) => s === v) ?? ''
}

/** The list's filters: a year (null: every year), a unit's subtree ('' the working unit's), a state, a section. */
export interface TaskFilter {
  year: number | null
  unit: string
  state: PlanStateFilter | ''
  section: PlanSectionKey | ''
}

export function emptyTaskFilter(): TaskFilter {
  return { year: null, unit: '', state: '', section: '' }
}

export function filterFromQuery(query: Record<string, unknown>): TaskFilter {
  return {
    year: yearFromQuery(query.year),
    unit: unitFromQuery(query.unit),
    state: stateFromQuery(query.state),
    section: sectionFromQuery(query.section),
  }
}

/** The address of the filters (what is empty left out). */
export function queryOfFilter(filter: TaskFilter): Record<string, string | undefined> {
  return {
    year: filter.year ? String(filter.year) : undefined,
    unit: filter.unit || undefined,
    state: filter.state || undefined,
    section: filter.section || undefined,
  }
}

/** What the list asks: the unit chosen, else the working unit (none: the caller's scope). */
export function listQuery(filter: TaskFilter, workingUnit: string | null): { unit?: string; year?: number; state?: PlanStateFilter; section?: PlanSectionKey } {
  return {
    unit: filter.unit || workingUnit || undefined,
    year: filter.year ?? undefined,
    state: filter.state || undefined,
    section: filter.section || undefined,
  }
}

/**
 * The tree options of a table of tasks: none. A task's `children` is a count, which a table would
 * otherwise take for the rows below it.
 */
export const NOT_A_TREE = { children: 'noChildRows', hasChildren: 'noChildRows' } as const

// ---- states ---------------------------------------------------------------------------------------------

export type TagType = 'success' | 'primary' | 'warning' | 'danger' | 'info'

/** The colour of a state's tag: late red, done green, in progress blue, not started grey. */
export function stateTagType(state: PlanTaskState): TagType {
  switch (state) {
    case 'late':
      return 'danger'
    case 'done':
      return 'success'
    case 'in_progress':
      return 'primary'
    default:
      return 'info'
  }
}

/** An orange 有风险 beside the state: at risk, and not late already (a late task says so in red). */
export function showsRisk(task: Pick<PlanTask, 'atRisk' | 'state'>): boolean {
  return task.atRisk && task.state !== 'late' && task.state !== 'done'
}

export const REPORT_TAGS: Readonly<Record<PlanReport['state'], TagType>> = {
  submitted: 'warning',
  approved: 'success',
  returned: 'danger',
}

// ---- who may do what ----------------------------------------------------------------------------------
// The server's "own unit" is the account's home unit (its unitCode): a task is issued to units below
// it, broken down and reported on by the accounts whose home unit owns it.

/**
 * A unit the caller may issue a task to: strictly below their own unit, within their scope, and
 * not a grid (grids own no tasks).
 */
export function mayIssueTo(code: string, ownUnit: string, roots: readonly string[]): boolean {
  return /^\d{12}$/.test(code) && code !== ownUnit && isWithin(code, ownUnit) && roots.some((root) => isWithin(code, root))
}

/** Where the unit picker of a task issued searches: under the caller's own unit when it is in scope. */
export function issueRoots(ownUnit: string, roots: readonly string[]): string[] {
  return ownUnit && roots.some((root) => isWithin(ownUnit, root)) ? [ownUnit] : [...roots]
}

/** Whether the caller's own unit has units below it to issue to (a village or community has only grids). */
export function issuesFrom(ownUnit: string): boolean {
  return /^\d{12}$/.test(ownUnit) && codeLevel(ownUnit) < 5
}

/**
 * Breaks the task down (分解任务): the accounts of its own unit who issue, for a unit that has units
 * below it other than grids, while it is not done.
 */
export function mayBreakDown(task: Pick<PlanTask, 'unit' | 'status'>, ownUnit: string, issues: boolean): boolean {
  return issues && task.unit === ownUnit && issuesFrom(task.unit) && task.status !== 'done'
}

/** Reports progress (报告进展): the accounts of its own unit who submit, on a task not done, one report pending at a time. */
export function mayReport(task: Pick<PlanTask, 'unit' | 'status' | 'pendingReports'>, ownUnit: string, submits: boolean): boolean {
  return submits && task.unit === ownUnit && task.status !== 'done' && task.pendingReports === 0
}

/** Changes the task (修改): those whose scope holds the issuing unit and who issue, while it is not done. */
export function mayChange(task: Pick<PlanTask, 'issuerUnit' | 'status'>, roots: readonly string[], issues: boolean): boolean {
  return issues && task.status !== 'done' && roots.some((root) => isWithin(task.issuerUnit, root))
}

/**
 * Approves or returns a report (通过 / 退回): a holder of plan:report:decide whose scope covers the
 * issuing unit, on a report still submitted, never its own reporter (the server refuses anyway).
 */
export function mayDecide(
  report: Pick<PlanReport, 'state' | 'reportedByName'>,
  task: Pick<PlanTask, 'issuerUnit'>,
  me: { username: string; roots: readonly string[]; decides: boolean },
): boolean {
  return (
    me.decides &&
    report.state === 'submitted' &&
    report.reportedByName !== me.username &&
    me.roots.some((root) => isWithin(task.issuerUnit, root))
  )
}

/** Adds evidence to a report: its reporter, while it is submitted. */
export function mayAddEvidence(report: Pick<PlanReport, 'state' | 'reportedByName' | 'evidence'>, username: string, submits: boolean): boolean {
  return submits && report.state === 'submitted' && report.reportedByName === username && report.evidence.length < PLAN_LIMITS.evidence
}

// ---- the task form ----------------------------------------------------------------------------------------

/** The form's fields as typed. */
export interface TaskForm {
  unit: string
  year: number
  section: PlanSectionKey | ''
  title: string
  targetText: string
  targetValue: number | null
  targetUnit: string
  indicator: string
  deadline: string
  responsibleName: string
}

/** The fields a server's reason is shown at. */
export const TASK_FORM_FIELDS = [
  'unit',
  'year',
  'section',
  'title',
  'targetText',
  'targetValue',
  'targetUnit',
  'indicator',
  'deadline',
  'responsibleName',
] as const

/** A new task: this year, due at its end. */
export function emptyTaskForm(now: Date = new Date()): TaskForm {
  const year = thisYear(now)
  return {
    unit: '',
    year,
    section: '',
    title: '',
    targetText: '',
    targetValue: null,
    targetUnit: '',
    indicator: '',
    deadline: `${year}-12-31`,
    responsibleName: '',
  }
}

/**
 * A breakdown of `parent`: its year, section, title, target and indicator to start from (each unit
 * below takes its share), due when the parent is; the unit and the person responsible to choose.
 */
export function breakdownForm(parent: PlanTask): TaskForm {
  return {
    unit: '',
    year: parent.year,
    section: sectionFromQuery(parent.section),
    title: parent.title,
    targetText: parent.targetText,
    targetValue: parent.targetValue,
    targetUnit: parent.targetUnit,
    indicator: parent.indicator ?? '',
    deadline: parent.deadline,
    responsibleName: '',
  }
}

/** A task as it is, to change it: its unit and year stay. */
export function taskFormOf(task: PlanTask): TaskForm {
  return { ...breakdownForm(task), unit: task.unit, responsibleName: task.responsibleName }
}

/** What the API takes: texts trimmed, empty optional fields left out (the server takes its defaults). */
export function taskBody(form: TaskForm, parentId?: number): PlanTaskFields {
  const body: PlanTaskFields = {
    unit: form.unit,
    year: form.year,
    // An empty section goes as it is, for the server to say so at its field (the form asks first).
    section: form.section as PlanSectionKey,
    title: form.title.trim(),
    targetText: form.targetText.trim(),
    deadline: form.deadline,
    responsibleName: form.responsibleName.trim(),
  }
  if (form.targetValue !== null && Number.isFinite(form.targetValue)) body.targetValue = form.targetValue
  if (form.targetUnit.trim()) body.targetUnit = form.targetUnit.trim()
  if (form.indicator) body.indicator = form.indicator
  if (parentId !== undefined) body.parentId = parentId
  return body
}

/** A change at the version last read (the unit, year and parent stay). */
export function taskChange(form: TaskForm, version: number): PlanTaskChange {
  const body = taskBody(form)
  const change: PlanTaskChange = {
    version,
    section: body.section,
    title: body.title,
    targetText: body.targetText,
    deadline: body.deadline,
    responsibleName: body.responsibleName,
  }
  if (body.targetValue !== undefined) change.targetValue = body.targetValue
  if (body.targetUnit !== undefined) change.targetUnit = body.targetUnit
  if (body.indicator !== undefined) change.indicator = body.indicator
  return change
}

/** The latest deadline among the tasks a task was broken into ('' none): its own may not move before it. */
export function latestDeadline(children: readonly Pick<PlanTask, 'deadline'>[]): string {
  return children.reduce((latest, c) => (c.deadline > latest ? c.deadline : latest), '')
}

/**
 * Why a deadline is refused, as the server says it: not in the task's year, after the parent's, or
 * (a change) before the latest of the tasks it was broken into.
 */
export type DeadlineProblem = 'afterParent' | 'otherYear' | 'beforeChild'

export function deadlineProblem(deadline: string, year: number, parent: Pick<PlanTask, 'deadline'> | null, latestChild = ''): DeadlineProblem | null {
  if (!deadline) return null
  if (deadline.slice(0, 4) !== String(year)) return 'otherYear'
  if (parent && deadline > parent.deadline) return 'afterParent'
  if (latestChild && deadline < latestChild) return 'beforeChild'
  return null
}

// ---- evidence -----------------------------------------------------------------------------------------------

export type EvidenceType = 'image/jpeg' | 'image/png' | 'application/pdf'

/** The `accept` of the evidence file input. */
export const EVIDENCE_ACCEPT = 'image/jpeg,image/png,application/pdf,.pdf'

/** The media type to send a chosen file with (photos as the request photos are; a PDF by type or name); null for anything else. */
export function evidenceType(file: { name: string; type: string }): EvidenceType | null {
  const photo = photoType(file)
  if (photo) return photo
  const type = file.type.toLowerCase()
  if (type === 'application/pdf') return 'application/pdf'
  if ((type === '' || type === 'application/octet-stream') && file.name.toLowerCase().endsWith('.pdf')) return 'application/pdf'
  return null
}

export type EvidenceRefusal = 'type' | 'size' | 'full'

/**
 * Sorts the files chosen for a report: photos and PDFs of at most 10 MB, as many as `room` allows,
 * in the order chosen; the rest with the reason. The server checks their content and decides.
 */
export function chooseEvidence<F extends { name: string; type: string; size: number }>(
  files: Iterable<F>,
  room: number,
): { accepted: { file: F; type: EvidenceType }[]; refused: { file: F; reason: EvidenceRefusal }[] } {
  const out: { accepted: { file: F; type: EvidenceType }[]; refused: { file: F; reason: EvidenceRefusal }[] } = { accepted: [], refused: [] }
  for (const file of files) {
    const type = evidenceType(file)
    if (!type) out.refused.push({ file, reason: 'type' })
    else if (file.size > PLAN_LIMITS.evidenceBytes) out.refused.push({ file, reason: 'size' })
    else if (out.accepted.length >= room) out.refused.push({ file, reason: 'full' })
    else out.accepted.push({ file, type })
  }
  return out
}

/** "2.4 MB", "830 KB": a file's size for people. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`
  return `${Math.max(1, Math.round(bytes / 1024))} KB`
}

// ---- the roll-up -----------------------------------------------------------------------------------------------

/** The year the roll-up is about: ?year= when it is one, else this year. */
export function rollupYear(query: Record<string, unknown>, now: Date = new Date()): number {
  return yearFromQuery(query.year) ?? thisYear(now)
}

/** The task list behind a roll-up's figure: the unit's subtree in that year, in that state (none: all). */
export function tasksOf(unit: string, year: number, state?: PlanStateFilter) {
  return { name: 'plan-tasks', query: queryOfFilter({ unit, year, state: state ?? '', section: '' }) }
}

/** Done as a share of the tasks, "62.5%"; "—" without tasks. */
export function doneShare(counts: { tasks: number; done: number }): string {
  if (counts.tasks <= 0) return '—'
  return `${((counts.done / counts.tasks) * 100).toFixed(1)}%`
}

/** A file the server did not take, by the name it was chosen with, and why. */
export interface EvidenceFailure {
  name: string
  reason: string
}

/** Why an upload failed, as the server said it: its reason for the file, else its message. */
export function evidenceFailureReason(error: unknown): string {
  if (error instanceof ApiError) return error.details.find((d) => d.reason)?.reason || errorMessage(error)
  return errorMessage(error)
}

/**
 * Sends the files one after another (the server counts them in order); a refusal does not stop
 * the others. `progress` is told before each one (1-based). The failures, in order.
 */
export async function sendEvidence<F extends { name: string }>(
  items: readonly { file: F; type: EvidenceType }[],
  send: (file: F, type: EvidenceType) => Promise<unknown>,
  progress?: (current: number, total: number) => void,
): Promise<EvidenceFailure[]> {
  const failures: EvidenceFailure[] = []
  for (const [i, item] of items.entries()) {
    progress?.(i + 1, items.length)
    try {
      await send(item.file, item.type)
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error
      failures.push({ name: item.file.name, reason: evidenceFailureReason(error) })
    }
  }
  return failures
}
