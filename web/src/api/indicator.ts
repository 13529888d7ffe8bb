// The plan's indicators (规划指标): /api/v1/indicators… and /api/v1/analytics.
//
// The catalogue of the 30 rows, their values for units and periods (DHIS2's analytics), and the
// entry and approval of the values the system cannot count yet.
import { http } from '@/utils/request'
import { shareRequest } from '@/utils/shared-request'
import type { Reply, RequestBody, Schema } from './types'

export type Indicator = Schema<'Indicator'>
export type AnalyticsRow = Schema<'AnalyticsRow'>
export type IndicatorStatus = AnalyticsRow['status']
export type IndicatorEntry = Schema<'IndicatorEntry'>
export type IndicatorValue = Schema<'IndicatorValue'>
export type IndicatorValueChange = Schema<'IndicatorValueChange'>
export type Analytics = Reply<'/api/v1/analytics', 'get'>
export type ValueInput = RequestBody<'/api/v1/indicators/{id}/values/{code}/{period}', 'put'>
type IndicatorPage = Schema<'IndicatorPage'>
type EntryPage = Schema<'IndicatorEntryPage'>
type ChangePage = Schema<'IndicatorValueChangePage'>

/** The catalogue: the same for a while. */
export function getIndicators(): Promise<IndicatorPage> {
  return shareRequest('indicator.catalogue', () => http.get<IndicatorPage>('/api/v1/indicators'), 10 * 60_000)
}

export interface AnalyticsQuery {
  indicators: string
  units: string
  periods: string
}

export function getAnalytics(query: AnalyticsQuery, signal?: AbortSignal): Promise<Analytics> {
  return http.get<Analytics>('/api/v1/analytics', { query: { ...query }, signal })
}

/** The same question asked twice at once (the workbench card and its prefetch) is asked once. */
export function getAnalyticsShared(query: AnalyticsQuery): Promise<Analytics> {
  return shareRequest(`indicator.analytics:${query.indicators}|${query.units}|${query.periods}`, () => getAnalytics(query), 5_000)
}

export function getEntries(id: string, unit: string, period: string, signal?: AbortSignal): Promise<EntryPage> {
  return http.get<EntryPage>(`/api/v1/indicators/${encodeURIComponent(id)}/entries`, { query: { unit, period }, signal })
}

function valuePath(id: string, code: string, period: string): string {
  return `/api/v1/indicators/${encodeURIComponent(id)}/values/${code}/${period}`
}

/** `notify: false`: the page shows the refusal at its fields. */
export function putValue(id: string, code: string, period: string, input: ValueInput): Promise<IndicatorValue> {
  return http.put<IndicatorValue>(valuePath(id, code, period), input, { notify: false })
}

export function approveValue(id: string, code: string, period: string, version: number): Promise<IndicatorValue> {
  return http.post<IndicatorValue>(`${valuePath(id, code, period)}/approve`, { version })
}

export function unapproveValue(id: string, code: string, period: string, version: number): Promise<IndicatorValue> {
  return http.post<IndicatorValue>(`${valuePath(id, code, period)}/unapprove`, { version })
}

export function getValueHistory(id: string, code: string, period: string, signal?: AbortSignal): Promise<ChangePage> {
  return http.get<ChangePage>(`${valuePath(id, code, period)}/history`, { signal })
}
