// Bought services (政府购买社区服务): /api/v1/services/…
//
// A county, township, village or community buys a service from a social organisation registered
// in its county (not a volunteer team): a contract with its category (the three lists' catalogue),
// what is done and for whom, a target of people served, an amount in fen, who pays, and a period of
// at most three years; optionally a satisfaction survey concerning the unit and the rating question
// that measures the service. Its phase follows the clock (upcoming, running, ended and awaiting
// its evaluation, evaluated). Service delivered is recorded as it goes (a day within the period and
// not after today, a unit within the contract's, the people served); a mistaken record is voided
// with a reason and stays on the list, struck through. Once the period has ended the contract is
// evaluated once, with a score of 0–100 that gives the grade; the figures and the linked survey's
// satisfaction are taken then and kept. Changes go at the version read (409 when changed since).
// The providers' record sums their contracts and evaluations.
import { http } from '@/utils/request'
import type { PageQuery, PageResult } from './types'
import type { Category } from './lists'

// Declared by hand from the module's contract until the server's API description has them
// (scripts/web-api-types), then named from there.

export type ContractState = 'active' | 'evaluated'
export type ContractPhase = 'upcoming' | 'running' | 'ended' | 'evaluated'
export type Grade = 'excellent' | 'good' | 'pass' | 'fail'

export const CONTRACT_PHASES = ['upcoming', 'running', 'ended', 'evaluated'] as const satisfies readonly ContractPhase[]
export const GRADES = ['excellent', 'good', 'pass', 'fail'] as const satisfies readonly Grade[]

export interface Contract {
  id: number
  /** The buying unit: a county, township, village or community. */
  unit: string
  unitName: string
  organisationId: number
  organisationName: string
  organisationKind: string
  organisationKindLabel: string
  title: string
  category: Category
  categoryLabel: string
  content: string
  targetText: string
  targetPeople: number
  amountFen: number
  fundingSource: string
  /** China dates, YYYY-MM-DD; the period includes both. */
  startsOn: string
  endsOn: string
  surveyId: number | null
  surveyTitle: string
  /** The survey's rating question that measures the service ('' none). */
  surveyQuestion: string
  surveyQuestionTitle: string
  state: ContractState
  stateLabel: string
  phase: ContractPhase
  phaseLabel: string
  /** Service records not voided. */
  records: number
  peopleServed: number
  /** peopleServed × 100 / targetPeople, whole, may exceed 100. */
  completion: number
  createdByName: string
  createdAt: string
  updatedAt: string
  version: number
}

export interface Satisfaction {
  surveyId: number
  surveyTitle: string
  question: string
  questionTitle: string
  responses: number
  /** 1–5; 0 when nobody answered. */
  mean: number
  low: number | null
  high: number | null
}

export interface Evaluation {
  evaluatedOn: string
  score: number
  grade: Grade
  gradeLabel: string
  comment: string
  records: number
  peopleServed: number
  targetPeople: number
  completion: number
  /** null: no survey was linked. */
  satisfaction: Satisfaction | null
  evaluatedByName: string
  evaluatedAt: string
}

export interface ContractDetail {
  contract: Contract
  evaluation: Evaluation | null
}

export interface ServiceRecord {
  id: number
  contractId: number
  servedOn: string
  unit: string
  unitName: string
  place: string
  content: string
  peopleServed: number
  recordedByName: string
  recordedAt: string
  voided: boolean
  voidReason: string
  voidedByName: string
  voidedAt: string
}

export interface Provider {
  organisationId: number
  name: string
  kind: string
  kindLabel: string
  area: string
  areaName: string
  contracts: number
  amountFen: number
  evaluated: number
  meanScore: number | null
  lastGrade: Grade | ''
  lastGradeLabel: string
}

export interface ProviderEvaluation {
  contractId: number
  title: string
  unitName: string
  evaluatedOn: string
  score: number
  grade: Grade
  gradeLabel: string
  satisfactionMean: number | null
}

export interface ProviderDetail {
  provider: Provider
  contracts: Contract[]
  evaluations: ProviderEvaluation[]
}

export interface ContractFields {
  unit: string
  organisationId: number
  title: string
  category: Category
  content: string
  targetText: string
  targetPeople: number
  amountFen: number
  fundingSource: string
  startsOn: string
  endsOn: string
  surveyId: number | null
  surveyQuestion: string
}

export interface ContractChange extends ContractFields {
  version: number
}

