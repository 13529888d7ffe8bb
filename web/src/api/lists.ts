// Needs and resources (三项清单: 需求清单, 资源清单): /api/v1/lists…
//
// Staff register a need of a village, community or grid (its category, urgency, description, where
// it came from, an optional point and the daily hours it can be met); resources are registered by
// any unit in scope with their capacity (needs taken at once) and `booked` (matches holding a
// place). For an open need the server proposes the resources of its county with its category, room
// left and hours that overlap, within a 1,200 m walk (over the walking network, or in a straight
// line when none is loaded: `byNetwork: false`; none for a need without a point: `located: false`).
// Confirming one sets the need matched and takes a place (409: the need is no longer open, or the
// resource is full); the match's outcome (done closes the need, failed opens it again) gives the
// place back. Every change goes at the version read (409 when changed since). Docs: docs/api.md,
// "Needs and resources".
import { http } from '@/utils/request'
import type { QueryOf, Reply, RequestBody, Schema } from './types'

export type Need = Schema<'ListsNeed'>
export type NeedMatch = Schema<'ListsMatch'>
export type Resource = Schema<'ListsResource'>
export type NeedFields = RequestBody<'/api/v1/lists/needs', 'post'>
export type ResourceFields = RequestBody<'/api/v1/lists/resources', 'post'>
export type ResourceChange = RequestBody<'/api/v1/lists/resources/{id}', 'put'>
export type NeedQuery = QueryOf<'/api/v1/lists/needs', 'get'>
export type ResourceQuery = QueryOf<'/api/v1/lists/resources', 'get'>
export type NeedDetail = Reply<'/api/v1/lists/needs/{id}', 'get'>
export type Proposals = Reply<'/api/v1/lists/needs/{id}/proposals', 'get'>
export type Proposal = Proposals['items'][number]
export type Category = NeedFields['category']
export type Urgency = NonNullable<NeedFields['urgency']>
export type NeedSource = NonNullable<NeedFields['source']>
export type NeedStatus = Need['status']
export type ResourceSource = ResourceFields['source']
export type Outcome = NeedMatch['outcome']
type NeedPage = Schema<'ListsNeedPage'>
type ResourcePage = Schema<'ListsResourcePage'>

/** One catalogue for needs and resources, in the server's order (src/lists/model.cpp). */
export const CATEGORIES = [
  'elderly_care',
  'meals',
  'childcare',
  'health',
  'housekeeping',
  'repair',
  'legal',
  'counselling',
  'tutoring',
  'employment',
  'culture',
  'other',
] as const satisfies readonly Category[]
export const URGENCIES = ['normal', 'urgent'] as const satisfies readonly Urgency[]
export const NEED_SOURCES = ['staff', 'visit', 'request'] as const satisfies readonly NeedSource[]
export const NEED_STATUSES = ['open', 'matched', 'closed'] as const satisfies readonly NeedStatus[]
export const RESOURCE_SOURCES = ['facility', 'volunteer', 'organisation', 'stationed_unit', 'charity'] as const satisfies readonly ResourceSource[]
export const OUTCOMES = ['pending', 'done', 'failed'] as const satisfies readonly Outcome[]

/** The server's bounds (src/lists/lists_service.hpp). */
export const LISTS_LIMITS = {
  description: 500,
  sourceRef: 100,
  name: 100,
  contact: 30,
  note: 500,
  capacity: 100_000,
} as const

/** The needs of a unit's subtree (none: the caller's scope), urgent first, then the oldest. */
export function listNeeds(query: NeedQuery, signal?: AbortSignal): Promise<NeedPage> {
  return http.get<NeedPage>('/api/v1/lists/needs', {
    query: {
      unit: query.unit || undefined,
      status: query.status || undefined,
      category: query.category || undefined,
      urgency: query.urgency || undefined,
      page: query.page,
      pageSize: query.pageSize,
    },
    signal,
  })
}

/** A need with its matches, the newest first. */
export function getNeed(id: number, signal?: AbortSignal): Promise<NeedDetail> {
  return http.get<NeedDetail>(`/api/v1/lists/needs/${id}`, { signal })
}

/** A new need (201). `notify: false`: the form shows the refusal at its fields. */
export function createNeed(fields: NeedFields): Promise<Need> {
  return http.post<Need>('/api/v1/lists/needs', fields, { notify: false })
}

/** The resources proposed for an open need, best first (409: the need is no longer open). */
export function getProposals(id: number, signal?: AbortSignal): Promise<Proposals> {
  return http.get<Proposals>(`/api/v1/lists/needs/${id}/proposals`, { signal })
}

/** Confirms a resource for an open need at the need's version (201; 409: the need changed, or the resource is full). */
export function confirmMatch(needId: number, version: number, resource: number): Promise<NeedMatch> {
  return http.post<NeedMatch>(`/api/v1/lists/needs/${needId}/matches`, { version, resource }, { notify: false })
}

/** Closes an open need met another way, with how (409: changed since, or not open). */
export function closeNeed(id: number, version: number, note: string): Promise<Need> {
  return http.post<Need>(`/api/v1/lists/needs/${id}/close`, { version, note }, { notify: false })
}

/** A match's outcome at the match's version: done closes the need, failed opens it again (a note required). */
export function recordOutcome(matchId: number, version: number, outcome: 'done' | 'failed', note: string): Promise<NeedMatch> {
  return http.post<NeedMatch>(`/api/v1/lists/matches/${matchId}/outcome`, { version, outcome, note }, { notify: false })
}

/** The resources of a unit's subtree (none: the caller's scope), by unit and name. */
export function listResources(query: ResourceQuery, signal?: AbortSignal): Promise<ResourcePage> {
  return http.get<ResourcePage>('/api/v1/lists/resources', {
    query: {
      unit: query.unit || undefined,
      category: query.category || undefined,
      page: query.page,
      pageSize: query.pageSize,
    },
    signal,
  })
}

export function getResource(id: number, signal?: AbortSignal): Promise<Resource> {
  return http.get<Resource>(`/api/v1/lists/resources/${id}`, { signal })
}

/** A new resource (201). `notify: false`: the form shows the refusal at its fields. */
export function createResource(fields: ResourceFields): Promise<Resource> {
  return http.post<Resource>('/api/v1/lists/resources', fields, { notify: false })
}

/** A change at the version last read; its unit unchanged, its capacity not below what is booked (400). */
export function updateResource(id: number, change: ResourceChange): Promise<Resource> {
  return http.put<Resource>(`/api/v1/lists/resources/${id}`, change, { notify: false })
}
