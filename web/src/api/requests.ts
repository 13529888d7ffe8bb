// Requests handled on receipt (接诉即办): /api/v1/requests…
//
// The catalogue of categories with the questions each asks, the cases of the caller's scope, one
// case with its timeline, the steps taken on it (with the version last read), the hotline desk's
// intake, a resident's own requests, the photos of a request, and the working calendar deadlines
// are counted on.
import { apiUrl, http } from '@/utils/request'
import { shareRequest } from '@/utils/shared-request'
import type { QueryOf, Reply, RequestBody, Schema } from './types'

export type RequestCase = Schema<'RequestCase'>
export type RequestDetail = Schema<'RequestDetail'>
export type RequestCategory = Schema<'RequestCategory'>
export type RequestAttribute = Schema<'RequestAttribute'>
export type RequestAnswer = Schema<'RequestAnswer'>
export type RequestEvent = Schema<'RequestEvent'>
export type RequestPhoto = Schema<'RequestPhoto'>
export type RequestState = Schema<'RequestState'>
export type RequestAction = Schema<'RequestAction'>
export type RequestQuery = QueryOf<'/api/v1/requests', 'get'>
export type IntakeFields = RequestBody<'/api/v1/requests', 'post'>
export type ResidentFields = RequestBody<'/api/v1/requests/mine', 'post'>
export type StepFields = RequestBody<'/api/v1/requests/{id}/steps', 'post'>
export type RequestRates = Schema<'RequestRates'>
export type RatesQuery = QueryOf<'/api/v1/requests/rates', 'get'>
export type RatesReport = Reply<'/api/v1/requests/rates', 'get'>
export type CategoryChange = RequestBody<'/api/v1/requests/categories/{code}', 'put'>
export type CategoryAddition = RequestBody<'/api/v1/requests/categories', 'post'>
export type TimeLimitClass = RequestCategory['timeLimit']
export type CalendarDay = Schema<'CalendarDay'>
export type CalendarPage = Schema<'CalendarDayPage'>
type CalendarChange = RequestBody<'/api/v1/requests/calendar/{year}', 'put'>
type CasePage = Schema<'RequestCasePage'>
type CategoryPage = Schema<'RequestCategoryPage'>

export const REQUEST_STATES = ['submitted', 'accepted', 'in_progress', 'resolved', 'closed'] as const satisfies readonly RequestState[]

/** The catalogue in the language asked for; the same for a while. */
export function getCategories(): Promise<CategoryPage> {
  return shareRequest('requests.categories', () => http.get<CategoryPage>('/api/v1/requests/categories'), 10 * 60_000)
}

// ---- the catalogue kept by the province (诉求分类管理) -------------------------------------------

export const TIME_LIMIT_CLASSES = ['emergency', 'utility', 'general', 'complex'] as const satisfies readonly TimeLimitClass[]
/** The levels that handle a category: 5 村（社区）, 4 乡镇（街道）, 3 县. */
export const HANDLING_LEVELS = [5, 4, 3] as const
export const ATTRIBUTE_TYPES = ['text', 'number', 'boolean', 'choice'] as const satisfies readonly RequestAttribute['type'][]

/** Every group and category, those withdrawn from intake too, fresh (not the shared copy). */
export function getAllCategories(signal?: AbortSignal): Promise<CategoryPage> {
  return http.get<CategoryPage>('/api/v1/requests/categories', { query: { includeInactive: true }, signal })
}

/** `notify: false`: the dialog shows the refusal at its fields (409: someone else changed it). */
export function changeCategory(code: string, fields: CategoryChange): Promise<RequestCategory> {
  return http.put<RequestCategory>(`/api/v1/requests/categories/${encodeURIComponent(code)}`, fields, { notify: false })
}

/** A category under a group (`parent`), or a group (no parent). */
export function addCategory(fields: CategoryAddition): Promise<RequestCategory> {
  return http.post<RequestCategory>('/api/v1/requests/categories', fields, { notify: false })
}

// ---- the working calendar (工作日历) ------------------------------------------------------------
// The days of a year that differ from Monday to Friday: holidays (working: false) and weekend days
// worked in exchange (working: true). Deadlines in working days are counted on it.

/** The years the server keeps a calendar for (the path's bounds in the API description). */
export const CALENDAR_YEARS = { min: 2000, max: 2100 } as const
/** At most this many days a year (the body's maxItems). */
export const MAX_CALENDAR_DAYS = 60

export function getCalendar(year: number, signal?: AbortSignal): Promise<CalendarPage> {
  return http.get<CalendarPage>(`/api/v1/requests/calendar/${year}`, { signal })
}

/** Replaces the year's days. `notify: false`: the page shows the refusal at its rows ("days[3].name"). */
export function setCalendar(year: number, days: CalendarDay[]): Promise<CalendarPage> {
  const body: CalendarChange = { days }
  return http.put<CalendarPage>(`/api/v1/requests/calendar/${year}`, body, { notify: false })
}

