// The incident report pages' logic, apart from the pages (灾情报送): the list's filters as the
// address carries them, the summary's period (this year up to today unless the address says
// otherwise), which units report, the form to and from what the API takes, and the toll check the
// server makes (injured, dead and missing are among the affected: each, and together), so that the
// form says so at the field before sending.
import { INCIDENT_KINDS, INCIDENT_LIMITS, type Incident, type IncidentFields, type IncidentKind, type KindToll } from '@/api/readiness'
import { codeLevel, isUnitCode } from './codes'
import { chinaDate } from './format'
import type { DateRange } from './date-range'

export const INCIDENT_READ = 'readiness:incident:read'
export const INCIDENT_REPORT = 'readiness:incident:report'

// ---- the address -----------------------------------------------------------------------------------

function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value
}

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/

/** A YYYY-MM-DD that is a real day; '' for anything else. */
export function dateFromQuery(value: unknown): string {
  const v = first(value)
  if (typeof v !== 'string' || !DATE.test(v)) return ''
  const d = new Date(`${v}T00:00:00.000Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v ? v : ''
}

/** ?kind=flood: a kind the server knows; '' for none or any other. */
export function kindFromQuery(value: unknown): IncidentKind | '' {
  const v = first(value)
  return INCIDENT_KINDS.find((k) => k === v) ?? ''
}

/** ?unit=620102001001: a unit code (12 digits; a grid reports nothing); '' for anything else. */
export function unitFromQuery(value: unknown): string {
  const v = first(value)
  return typeof v === 'string' && /^\d{12}$/.test(v) && isUnitCode(v) ? v : ''
}

/** The list's filters: a unit's subtree ('' the working unit's), a kind, the days (both included). */
export interface IncidentFilter {
  unit: string
  kind: IncidentKind | ''
  range: DateRange | null
}

/** The filters the address carries; a range only when both ends are days, in order. */
export function filterFromQuery(query: Record<string, unknown>): IncidentFilter {
  const from = dateFromQuery(query.from)
  const to = dateFromQuery(query.to)
  return { unit: unitFromQuery(query.unit), kind: kindFromQuery(query.kind), range: from && to && from <= to ? [from, to] : null }
}

/** The address of the filters (what is empty left out). */
export function queryOfFilter(filter: IncidentFilter): Record<string, string | undefined> {
  return {
    unit: filter.unit || undefined,
    kind: filter.kind || undefined,
    from: filter.range?.[0],
    to: filter.range?.[1],
  }
}

/** What the list and its Excel twin ask: the unit chosen, else the working unit (none: the caller's scope). */
export function listQuery(filter: IncidentFilter, workingUnit: string | null): { unit?: string; kind?: IncidentKind; from?: string; to?: string } {
  return {
    unit: filter.unit || workingUnit || undefined,
    kind: filter.kind || undefined,
    from: filter.range?.[0],
    to: filter.range?.[1],
  }
}

// ---- the summary's period ----------------------------------------------------------------------------

/** This year up to today, in China time (the server's default). */
export function defaultPeriod(now: Date = new Date()): DateRange {
  const today = chinaDate(now)
  return [`${today.slice(0, 4)}-01-01`, today]
}

/** The period the address asks for (?from=&to=, both days, in order), else this year up to today. */
export function periodFromQuery(query: Record<string, unknown>, now: Date = new Date()): DateRange {
  const from = dateFromQuery(query.from)
  const to = dateFromQuery(query.to)
  return from && to && from <= to ? [from, to] : defaultPeriod(now)
}

/** The address of a period: nothing for the default, so that a link keeps meaning "this year". */
export function queryOfPeriod(range: DateRange, now: Date = new Date()): Record<string, string | undefined> {
  const d = defaultPeriod(now)
  return range[0] === d[0] && range[1] === d[1] ? { from: undefined, to: undefined } : { from: range[0], to: range[1] }
}

/** The lines by kind in the national classification's order; a kind the console does not know last. */
export function kindsInOrder<T extends Pick<KindToll, 'kind'>>(lines: readonly T[]): T[] {
  const rank = (k: string) => {
    const i = (INCIDENT_KINDS as readonly string[]).indexOf(k)
    return i < 0 ? INCIDENT_KINDS.length : i
  }
  return [...lines].sort((a, b) => rank(a.kind) - rank(b.kind) || a.kind.localeCompare(b.kind))
}

// ---- the toll ------------------------------------------------------------------------------------------

export interface Toll {
  affected: number
  injured: number
  dead: number
  missing: number
}

export const AMONG_AFFECTED = ['injured', 'dead', 'missing'] as const
export type TollField = 'affected' | (typeof AMONG_AFFECTED)[number]

/** A reason a toll does not add up: its message key under readiness.form and its values. */
export interface TollProblem {
  message: 'exceedsAffected' | 'sumExceedsAffected'
  params: Record<string, number>
}

/**
 * Why a toll does not add up, by field, as the server says it (src/readiness/incident_service.cpp):
 * each of injured, dead and missing more than the affected, at its own field; otherwise their sum
 * more than the affected, at the affected. Nothing when it adds up.
 */
export function tollProblems(toll: Toll): Partial<Record<TollField, TollProblem>> {
  const out: Partial<Record<TollField, TollProblem>> = {}
  for (const field of AMONG_AFFECTED) {
    if (toll[field] > toll.affected) out[field] = { message: 'exceedsAffected', params: { count: toll[field], affected: toll.affected } }
  }
  if (Object.keys(out).length === 0 && toll.injured + toll.dead + toll.missing > toll.affected) {
    out.affected = { message: 'sumExceedsAffected', params: { sum: toll.injured + toll.dead + toll.missing, affected: toll.affected } }
  }
  return out
}

// ---- the form --------------------------------------------------------------------------------------------

/** The units that report: counties, townships (streets), villages and communities, and grids (a grid worker's). */
export function mayReportFrom(code: string): boolean {
  if (!/^\d{12}(\d{3})?$/.test(code)) return false
  return codeLevel(code) >= 3
}

/**
 * Whether a scope holds a unit that reports: every scope does (a city's counties, a grid worker's
 * grid), so any root will do.
 */
export function reportsWithin(roots: readonly string[]): boolean {
  return roots.some((root) => /^\d{12}(\d{3})?$/.test(root))
}

/** The form's fields as typed (the time in this browser's time, sent as UTC). */
export interface IncidentForm {
  unit: string
  kind: IncidentKind | ''
  occurredAt: Date | null
  place: string
  affected: number | null
  injured: number | null
  dead: number | null
  missing: number | null
  housesDamaged: number | null
  needs: string
}

/** The fields a server's reason is shown at. */
export const INCIDENT_FORM_FIELDS = ['unit', 'kind', 'occurredAt', 'place', 'affected', 'injured', 'dead', 'missing', 'housesDamaged', 'needs'] as const

/** A new report: of `unit` when it reports, happening now (to the minute), nobody counted yet. */
export function emptyIncidentForm(unit: string, now: Date): IncidentForm {
  const at = new Date(now)
  at.setSeconds(0, 0)
  return {
    unit: mayReportFrom(unit) ? unit : '',
    kind: '',
    occurredAt: at,
    place: '',
    affected: 0,
    injured: 0,
    dead: 0,
    missing: 0,
    housesDamaged: 0,
    needs: '',
  }
}

/** A report in the form, for its correction (续报). */
export function incidentFormOf(incident: Incident): IncidentForm {
  const at = new Date(incident.occurredAt)
  return {
    unit: incident.unit,
    kind: kindFromQuery(incident.kind),
    occurredAt: Number.isNaN(at.getTime()) ? null : at,
    place: incident.place,
    affected: incident.affected,
    injured: incident.injured,
    dead: incident.dead,
    missing: incident.missing,
    housesDamaged: incident.housesDamaged,
    needs: incident.needs,
  }
}

/** The toll as typed, a cleared box counting as 0 (as the form sends it). */
export function tollOf(form: Pick<IncidentForm, 'affected' | 'injured' | 'dead' | 'missing'>): Toll {
  return { affected: form.affected ?? 0, injured: form.injured ?? 0, dead: form.dead ?? 0, missing: form.missing ?? 0 }
}

/** What the API takes: texts trimmed, the time as a UTC timestamp; an empty field goes as it is, for the server to say so. */
export function incidentBody(form: IncidentForm): IncidentFields {
  return {
    unit: form.unit,
    kind: form.kind as IncidentKind,
    occurredAt: form.occurredAt ? form.occurredAt.toISOString() : '',
    place: form.place.trim(),
    ...tollOf(form),
    housesDamaged: form.housesDamaged ?? 0,
    needs: form.needs.trim(),
  }
}

/** A time later than now (with the server's slack for a clock a little fast): refused. */
export function inFuture(at: Date, now: Date = new Date()): boolean {
  return at.getTime() > now.getTime() + INCIDENT_LIMITS.clockSlackMs
}