export interface RecordFields {
  servedOn: string
  /** The contract's unit or one within it, in the caller's scope ('' the contract's unit). */
  unit: string
  place: string
  content: string
  peopleServed: number
}

export interface EvaluationFields {
  version: number
  score: number
  comment: string
}

export interface ContractQuery extends PageQuery {
  /** A unit's subtree (none: the caller's scope). */
  unit?: string
  /** Contracts whose period overlaps the year. */
  year?: number
  /** A provider's id. */
  organisation?: number
  phase?: ContractPhase
}

export interface ProviderQuery extends PageQuery {
  unit?: string
}

/** The server's bounds (the module's contract). */
export const SERVICES_LIMITS = {
  title: 100,
  content: 2000,
  targetText: 500,
  targetPeople: 1_000_000,
  /** The largest amount of a contract, in fen (a billion yuan). */
  amountFen: 100_000_000_000,
  fundingSource: 100,
  /** The longest period, in years. */
  years: 3,
  place: 100,
  recordContent: 1000,
  peopleServed: 10_000,
  reason: { min: 2, max: 200 },
  score: { min: 0, max: 100 },
  comment: 500,
} as const

/** The list's Excel twin (政府购买社区服务清单), with the list's filters. */
export const CONTRACTS_XLSX = '/api/v1/services/contracts.xlsx'

/** The contracts bought in a unit's subtree (none: the caller's scope), the newest first. */
export function listContracts(query: ContractQuery, signal?: AbortSignal): Promise<PageResult<Contract>> {
  return http.get<PageResult<Contract>>('/api/v1/services/contracts', {
    query: {
      unit: query.unit || undefined,
      year: query.year || undefined,
      organisation: query.organisation || undefined,
      phase: query.phase || undefined,
      page: query.page,
      pageSize: query.pageSize,
    },
    signal,
  })
}

/** A contract with its evaluation (null until evaluated). */
export function getContract(id: number, signal?: AbortSignal): Promise<ContractDetail> {
  return http.get<ContractDetail>(`/api/v1/services/contracts/${id}`, { signal })
}

/** A new contract (201). `notify: false`: the dialog shows the refusal at its fields. */
export function createContract(fields: ContractFields): Promise<Contract> {
  return http.post<Contract>('/api/v1/services/contracts', fields, { notify: false })
}

/** A change at the version read, while active (409: changed since, or evaluated). */
export function updateContract(id: number, change: ContractChange): Promise<Contract> {
  return http.put<Contract>(`/api/v1/services/contracts/${id}`, change, { notify: false })
}

/** A contract's service records, the latest served first, voided ones included. */
export function listRecords(id: number, paging: PageQuery, signal?: AbortSignal): Promise<PageResult<ServiceRecord>> {
  return http.get<PageResult<ServiceRecord>>(`/api/v1/services/contracts/${id}/records`, {
    query: { page: paging.page, pageSize: paging.pageSize },
    signal,
  })
}

/** Service delivered (201; 409 once the contract is evaluated). */
export function createRecord(id: number, fields: RecordFields): Promise<ServiceRecord> {
  return http.post<ServiceRecord>(`/api/v1/services/contracts/${id}/records`, fields, { notify: false })
}

/** Voids a record with a reason (409: voided already, or the contract evaluated). */
export function voidRecord(id: number, reason: string): Promise<ServiceRecord> {
  return http.post<ServiceRecord>(`/api/v1/services/records/${id}/void`, { reason }, { notify: false })
}

/** The evaluation, once, on or after the contract's end (409 before it, or evaluated already). */
export function evaluateContract(id: number, fields: EvaluationFields): Promise<ContractDetail> {
  return http.post<ContractDetail>(`/api/v1/services/contracts/${id}/evaluation`, fields, { notify: false })
}

/** The organisations that provide services bought in a unit's subtree, the most contracts first. */
export function listProviders(query: ProviderQuery, signal?: AbortSignal): Promise<PageResult<Provider>> {
  return http.get<PageResult<Provider>>('/api/v1/services/providers', {
    query: { unit: query.unit || undefined, page: query.page, pageSize: query.pageSize },
    signal,
  })
}

/** A provider's record across the contracts in the caller's scope. */
export function getProvider(organisationId: number, signal?: AbortSignal): Promise<ProviderDetail> {
  return http.get<ProviderDetail>(`/api/v1/services/providers/${organisationId}`, { signal })
}
