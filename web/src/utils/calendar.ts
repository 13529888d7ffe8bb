// The working calendar page's own logic (工作日历): a year as twelve month grids (Monday first, as
// Chinese calendars are printed), what kind a day is, the year's list edited one day at a time,
// what changed since it was loaded, and the server's reasons at the days they name.
//
// Dates are "YYYY-MM-DD" strings throughout, computed in UTC so that the browser's time zone never
// moves a day. The rule is the server's (src/requests/calendar.hpp): Monday to Friday are worked,
// except the days listed; a holiday may be listed on any day (on a weekend it states the holiday),
// a worked day only on a Saturday or Sunday.
import type { CalendarDay } from '@/api/requests'
import type { FieldError } from '@/utils/request'

/**
 * workday: Monday to Friday, not listed; weekend: Saturday or Sunday, not listed;
 * holiday: listed, not worked (放假); worked: listed, a weekend day worked in exchange (调休上班).
 */
export type DayKind = 'workday' | 'weekend' | 'holiday' | 'worked'

const DAY_MS = 86_400_000

function utc(date: string): Date {
  return new Date(`${date}T00:00:00.000Z`)
}

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

export function dateOf(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`
}

/** A real date written YYYY-MM-DD (not 2026-02-30). */
export function isValidDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false
  const d = utc(date)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date
}

/** 0 Monday … 6 Sunday. */
export function weekdayOf(date: string): number {
  return (utc(date).getUTCDay() + 6) % 7
}

export function isWeekend(date: string): boolean {
  return weekdayOf(date) >= 5
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

export interface DayCell {
  date: string
  /** 1–31 */
  day: number
  /** 0 Monday … 6 Sunday */
  weekday: number
}

/** A month (1–12) as its weeks, Monday first; null where a week runs into the month before or after. */
export function monthWeeks(year: number, month: number): (DayCell | null)[][] {
  const weeks: (DayCell | null)[][] = []
  let week: (DayCell | null)[] = Array.from({ length: weekdayOf(dateOf(year, month, 1)) }, () => null)
  for (let day = 1; day <= daysInMonth(year, month); day++) {
    const date = dateOf(year, month, day)
    week.push({ date, day, weekday: weekdayOf(date) })
    if (week.length === 7) {
      weeks.push(week)
      week = []
    }
  }
  if (week.length) weeks.push([...week, ...Array.from({ length: 7 - week.length }, () => null)])
  return weeks
}

/** What a day is, given its entry in the year's list (if any). */
export function kindOf(date: string, entry: CalendarDay | undefined): DayKind {
  if (entry) return entry.working ? 'worked' : 'holiday'
  return isWeekend(date) ? 'weekend' : 'workday'
}

/** The kinds a day may be given: a weekday is worked or a holiday; a weekend day may also be worked. */
export function kindsFor(date: string): DayKind[] {
  return isWeekend(date) ? ['weekend', 'holiday', 'worked'] : ['workday', 'holiday']
}

/** Whether a day of this kind is listed (and so needs a name). */
export function isListed(kind: DayKind): boolean {
  return kind === 'holiday' || kind === 'worked'
}

export function byDate(days: readonly CalendarDay[]): Map<string, CalendarDay> {
  return new Map(days.map((d) => [d.date, d]))
}

/**
 * The list with `date` made `kind`: listed with its name (trimmed) as a holiday or worked day,
 * or taken off the list for a plain workday or weekend. Sorted by date, as the server keeps it.
 */
export function withDay(days: readonly CalendarDay[], date: string, kind: DayKind, name = ''): CalendarDay[] {
  const rest = days.filter((d) => d.date !== date)
  if (isListed(kind)) rest.push({ date, working: kind === 'worked', name: name.trim() })
  return rest.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
}

export interface CalendarDiff {
  /** Dates listed now and not before. */
  added: string[]
  /** Dates listed before and not now. */
  removed: string[]
  /** Dates listed both times, with another kind or name. */
  changed: string[]
}

/** What changed from `before` (as loaded) to `after` (as edited), each by date in order. */
export function diffDays(before: readonly CalendarDay[], after: readonly CalendarDay[]): CalendarDiff {
  const old = byDate(before)
  const now = byDate(after)
  const sorted = (dates: Iterable<string>) => [...dates].sort()
  return {
    added: sorted([...now.keys()].filter((d) => !old.has(d))),
    removed: sorted([...old.keys()].filter((d) => !now.has(d))),
    changed: sorted(
      [...now.values()].filter((d) => {
        const was = old.get(d.date)
        return was !== undefined && (was.working !== d.working || was.name !== d.name)
      }).map((d) => d.date),
    ),
  }
}

export function changeCount(diff: CalendarDiff): number {
  return diff.added.length + diff.removed.length + diff.changed.length
}

/** Every date the diff names. */
export function changedDates(diff: CalendarDiff): Set<string> {
  return new Set([...diff.added, ...diff.removed, ...diff.changed])
}

/**
 * A name to offer for a day about to be listed: that of the nearest listed day within `reach`
 * days (the holiday it extends, or the one a worked weekend day pays for), the earlier on a tie.
 */
export function nearbyName(days: readonly CalendarDay[], date: string, reach = 3): string {
  const at = utc(date).getTime()
  let best: { distance: number; name: string } | null = null
  for (const d of days) {
    if (d.date === date) continue
    const distance = Math.abs(utc(d.date).getTime() - at) / DAY_MS
    if (distance <= reach && (best === null || distance < best.distance)) best = { distance, name: d.name }
  }
  return best?.name ?? ''
}

export type DayField = 'date' | 'working' | 'name'

export interface CalendarErrors {
  /** The reasons for each day, by its date and field. */
  days: Record<string, Partial<Record<DayField, string>>>
  /** Reasons that name no day ("days": too many). */
  general: string[]
}

const DAY_FIELD = /^days\[(\d+)\]\.(date|working|name)$/

/**
 * The server's reasons where the page shows them: "days[3].name" at the day sent fourth (`sent` is
 * the list as sent: the server numbers the days in that order); anything else, said above the list.
 */
export function calendarErrors(details: readonly FieldError[], sent: readonly CalendarDay[], separator = '; '): CalendarErrors {
  const out: CalendarErrors = { days: {}, general: [] }
  for (const d of details) {
    const m = DAY_FIELD.exec(d.field)
    const day = m ? sent[Number(m[1])] : undefined
    if (!m || !day) {
      out.general.push(d.reason)
      continue
    }
    const fields = (out.days[day.date] ??= {})
    const field = m[2] as DayField
    fields[field] = fields[field] ? `${fields[field]}${separator}${d.reason}` : d.reason
  }
  return out
}

/** The errors without those of `date` (the day was edited since). */
export function withoutDay(errors: CalendarErrors, date: string): CalendarErrors {
  const days = { ...errors.days }
  delete days[date]
  return { ...errors, days }
}

/** The year of today in China (UTC+8), whatever the browser's time zone. */
export function chinaYear(now: Date = new Date()): number {
  return new Date(now.getTime() + 8 * 3_600_000).getUTCFullYear()
}

/** A year from a route's query, when it is one the server keeps; otherwise null. */
export function parseYear(value: unknown, bounds: { min: number; max: number }): number | null {
  if (typeof value !== 'string' || !/^\d{4}$/.test(value)) return null
  const year = Number(value)
  return year >= bounds.min && year <= bounds.max ? year : null
}
