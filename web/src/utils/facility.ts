// The facility registry's own logic, apart from its pages: opening hours as typed and as shown, the
// form's fields to and from what the API takes, the server's reasons by form field, and what
// changed between two versions in a history entry.
import type { Facility, FacilityFields, FacilityService, FacilityStatus, FacilityType, OpeningHours } from '@/api/facility'
import type { FieldError } from './request'

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
export type Weekday = (typeof WEEKDAYS)[number]

// ---- opening hours ----------------------------------------------------------------------------

/**
 * A day's ranges as typed in one box: "8:00-12:00, 14:00-18:00", also with 、，; or spaces between
 * them and ～ – — 至 for the dash. Hours are padded to two digits ("8:00" → "08:00"); anything else
 * is passed on as typed, for the server to say what is wrong with it.
 */
export function parseRanges(text: string): string[] {
  return text
    .split(/[\s,，、;；]+/)
    .map((part) => part.replace(/[～~–—至]/g, '-'))
    .filter(Boolean)
    .map((part) => {
      const m = /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/.exec(part)
      return m ? `${m[1]!.padStart(2, '0')}:${m[2]}-${m[3]!.padStart(2, '0')}:${m[4]}` : part
    })
}

/** A day's ranges in its box: "08:00-12:00, 14:00-18:00". */
export function rangesText(ranges: readonly string[]): string {
  return ranges.join(', ')
}

/** Minutes of one "HH:MM-HH:MM" range ("24:00" ends a day); null for one that is not a range. */
export function rangeMinutes(range: string): number | null {
  const m = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(range)
  if (!m) return null
  const from = Number(m[1]) * 60 + Number(m[2])
  const to = Number(m[3]) * 60 + Number(m[4])
  if (from >= to || to > 24 * 60 || Number(m[2]) > 59 || Number(m[4]) > 59) return null
  return to - from
}

/** Hours a day is open (the ranges the server keeps do not overlap). */
export function dayHours(ranges: readonly string[]): number {
  return ranges.reduce((sum, r) => sum + (rangeMinutes(r) ?? 0), 0) / 60
}

/** Days in a row with the same ranges: Monday to Friday 08:00-18:00, Saturday, Sunday closed. */
export interface WeekGroup {
  from: Weekday
  to: Weekday
  ranges: string[]
}

export function weekGroups(hours: OpeningHours): WeekGroup[] {
  const groups: WeekGroup[] = []
  for (const day of WEEKDAYS) {
    const ranges = hours[day] ?? []
    const last = groups[groups.length - 1]
    if (last && rangesText(last.ranges) === rangesText(ranges)) last.to = day
    else groups.push({ from: day, to: day, ranges: [...ranges] })
  }
  return groups
}

/** How the week reads in one line, with the page's words for days, spans and closed days. */
export interface WeekWords {
  day: (day: Weekday) => string
  span: (from: string, to: string) => string
  closed: string
  /** Between a day and its ranges, and between groups. */
  colon: string
  separator: string
}

export function weekText(hours: OpeningHours, words: WeekWords): string {
  return weekGroups(hours)
    .map((g) => {
      const days = g.from === g.to ? words.day(g.from) : words.span(words.day(g.from), words.day(g.to))
      return `${days}${words.colon}${g.ranges.length ? rangesText(g.ranges) : words.closed}`
    })
    .join(words.separator)
}

// ---- the form ---------------------------------------------------------------------------------

/** The kind of facility whose capacity (可容纳人数) the server requires: the emergency shelter. */
export const SHELTER_TYPE = 'emergency_shelter' satisfies FacilityType
/** The largest capacity the server takes, in people. */
export const MAX_CAPACITY = 1_000_000

/** Whether a facility of this kind must have its capacity entered. */
export function needsCapacity(type: FacilityType | '' | string): boolean {
  return type === SHELTER_TYPE
}

/** A number box's value: empty is null (or undefined, as Element Plus's box clears it). */
export type Amount = number | null | undefined

/** The form as typed: numbers may be empty, the hours are one text per day. */
export interface FacilityForm {
  unitCode: string
  type: FacilityType | ''
  name: string
  status: FacilityStatus
  floorArea: Amount
  activityArea: Amount
  officeArea: Amount
  serviceArea: Amount
  landArea: Amount
  /** 可容纳人数: required of an emergency shelter. */
  capacity: Amount
  hours: Record<Weekday, string>
  services: FacilityService[]
  lat: Amount
  lon: Amount
  openedOn: string | null
  closedOn: string | null
}

