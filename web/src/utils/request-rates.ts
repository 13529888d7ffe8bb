// The three rates of requests handled on receipt (接诉即办 三率, docs/requests.md): the periods the
// statistics page offers, as the server's inclusive day ranges in China time; each rate with the
// counts behind it; the rates as percentages ("—" when there is nothing to count, never 0); the
// rows in the order chosen, those without a rate last; and the page's state in its address.
import type { RequestRates } from '@/api/requests'
import { chinaDate, formatNumber } from './format'
import type { DateRange } from './date-range'
import type { SortState } from './sort'

export const RATE_KINDS = ['response', 'resolution', 'satisfaction'] as const
export type RateKind = (typeof RATE_KINDS)[number]

type CountField = 'received' | 'acceptedInTime' | 'resolutionDue' | 'resolvedInTime' | 'rated' | 'satisfied'
type RateField = 'responseRate' | 'resolutionRate' | 'satisfactionRate'

/** Each rate: its field, and the counts it divides (part / whole). */
export const RATE_FIELDS: Readonly<Record<RateKind, { rate: RateField; part: CountField; whole: CountField }>> = {
  response: { rate: 'responseRate', part: 'acceptedInTime', whole: 'received' },
  resolution: { rate: 'resolutionRate', part: 'resolvedInTime', whole: 'resolutionDue' },
  satisfaction: { rate: 'satisfactionRate', part: 'satisfied', whole: 'rated' },
}

export const RATE_PERIODS = ['month', 'quarter', 'year', 'custom'] as const
export type RatePeriod = (typeof RATE_PERIODS)[number]

/**
 * The days a period means at `now`, both included (the server's `from` and `to`): this month,
 * quarter or year up to today, in China time whatever the browser's time zone.
 */
export function periodRange(period: Exclude<RatePeriod, 'custom'>, now: Date = new Date()): DateRange {
  const today = chinaDate(now)
  const year = today.slice(0, 4)
  const month = Number(today.slice(5, 7))
  switch (period) {
    case 'month':
      return [`${today.slice(0, 8)}01`, today]
    case 'quarter': {
      const first = Math.floor((month - 1) / 3) * 3 + 1
      return [`${year}-${String(first).padStart(2, '0')}-01`, today]
    }
    case 'year':
      return [`${year}-01-01`, today]
  }
}

// One formatter per language (making one costs far more than using it).
const percentFormats = new Map<string, Intl.NumberFormat>()

/** A rate (a share, 0–1) as a percentage with at most one decimal: "93.3%"; "—" without one. */
export function formatRate(rate: number | null | undefined, locale: string): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—'
  let format = percentFormats.get(locale)
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 })
    percentFormats.set(locale, format)
  }
  return format.format(rate)
}

/** The counts behind a rate: "42 / 45". */
export function rateCounts(row: RequestRates, kind: RateKind, locale: string): string {
  const { part, whole } = RATE_FIELDS[kind]
  return `${formatNumber(row[part], locale)} / ${formatNumber(row[whole], locale)}`
}

/** The columns the table sorts by, as el-table names them (`prop`). */
export const RATE_SORT_KEYS: Readonly<Record<string, (row: RequestRates) => string | number | null>> = {
  name: (r) => r.name,
  received: (r) => r.received,
  responseRate: (r) => r.responseRate,
  resolutionRate: (r) => r.resolutionRate,
  satisfactionRate: (r) => r.satisfactionRate,
}

/** Weakest first on a rate: the order the page opens with. */
export function weakestFirst(kind: RateKind): SortState {
  return { prop: RATE_FIELDS[kind].rate, order: 'ascending' }
}

/** The page's state, kept in its address so that a drill-down and the way back keep it. */
export interface RatesView {
  by: 'unit' | 'category'
  period: RatePeriod
  /** The days of a custom period (null otherwise, or when not yet chosen). */
  range: DateRange | null
}

const DAY = /^\d{4}-\d{2}-\d{2}$/

function queryText(value: unknown): string {
  const first = Array.isArray(value) ? value[0] : value
  return typeof first === 'string' ? first : ''
}

/** The state from the address (`?by=category&period=custom&from=…&to=…`); what is missing or bad defaults. */
export function viewFromQuery(query: Readonly<Record<string, unknown>>): RatesView {
  const by = queryText(query.by) === 'category' ? 'category' : 'unit'
  const asked = queryText(query.period)
  const period: RatePeriod = (RATE_PERIODS as readonly string[]).includes(asked) ? (asked as RatePeriod) : 'month'
  const from = queryText(query.from)
  const to = queryText(query.to)
  if (period === 'custom') {
    if (DAY.test(from) && DAY.test(to)) return { by, period, range: from <= to ? [from, to] : [to, from] }
    return { by, period: 'month', range: null }
  }
  return { by, period, range: null }
}

/** The address query of a state (the defaults left out). */
export function queryOfView(view: RatesView): Record<string, string> {
  const query: Record<string, string> = {}
  if (view.by !== 'unit') query.by = view.by
  if (view.period !== 'month') query.period = view.period
  if (view.period === 'custom' && view.range) {
    query.from = view.range[0]
    query.to = view.range[1]
  }
  return query
}

/** The days a state asks the server for at `now`. */
export function viewRange(view: RatesView, now: Date = new Date()): DateRange {
  if (view.period === 'custom') return view.range ?? periodRange('month', now)
  return periodRange(view.period, now)
}