export function listRequests(query: RequestQuery, signal?: AbortSignal): Promise<CasePage> {
  return http.get<CasePage>('/api/v1/requests', {
    query: {
      unit: query.unit,
      status: query.status,
      category: query.category,
      overdue: query.overdue,
      page: query.page,
      pageSize: query.pageSize,
    },
    signal,
  })
}

export function getRequest(id: number, signal?: AbortSignal): Promise<RequestDetail> {
  return http.get<RequestDetail>(`/api/v1/requests/${id}`, { signal })
}

/** `notify: false`: the form shows the refusal at its fields. */
export function registerRequest(fields: IntakeFields): Promise<RequestDetail> {
  return http.post<RequestDetail>('/api/v1/requests', fields, { notify: false })
}

/** `notify: false`: the dialog shows the refusal (a conflict reloads the case). */
export function takeStep(id: number, fields: StepFields): Promise<RequestDetail> {
  return http.post<RequestDetail>(`/api/v1/requests/${id}/steps`, fields, { notify: false })
}

export function listMyRequests(query: QueryOf<'/api/v1/requests/mine', 'get'>, signal?: AbortSignal): Promise<CasePage> {
  return http.get<CasePage>('/api/v1/requests/mine', { query: { page: query.page, pageSize: query.pageSize }, signal })
}

export function getMyRequest(id: number, signal?: AbortSignal): Promise<RequestDetail> {
  return http.get<RequestDetail>(`/api/v1/requests/mine/${id}`, { signal })
}

export function submitMyRequest(fields: ResidentFields): Promise<RequestDetail> {
  return http.post<RequestDetail>('/api/v1/requests/mine', fields, { notify: false })
}

export function withdrawMyRequest(id: number, version: number, note: string): Promise<RequestDetail> {
  return http.post<RequestDetail>(`/api/v1/requests/mine/${id}/withdraw`, { version, note }, { notify: false })
}

/** The resident's one rating of a request whose result was fed back (a bad one reopens it). */
export function rateMyRequest(id: number, version: number, score: Schema<'RequestScore'>, comment: string): Promise<RequestDetail> {
  return http.post<RequestDetail>(`/api/v1/requests/mine/${id}/rating`, { version, score, comment }, { notify: false })
}

export const REQUEST_SCORES = ['very_satisfied', 'satisfied', 'basic', 'dissatisfied', 'very_dissatisfied'] as const satisfies readonly Schema<'RequestScore'>[]

/** The lead unit appeals a bad rating as mistaken or malicious. */
export function appealRating(id: number, reason: string): Promise<RequestDetail> {
  return http.post<RequestDetail>(`/api/v1/requests/${id}/rating/appeal`, { reason }, { notify: false })
}

/** The unit above decides a pending appeal; upheld, the rating no longer counts. */
export function decideAppeal(id: number, upheld: boolean, note: string): Promise<RequestDetail> {
  return http.post<RequestDetail>(`/api/v1/requests/${id}/rating/decision`, { upheld, note }, { notify: false })
}

/**
 * The three rates (响应率, 解决率, 满意率) of the cases received from `from` to `to` (both days
 * included, China time) in a unit's subtree: the unit's own, and a row per unit right below it or
 * per category. A rate is a share (0–1), null when there is nothing to count.
 */
export function getRequestRates(query: RatesQuery, signal?: AbortSignal): Promise<RatesReport> {
  return http.get<RatesReport>('/api/v1/requests/rates', {
    query: { unit: query.unit, from: query.from, to: query.to, by: query.by },
    signal,
  })
}

// ---- photos (诉求照片) ---------------------------------------------------------------------------
// The file goes as it was chosen, with its media type: the server recognises JPEG and PNG by their
// content, decodes them and encodes them again (no EXIF, no GPS position, orientation applied), and
// says why when it refuses one (400, details field "photo").

/** Staff with a part in the case (handler, co-handler, supervisor) add a photo; not once closed. */
export function uploadPhoto(id: number, file: Blob, type: string): Promise<RequestPhoto> {
  return http.upload<RequestPhoto>(`/api/v1/requests/${id}/photos`, file, type, { notify: false })
}

/** The resident adds a photo to their own request. */
export function uploadMyPhoto(id: number, file: Blob, type: string): Promise<RequestPhoto> {
  return http.upload<RequestPhoto>(`/api/v1/requests/mine/${id}/photos`, file, type, { notify: false })
}

/** A photo of a case in the caller's scope, as an `<img src>` (the session cookie goes with it). */
export function photoUrl(id: number, photo: number): string {
  return apiUrl(`/api/v1/requests/${id}/photos/${photo}`)
}

/** A photo of the resident's own request. */
export function myPhotoUrl(id: number, photo: number): string {
  return apiUrl(`/api/v1/requests/mine/${id}/photos/${photo}`)
}
