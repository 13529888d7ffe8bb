// The three lists (三项清单: 需求清单, 资源清单, 项目清单): /api/v1/lists…, and the published projects
// for anyone at /api/v1/public/projects…
//
// Staff register a need of a village, community or grid (its category, urgency, description, where
// it came from, an optional point and the daily hours it can be met); resources are registered by
// any unit in scope with their capacity (needs taken at once) and `booked` (matches holding a
// place), typed in or taken from the registry (a facility, a volunteer team or a social
// organisation: its current name, and a facility's point, then show; while the facility is not
// open the resource is `available: false`, neither proposed nor confirmed). For an open need the server proposes the resources of its county with its category, room
// left and hours that overlap, within a 1,200 m walk (over the walking network, or in a straight
// line when none is loaded: `byNetwork: false`; none for a need without a point: `located: false`).
// Confirming one sets the need matched and takes a place (409: the need is no longer open, or the
// resource is full); the match's outcome (done closes the need, failed opens it again) gives the
// place back. Every change goes at the version read (409 when changed since). A resident raises
// needs of their own (/api/v1/lists/my-needs, source `h5`): at most five open or matched at once
// (409), and follows what came of them. Docs: docs/api.md, "Needs and resources".
import { http } from '@/utils/request'
import type { PageQuery, QueryOf, Reply, RequestBody, Schema } from './types'

export type Need = Schema<'ListsNeed'>
export type NeedMatch = Schema<'ListsMatch'>
export type Resource = Schema<'ListsResource'>
export type NeedFields = RequestBody<'/api/v1/lists/needs', 'post'>
export type ResourceFields = RequestBody<'/api/v1/lists/resources', 'post'>
export type ResourceChange = RequestBody<'/api/v1/lists/resources/{id}', 'put'>
export type NeedQuery = QueryOf<'/api/v1/lists/needs', 'get'>
export type ResourceQuery = QueryOf<'/api/v1/lists/resources', 'get'>
export type Origin = Schema<'ListsResourceOrigin'>
export type OriginQuery = QueryOf<'/api/v1/lists/resources/origins', 'get'>
export type OriginSource = OriginQuery['source']
export type NeedDetail = Reply<'/api/v1/lists/needs/{id}', 'get'>
export type Proposals = Reply<'/api/v1/lists/needs/{id}/proposals', 'get'>
export type Proposal = Proposals['items'][number]
export type RaisedNeed = Schema<'ListsRaisedNeed'>
export type RaisedNeedFields = RequestBody<'/api/v1/lists/my-needs', 'post'>
export type MyNeeds = Reply<'/api/v1/lists/my-needs', 'get'>
export type Category = NeedFields['category']
export type Urgency = NonNullable<NeedFields['urgency']>
export type NeedSource = NonNullable<NeedFields['source']>
export type NeedListSource = NonNullable<NeedQuery['source']>
export type NeedStatus = Need['status']
export type ResourceSource = ResourceFields['source']
export type Outcome = NeedMatch['outcome']
type NeedPage = Schema<'ListsNeedPage'>
type ResourcePage = Schema<'ListsResourcePage'>
type OriginPage = Schema<'ListsResourceOriginPage'>

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
/** The sources staff choose from; `h5` (居民提出) is the server's for a need a resident raised. */
export const NEED_SOURCES = ['staff', 'visit', 'request'] as const satisfies readonly NeedSource[]
/** Every source a need may have, for the list's filter: the staff's and the residents' own. */
export const NEED_LIST_SOURCES = [...NEED_SOURCES, 'h5'] as const satisfies readonly NeedListSource[]
export const NEED_STATUSES = ['open', 'matched', 'closed'] as const satisfies readonly NeedStatus[]
export const RESOURCE_SOURCES = ['facility', 'volunteer', 'organisation', 'stationed_unit', 'charity'] as const satisfies readonly ResourceSource[]
/** The sources a resource may be taken from the registry for: a facility, a volunteer team, a social organisation. */
export const ORIGIN_SOURCES = ['facility', 'volunteer', 'organisation'] as const satisfies readonly OriginSource[]
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

