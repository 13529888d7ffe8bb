// The lists' pages' logic, apart from the pages (三项清单: 需求清单, 资源清单, 项目清单): the lists'
// filters as the address carries them, which units hold needs, the daily hours as they read, the
// forms to and from what the API takes, the proposals' notice and room left, what a refusal of a
// step on the need's page asks the page to do; a project's form, progress reports and comments.
import {
  CATEGORIES,
  COMMENT_STATES,
  FUNDING_SOURCES,
  LISTS_LIMITS,
  PROJECT_CATEGORIES,
  PROJECT_STATUSES,
  NEED_LIST_SOURCES,
  NEED_SOURCES,
  NEED_STATUSES,
  ORIGIN_SOURCES,
  RESOURCE_SOURCES,
  URGENCIES,
  type Category,
  type CommentState,
  type FundingSource,
  type ListsProject,
  type Need,
  type NeedFields,
  type NeedListSource,
  type NeedMatch,
  type NeedSource,
  type NeedStatus,
  type Origin,
  type OriginSource,
  type ProjectCategory,
  type ProjectFields,
  type ProjectStatus,
  type Proposals,
  type Resource,
  type ResourceFields,
  type ResourceSource,
  type Urgency,
} from '@/api/lists'
import type { RequestCase } from '@/api/requests'
import { VISIT_NEEDS, type ResidentVisit, type VisitNeed } from '@/api/visits'
import { pointFields, pointOf, type LatLon } from '@/map/location'
import { fenToYuanText } from './charity'
import { codeLevel, isUnitCode } from './codes'
import { ApiError } from './request'

export const NEED_READ = 'lists:need:read'
export const NEED_WRITE = 'lists:need:write'
/** A resident raises needs of their own on the resident pages (我的需求). */
export const NEED_RAISE = 'lists:need:raise'
export const RESOURCE_READ = 'lists:resource:read'
export const RESOURCE_WRITE = 'lists:resource:write'
export const PROJECT_READ = 'lists:project:read'
export const PROJECT_WRITE = 'lists:project:write'
export const PROJECT_COMMENT = 'lists:project:comment'

function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value
}

function oneOf<T extends string>(choices: readonly T[], value: unknown): T | '' {
  const v = first(value)
  return choices.find((c) => c === v) ?? ''
}

/** A unit of the address: a 12-digit division code or a 15-digit grid code, else none. */
export function unitFromQuery(value: unknown): string {
  const v = first(value)
  return typeof v === 'string' && isUnitCode(v) ? v : ''
}

/** Needs belong to a village, a community or a grid (the server refuses a unit above). */
export function holdsNeeds(code: string): boolean {
  return isUnitCode(code) && codeLevel(code) >= 5
}

// ---- the lists' filters ----------------------------------------------------------------------------

/** The needs list's filters: a unit's subtree ('' the working unit's), a status, a category, an urgency. */
export interface NeedFilter {
  unit: string
  status: NeedStatus | ''
  category: Category | ''
  urgency: Urgency | ''
  source: NeedListSource | ''
}

export function needFilterFromQuery(query: Record<string, unknown>): NeedFilter {
  return {
    unit: unitFromQuery(query.unit),
    status: oneOf(NEED_STATUSES, query.status),
    category: oneOf(CATEGORIES, query.category),
    urgency: oneOf(URGENCIES, query.urgency),
    source: oneOf(NEED_LIST_SOURCES, query.source),
  }
}

export function queryOfNeedFilter(filter: NeedFilter): Record<string, string | undefined> {
  return {
    unit: filter.unit || undefined,
    status: filter.status || undefined,
    category: filter.category || undefined,
    urgency: filter.urgency || undefined,
    source: filter.source || undefined,
  }
}

/** What the list and its Excel twin ask: the unit chosen, else the working unit (none: the caller's scope). */
export function needListQuery(
  filter: NeedFilter,
  workingUnit: string | null,
): { unit?: string; status?: NeedStatus; category?: Category; urgency?: Urgency; source?: NeedListSource } {
  return {
    unit: filter.unit || workingUnit || undefined,
    status: filter.status || undefined,
    category: filter.category || undefined,
    urgency: filter.urgency || undefined,
    source: filter.source || undefined,
  }
}

