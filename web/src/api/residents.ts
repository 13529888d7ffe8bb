// Residents and households (实有人口): /api/v1/residents…
//
// Households in grids and the people living in them. Every answer is masked (张*三,
// 620***********123X); a field in clear is asked for with a reason (audited), and so is everything
// held about one person (a subject-access request under PIPL). An ID number or a phone is searched
// for in a POST body, never in a URL, so that neither lands in an access log.
import { http } from '@/utils/request'
import { uploadType } from '@/utils/upload'
import type { QueryOf, RequestBody, Schema } from './types'

export type ResidentHousehold = Schema<'ResidentHousehold'>
export type ResidentHouseholdDetail = Schema<'ResidentHouseholdDetail'>
export type ResidentPerson = Schema<'ResidentPerson'>
export type ResidentPersonDetail = Schema<'ResidentPersonDetail'>
export type ResidentStay = Schema<'ResidentStay'>
export type ResidentTag = Schema<'ResidentTag'>
export type TagKey = ResidentTag['key']
export type Registration = ResidentPerson['registration']
export type HouseholdType = ResidentHousehold['type']
export type RevealField = RequestBody<'/api/v1/residents/persons/{id}/reveal', 'post'>['field']
export type HouseholdFields = RequestBody<'/api/v1/residents/households', 'post'>
export type PersonFields = RequestBody<'/api/v1/residents/persons', 'post'>
export type PersonChange = RequestBody<'/api/v1/residents/persons/{id}', 'patch'>
export type MoveFields = RequestBody<'/api/v1/residents/persons/{id}/move', 'post'>
export type PersonQuery = QueryOf<'/api/v1/residents/persons', 'get'>
export type HouseholdQuery = QueryOf<'/api/v1/residents/households', 'get'>
/** A tag as a form sends it: a disability's detail is "<kind>:<grade>". */
export type TagInput = NonNullable<PersonFields['tags']>[number]
type HouseholdPage = Schema<'ResidentHouseholdPage'>
type PersonPage = Schema<'ResidentPersonPage'>

// The server's choices (src/residents/model.cpp). Those the API description types as an enum are
// checked against it here; relations and disability kinds are plain strings there.
export const TAG_KEYS = [
  'special_hardship_elderly',
  'living_alone',
  'empty_nest',
  'left_behind_child',
  'disability',
  'subsistence',
  'special_hardship',
  'mental_disorder',
  'community_correction',
] as const satisfies readonly TagKey[]
/** Seen and set only by holders of residents:person:sensitive; the server refuses them to others. */
export const SENSITIVE_TAGS: ReadonlySet<TagKey> = new Set<TagKey>(['mental_disorder', 'community_correction'])
/** The tag whose detail names a disability's kind and grade. */
export const DISABILITY_TAG = 'disability' satisfies TagKey
export const DISABILITY_KINDS = ['visual', 'hearing', 'speech', 'physical', 'intellectual', 'mental', 'multiple'] as const
export const DISABILITY_GRADES = [1, 2, 3, 4] as const
export const RELATIONS = ['head', 'spouse', 'child', 'parent', 'grandchild', 'grandparent', 'sibling', 'other'] as const
export const REGISTRATIONS = ['registered', 'resident', 'floating'] as const satisfies readonly Registration[]
export const HOUSEHOLD_TYPES = ['family', 'collective'] as const satisfies readonly HouseholdType[]
export const REVEAL_FIELDS = ['name', 'idNumber', 'phone', 'address'] as const satisfies readonly RevealField[]
/** A reason to reveal or export: 2 to 200 characters (the server's bounds). */
export const REASON_LENGTH = { min: 2, max: 200 } as const

export type Relation = (typeof RELATIONS)[number]
export type DisabilityKind = (typeof DISABILITY_KINDS)[number]

// ---- households ----------------------------------------------------------------------------------

export function listHouseholds(query: HouseholdQuery, signal?: AbortSignal): Promise<HouseholdPage> {
  return http.get<HouseholdPage>('/api/v1/residents/households', {
    query: { unit: query.unit, page: query.page, pageSize: query.pageSize },
    signal,
  })
}

/** A household with the people living in it; the server audits the read. */
export function getHousehold(id: number, signal?: AbortSignal): Promise<ResidentHouseholdDetail> {
  return http.get<ResidentHouseholdDetail>(`/api/v1/residents/households/${id}`, { signal })
}

/** `notify: false`: the dialog shows the refusal at its fields. */
export function createHousehold(fields: HouseholdFields): Promise<ResidentHousehold> {
  return http.post<ResidentHousehold>('/api/v1/residents/households', fields, { notify: false })
}

