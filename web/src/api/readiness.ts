// Disaster incident reports (灾情报送): /api/v1/readiness/incidents…
//
// A county, township, village or community reports an incident (its kind, time, place, toll and
// needs) and corrects it as the count firms up (续报: the same report at the version last read,
// 409 when someone corrected it since; its unit never changes). The units above read the reports
// of their subtree and their totals by kind and by child unit over a period. A report or unit
// outside the caller's scope is 404. Every refusal of a report names its fields at once (400).
import { http } from '@/utils/request'
import type { QueryOf, Reply, RequestBody, Schema } from './types'

export type Incident = Schema<'Incident'>
export type IncidentToll = Schema<'IncidentToll'>
export type IncidentFields = RequestBody<'/api/v1/readiness/incidents', 'post'>
export type IncidentCorrection = RequestBody<'/api/v1/readiness/incidents/{id}', 'put'>
export type IncidentKind = IncidentFields['kind']
export type IncidentQuery = QueryOf<'/api/v1/readiness/incidents', 'get'>
export type SummaryQuery = QueryOf<'/api/v1/readiness/incidents/summary', 'get'>
export type IncidentSummary = Reply<'/api/v1/readiness/incidents/summary', 'get'>
export type KindToll = IncidentSummary['kinds'][number]
export type ChildToll = IncidentSummary['children'][number]
type IncidentPage = Schema<'IncidentPage'>

/** The national classification as the server lists it (src/readiness/incident_repository.cpp). */
export const INCIDENT_KINDS = [
  'drought',
  'flood',
  'hail',
  'frost',
  'snow',
  'sandstorm',
  'earthquake',
  'geological',
  'wildfire',
  'other',
] as const satisfies readonly IncidentKind[]

/** The server's bounds (src/readiness/incident_service.hpp). */
export const INCIDENT_LIMITS = {
  place: 200,
  needs: 1000,
  people: 100_000_000,
  /** How far ahead of the server's clock a report's time may be (a phone's clock a little fast). */
  clockSlackMs: 10 * 60_000,
} as const

/** The reports in a unit's subtree (none: the caller's scope), the latest occurrence first. */
export function listIncidents(query: IncidentQuery, signal?: AbortSignal): Promise<IncidentPage> {
  return http.get<IncidentPage>('/api/v1/readiness/incidents', {
    query: {
      unit: query.unit || undefined,
      kind: query.kind || undefined,
      from: query.from || undefined,
      to: query.to || undefined,
      page: query.page,
      pageSize: query.pageSize,
    },
    signal,
  })
}

export function getIncident(id: number, signal?: AbortSignal): Promise<Incident> {
  return http.get<Incident>(`/api/v1/readiness/incidents/${id}`, { signal })
}

/** A new report (201). `notify: false`: the form shows the refusal at its fields. */
export function reportIncident(fields: IncidentFields): Promise<Incident> {
  return http.post<Incident>('/api/v1/readiness/incidents', fields, { notify: false })
}

/** A later report of the same incident (续报) at the version last read (409: corrected since). */
export function correctIncident(id: number, correction: IncidentCorrection): Promise<Incident> {
  return http.put<Incident>(`/api/v1/readiness/incidents/${id}`, correction, { notify: false })
}

/** The totals of a unit's subtree over a period (both days included; the server's default: this year to today). */
export function getIncidentSummary(query: SummaryQuery, signal?: AbortSignal): Promise<IncidentSummary> {
  return http.get<IncidentSummary>('/api/v1/readiness/incidents/summary', {
    query: { unit: query.unit || undefined, from: query.from || undefined, to: query.to || undefined },
    signal,
  })
}

// ---- emergency supplies (应急物资): /api/v1/readiness/supplies… --------------------------------------
//
// A county, township, village or community registers what its store keeps (name, category,
// quantity of a measure, place, expiry date), changes it at the version read (409 when someone
// changed it since; its unit never changes) and removes it once gone (the audit log keeps it). The
// expiry list holds the items in stock that expired or expire within 30 days (or `days`), the
// soonest first. An item or unit outside the caller's scope is 404.

export type Supply = Schema<'Supply'>
export type SupplyFields = RequestBody<'/api/v1/readiness/supplies', 'post'>
export type SupplyChange = RequestBody<'/api/v1/readiness/supplies/{id}', 'put'>
export type SupplyCategory = SupplyFields['category']
export type SupplyQuery = QueryOf<'/api/v1/readiness/supplies', 'get'>
export type ExpiringQuery = QueryOf<'/api/v1/readiness/supplies/expiring', 'get'>
export type Expiry = Supply['expiry']
type SupplyPage = Schema<'SupplyPage'>