export function emptyForm(unitCode: string): FacilityForm {
  return {
    unitCode,
    type: '',
    name: '',
    status: 'open',
    floorArea: null,
    activityArea: null,
    officeArea: null,
    serviceArea: null,
    landArea: null,
    capacity: null,
    hours: { mon: '', tue: '', wed: '', thu: '', fri: '', sat: '', sun: '' },
    services: [],
    lat: null,
    lon: null,
    openedOn: null,
    closedOn: null,
  }
}

export function formOf(f: Facility): FacilityForm {
  const hours = Object.fromEntries(WEEKDAYS.map((d) => [d, rangesText(f.hours[d] ?? [])])) as Record<Weekday, string>
  return {
    unitCode: f.unitCode,
    type: f.type,
    name: f.name,
    status: f.status,
    floorArea: f.floorArea,
    activityArea: f.activityArea,
    officeArea: f.officeArea,
    serviceArea: f.serviceArea,
    landArea: f.landArea ?? null,
    capacity: f.capacity ?? null,
    hours,
    services: [...f.services],
    lat: f.lat ?? null,
    lon: f.lon ?? null,
    openedOn: f.openedOn ?? null,
    closedOn: f.closedOn ?? null,
  }
}

/**
 * What the API takes from the form. An empty area the user left is sent as 0 (the server says
 * what it must be); an empty type as "" (refused at its field, with the others).
 */
export function fieldsOf(form: FacilityForm): FacilityFields {
  const hours = Object.fromEntries(WEEKDAYS.map((d) => [d, parseRanges(form.hours[d])])) as unknown as OpeningHours
  return {
    unitCode: form.unitCode,
    type: form.type as FacilityType,
    name: form.name.trim(),
    status: form.status,
    floorArea: form.floorArea ?? 0,
    activityArea: form.activityArea ?? 0,
    officeArea: form.officeArea ?? 0,
    serviceArea: form.serviceArea ?? 0,
    landArea: form.landArea ?? null,
    capacity: form.capacity ?? null,
    hours,
    services: [...form.services],
    lat: form.lat ?? null,
    lon: form.lon ?? null,
    openedOn: form.openedOn || null,
    closedOn: form.closedOn || null,
  }
}

/**
 * The server's reasons by the form's field: "hours.mon[1]" belongs to Monday's box, "services[0]"
 * to the services; two reasons for one field are both shown.
 */
export function formErrors(details: readonly FieldError[], separator = '; '): Record<string, string> {
  const out: Record<string, string> = {}
  for (const d of details) {
    const field = d.field.replace(/\[\d+\]$/, '')
    out[field] = out[field] ? `${out[field]}${separator}${d.reason}` : d.reason
  }
  return out
}

// ---- history ----------------------------------------------------------------------------------

/** The fields of a facility as its history shows them, in the form's order. */
export const FACILITY_FIELDS = [
  'unitCode',
  'type',
  'name',
  'status',
  'openedOn',
  'closedOn',
  'floorArea',
  'activityArea',
  'officeArea',
  'serviceArea',
  'landArea',
  'capacity',
  'hours',
  'services',
  'lat',
  'lon',
] as const

/** The base figures of a year, as their history shows them. */
export const FIGURES_FIELDS = ['households', 'residents', 'urbanResidents', 'buildingArea', 'childcarePlaces', 'childcareAffordable'] as const

export interface FieldChange {
  field: string
  before: unknown
  after: unknown
}

/** A value in a form that compares equal whatever the order of an object's keys. */
function canonical(value: unknown): string {
  if (value === undefined) return 'null'
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>
    return `{${Object.keys(record)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(record[k])}`)
      .join(',')}}`
  }
  return JSON.stringify(value)
}

/**
 * What a history entry changed, field by field in `fields`' order. The registration (no `before`)
 * lists every field that has a value.
 */
export function changedFields(before: unknown, after: unknown, fields: readonly string[]): FieldChange[] {
  const b = (before && typeof before === 'object' ? before : null) as Record<string, unknown> | null
  const a = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>
  return fields
    .filter((f) => {
      if (!b) return a[f] !== null && a[f] !== undefined && !(Array.isArray(a[f]) && a[f].length === 0)
      return canonical(b[f]) !== canonical(a[f])
    })
    .map((field) => ({ field, before: b ? (b[field] ?? null) : null, after: a[field] ?? null }))
}

/** An area or count as the pages show it: 1,234.5 (at most two decimals). */
export function formatAmount(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value)
}

/** A standard's value or threshold: one decimal at most (38.1, 70, 8). */
export function formatMeasure(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value)
}
