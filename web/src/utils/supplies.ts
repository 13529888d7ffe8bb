// The supplies' and drills' pages' logic, apart from the pages (应急物资, 应急演练): the lists'
// filters as the address carries them, which units keep supplies and hold drills, how an item's
// expiry reads (the row's colour and its words), and the forms to and from what the API takes.
import {
  DRILL_SCENARIOS,
  DRILL_STATUSES,
  SUPPLY_CATEGORIES,
  type Drill,
  type DrillFields,
  type DrillScenario,
  type DrillStatus,
  type Expiry,
  type Supply,
  type SupplyCategory,
  type SupplyFields,
} from '@/api/readiness'
import { codeLevel } from './codes'
import { chinaDate } from './format'
import type { DateRange } from './date-range'
import { dateFromQuery, unitFromQuery } from './readiness'

export const SUPPLY_READ = 'readiness:supply:read'
export const SUPPLY_WRITE = 'readiness:supply:write'
export const DRILL_READ = 'readiness:drill:read'
export const DRILL_WRITE = 'readiness:drill:write'

function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value
}

/** Counties, townships (streets), villages and communities keep supplies and hold drills; grids do not. */
export function keepsSupplies(code: string): boolean {
  if (!/^\d{12}$/.test(code)) return false
  const level = codeLevel(code)
  return level >= 3 && level <= 5
}

// ---- supplies ------------------------------------------------------------------------------------------

export type ExpiryChoice = 'expiring' | 'expired'

/** The supplies list's filters: a unit's subtree ('' the working unit's), a category, an expiry. */
export interface SupplyFilter {
  unit: string
  category: SupplyCategory | ''
  expiry: ExpiryChoice | ''
}

export function supplyFilterFromQuery(query: Record<string, unknown>): SupplyFilter {
  const category = first(query.category)
  const expiry = first(query.expiry)
  return {
    unit: unitFromQuery(query.unit),
    category: SUPPLY_CATEGORIES.find((c) => c === category) ?? '',
    expiry: expiry === 'expiring' || expiry === 'expired' ? expiry : '',
  }
}

export function queryOfSupplyFilter(filter: SupplyFilter): Record<string, string | undefined> {
  return { unit: filter.unit || undefined, category: filter.category || undefined, expiry: filter.expiry || undefined }
}

/** What the list and its Excel twin ask: the unit chosen, else the working unit (none: the caller's scope). */
export function supplyListQuery(filter: SupplyFilter, workingUnit: string | null): { unit?: string; category?: SupplyCategory; expiry?: ExpiryChoice } {
  return { unit: filter.unit || workingUnit || undefined, category: filter.category || undefined, expiry: filter.expiry || undefined }
}

/** The class of a row by its item's expiry: red when expired, amber when expiring soon, none otherwise. */
export function expiryRowClass(expiry: Expiry): string {
  if (expiry === 'expired') return 'supply-expired'
  if (expiry === 'expiring') return 'supply-expiring'
  return ''
}

/** How an item's expiry reads: its message key under readiness.supplies.expiry and the days. */
export function expiryWords(item: Pick<Supply, 'expiry' | 'daysLeft'>): { key: string; days: number } | null {
  if (item.daysLeft === null) return null
  if (item.expiry === 'expired') return { key: 'expiredAgo', days: -item.daysLeft }
  if (item.daysLeft === 0) return { key: 'expiresToday', days: 0 }
  if (item.expiry === 'expiring') return { key: 'expiresIn', days: item.daysLeft }
  return null
}

/** The supply form as typed; an expiry date is optional. */
export interface SupplyForm {
  unit: string
  name: string
  category: SupplyCategory | ''
  quantity: number | null
  measure: string
  place: string
  expiresOn: string
  note: string
}

export const SUPPLY_FORM_FIELDS = ['unit', 'name', 'category', 'quantity', 'measure', 'place', 'expiresOn', 'note'] as const

export function emptySupplyForm(unit: string): SupplyForm {
  return { unit: keepsSupplies(unit) ? unit : '', name: '', category: '', quantity: 0, measure: '', place: '', expiresOn: '', note: '' }
}