/** The signed-in resident's own needs, the newest first, each with its matches (the newest first). */
export function listMyNeeds(signal?: AbortSignal): Promise<MyNeeds> {
  return http.get<MyNeeds>('/api/v1/lists/my-needs', { signal })
}

/** A need the resident raises (201). `notify: false`: the page shows the refusal at its fields, or the 409. */
export function raiseMyNeed(fields: RaisedNeedFields): Promise<RaisedNeed> {
  return http.post<RaisedNeed>('/api/v1/lists/my-needs', fields, { notify: false })
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

/**
 * What a resource of `unit` may be taken from, by name: the unit's open facilities of the registry
 * (`facility`), or the volunteer teams (`volunteer`) or other social organisations (`organisation`)
 * registered within its county; `taken` when a resource of the unit is taken from it already.
 */
export function listOrigins(query: OriginQuery, signal?: AbortSignal): Promise<OriginPage> {
  return http.get<OriginPage>('/api/v1/lists/resources/origins', {
    query: { unit: query.unit, source: query.source, q: query.q || undefined, page: query.page, pageSize: query.pageSize },
    signal,
  })
}

/** A change at the version last read; its unit unchanged, its capacity not below what is booked (400). */
export function updateResource(id: number, change: ResourceChange): Promise<Resource> {
  return http.put<Resource>(`/api/v1/lists/resources/${id}`, change, { notify: false })
}

// ---- projects (民生项目, 项目清单) -----------------------------------------------------------------------
//
// A unit's projects for residents' livelihoods: what, what kind, the budget (in fen) and where the
// money comes from, when, for how many people; progress is reported as it goes (a date, a
// percentage never below the last, the status; done requires 100), and a project published (公开)
// shows on the public pages with its progress. Signed-in residents comment on a published project
// of their area; a comment waits for staff to publish it (with an optional reply) or hide it, and
// at most 5 wait from one resident (409). Changes go at the version read (409 when changed since).
// Docs: docs/api.md, "Livelihood projects".

export type ListsProject = Schema<'ListsProject'>
export type ProjectUpdate = Schema<'ProjectUpdate'>
export type ProjectComment = Schema<'ProjectComment'>
export type ProjectDetail = Reply<'/api/v1/lists/projects/{id}', 'get'>
export type ProjectFields = RequestBody<'/api/v1/lists/projects', 'post'>
export type ProjectChange = RequestBody<'/api/v1/lists/projects/{id}', 'put'>
export type ProjectUpdateFields = RequestBody<'/api/v1/lists/projects/{id}/updates', 'post'>
export type ProjectQuery = QueryOf<'/api/v1/lists/projects', 'get'>
export type CommentQuery = QueryOf<'/api/v1/lists/comments', 'get'>
export type ProjectCategory = ListsProject['category']
export type FundingSource = ListsProject['fundingSource']
export type ProjectStatus = ListsProject['status']
export type CommentState = ProjectComment['state']
export type PublicProject = Schema<'PublicProject'>
export type PublicProjectDetail = Reply<'/api/v1/public/projects/{id}', 'get'>
type ProjectPage = Schema<'ListsProjectPage'>
type CommentPage = Schema<'ProjectCommentPage'>
type PublicProjectPage = Schema<'PublicProjectPage'>
type MyComments = Reply<'/api/v1/lists/my-comments', 'get'>

/** The server's catalogues, in its order (src/lists/projects.cpp). */
export const PROJECT_CATEGORIES = [
  'facility',
  'renovation',
  'elderly',
  'children',
  'environment',
  'culture',
  'employment',
  'safety',
  'other',
] as const satisfies readonly ProjectCategory[]
export const FUNDING_SOURCES = ['fiscal', 'lottery', 'collective', 'donation', 'residents', 'other'] as const satisfies readonly FundingSource[]
export const PROJECT_STATUSES = ['planned', 'in_progress', 'done', 'suspended'] as const satisfies readonly ProjectStatus[]
export const COMMENT_STATES = ['pending', 'published', 'hidden'] as const satisfies readonly CommentState[]

/** The server's bounds (src/lists/project_service.hpp). */
export const PROJECT_LIMITS = {
  title: 100,
  summary: 1000,
  budgetFen: 100_000_000_000,
  beneficiaries: 10_000_000,
  updateText: 500,
  reply: 500,
  comment: { min: 1, max: 500 },
} as const

/** The projects of a unit's subtree (none: the caller's scope). */
export function listProjects(query: ProjectQuery, signal?: AbortSignal): Promise<ProjectPage> {
  return http.get<ProjectPage>('/api/v1/lists/projects', {
    query: { unit: query.unit || undefined, status: query.status || undefined, page: query.page, pageSize: query.pageSize },
    signal,
  })
}

/** A project with its progress reports (the newest first) and its comments. */
export function getProject(id: number, signal?: AbortSignal): Promise<ProjectDetail> {
  return http.get<ProjectDetail>(`/api/v1/lists/projects/${id}`, { signal })
}

/** A new project (201). `notify: false`: the form shows the refusal at its fields. */
export function createProject(fields: ProjectFields): Promise<ListsProject> {
  return http.post<ListsProject>('/api/v1/lists/projects', fields, { notify: false })
}

/** A change at the version read (409: changed since). */
export function updateProject(id: number, change: ProjectChange): Promise<ListsProject> {
  return http.put<ListsProject>(`/api/v1/lists/projects/${id}`, change, { notify: false })
}

/** A progress report: never below the progress reported before; done requires 100. */
export function reportProgress(id: number, fields: ProjectUpdateFields): Promise<ListsProject> {
  return http.post<ListsProject>(`/api/v1/lists/projects/${id}/updates`, fields, { notify: false })
}

/** Publishes a project on the public pages, or takes it off. */
export function publishProject(id: number, version: number, published: boolean): Promise<ListsProject> {
  return http.post<ListsProject>(`/api/v1/lists/projects/${id}/publish`, { version, published }, { notify: false })
}

/** Residents' comments on the projects of a unit's subtree, by state, the oldest first. */
export function listComments(query: CommentQuery, signal?: AbortSignal): Promise<CommentPage> {
  return http.get<CommentPage>('/api/v1/lists/comments', {
    query: { unit: query.unit || undefined, state: query.state || undefined, page: query.page, pageSize: query.pageSize },
    signal,
  })
}

/** Publishes a comment (with an optional reply) or hides it. */
export function decideComment(id: number, decision: 'publish' | 'hide', reply: string): Promise<ProjectComment> {
  return http.post<ProjectComment>(`/api/v1/lists/comments/${id}/decision`, { decision, reply }, { notify: false })
}

/** A signed-in resident's comment on a published project (201; pending until staff publish it). */
export function commentOnProject(id: number, body: string): Promise<ProjectComment> {
  return http.post<ProjectComment>(`/api/v1/lists/projects/${id}/comments`, { body }, { notify: false })
}

/** The signed-in resident's own comments, with their states. */
export function listMyComments(signal?: AbortSignal): Promise<MyComments> {
  return http.get<MyComments>('/api/v1/lists/my-comments', { signal })
}

/** The published projects of a unit, its ancestors and its subtree, for anyone; under way first. */
export function listPublicProjects(unit: string, paging: PageQuery, signal?: AbortSignal): Promise<PublicProjectPage> {
  return http.get<PublicProjectPage>('/api/v1/public/projects', { query: { unit, page: paging.page, pageSize: paging.pageSize }, signal })
}

/** A published project with its progress and published comments, for anyone. */
export function getPublicProject(id: number, signal?: AbortSignal): Promise<PublicProjectDetail> {
  return http.get<PublicProjectDetail>(`/api/v1/public/projects/${id}`, { signal })
}
