// The bought services pages' logic, apart from the pages (政府购买社区服务): the contracts list's
// filters as the address carries them, the grade a score gives, how far a contract has come, what a
// contract's page offers to whom, the contract dialog to and from what the API takes, where a
// service record may be made, and which surveys the dialog offers.
import { CATEGORIES } from '@/api/lists'
import { CONTRACT_PHASES, type Candidate, type Contract, type ContractFields, type ContractPhase, type Grade, type ServiceRecord } from '@/api/services'
import type { Question, SurveySummary } from '@/api/surveys'
import { fenToYuanText, formatYuan } from './charity'
import { countyAdcode, isWithin, unitCodeOfAdcode } from './codes'
import { unitFromQuery } from './lists'
import { yearFromQuery } from './plan'

export const CONTRACT_READ = 'services:contract:read'
export const CONTRACT_WRITE = 'services:contract:write'
export const RECORD_WRITE = 'services:record:write'

function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value
}

// ---- the contracts list's filters ----------------------------------------------------------------

/** A unit's subtree ('' the working unit's), a year (null: any), a provider (null: any), a phase. */
export interface ContractFilter {
  unit: string
  year: number | null
  organisation: number | null
  phase: ContractPhase | ''
}

/** ?organisation=12: a provider's id; null for anything else. */
export function idFromQuery(value: unknown): number | null {
  const v = first(value)
  if (typeof v !== 'string' || !/^[1-9]\d{0,15}$/.test(v)) return null
  const id = Number(v)
  return Number.isSafeInteger(id) ? id : null
}

export function contractFilterFromQuery(query: Record<string, unknown>): ContractFilter {
  const phase = first(query.phase)
  return {
    unit: unitFromQuery(query.unit),
    year: yearFromQuery(query.year),
    organisation: idFromQuery(query.organisation),
    phase: CONTRACT_PHASES.find((p) => p === phase) ?? '',
  }
}

export function queryOfContractFilter(filter: ContractFilter): Record<string, string | undefined> {
  return {
    unit: filter.unit || undefined,
    year: filter.year ? String(filter.year) : undefined,
    organisation: filter.organisation ? String(filter.organisation) : undefined,
    phase: filter.phase || undefined,
  }
}

/** What the list and its Excel twin ask: the unit chosen, else the working unit (none: the caller's scope). */
export function contractListQuery(
  filter: ContractFilter,
  workingUnit: string | null,
): { unit?: string; year?: number; organisation?: number; phase?: ContractPhase } {
  return {
    unit: filter.unit || workingUnit || undefined,
    year: filter.year ?? undefined,
    organisation: filter.organisation ?? undefined,
    phase: filter.phase || undefined,
  }
}

// ---- grades, phases, completion ----------------------------------------------------------------------

/** The grade a score gives (the server's rule): 优秀 from 90, 良好 from 80, 合格 from 60, else 不合格. */
export function gradeOf(score: number): Grade {
  if (score >= 90) return 'excellent'
  if (score >= 80) return 'good'
  if (score >= 60) return 'pass'
  return 'fail'
}

export type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger'

export function gradeTag(grade: string): TagType {
  if (grade === 'excellent') return 'success'
  if (grade === 'good') return 'primary'
  if (grade === 'pass') return 'warning'
  return 'danger'
}

/** Upcoming grey, running blue, ended (awaiting its evaluation) orange, evaluated green. */
export function phaseTag(phase: string): TagType {
  if (phase === 'running') return 'primary'
  if (phase === 'ended') return 'warning'
  if (phase === 'evaluated') return 'success'
  return 'info'
}

/** An amount in a column that says 元 already: 12345600 → "123,456.00"; -5000 → "-50.00". */
export function yuanFigure(fen: number): string {
  return formatYuan(fen).replace('¥', '')
}

/** A progress bar's share of a completion that may exceed 100 (or be nothing yet): 0 to 100. */
export function completionBar(completion: number): number {
  return Number.isFinite(completion) ? Math.min(100, Math.max(0, Math.round(completion))) : 0
}

// ---- what a contract's page offers --------------------------------------------------------------------

export interface ContractSteps {
  /** 修改: while active. */
  edit: boolean
  /** 绩效评估: once ended and not evaluated. */
  evaluate: boolean
  /** 登记服务: while active and begun (a record is dated within the period, not after today). */
  record: boolean
}

export function contractSteps(contract: Pick<Contract, 'state' | 'phase'>, permissions: { write: boolean; record: boolean }): ContractSteps {
  const active = contract.state === 'active'
  return {
    edit: permissions.write && active,
    evaluate: permissions.write && contract.phase === 'ended',
    record: permissions.record && active && contract.phase !== 'upcoming',
  }
}

/** 作废: a record not voided yet, of a contract not evaluated. */
export function mayVoid(record: Pick<ServiceRecord, 'voided'>, contract: Pick<Contract, 'state'>, mayRecord: boolean): boolean {
  return mayRecord && !record.voided && contract.state === 'active'
}

/** Once a contract has records its unit and provider stay (the server refuses a change). */
export function fixedOnceRecorded(contract: Pick<Contract, 'records'> | null): boolean {
  return (contract?.records ?? 0) > 0
}