/** The categories as the server lists them (src/readiness/supply_repository.cpp). */
export const SUPPLY_CATEGORIES = ['food', 'water', 'medicine', 'shelter', 'lighting', 'rescue', 'other'] as const satisfies readonly SupplyCategory[]

/** The server's bounds (src/readiness/supply_service.hpp). */
export const SUPPLY_LIMITS = {
  name: 100,
  measure: 10,
  place: 200,
  note: 500,
  quantity: 100_000_000,
  /** The expiry list's and the to-do's horizon in days. */
  soonDays: 30,
} as const

/** The items of a unit's subtree (none: the caller's scope): by unit, category and name; with `expiry`, the soonest first. */
export function listSupplies(query: SupplyQuery, signal?: AbortSignal): Promise<SupplyPage> {
  return http.get<SupplyPage>('/api/v1/readiness/supplies', {
    query: {
      unit: query.unit || undefined,
      category: query.category || undefined,
      expiry: query.expiry || undefined,
      days: query.days,
      page: query.page,
      pageSize: query.pageSize,
    },
    signal,
  })
}

/** The expiry list: items in stock expired or expiring within `days` (30 by default), the soonest first. */
export function listExpiringSupplies(query: ExpiringQuery, signal?: AbortSignal): Promise<SupplyPage> {
  return http.get<SupplyPage>('/api/v1/readiness/supplies/expiring', {
    query: { unit: query.unit || undefined, days: query.days, page: query.page, pageSize: query.pageSize },
    signal,
  })
}

export function getSupply(id: number, signal?: AbortSignal): Promise<Supply> {
  return http.get<Supply>(`/api/v1/readiness/supplies/${id}`, { signal })
}

/** A new item (201). `notify: false`: the form shows the refusal at its fields. */
export function createSupply(fields: SupplyFields): Promise<Supply> {
  return http.post<Supply>('/api/v1/readiness/supplies', fields, { notify: false })
}

/** A change at the version last read (409: changed since). */
export function updateSupply(id: number, change: SupplyChange): Promise<Supply> {
  return http.put<Supply>(`/api/v1/readiness/supplies/${id}`, change, { notify: false })
}

/** Removes an item no longer kept, at the version last read (409: changed since). */
export function removeSupply(id: number, version: number): Promise<void> {
  return http.delete<void>(`/api/v1/readiness/supplies/${id}`, { query: { version } })
}

// ---- emergency drills (应急演练): /api/v1/readiness/drills… ------------------------------------------
//
// A drill is planned (its date may lie ahead) or held (done: not dated after today), with its
// scenario, participants, place and summary; changed at the version read (409 when changed since).
// The list answers this year's counts of the same subtrees with each page.

export type Drill = Schema<'Drill'>
export type DrillYear = Schema<'DrillYear'>
export type DrillFields = RequestBody<'/api/v1/readiness/drills', 'post'>
export type DrillChange = RequestBody<'/api/v1/readiness/drills/{id}', 'put'>
export type DrillScenario = DrillFields['scenario']
export type DrillStatus = DrillFields['status']
export type DrillQuery = QueryOf<'/api/v1/readiness/drills', 'get'>
export type DrillList = Reply<'/api/v1/readiness/drills', 'get'>

/** The scenarios as the server lists them (src/readiness/drill_repository.cpp). */
export const DRILL_SCENARIOS = ['fire', 'earthquake', 'flood', 'evacuation', 'gas', 'other'] as const satisfies readonly DrillScenario[]
export const DRILL_STATUSES = ['planned', 'done'] as const satisfies readonly DrillStatus[]

/** The server's bounds (src/readiness/drill_service.hpp). */
export const DRILL_LIMITS = { text: 200, summary: 2000, participants: 1_000_000 } as const

/** The drills of a unit's subtree (none: the caller's scope), the latest date first, with this year's counts. */
export function listDrills(query: DrillQuery, signal?: AbortSignal): Promise<DrillList> {
  return http.get<DrillList>('/api/v1/readiness/drills', {
    query: {
      unit: query.unit || undefined,
      scenario: query.scenario || undefined,
      status: query.status || undefined,
      from: query.from || undefined,
      to: query.to || undefined,
      page: query.page,
      pageSize: query.pageSize,
    },
    signal,
  })
}

export function getDrill(id: number, signal?: AbortSignal): Promise<Drill> {
  return http.get<Drill>(`/api/v1/readiness/drills/${id}`, { signal })
}

/** A new drill (201). `notify: false`: the form shows the refusal at its fields. */
export function createDrill(fields: DrillFields): Promise<Drill> {
  return http.post<Drill>('/api/v1/readiness/drills', fields, { notify: false })
}

/** A change at the version last read (409: changed since). */
export function updateDrill(id: number, change: DrillChange): Promise<Drill> {
  return http.put<Drill>(`/api/v1/readiness/drills/${id}`, change, { notify: false })
}
