// Volunteers (志愿服务, ADR 0030): /api/v1/volunteer…
//
// The staff's side: the volunteers of the villages and communities in scope (names and phones
// masked) with their confirmed minutes, an application approved or refused with the version last
// read, someone without a phone registered, a volunteer's entries of the chained hour record; the
// activities of a unit's subtree, one with its sign-ups, the short-lived check-in code for the
// screen at the activity, a check-in or -out by hand, and the confirmation once it has ended.
// The resident's side (/h5/): their own record, applying, the activities open to them with their
// own sign-up, taking and giving up a place, checking in and out with the code shown at the
// activity, their hours and their certificate. The public check of a certificate needs no session.
import { download, FILE_TYPES, http, withoutEmpty } from '@/utils/request'
import type { QueryOf, Reply, RequestBody, Schema } from './types'

export type Volunteer = Schema<'Volunteer'>
export type VolunteerState = Volunteer['state']
export type VolunteerActivity = Schema<'VolunteerActivity'>
export type ActivityState = VolunteerActivity['state']
export type VolunteerSignup = Schema<'VolunteerSignup'>
export type SignupState = VolunteerSignup['state']
export type HourEntry = Schema<'VolunteerHourEntry'>
export type OpenActivity = Schema<'VolunteerActivityOpen'>
export type ActivityDetail = Reply<'/api/v1/volunteer/activities/{id}', 'get'>
export type CheckCode = Reply<'/api/v1/volunteer/activities/{id}/code', 'get'>
export type Direction = QueryOf<'/api/v1/volunteer/activities/{id}/code', 'get'>['direction']
export type VolunteerQuery = QueryOf<'/api/v1/volunteer/volunteers', 'get'>
export type RegisterFields = RequestBody<'/api/v1/volunteer/volunteers', 'post'>
export type ApplyFields = RequestBody<'/api/v1/volunteer/me', 'post'>
export type PublishFields = RequestBody<'/api/v1/volunteer/activities', 'post'>
export type ByHandFields = RequestBody<'/api/v1/volunteer/activities/{id}/check-by-hand', 'post'>
export type Organisation = Schema<'VolunteerOrganisation'>
export type OrganisationKind = Organisation['kind']
export type Membership = Schema<'VolunteerMembership'>
export type MemberRole = Membership['role']
export type OrganisationDetail = Reply<'/api/v1/volunteer/organisations/{id}', 'get'>
export type OrganisationQuery = QueryOf<'/api/v1/volunteer/organisations', 'get'>
export type OrganisationFields = RequestBody<'/api/v1/volunteer/organisations', 'post'>
type OrganisationPage = Schema<'VolunteerOrganisationPage'>
type VolunteerPage = Schema<'VolunteerPage'>
type ActivityPage = Schema<'VolunteerActivityPage'>
type HourPage = Schema<'VolunteerHourEntryPage'>
type OpenPage = Schema<'VolunteerActivityOpenPage'>
type MyRecord = Reply<'/api/v1/volunteer/me', 'get'>

export const VOLUNTEER_STATES = ['applied', 'approved', 'refused'] as const satisfies readonly VolunteerState[]
export const DIRECTIONS = ['in', 'out'] as const satisfies readonly Direction[]
export const ORGANISATION_KINDS = [
  'social_group',
  'private_non_enterprise',
  'foundation',
  'community_organisation',
  'volunteer_team',
] as const satisfies readonly OrganisationKind[]
/** The kinds registered with civil affairs, which hold a 统一社会信用代码 (the server requires it). */
export const REGISTERED_KINDS: readonly OrganisationKind[] = ['social_group', 'private_non_enterprise', 'foundation']
export const MEMBER_ROLES = ['member', 'leader'] as const satisfies readonly MemberRole[]
/** The server's bounds (src/volunteer/volunteer_service.cpp). */
export const LIMITS = {
  name: { min: 2, max: 30 },
  skills: 200,
  title: { min: 2, max: 60 },
  place: { min: 2, max: 100 },
  reason: { min: 2, max: 200 },
  capacity: { min: 1, max: 10_000 },
  organisationName: { min: 2, max: 60 },
  services: 200,
  /** An activity lasts at most this long. */
  hours: 24,
} as const

