// The plan indicators' logic the pages share: the analytics question, the years and months one
// may choose, a value in its measure, the colours of the statuses, and the ranking of units.
import { codeLevel, isWithin } from './codes'
import type { AnalyticsQuery, AnalyticsRow, Indicator, IndicatorStatus } from '@/api/indicator'

/** The plan's first year (its baselines) and the year of its targets. */
export const FIRST_YEAR = 2020
export const TARGET_YEAR = 2025

/** The rows the dashboard shows as cards: coverage of the plan's headline services. */
export const HEADLINE_INDICATORS = ['1', '2', '4', '7', '10', '12', '16', '18'] as const
/** The three rates of requests handled on receipt (接诉即办): not the plan's rows, read from cases. */
export const REQUEST_RATE_INDICATORS = ['R1', 'R2', 'R3'] as const
/** The dashboard's cards: the plan's headline rows, then the rates of requests. */
export const DASHBOARD_INDICATORS = [...HEADLINE_INDICATORS, ...REQUEST_RATE_INDICATORS] as const

export const STATUSES = ['met', 'on_track', 'at_risk', 'no_data'] as const satisfies readonly IndicatorStatus[]

/** The analytics question, each list joined with commas as the server reads it. */
export function analyticsQuery(indicators: readonly string[], units: readonly string[], periods: readonly (string | number)[]): AnalyticsQuery {
  return { indicators: indicators.join(','), units: units.join(','), periods: periods.map(String).join(',') }
}

/** The years from 2020 to `current` (at least to 2025, the targets' year), newest first. */
export function yearsUpTo(current: number): number[] {
  const last = Math.max(current, TARGET_YEAR)
  const years: number[] = []
  for (let y = last; y >= FIRST_YEAR; y--) years.push(y)
  return years
}

/** 2020 … `last`, oldest first (the trend's x axis). */
export function trendYears(last: number): number[] {
  const years: number[] = []
  for (let y = FIRST_YEAR; y <= last; y++) years.push(y)
  return years
}

/** The period one enters by default: this year, or last month ("202511") for a monthly row. */
export function defaultEntryPeriod(entryPeriod: Indicator['entryPeriod'], today: Date): string {
  if (entryPeriod === 'month') {
    const d = new Date(today.getFullYear(), today.getMonth() - 1, 1)
    return `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}`
  }
  return String(today.getFullYear())
}

/** "202511" → "2025-11", a year as it is. */
export function formatPeriod(period: string): string {
  return /^\d{6}$/.test(period) ? `${period.slice(0, 4)}-${period.slice(4)}` : period
}

/** A value in its measure: "82.5%", "26.3 m²/百户", "24,000 人"; null: "—". */
export function formatValue(value: number | null | undefined, indicator: Pick<Indicator, 'measure' | 'unit'>, locale: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  if (indicator.measure === 'percent') return `${value.toFixed(1)}%`
  const digits = indicator.measure === 'count' ? 0 : value >= 100 ? 1 : 2
  const text = new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value)
  return `${text} ${indicator.unit}`
}

/** The target with its comparator: "≥ 80.0%". */
export function formatTarget(indicator: Pick<Indicator, 'measure' | 'unit' | 'comparator' | 'target'>, locale: string): string {
  const sign = indicator.comparator === '>=' ? '≥' : indicator.comparator === '<=' ? '≤' : '='
  return `${sign} ${formatValue(indicator.target, indicator, locale)}`
}

/** Each status's colour (the map, the bars, the tags' dots) and its Element Plus tag type. */
export const STATUS_COLORS: Readonly<Record<IndicatorStatus, string>> = {
  met: '#67c23a',
  on_track: '#409eff',
  at_risk: '#f56c6c',
  no_data: '#c0c4cc',
}
export const STATUS_TAGS: Readonly<Record<IndicatorStatus, 'success' | 'primary' | 'danger' | 'info'>> = {
  met: 'success',
  on_track: 'primary',
  at_risk: 'danger',
  no_data: 'info',
}

export function statusColor(status: IndicatorStatus): string {
  return STATUS_COLORS[status]
}

/** Whether a lower value is better (an at-most target). */
export function lowerIsBetter(indicator: Pick<Indicator, 'comparator'>): boolean {
  return indicator.comparator === '<='
}

export type RowOrder = 'weakest' | 'strongest'

/**
 * The rows weakest first (the lowest value of an at-least target, the highest of an at-most one) or
 * strongest first; units without data last either way, then by unit code so the order is stable.
 */
export function rankRows<R extends Pick<AnalyticsRow, 'value' | 'unit'>>(rows: readonly R[], indicator: Pick<Indicator, 'comparator'>, order: RowOrder = 'weakest'): R[] {
  const better = lowerIsBetter(indicator) ? -1 : 1
  const direction = order === 'weakest' ? 1 : -1
  return [...rows].sort((a, b) => {
    if (a.value === null || b.value === null) {
      if (a.value === b.value) return a.unit.localeCompare(b.unit)
      return a.value === null ? 1 : -1
    }
    return (a.value - b.value) * better * direction || a.unit.localeCompare(b.unit)
  })
}

/** How many rows have each status. */
export function countStatuses(rows: readonly Pick<AnalyticsRow, 'status'>[]): Record<IndicatorStatus, number> {
  const counts: Record<IndicatorStatus, number> = { met: 0, on_track: 0, at_risk: 0, no_data: 0 }
  for (const r of rows) counts[r.status]++
  return counts
}

/** Parses a number box's text: null for empty or not a finite number ≥ 0. */
export function parseAmount(text: string | number | null | undefined): number | null {
  if (text === null || text === undefined || text === '') return null
  const n = typeof text === 'number' ? text : Number(String(text).trim())
  return Number.isFinite(n) && n >= 0 ? n : null
}

/**
 * Whether the caller may approve a value of `unit`: from a unit strictly above it (one of the
 * caller's scope roots), or the province for its own values, holding the permission. The server
 * refuses the rest; the page does not offer it.
 */
export function mayApprove(unit: string, roots: readonly string[], holds: boolean): boolean {
  if (!holds) return false
  return roots.some((root) => (root !== unit && isWithin(unit, root)) || (root === unit && codeLevel(unit) === 1))
}

/** A value as the history keeps it (before or after a change): "8 / 10", "8" without a denominator; "—" for none. */
export function describeSnapshot(snapshot: unknown): string {
  if (!snapshot || typeof snapshot !== 'object') return '—'
  const { numerator, denominator } = snapshot as { numerator?: unknown; denominator?: unknown }
  if (typeof numerator !== 'number') return '—'
  return typeof denominator === 'number' ? `${numerator} / ${denominator}` : String(numerator)
}

/** The state a history snapshot held ("entered", "approved"), if any. */
export function snapshotState(snapshot: unknown): 'entered' | 'approved' | null {
  if (!snapshot || typeof snapshot !== 'object') return null
  const state = (snapshot as { state?: unknown }).state
  return state === 'entered' || state === 'approved' ? state : null
}

/**
 * The period that stands for `year` on the dashboard: the year itself, or for a monthly row (12,
 * the elderly visited each month) a month of it: last month in the current year, December before.
 */
export function periodFor(entryPeriod: Indicator['entryPeriod'], year: number, today: Date): string {
  if (entryPeriod !== 'month') return String(year)
  if (year !== today.getFullYear()) return `${year}12`
  const month = Math.max(1, today.getMonth())
  return `${year}${String(month).padStart(2, '0')}`
}