// ---- people ----------------------------------------------------------------------------------------

export function listPersons(query: PersonQuery, signal?: AbortSignal): Promise<PersonPage> {
  return http.get<PersonPage>('/api/v1/residents/persons', {
    query: {
      unit: query.unit,
      tag: query.tag || undefined,
      includeMovedOut: query.includeMovedOut || undefined,
      page: query.page,
      pageSize: query.pageSize,
    },
    signal,
  })
}

/** The people with exactly this ID number or this phone (one of the two), in scope; audited. */
export function searchPersons(by: { idNumber: string } | { phone: string }, signal?: AbortSignal): Promise<PersonPage> {
  return http.post<PersonPage>('/api/v1/residents/persons/search', by, { signal, notify: false })
}

/** A person's record with the households lived in; the server audits the read. */
export function getPerson(id: number, signal?: AbortSignal): Promise<ResidentPersonDetail> {
  return http.get<ResidentPersonDetail>(`/api/v1/residents/persons/${id}`, { signal })
}

/** `notify: false`: the dialog shows the refusal at its fields (409: an ID number registered already). */
export function registerPerson(fields: PersonFields): Promise<ResidentPersonDetail> {
  return http.post<ResidentPersonDetail>('/api/v1/residents/persons', fields, { notify: false })
}

/** A correction with the version last read (409: someone else changed the record since). */
export function correctPerson(id: number, change: PersonChange): Promise<ResidentPersonDetail> {
  return http.patch<ResidentPersonDetail>(`/api/v1/residents/persons/${id}`, change, { notify: false })
}

/** Into another household, or away from the area (no householdId). */
export function movePerson(id: number, move: MoveFields): Promise<ResidentPersonDetail> {
  return http.post<ResidentPersonDetail>(`/api/v1/residents/persons/${id}/move`, move, { notify: false })
}

/** One field in clear, for a stated reason; audited with the reason. */
export async function revealPerson(id: number, field: RevealField, reason: string): Promise<string> {
  const reply = await http.post<Schema<'ResidentRevealed'>>(`/api/v1/residents/persons/${id}/reveal`, { field, reason }, { notify: false })
  return reply.value
}

/** Everything held about a person, in clear (name, ID number, phone, addresses); audited with the reason. */
export function exportPerson(id: number, reason: string): Promise<ResidentPersonDetail> {
  return http.post<ResidentPersonDetail>(`/api/v1/residents/persons/${id}/export`, { reason }, { notify: false })
}

// ---- imports of household registers (居民导入) ----------------------------------------------------
// A filled-in template (.xlsx or CSV) sent as it is; the server reads it in a background job (the
// import's id is the job's) and writes every household and person in it, or nothing (refused, with
// every bad cell listed).

export type ResidentImport = Schema<'ResidentImport'>
export type ResidentImportState = ResidentImport['state']
/** A bad cell: `line` is the file's row (Excel row number, CSV line), 0 for the file as a whole; `field` the column's Chinese heading or "file". */
export type ResidentImportProblem = ResidentImport['problems'][number]
export type ResidentImportQuery = QueryOf<'/api/v1/residents/imports', 'get'>
type ResidentImportPage = Schema<'ResidentImportPage'>

/** The template, an Excel workbook (居民导入模板.xlsx). */
export const RESIDENT_IMPORT_TEMPLATE = '/api/v1/residents/import-template.xlsx'

/**
 * Sends a filled-in template for `unit` (a township or a village/community every row's grid lies
 * in); the server answers 202 with the import queued. `notify: false`: the page shows a refusal of
 * the file (400, field "file") at the file chooser.
 */
export function startResidentImport(unit: string, file: File): Promise<ResidentImport> {
  return http.upload<ResidentImport>('/api/v1/residents/imports', file, uploadType(file), {
    query: { unit, fileName: file.name },
    notify: false,
  })
}

/** The imports into a unit and the units below it, newest first (without their problems). */
export function listResidentImports(query: ResidentImportQuery, signal?: AbortSignal): Promise<ResidentImportPage> {
  return http.get<ResidentImportPage>('/api/v1/residents/imports', {
    query: { unit: query.unit, page: query.page, pageSize: query.pageSize },
    signal,
  })
}

/** One import with its problems. */
export function getResidentImport(id: number, signal?: AbortSignal): Promise<ResidentImport> {
  return http.get<ResidentImport>(`/api/v1/residents/imports/${id}`, { signal })
}