// ---- where a record is made ---------------------------------------------------------------------------

/**
 * The roots to search within `unit` for one whose scope is `scopeRoots`: the unit itself when the
 * scope holds it, else the caller's roots within it. A service record's unit lies within the
 * contract's unit and in the caller's scope (a community worker records for their community of
 * the street's contract).
 */
export function rootsWithin(unit: string, scopeRoots: readonly string[]): string[] {
  if (scopeRoots.some((root) => isWithin(unit, root))) return [unit]
  return scopeRoots.filter((root) => isWithin(root, unit))
}

/** The unit a new record names first: the working unit when it lies in the roots, else the first root. */
export function defaultRecordUnit(roots: readonly string[], workingUnit: string | null): string {
  if (workingUnit && roots.some((root) => isWithin(workingUnit, root))) return workingUnit
  return roots[0] ?? ''
}

// ---- the contract dialog -------------------------------------------------------------------------------

/** The contract dialog as typed: the amount in yuan as text. */
export interface ContractForm {
  unit: string
  organisationId: number | null
  title: string
  category: (typeof CATEGORIES)[number] | ''
  content: string
  targetText: string
  targetPeople: number | null
  amount: string
  fundingSource: string
  startsOn: string
  endsOn: string
  surveyId: number | null
  surveyQuestion: string
}

/** The server's field names the dialog shows at its items (amountFen at the amount). */
export const CONTRACT_FORM_FIELDS = [
  'unit',
  'organisationId',
  'title',
  'category',
  'content',
  'targetText',
  'targetPeople',
  'amountFen',
  'fundingSource',
  'startsOn',
  'endsOn',
  'surveyId',
  'surveyQuestion',
] as const

/** A new contract of the working unit when it may buy, from today. */
export function emptyContractForm(unit: string, today: string): ContractForm {
  return {
    unit,
    organisationId: null,
    title: '',
    category: '',
    content: '',
    targetText: '',
    targetPeople: null,
    amount: '',
    fundingSource: '',
    startsOn: today,
    endsOn: '',
    surveyId: null,
    surveyQuestion: '',
  }
}

export function contractFormOf(contract: Contract): ContractForm {
  return {
    unit: contract.unit,
    organisationId: contract.organisationId,
    title: contract.title,
    category: CATEGORIES.find((c) => c === contract.category) ?? '',
    content: contract.content,
    targetText: contract.targetText,
    targetPeople: contract.targetPeople,
    amount: fenToYuanText(contract.amountFen),
    fundingSource: contract.fundingSource,
    startsOn: contract.startsOn,
    endsOn: contract.endsOn,
    surveyId: contract.surveyId,
    surveyQuestion: contract.surveyQuestion,
  }
}

/**
 * What the API takes: texts trimmed, the amount read into fen by the caller, what was left empty
 * as the server's "nothing" (0, ''), which it refuses at the field; no survey, no question.
 */
export function contractBody(form: ContractForm, amountFen: number): ContractFields {
  return {
    unit: form.unit,
    organisationId: form.organisationId ?? 0,
    title: form.title.trim(),
    category: form.category as (typeof CATEGORIES)[number],
    content: form.content.trim(),
    targetText: form.targetText.trim(),
    targetPeople: form.targetPeople ?? 0,
    amountFen,
    fundingSource: form.fundingSource.trim(),
    startsOn: form.startsOn,
    endsOn: form.endsOn,
    surveyId: form.surveyId,
    surveyQuestion: form.surveyId === null ? '' : form.surveyQuestion,
  }
}

/** The county a buying unit lies in (its own code for a county), where its providers are registered; '' above a county. */
export function countyOf(code: string): string {
  const county = /^\d{12}$/.test(code) ? countyAdcode(code) : null
  return county ? unitCodeOfAdcode(county) : ''
}

/** An organisation the contract dialog offers as the provider: one of the buyer's candidates. */
export type ProviderChoice = Pick<Candidate, 'id' | 'name' | 'kind' | 'kindLabel' | 'areaName'>

/** A contract's provider as the dialog shows it until the candidates found hold it (its area unknown). */
export function providerOfContract(contract: Pick<Contract, 'organisationId' | 'organisationName' | 'organisationKind' | 'organisationKindLabel'>): ProviderChoice {
  return { id: contract.organisationId, name: contract.organisationName, kind: contract.organisationKind, kindLabel: contract.organisationKindLabel, areaName: '' }
}

/**
 * The surveys the dialog offers for a unit: those run by the unit, a unit above it or one within
 * it (the server checks that the survey's target concerns the unit), not drafts.
 */
export function surveyChoices(surveys: readonly SurveySummary[], unit: string): SurveySummary[] {
  return surveys.filter((s) => s.status !== 'draft' && (!unit || isWithin(unit, s.unit) || isWithin(s.unit, unit)))
}

/** A survey's rating questions, which can measure a service. */
export function ratingQuestions(questions: readonly Question[]): Question[] {
  return questions.filter((q) => q.kind === 'rating')
}
