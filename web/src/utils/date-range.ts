// The date shortcuts of every list's filter bar: 今天, 昨天, 本周, 本月, 上月, as days in China time
// (UTC+8: the users' days, whatever the browser's time zone); weeks start on Monday. A range is
// [from, to], both YYYY-MM-DD and both included, as the server's list filters read them.
import { addDays, chinaDate } from './format'

export const DATE_SHORTCUTS = ['today', 'yesterday', 'thisWeek', 'thisMonth', 'lastMonth'] as const
export type DateShortcut = (typeof DATE_SHORTCUTS)[number]
export type DateRange = [string, string]

/** The range a shortcut means at `now`. "This week" and "this month" run up to today. */
export function shortcutRange(shortcut: DateShortcut, now: Date = new Date()): DateRange {
  const today = chinaDate(now)
  switch (shortcut) {
    case 'today':
      return [today, today]
    case 'yesterday': {
      const y = addDays(today, -1)
      return [y, y]
    }
    case 'thisWeek': {
      // getUTCDay of the China date: 0 Sunday … 6 Saturday; Monday starts the week.
      const day = new Date(`${today}T00:00:00.000Z`).getUTCDay()
      return [addDays(today, -((day + 6) % 7)), today]
    }
    case 'thisMonth':
      return [`${today.slice(0, 8)}01`, today]
    case 'lastMonth': {
      const firstOfThis = `${today.slice(0, 8)}01`
      const lastOfPrevious = addDays(firstOfThis, -1)
      return [`${lastOfPrevious.slice(0, 8)}01`, lastOfPrevious]
    }
  }
}

/** The last `n` days up to today, today included. */
export function lastDays(n: number, now: Date = new Date()): DateRange {
  const to = chinaDate(now)
  return [addDays(to, -(n - 1)), to]
}

/** The shortcut whose range this is at `now`, if any (to mark it as chosen). */
export function shortcutOf(range: DateRange | null, now: Date = new Date()): DateShortcut | null {
  if (!range) return null
  return DATE_SHORTCUTS.find((s) => {
    const r = shortcutRange(s, now)
    return r[0] === range[0] && r[1] === range[1]
  }) ?? null
}
