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