// Shared with the other modules' forms; named here too, where the volunteer pages found it first.
export { withoutEmpty }

// ---- volunteers (staff) ---------------------------------------------------------------------------

export function listVolunteers(query: VolunteerQuery, signal?: AbortSignal): Promise<VolunteerPage> {
  return http.get<VolunteerPage>('/api/v1/volunteer/volunteers', {
    query: { unit: query.unit, state: query.state, page: query.page, pageSize: query.pageSize },
    signal,
  })
}

/** Someone without a phone (or an account), approved at once. `notify: false`: the dialog shows the refusal at its fields. */
export function registerVolunteer(fields: RegisterFields): Promise<Volunteer> {
  return http.post<Volunteer>('/api/v1/volunteer/volunteers', withoutEmpty(fields), { notify: false })
}

/**
 * Approves, or refuses with a reason, an application as last read (409: decided meanwhile). An
 * approval sends no reason.
 */
export function decideVolunteer(id: number, approve: boolean, reason: string, version: number): Promise<Volunteer> {
  const body: RequestBody<'/api/v1/volunteer/volunteers/{id}/decision', 'post'> = approve ? { approve, version } : { approve, reason, version }
  return http.post<Volunteer>(`/api/v1/volunteer/volunteers/${id}/decision`, withoutEmpty(body), { notify: false })
}

export function volunteerHours(id: number, signal?: AbortSignal): Promise<HourPage> {
  return http.get<HourPage>(`/api/v1/volunteer/volunteers/${id}/hours`, { signal })
}

// ---- activities (staff) ----------------------------------------------------------------------------

/** The activities of a unit's subtree (the caller's scope without one), newest start first, at most 200. */
export function listActivities(unit: string | undefined, signal?: AbortSignal): Promise<ActivityPage> {
  return http.get<ActivityPage>('/api/v1/volunteer/activities', { query: { unit }, signal })
}

/** `notify: false`: the form shows every refused field at once. */
export function publishActivity(fields: PublishFields): Promise<VolunteerActivity> {
  return http.post<VolunteerActivity>('/api/v1/volunteer/activities', withoutEmpty(fields), { notify: false })
}

export function getActivity(id: number, signal?: AbortSignal): Promise<ActivityDetail> {
  return http.get<ActivityDetail>(`/api/v1/volunteer/activities/${id}`, { signal })
}

/** The code for the screen at the activity and when its window ends (valid one window more). */
export function getCheckCode(id: number, direction: Direction, signal?: AbortSignal): Promise<CheckCode> {
  return http.get<CheckCode>(`/api/v1/volunteer/activities/${id}/code`, { query: { direction }, signal, notify: false })
}

/** For a volunteer without a phone; `notify: false`: the dialog shows the refusal at its fields. */
export function checkByHand(id: number, fields: ByHandFields): Promise<VolunteerSignup> {
  return http.post<VolunteerSignup>(`/api/v1/volunteer/activities/${id}/check-by-hand`, fields, { notify: false })
}

/** Once ended: the entries written. `notify: false`: the page says why not (409). */
export function confirmActivity(id: number): Promise<HourPage> {
  return http.post<HourPage>(`/api/v1/volunteer/activities/${id}/confirm`, undefined, { notify: false })
}

// ---- social organisations and volunteer teams (staff) ----------------------------------------------------

/** Those whose area lies in the unit's subtree (the caller's scope without one), newest first. */
export function listOrganisations(query: OrganisationQuery, signal?: AbortSignal): Promise<OrganisationPage> {
  return http.get<OrganisationPage>('/api/v1/volunteer/organisations', {
    query: { unit: query.unit, kind: query.kind, page: query.page, pageSize: query.pageSize },
    signal,
  })
}

/** `notify: false`: the dialog shows every refused field at once. */
export function registerOrganisation(fields: OrganisationFields): Promise<Organisation> {
  return http.post<Organisation>('/api/v1/volunteer/organisations', withoutEmpty(fields), { notify: false })
}

export function getOrganisation(id: number, signal?: AbortSignal): Promise<OrganisationDetail> {
  return http.get<OrganisationDetail>(`/api/v1/volunteer/organisations/${id}`, { signal })
}