/** The resources list's filters: a unit's subtree ('' the working unit's), a category. */
export interface ResourceFilter {
  unit: string
  category: Category | ''
}

export function resourceFilterFromQuery(query: Record<string, unknown>): ResourceFilter {
  return { unit: unitFromQuery(query.unit), category: oneOf(CATEGORIES, query.category) }
}

export function queryOfResourceFilter(filter: ResourceFilter): Record<string, string | undefined> {
  return { unit: filter.unit || undefined, category: filter.category || undefined }
}

export function resourceListQuery(filter: ResourceFilter, workingUnit: string | null): { unit?: string; category?: Category } {
  return { unit: filter.unit || workingUnit || undefined, category: filter.category || undefined }
}

// ---- hours, rooms, tags ---------------------------------------------------------------------------

/** An hour of the day as a clock reads it: 8 → "08:00", 24 → "24:00". */
export function hourText(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`
}

/** The daily hours: null for the whole day (0–24), else "08:00–18:00" (the end excluded). */
export function hoursText(fromHour: number, toHour: number): string | null {
  if (fromHour <= 0 && toHour >= 24) return null
  return `${hourText(fromHour)}–${hourText(toHour)}`
}

/** The server's rule: from 0 to 24, the end after the start. */
export function hoursValid(fromHour: number | null, toHour: number | null): boolean {
  return fromHour !== null && toHour !== null && fromHour >= 0 && toHour <= 24 && fromHour < toHour
}

/** The places a resource has left (never below 0, even if its capacity was set below booked by hand). */
export function roomLeft(resource: Pick<Resource, 'capacity' | 'booked'>): number {
  return Math.max(0, resource.capacity - resource.booked)
}

/** A walk in whole metres (the server answers metres; a match recorded without a walk has none). */
export function walkMetres(metres: number | null | undefined): number | null {
  return metres === null || metres === undefined || !Number.isFinite(metres) ? null : Math.round(metres)
}

/** Why the proposals may read otherwise than expected: no point (none proposed), or straight lines. */
export function proposalsNotice(proposals: Pick<Proposals, 'located' | 'byNetwork'>): 'unlocated' | 'straightLine' | null {
  if (!proposals.located) return 'unlocated'
  if (!proposals.byNetwork) return 'straightLine'
  return null
}

export type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger'

export function urgencyTag(urgency: string): TagType {
  return urgency === 'urgent' ? 'danger' : 'info'
}

export function needStatusTag(status: string): TagType {
  if (status === 'open') return 'warning'
  if (status === 'matched') return 'primary'
  return 'success'
}

export function outcomeTag(outcome: string): TagType {
  if (outcome === 'done') return 'success'
  if (outcome === 'failed') return 'danger'
  return 'primary'
}

// ---- what a need's page offers --------------------------------------------------------------------

/** Steps on a need's page: confirm a proposal or close it while open; record the outcome of a pending match. */
export function needSteps(need: Pick<Need, 'status'>, mayWrite: boolean): { propose: boolean; confirm: boolean; close: boolean } {
  const open = need.status === 'open'
  return { propose: open, confirm: open && mayWrite, close: open && mayWrite }
}

export function mayRecordOutcome(match: Pick<NeedMatch, 'outcome'>, mayWrite: boolean): boolean {
  return mayWrite && match.outcome === 'pending'
}

/** A failed match says why; a done one may add a note. */
export function outcomeNoteRequired(outcome: 'done' | 'failed'): boolean {
  return outcome === 'failed'
}

/**
 * What a page does after a step was refused: a conflict (409: the need changed, the resource is
 * full, the outcome was recorded) or a need or match gone (404) shows the server's message and
 * reloads what the page shows; anything else shows the message and keeps the dialog open.
 */
export function afterRefusal(error: unknown): 'reload' | 'stay' {
  return error instanceof ApiError && (error.status === 409 || error.status === 404) ? 'reload' : 'stay'
}

// ---- the need form --------------------------------------------------------------------------------

/** The need form as typed: the village or community, and one of its grids or none. */
export interface NeedForm {
  village: string
  grid: string
  category: Category | ''
  urgency: Urgency
  description: string
  source: NeedSource
  sourceRef: string
  point: LatLon | null
  fromHour: number
  toHour: number
  /** Whom it is for (the person a visit found it with); the visit or request it was found in. */
  personId: number | null
  visitId: number | null
  requestId: number | null
}

/**
 * The server's field names the form shows at its items (lat and lon at the map, the hours at the
 * end; the visit or request it came from, and so whom it is for, at its source).
 */
export const NEED_FORM_FIELDS = [
  'unit',
  'category',
  'urgency',
  'description',
  'source',
  'sourceRef',
  'visitId',
  'requestId',
  'personId',
  'lat',
  'lon',
  'fromHour',
  'toHour',
] as const

/** A new need: of the working unit when it holds needs (a grid with its village), urgent or not, all day. */
export function emptyNeedForm(workingUnit: string): NeedForm {
  const code = holdsNeeds(workingUnit) ? workingUnit : ''
  return {
    village: code.slice(0, 12),
    grid: code.length === 15 ? code : '',
    category: '',
    urgency: 'normal',
    description: '',
    source: 'staff',
    sourceRef: '',
    point: null,
    fromHour: 0,
    toHour: 24,
    personId: null,
    visitId: null,
    requestId: null,
  }
}

/**
 * What the API takes: the grid when one is chosen, else the village; texts trimmed; a point, the
 * person, the visit or the request only when there is one (the server takes a visit's person and
 * point, and a request's point, where none is sent).
 */
export function needBody(form: NeedForm): NeedFields {
  return {
    unit: form.grid || form.village,
    category: form.category as Category,
    urgency: form.urgency,
    description: form.description.trim(),
    source: form.source,
    sourceRef: form.sourceRef.trim(),
    fromHour: form.fromHour,
    toHour: form.toHour,
    ...pointFields(form.point),
    ...(form.personId !== null ? { personId: form.personId } : {}),
    ...(form.visitId !== null ? { visitId: form.visitId } : {}),
    ...(form.requestId !== null ? { requestId: form.requestId } : {}),
  }
}

// ---- a need found on a home visit or in a request ---------------------------------------------------

/** The category a need found on a home visit is registered under, by what the visit found. */
export const VISIT_NEED_CATEGORIES = {
  meals: 'meals',
  medical: 'health',
  care: 'elderly_care',
  repair: 'repair',
  psychological: 'counselling',
  assistance: 'other',
  other: 'other',
} as const satisfies Record<VisitNeed, Category>

/** Where a need being registered was found: a home visit to a person, in a grid, on a day, or a request. */
export type NeedFinding =
  | { kind: 'visit'; visitId: number; personId: number; grid: string; visitedOn: string; needs: VisitNeed[] }
  | { kind: 'request'; requestId: number }

/** The need form's address for what a visit found: /lists/needs/new?visit=&person=&grid=&on=&needs=. */
export function queryOfVisitFinding(personId: number, visit: Pick<ResidentVisit, 'id' | 'grid' | 'visitedOn' | 'needs'>): Record<string, string> {
  return { visit: String(visit.id), person: String(personId), grid: visit.grid.code, on: visit.visitedOn, needs: visit.needs.join(',') }
}

/** The need form's address for a request: /lists/needs/new?request=. */
export function queryOfRequestFinding(requestId: number): Record<string, string> {
  return { request: String(requestId) }
}

function positiveId(value: unknown): number | null {
  const v = first(value)
  return typeof v === 'string' && /^[1-9]\d{0,15}$/.test(v) ? Number(v) : null
}

/** What the need form's address says the need was found in; null for a need typed in from scratch. */
export function findingFromQuery(query: Record<string, unknown>): NeedFinding | null {
  const requestId = positiveId(query.request)
  if (requestId !== null) return { kind: 'request', requestId }
  const visitId = positiveId(query.visit)
  const personId = positiveId(query.person)
  const grid = unitFromQuery(query.grid)
  const on = first(query.on)
  if (visitId === null || personId === null || !holdsNeeds(grid) || typeof on !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(on)) return null
  const listed = first(query.needs)
  const needs = (typeof listed === 'string' ? listed.split(',') : []).filter((n): n is VisitNeed => (VISIT_NEEDS as readonly string[]).includes(n))
  return { kind: 'visit', visitId, personId, grid, visitedOn: on, needs }
}

/**
 * The form for what a visit found: in the visit's grid, for the visited person, under the category
 * of its first need (the user may choose another), described by `describe` (what it found).
 */
export function needFormOfVisit(finding: Extract<NeedFinding, { kind: 'visit' }>, describe: (needs: readonly VisitNeed[]) => string): NeedForm {
  const need = finding.needs[0]
  return {
    ...emptyNeedForm(finding.grid),
    category: need ? VISIT_NEED_CATEGORIES[need] : '',
    description: describe(finding.needs),
    source: 'visit',
    personId: finding.personId,
    visitId: finding.visitId,
  }
}

/** Where a request's need is registered: its grid when it has one, else its lead unit if a village or community; else to choose. */
export function requestNeedUnit(request: Pick<RequestCase, 'unit' | 'grid'>): string {
  if (request.grid) return request.grid.code
  return holdsNeeds(request.unit.code) ? request.unit.code : ''
}

/** The form for a request: where it is, described as the request is (cut to what a need holds), its category to choose. */
export function needFormOfRequest(request: Pick<RequestCase, 'id' | 'unit' | 'grid' | 'description'>, workingUnit: string): NeedForm {
  const unit = requestNeedUnit(request)
  return {
    ...emptyNeedForm(unit || workingUnit),
    description: [...request.description.trim()].slice(0, LISTS_LIMITS.description).join(''),
    source: 'request',
    requestId: request.id,
  }
}

/** A page a need's visit or request opens on: the visited person's, at the visit; the request's. */
export interface FindingLink {
  name: 'residentPerson' | 'requestDetail'
  params: { id: number }
  query?: { visit: string }
}

/** Where a need's visit or request is seen, for those who may read it there; null otherwise. */
export function findingLink(need: Pick<Need, 'visitId' | 'requestId' | 'personId'>, may: (permission: string) => boolean): FindingLink | null {
  if (need.visitId !== null && need.personId !== null && may('residents:person:read')) {
    return { name: 'residentPerson', params: { id: need.personId }, query: { visit: String(need.visitId) } }
  }
  if (need.requestId !== null && may('requests:case:read')) return { name: 'requestDetail', params: { id: need.requestId } }
  return null
}

export function isNeedSource(value: string): value is NeedSource {
  return (NEED_SOURCES as readonly string[]).includes(value)
}

// ---- the resource form ----------------------------------------------------------------------------

export interface ResourceForm {
  unit: string
  source: ResourceSource | ''
  /** The facility (source facility) or organisation (volunteer, organisation) it is taken from; null: typed in. */
  origin: number | null
  name: string
  category: Category | ''
  capacity: number | null
  fromHour: number
  toHour: number
  point: LatLon | null
  contact: string
  note: string
}

export const RESOURCE_FORM_FIELDS = [
  'unit',
  'source',
  'facilityId',
  'organisationId',
  'name',
  'category',
  'capacity',
  'fromHour',
  'toHour',
  'lat',
  'lon',
  'contact',
  'note',
] as const

/** Whether a resource of `source` may be taken from the registry (a stationed unit or charity is always typed in). */
export function takesOrigin(source: ResourceSource | ''): source is OriginSource {
  return (ORIGIN_SOURCES as readonly string[]).includes(source)
}

/** A new resource: of the working unit, one place, all day. */
export function emptyResourceForm(workingUnit: string): ResourceForm {
  return {
    unit: isUnitCode(workingUnit) ? workingUnit : '',
    source: '',
    origin: null,
    name: '',
    category: '',
    capacity: 1,
    fromHour: 0,
    toHour: 24,
    point: null,
    contact: '',
    note: '',
  }
}

export function resourceFormOf(resource: Resource): ResourceForm {
  return {
    unit: resource.unit,
    source: RESOURCE_SOURCES.find((s) => s === resource.source) ?? '',
    origin: resource.facilityId ?? resource.organisationId,
    name: resource.name,
    category: CATEGORIES.find((c) => c === resource.category) ?? '',
    capacity: resource.capacity,
    fromHour: resource.fromHour,
    toHour: resource.toHour,
    point: pointOf(resource),
    contact: resource.contact,
    note: resource.note,
  }
}

/**
 * What a resource being changed is taken from, as the form shows it until the registry's page
 * holds it: its current name and unit (the registry's kind and point are not in the resource).
 */
export function originOf(resource: Resource): Origin | null {
  const id = resource.facilityId ?? resource.organisationId
  if (id === null) return null
  return { id, name: resource.name, kindLabel: '', unit: resource.unit, unitName: resource.unitName, lat: null, lon: null, taken: true }
}

/**
 * What the API takes: texts trimmed, a cleared capacity as 0 (which the server refuses at its
 * field). Taken from the registry: the facility or the organisation by its id, and no name (the
 * server shows the registry's).
 */
export function resourceBody(form: ResourceForm): ResourceFields {
  const origin = takesOrigin(form.source) ? form.origin : null
  return {
    unit: form.unit,
    source: form.source as ResourceSource,
    facilityId: form.source === 'facility' ? origin : null,
    organisationId: form.source === 'facility' ? null : origin,
    name: origin === null ? form.name.trim() : '',
    category: form.category as Category,
    capacity: form.capacity ?? 0,
    fromHour: form.fromHour,
    toHour: form.toHour,
    contact: form.contact.trim(),
    note: form.note.trim(),
    // No point: null, so that a change clears one the resource had.
    ...(form.point ? pointFields(form.point) : { lat: null, lon: null }),
  }
}

/**
 * What the need's map frames, [[south, west], [north, east]] in WGS-84: the need and the resources
 * proposed for it with a margin; around the need alone, the walk limit (1,200 m) each way.
 */
export function proposalBounds(
  need: LatLon,
  resources: readonly { lat: number | null; lon: number | null }[],
  limitMetres = 1200,
): [[number, number], [number, number]] {
  const points = [need, ...resources.map(pointOf).filter((p): p is LatLon => p !== null)]
  // Degrees per metre: of latitude everywhere, of longitude at the need's latitude.
  const lat = limitMetres / 111_320
  const lon = limitMetres / (111_320 * Math.cos((need.lat * Math.PI) / 180))
  if (points.length === 1) {
    return [
      [need.lat - lat, need.lon - lon],
      [need.lat + lat, need.lon + lon],
    ]
  }
  const margin = 0.15
  const south = Math.min(...points.map((p) => p.lat))
  const north = Math.max(...points.map((p) => p.lat))
  const west = Math.min(...points.map((p) => p.lon))
  const east = Math.max(...points.map((p) => p.lon))
  // At least 200 m across, so that two points close together do not fill the map edge to edge.
  const padLat = Math.max((north - south) * margin, (lat / limitMetres) * 100)
  const padLon = Math.max((east - west) * margin, (lon / limitMetres) * 100)
  return [
    [south - padLat, west - padLon],
    [north + padLat, east + padLon],
  ]
}

// ---- projects (项目清单) ------------------------------------------------------------------------------

/** The projects list's filters: a unit's subtree ('' the working unit's), a status. */
export interface ProjectFilter {
  unit: string
  status: ProjectStatus | ''
}

export function projectFilterFromQuery(query: Record<string, unknown>): ProjectFilter {
  return { unit: unitFromQuery(query.unit), status: oneOf(PROJECT_STATUSES, query.status) }
}

export function queryOfProjectFilter(filter: ProjectFilter): Record<string, string | undefined> {
  return { unit: filter.unit || undefined, status: filter.status || undefined }
}

/** What the list and its Excel twin ask: the unit chosen, else the working unit (none: the caller's scope). */
export function projectListQuery(filter: ProjectFilter, workingUnit: string | null): { unit?: string; status?: ProjectStatus } {
  return { unit: filter.unit || workingUnit || undefined, status: filter.status || undefined }
}

/** The comments' filters: a unit's subtree, a state (the to-do opens the pending). */
export interface CommentFilter {
  unit: string
  state: CommentState | ''
}

export function commentFilterFromQuery(query: Record<string, unknown>): CommentFilter {
  return { unit: unitFromQuery(query.unit), state: oneOf(COMMENT_STATES, query.state) }
}

export function queryOfCommentFilter(filter: CommentFilter): Record<string, string | undefined> {
  return { unit: filter.unit || undefined, state: filter.state || undefined }
}

export function commentListQuery(filter: CommentFilter, workingUnit: string | null): { unit?: string; state?: CommentState } {
  return { unit: filter.unit || workingUnit || undefined, state: filter.state || undefined }
}

export function projectStatusTag(status: string): TagType {
  if (status === 'done') return 'success'
  if (status === 'in_progress') return 'primary'
  if (status === 'suspended') return 'danger'
  return 'info'
}

export function commentStateTag(state: string): TagType {
  if (state === 'published') return 'success'
  if (state === 'hidden') return 'info'
  return 'warning'
}

/** The project form as typed: the budget in yuan as text. */
export interface ProjectForm {
  unit: string
  title: string
  category: ProjectCategory | ''
  summary: string
  budget: string
  fundingSource: FundingSource | ''
  startOn: string
  endOn: string
  beneficiaries: number | null
}

/** The server's field names the form shows at its items (budgetFen at the budget). */
export const PROJECT_FORM_FIELDS = ['unit', 'title', 'category', 'summary', 'budgetFen', 'fundingSource', 'startOn', 'endOn', 'beneficiaries'] as const

/** Projects belong to a county, a township or street, a village or a community. */
export function holdsProjects(code: string): boolean {
  if (!isUnitCode(code) || code.length !== 12) return false
  const level = codeLevel(code)
  return level >= 3 && level <= 5
}

/** A new project of the working unit when it may hold one, from today. */
export function emptyProjectForm(workingUnit: string, today: string): ProjectForm {
  return {
    unit: holdsProjects(workingUnit) ? workingUnit : '',
    title: '',
    category: '',
    summary: '',
    budget: '',
    fundingSource: '',
    startOn: today,
    endOn: '',
    beneficiaries: null,
  }
}

export function projectFormOf(project: ListsProject): ProjectForm {
  return {
    unit: project.unit,
    title: project.title,
    category: PROJECT_CATEGORIES.find((c) => c === project.category) ?? '',
    summary: project.summary,
    budget: fenToYuanText(project.budgetFen),
    fundingSource: FUNDING_SOURCES.find((f) => f === project.fundingSource) ?? '',
    startOn: project.startOn,
    endOn: project.endOn,
    beneficiaries: project.beneficiaries,
  }
}

/** What the API takes: texts trimmed, the budget read into fen by the caller, no count as 0. */
export function projectBody(form: ProjectForm, budgetFen: number): ProjectFields {
  return {
    unit: form.unit,
    title: form.title.trim(),
    category: form.category as ProjectCategory,
    summary: form.summary.trim(),
    budgetFen,
    fundingSource: form.fundingSource as FundingSource,
    startOn: form.startOn,
    endOn: form.endOn,
    beneficiaries: form.beneficiaries ?? 0,
  }
}

/** The end on or after the start (either may be missing while typed). */
export function datesInOrder(startOn: string, endOn: string): boolean {
  return !startOn || !endOn || endOn >= startOn
}

/**
 * The status a progress report offers first: done at 100, under way once begun; otherwise as
 * it was (a suspended project stays so until someone says otherwise).
 */
export function statusForProgress(current: ProjectStatus, progress: number): ProjectStatus {
  if (progress >= 100) return 'done'
  if (current === 'done') return 'in_progress'
  if (progress > 0 && current === 'planned') return 'in_progress'
  return current
}

/** What the server will refuse in a report: done below 100, progress going back (null: nothing). */
export function progressProblem(status: ProjectStatus, progress: number, before = 0): 'doneNeeds100' | 'backwards' | null {
  if (progress < before) return 'backwards'
  return status === 'done' && progress < 100 ? 'doneNeeds100' : null
}

/** Steps on a project's page for those who may write: change it, report progress, publish or take it off. */
export function projectSteps(mayWrite: boolean): { edit: boolean; report: boolean; publish: boolean } {
  return { edit: mayWrite, report: mayWrite, publish: mayWrite }
}

/** A comment awaiting its decision may be published or hidden; a decided one changed either way. */
export function commentDecisions(state: CommentState, mayWrite: boolean): { publish: boolean; hide: boolean } {
  return { publish: mayWrite && state !== 'published', hide: mayWrite && state !== 'hidden' }
}