export function supplyFormOf(item: Supply): SupplyForm {
  return {
    unit: item.unit,
    name: item.name,
    category: SUPPLY_CATEGORIES.find((c) => c === item.category) ?? '',
    quantity: item.quantity,
    measure: item.measure,
    place: item.place,
    expiresOn: item.expiresOn ?? '',
    note: item.note,
  }
}

/** What the API takes: texts trimmed; no expiry date left out (the item does not expire). */
export function supplyBody(form: SupplyForm): SupplyFields {
  const body: SupplyFields = {
    unit: form.unit,
    name: form.name.trim(),
    category: form.category as SupplyCategory,
    quantity: form.quantity ?? 0,
    measure: form.measure.trim(),
    place: form.place.trim(),
    note: form.note.trim(),
  }
  if (form.expiresOn) body.expiresOn = form.expiresOn
  return body
}

// ---- drills ---------------------------------------------------------------------------------------------

/** The drills list's filters: a unit's subtree, a scenario, a status, the days (both included). */
export interface DrillFilter {
  unit: string
  scenario: DrillScenario | ''
  status: DrillStatus | ''
  range: DateRange | null
}

export function drillFilterFromQuery(query: Record<string, unknown>): DrillFilter {
  const scenario = first(query.scenario)
  const status = first(query.status)
  const from = dateFromQuery(query.from)
  const to = dateFromQuery(query.to)
  return {
    unit: unitFromQuery(query.unit),
    scenario: DRILL_SCENARIOS.find((s) => s === scenario) ?? '',
    status: DRILL_STATUSES.find((s) => s === status) ?? '',
    range: from && to && from <= to ? [from, to] : null,
  }
}

export function queryOfDrillFilter(filter: DrillFilter): Record<string, string | undefined> {
  return {
    unit: filter.unit || undefined,
    scenario: filter.scenario || undefined,
    status: filter.status || undefined,
    from: filter.range?.[0],
    to: filter.range?.[1],
  }
}

export function drillListQuery(
  filter: DrillFilter,
  workingUnit: string | null,
): { unit?: string; scenario?: DrillScenario; status?: DrillStatus; from?: string; to?: string } {
  return {
    unit: filter.unit || workingUnit || undefined,
    scenario: filter.scenario || undefined,
    status: filter.status || undefined,
    from: filter.range?.[0],
    to: filter.range?.[1],
  }
}

export interface DrillForm {
  unit: string
  heldOn: string
  status: DrillStatus
  scenario: DrillScenario | ''
  description: string
  participants: number | null
  place: string
  summary: string
}

export const DRILL_FORM_FIELDS = ['unit', 'heldOn', 'status', 'scenario', 'description', 'participants', 'place', 'summary'] as const

/** A new drill: of `unit` when it holds drills, held today. */
export function emptyDrillForm(unit: string, now: Date): DrillForm {
  return { unit: keepsSupplies(unit) ? unit : '', heldOn: chinaDate(now), status: 'done', scenario: '', description: '', participants: 0, place: '', summary: '' }
}

export function drillFormOf(drill: Drill): DrillForm {
  return {
    unit: drill.unit,
    heldOn: drill.heldOn,
    status: drill.status,
    scenario: DRILL_SCENARIOS.find((s) => s === drill.scenario) ?? '',
    description: drill.description,
    participants: drill.participants,
    place: drill.place,
    summary: drill.summary,
  }
}

export function drillBody(form: DrillForm): DrillFields {
  return {
    unit: form.unit,
    heldOn: form.heldOn,
    status: form.status,
    scenario: form.scenario as DrillScenario,
    description: form.description.trim(),
    participants: form.participants ?? 0,
    place: form.place.trim(),
    summary: form.summary.trim(),
  }
}

/** A drill held (done) is not dated after today (China time); a planned one may be. */
export function heldInFuture(form: Pick<DrillForm, 'heldOn' | 'status'>, now: Date = new Date()): boolean {
  return form.status === 'done' && form.heldOn !== '' && form.heldOn > chinaDate(now)
}
