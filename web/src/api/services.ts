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
import type { PageQuery, QueryOf, Reply, RequestBody, Schema } from './types'

export type Contract = Schema<'ServicesContract'>
export type ContractDetail = Schema<'ServicesContractDetail'>
export type Evaluation = NonNullable<ContractDetail['evaluation']>
export type ServiceRecord = Schema<'ServicesRecord'>
export type Provider = Schema<'ServicesProvider'>
export type ProviderDetail = Reply<'/api/v1/services/providers/{id}', 'get'>
export type ProviderEvaluation = ProviderDetail['evaluations'][number]
export type ContractFields = RequestBody<'/api/v1/services/contracts', 'post'>
export type ContractChange = RequestBody<'/api/v1/services/contracts/{id}', 'put'>
export type RecordFields = RequestBody<'/api/v1/services/contracts/{id}/records', 'post'>
export type EvaluationFields = RequestBody<'/api/v1/services/contracts/{id}/evaluation', 'post'>
export type ContractQuery = QueryOf<'/api/v1/services/contracts', 'get'>
export type ProviderQuery = QueryOf<'/api/v1/services/providers', 'get'>
export type Candidate = Schema<'ServicesCandidate'>
export type CandidateQuery = QueryOf<'/api/v1/services/providers/candidates', 'get'>
export type ContractPhase = Contract['phase']
export type Grade = Evaluation['grade']
type ContractPage = Schema<'ServicesContractPage'>
type RecordPage = Schema<'ServicesRecordPage'>
type ProviderPage = Schema<'ServicesProviderPage'>
type CandidatePage = Schema<'ServicesCandidatePage'>

// The server's phases (src/services/model.cpp), checked against the API description.
export const CONTRACT_PHASES = ['upcoming', 'running', 'ended', 'evaluated'] as const satisfies readonly ContractPhase[]

/** The server's bounds (src/services/contract_service.hpp). */
export const SERVICES_LIMITS = {
  title: 100,
  content: 2000,
  targetText: 500,
  targetPeople: 1_000_000,
  /** The largest amount of a contract, in fen (a billion yuan). */
  amountFen: 100_000_000_000,
  fundingSource: 100,
  place: 100,
  recordContent: 1000,
  peopleServed: 10_000,
  reason: { min: 2, max: 200 },
  score: { min: 0, max: 100 },
  comment: 1000,
} as const

/** The list's Excel twin (政府购买社区服务清单), with the list's filters. */
export const CONTRACTS_XLSX = '/api/v1/services/contracts.xlsx'

/** The contracts bought in a unit's subtree (none: the caller's scope), the newest first. */
export function listContracts(query: ContractQuery, signal?: AbortSignal): Promise<ContractPage> {
  return http.get<ContractPage>('/api/v1/services/contracts', {
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
export function listRecords(id: number, paging: PageQuery, signal?: AbortSignal): Promise<RecordPage> {
  return http.get<RecordPage>(`/api/v1/services/contracts/${id}/records`, {
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
export function listProviders(query: ProviderQuery, signal?: AbortSignal): Promise<ProviderPage> {
  return http.get<ProviderPage>('/api/v1/services/providers', {
    query: { unit: query.unit || undefined, page: query.page, pageSize: query.pageSize },
    signal,
  })
}

/** A provider's record across the contracts in the caller's scope. */
export function getProvider(organisationId: number, signal?: AbortSignal): Promise<ProviderDetail> {
  return http.get<ProviderDetail>(`/api/v1/services/providers/${organisationId}`, { signal })
}

/**
 * The social organisations a unit may buy from, by name: those registered within its county,
 * volunteer teams left out (what a contract takes as its provider), whether or not the caller
 * reads the county's register.
 */
export function listCandidates(query: CandidateQuery, signal?: AbortSignal): Promise<CandidatePage> {
  return http.get<CandidatePage>('/api/v1/services/providers/candidates', {
    query: { unit: query.unit, q: query.q || undefined, page: query.page, pageSize: query.pageSize },
    signal,
  })
}