/** An approved volunteer of the area joins (409: outside it, not approved, a member already). */
export function addMember(id: number, volunteer: number, role: MemberRole): Promise<Membership> {
  return http.post<Membership>(`/api/v1/volunteer/organisations/${id}/members`, { volunteer, role }, { notify: false })
}

/** The member leaves today; the membership stays on record. */
export function removeMember(id: number, volunteer: number): Promise<void> {
  return http.delete<void>(`/api/v1/volunteer/organisations/${id}/members/${volunteer}`, { notify: false })
}

// ---- the resident's own ------------------------------------------------------------------------------

/** One's own record (null before applying), with confirmed minutes. */
export async function getMyVolunteer(signal?: AbortSignal): Promise<Volunteer | null> {
  const answer = await http.get<MyRecord>('/api/v1/volunteer/me', { signal })
  return answer.volunteer
}

/** `notify: false`: the form shows the refusal at its fields. */
export function applyToVolunteer(fields: ApplyFields): Promise<Volunteer> {
  return http.post<Volunteer>('/api/v1/volunteer/me', withoutEmpty(fields), { notify: false })
}

export function myHours(signal?: AbortSignal): Promise<HourPage> {
  return http.get<HourPage>('/api/v1/volunteer/me/hours', { signal })
}

export function myActivities(signal?: AbortSignal): Promise<OpenPage> {
  return http.get<OpenPage>('/api/v1/volunteer/me/activities', { signal })
}

/** A place, or the waiting list when it is full. `notify: false`: the page shows why not. */
export function signUp(id: number): Promise<VolunteerSignup> {
  return http.post<VolunteerSignup>(`/api/v1/volunteer/me/activities/${id}/signup`, undefined, { notify: false })
}

/** Gives the place up before the start; the first waiting takes it. */
export function giveUp(id: number): Promise<void> {
  return http.delete<void>(`/api/v1/volunteer/me/activities/${id}/signup`, { notify: false })
}

/** With the code shown at the activity. `notify: false`: the page shows the server's reason. */
export function checkMine(id: number, direction: Direction, code: string): Promise<VolunteerSignup> {
  return http.post<VolunteerSignup>(`/api/v1/volunteer/me/activities/${id}/check`, { direction, code }, { notify: false })
}

/**
 * One's certificate of confirmed hours (志愿服务记录证明) as a PDF, with the name the server gives
 * it; 409 while there are none. Not in the API description yet (being built with ADR 0030).
 */
export function downloadCertificate(fallbackName: string): Promise<{ blob: Blob; filename: string }> {
  return download('/api/v1/volunteer/me/certificate', {}, FILE_TYPES.pdf, fallbackName)
}

// ---- the public check of a certificate ------------------------------------------------------------------
// Without a session: POST /api/v1/public/certificates/verify with the statement and signature the
// certificate's QR code carries after its "#", or …/verify-file with the PDF itself. The server
// answers one shape (CertificateVerification); the page reads it as genuine or refused.

type Verification = Schema<'CertificateVerification'>
export type CertificateStatement = NonNullable<Verification['certificate']>

export type CertificateVerdict =
  | { genuine: true; certificate: CertificateStatement; key: { id: number; retiredAt: string | null } }
  | { genuine: false; reason: NonNullable<Verification['reason']>; message: string }

/** What the server answered, as the page reads it: genuine with what it states, or why not. */
export function verdictOf(answer: Verification): CertificateVerdict {
  if (answer.genuine && answer.certificate && answer.key) {
    return { genuine: true, certificate: answer.certificate, key: { id: answer.key.id, retiredAt: answer.key.retired } }
  }
  return { genuine: false, reason: answer.reason ?? 'altered', message: answer.message ?? '' }
}

/** Checks the statement and signature of a certificate's QR code. */
export async function verifyPayload(payload: string): Promise<CertificateVerdict> {
  return verdictOf(await http.post<Verification>('/api/v1/public/certificates/verify', { payload }, { notify: false }))
}

/** Checks a certificate's PDF, sent as it is. */
export async function verifyPdf(file: Blob): Promise<CertificateVerdict> {
  return verdictOf(await http.upload<Verification>('/api/v1/public/certificates/verify-file', file, FILE_TYPES.pdf, { notify: false }))
}
