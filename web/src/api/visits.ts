// Home visits of the residents module (入户走访): /api/v1/residents/…/visits, referrals, care rules.
//
// A grid worker records a visit to a care target (独居老人, 留守儿童…) with a key the device chose:
// sent again with the same key (the answer was lost on a weak signal), the server answers the
// visit it kept (200, replayed) and writes nothing new, so a phone may send a queued visit as often
// as it needs to. A visit that finds a hardship refers the person to the township for a 低保 or
// 特困 assessment, which the township takes up and decides; one that finds something needing action
// (a broken stair rail, a streetlight out) opens a request (诉求) with it, in the same transaction.
// The province and the cities set who is visited how often.
import { http } from '@/utils/request'
import type { RequestBody, Schema } from './types'

export type ResidentVisit = Schema<'ResidentVisit'>
export type ResidentReferral = Schema<'ResidentReferral'>
export type ResidentOverdueTarget = Schema<'ResidentOverdueTarget'>
export type ResidentCareRule = Schema<'ResidentCareRule'>
type VisitPage = Schema<'ResidentVisitPage'>
type ReferralPage = Schema<'ResidentReferralPage'>
type OverduePage = Schema<'ResidentOverdueTargetPage'>
type CareRulePage = Schema<'ResidentCareRulePage'>

export type VisitMet = ResidentVisit['met']
export type VisitCondition = ResidentVisit['health']
export type VisitSafety = ResidentVisit['safety']
export type VisitNeed = ResidentVisit['needs'][number]
export type ReferralKind = ResidentReferral['kind']
export type ReferralStatus = ResidentReferral['status']
export type CareInterval = ResidentCareRule['everyMonths']

// The server's choices (src/residents/model.cpp), checked against the API description's enums.
export const VISIT_MET = ['person', 'family', 'nobody'] as const satisfies readonly VisitMet[]
export const VISIT_CONDITIONS = ['good', 'fair', 'poor'] as const satisfies readonly VisitCondition[]
export const VISIT_SAFETY = ['none', 'found'] as const satisfies readonly VisitSafety[]
export const VISIT_NEEDS = ['meals', 'medical', 'care', 'repair', 'psychological', 'assistance', 'other'] as const satisfies readonly VisitNeed[]
export const REFERRAL_KINDS = ['subsistence', 'special_hardship'] as const satisfies readonly ReferralKind[]
export const REFERRAL_STATUSES = ['referred', 'under_assessment', 'granted', 'refused'] as const satisfies readonly ReferralStatus[]
/** 0 not visited, 1 every month, 3 every quarter. */
export const CARE_INTERVALS = [0, 1, 3] as const satisfies readonly CareInterval[]
/** A referral still waiting for the township. */
export const OPEN_REFERRAL: ReadonlySet<ReferralStatus> = new Set<ReferralStatus>(['referred', 'under_assessment'])

/** The server's bounds (src/residents/visit_service.cpp; a request's description: src/requests). */
export const VISIT_LIMITS = { note: 1000, maxAgeDays: 90, reason: { min: 2, max: 200 }, key: { min: 8, max: 64 }, request: 2000 } as const

/**
 * A visit as the form sends it: typed by the choices above (the API description types them as
 * plain strings). `key` is chosen once per visit by the device.
 */
export interface VisitFields extends RequestBody<'/api/v1/residents/persons/{id}/visits', 'post'> {
  key: string
  visitedOn: string
  met: VisitMet
  health: VisitCondition
  living: VisitCondition
  safety: VisitSafety
  needs: VisitNeed[]
  note: string
  refer?: ReferralKind
  referReason?: string
  /** A finding that needs action: the request (诉求) opened with the visit, in the person's grid. */
  request?: VisitRequest
}

/** The request a visit opens: a category of the catalogue (a leaf) and what needs doing. */
export interface VisitRequest {
  categoryCode: string
  description: string
}

export type ReferralDecision = RequestBody<'/api/v1/residents/referrals/{id}/decision', 'post'> & {
  status: Exclude<ReferralStatus, 'referred'>
}

export interface OverdueQuery {
  unit?: string
  page: number
  pageSize: number
}

export interface ReferralQuery {
  status?: ReferralStatus | ''
  page: number
  pageSize: number
}

// ---- visits ----------------------------------------------------------------------------------------

/**
 * Records a visit (201), or answers the one kept under the same key (200, `replayed`). Nothing is
 * shown by the client: the caller tells a lost network from a refusal and keeps the visit queued.
 */
export function recordVisit(personId: number, fields: VisitFields): Promise<ResidentVisit> {
  return http.post<ResidentVisit>(`/api/v1/residents/persons/${personId}/visits`, fields, { notify: false })
}

/** A person's visits, newest first (at most 100); the server audits the read. */
export function listVisits(personId: number, signal?: AbortSignal): Promise<VisitPage> {
  return http.get<VisitPage>(`/api/v1/residents/persons/${personId}/visits`, { signal })
}

/** Care targets of the caller's scope (or of `unit` below it) not visited in the current month or quarter. */
export function listOverdue(query: OverdueQuery, signal?: AbortSignal): Promise<OverduePage> {
  return http.get<OverduePage>('/api/v1/residents/visits/overdue', {
    query: { unit: query.unit || undefined, page: query.page, pageSize: query.pageSize },
    signal,
  })
}

// ---- referrals -------------------------------------------------------------------------------------

export function listReferrals(query: ReferralQuery, signal?: AbortSignal): Promise<ReferralPage> {
  return http.get<ReferralPage>('/api/v1/residents/referrals', {
    query: { status: query.status || undefined, page: query.page, pageSize: query.pageSize },
    signal,
  })
}

/** Takes a referral up or decides it, with the version last read (409: someone else did first). */
export function decideReferral(id: number, decision: ReferralDecision): Promise<ResidentReferral> {
  return http.post<ResidentReferral>(`/api/v1/residents/referrals/${id}/decision`, decision, { notify: false })
}

// ---- care rules ------------------------------------------------------------------------------------

/** Per tag, how often its people are visited at a unit and where that was set. */
export function getCareRules(code: string, signal?: AbortSignal): Promise<CareRulePage> {
  return http.get<CareRulePage>(`/api/v1/residents/care-rules/${code}`, { signal })
}

/** The province's or a city's own rules, all of them: a tag left out follows the level above. */
export function setCareRules(code: string, rules: { tag: string; everyMonths: CareInterval }[]): Promise<CareRulePage> {
  return http.put<CareRulePage>(`/api/v1/residents/care-rules/${code}`, { rules }, { notify: false })
}
