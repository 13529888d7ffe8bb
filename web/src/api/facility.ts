// The facility registry (服务设施): /api/v1/facilities…
//
// Facilities of the caller's scope, one with its standards checks and its history, the form's
// writes (with the version last read), the import of a filled-in template, and the base figures of
// a village or community by year.
import { http } from '@/utils/request'
import { shareRequest } from '@/utils/shared-request'
import { uploadType } from '@/utils/upload'
import type { QueryOf, RequestBody, Schema } from './types'

export type Facility = Schema<'Facility'>
export type FacilityType = Schema<'FacilityType'>
export type FacilityService = Schema<'FacilityService'>
export type FacilityStatus = Schema<'FacilityStatus'>
export type OpeningHours = Schema<'OpeningHours'>
export type FacilityStandard = Schema<'FacilityStandard'>
export type FacilityDetail = Schema<'FacilityDetail'>
export type FacilityCatalogue = Schema<'FacilityCatalogue'>
export type FacilityChange = Schema<'FacilityChange'>
export type FacilityQuery = QueryOf<'/api/v1/facilities', 'get'>
export type FacilityFields = RequestBody<'/api/v1/facilities', 'post'>
export type FacilityUpdate = RequestBody<'/api/v1/facilities/{id}', 'put'>
export type UnitFigures = Schema<'UnitFigures'>
export type FiguresInput = RequestBody<'/api/v1/facilities/figures/{code}/{year}', 'put'>
type FacilityPage = Schema<'FacilityPage'>
type ChangePage = Schema<'FacilityChangePage'>
type FiguresPage = Schema<'UnitFiguresPage'>

export const FACILITY_STATUSES = ['building', 'open', 'closed'] as const satisfies readonly FacilityStatus[]

/** The years the server keeps base figures for. */
export const FIGURES_FIRST_YEAR = 2015
export const FIGURES_LAST_YEAR = 2035

/** The kinds and services with their labels in the language asked for; the same for a while. */
export function getCatalogue(): Promise<FacilityCatalogue> {
  return shareRequest('facility.catalogue', () => http.get<FacilityCatalogue>('/api/v1/facilities/catalogue'), 10 * 60_000)
}

export function listFacilities(query: FacilityQuery, signal?: AbortSignal): Promise<FacilityPage> {
  return http.get<FacilityPage>('/api/v1/facilities', {
    query: { unit: query.unit, type: query.type, status: query.status, q: query.q, page: query.page, pageSize: query.pageSize },
    signal,
  })
}

export function getFacility(id: number, signal?: AbortSignal): Promise<FacilityDetail> {
  return http.get<FacilityDetail>(`/api/v1/facilities/${id}`, { signal })
}

export function getFacilityHistory(id: number, signal?: AbortSignal): Promise<ChangePage> {
  return http.get<ChangePage>(`/api/v1/facilities/${id}/history`, { signal })
}

/** `notify: false`: the form shows the refusal at its fields. */
export function createFacility(fields: FacilityFields): Promise<Facility> {
  return http.post<Facility>('/api/v1/facilities', fields, { notify: false })
}

export function updateFacility(id: number, fields: FacilityUpdate): Promise<Facility> {
  return http.put<Facility>(`/api/v1/facilities/${id}`, fields, { notify: false })
}

// The upload helpers every import shares, where the facility pages and tests have always found them.
export { IMPORT_MAX_BYTES, uploadType } from '@/utils/upload'

/** What an import registered. */
export type ImportResult = { registered: number }

/** Registers every row of a filled-in template, or none: a 400 lists every bad cell by line and column. */
export function importFacilities(file: Blob & { type: string }): Promise<ImportResult> {
  return http.upload<ImportResult>('/api/v1/facilities/import', file, uploadType(file), { notify: false })
}

export function listFigures(unit: string, signal?: AbortSignal): Promise<FiguresPage> {
  return http.get<FiguresPage>('/api/v1/facilities/figures', { query: { unit }, signal })
}

export function saveFigures(code: string, year: number, input: FiguresInput): Promise<UnitFigures> {
  return http.put<UnitFigures>(`/api/v1/facilities/figures/${encodeURIComponent(code)}/${year}`, input, { notify: false })
}

export function getFiguresHistory(code: string, year: number, signal?: AbortSignal): Promise<ChangePage> {
  return http.get<ChangePage>(`/api/v1/facilities/figures/${encodeURIComponent(code)}/${year}/history`, { signal })
}
