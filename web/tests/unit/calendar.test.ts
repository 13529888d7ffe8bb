// The working calendar page's own logic (工作日历): the month grids, the kind of a day, the list
// edited a day at a time, what changed, the name offered, and the server's reasons at their days.
import { describe, expect, it } from 'vitest'
import type { CalendarDay } from '@/api/requests'
import {
  calendarErrors,
  changeCount,
  changedDates,
  chinaYear,
  daysInMonth,
  diffDays,
  isValidDate,
  isWeekend,
  kindOf,
  kindsFor,
  monthWeeks,
  nearbyName,
  parseYear,
  weekdayOf,
  withDay,
  withoutDay,
} from '@/utils/calendar'

// Part of the State Council's 2026 plan (as seeded by the server's migration).
const SPRING: CalendarDay[] = [
  { date: '2026-02-14', working: true, name: '春节' },
  { date: '2026-02-15', working: false, name: '春节' },
  { date: '2026-02-16', working: false, name: '春节' },
  { date: '2026-02-28', working: true, name: '春节' },
]

describe('dates', () => {
  it('know their weekday, Monday first, whatever the time zone', () => {
    expect(weekdayOf('2026-01-01')).toBe(3) // a Thursday
    expect(weekdayOf('2026-02-16')).toBe(0) // a Monday
    expect(weekdayOf('2026-02-14')).toBe(5) // a Saturday
    expect(weekdayOf('2026-03-01')).toBe(6) // a Sunday
    expect(isWeekend('2026-02-14')).toBe(true)
    expect(isWeekend('2026-03-01')).toBe(true)
    expect(isWeekend('2026-03-02')).toBe(false)
  })

  it('count the days of a month, leap years too', () => {
    expect(daysInMonth(2026, 2)).toBe(28)
    expect(daysInMonth(2028, 2)).toBe(29)
    expect(daysInMonth(2100, 2)).toBe(28)
    expect(daysInMonth(2000, 2)).toBe(29)
    expect(daysInMonth(2026, 12)).toBe(31)
    expect(daysInMonth(2026, 4)).toBe(30)
  })

  it('are real dates only', () => {
    expect(isValidDate('2026-02-28')).toBe(true)
    expect(isValidDate('2026-02-29')).toBe(false)
    expect(isValidDate('2026-2-1')).toBe(false)
    expect(isValidDate('')).toBe(false)
  })

  it("give China's year, not the browser's", () => {
    // 2026-12-31 20:00 UTC is already 2027 in China.
    expect(chinaYear(new Date('2026-12-31T20:00:00Z'))).toBe(2027)
    expect(chinaYear(new Date('2026-12-31T15:59:59Z'))).toBe(2026)
  })

  it('take a year from the route only when the server keeps it', () => {
    const bounds = { min: 2000, max: 2100 }
    expect(parseYear('2026', bounds)).toBe(2026)
    expect(parseYear('1999', bounds)).toBeNull()
    expect(parseYear('2101', bounds)).toBeNull()
    expect(parseYear('20x6', bounds)).toBeNull()
    expect(parseYear(['2026'], bounds)).toBeNull()
    expect(parseYear(undefined, bounds)).toBeNull()
  })
})

describe('month grids', () => {
  it('lay a month out in weeks from Monday, blank outside it', () => {
    // February 2026 starts on a Sunday: six blanks, then the 1st; 28 days end on a Saturday.
    const weeks = monthWeeks(2026, 2)
    expect(weeks).toHaveLength(5)
    expect(weeks.every((w) => w.length === 7)).toBe(true)
    expect(weeks[0]!.slice(0, 6)).toEqual([null, null, null, null, null, null])
    expect(weeks[0]![6]).toEqual({ date: '2026-02-01', day: 1, weekday: 6 })
    expect(weeks[4]![5]).toEqual({ date: '2026-02-28', day: 28, weekday: 5 })
    expect(weeks[4]![6]).toBeNull()
    const days = weeks.flat().filter((c) => c !== null)
    expect(days).toHaveLength(28)
    expect(days.map((c) => c.day)).toEqual(Array.from({ length: 28 }, (_, i) => i + 1))
  })

  it('fill whole weeks when a month starts on a Monday', () => {
    // June 2026 starts on a Monday: no blank before the 1st.
    const weeks = monthWeeks(2026, 6)
    expect(weeks[0]![0]?.date).toBe('2026-06-01')
    expect(weeks.flat().filter((c) => c === null)).toHaveLength(5 * 7 - 30)
  })

  it('cover every day of the year once', () => {
    const all = Array.from({ length: 12 }, (_, i) => monthWeeks(2028, i + 1))
      .flat(2)
      .filter((c) => c !== null)
    expect(all).toHaveLength(366)
    expect(new Set(all.map((c) => c.date)).size).toBe(366)
  })
})

describe('the kind of a day', () => {
  it('follows the list, else Monday to Friday', () => {
    const index = new Map(SPRING.map((d) => [d.date, d]))
    expect(kindOf('2026-02-14', index.get('2026-02-14'))).toBe('worked')
    expect(kindOf('2026-02-16', index.get('2026-02-16'))).toBe('holiday')
    // A holiday on a Sunday is a holiday.
    expect(kindOf('2026-02-15', index.get('2026-02-15'))).toBe('holiday')
    expect(kindOf('2026-02-07', undefined)).toBe('weekend')
    expect(kindOf('2026-02-09', undefined)).toBe('workday')
  })

  it('offers a worked day on weekends only', () => {
    expect(kindsFor('2026-02-09')).toEqual(['workday', 'holiday'])
    expect(kindsFor('2026-02-14')).toEqual(['weekend', 'holiday', 'worked'])
  })
})

describe('editing the list', () => {
  it('lists a day in date order, named, trimmed', () => {
    const next = withDay(SPRING, '2026-02-17', 'holiday', ' 春节 ')
    expect(next.map((d) => d.date)).toEqual(['2026-02-14', '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-28'])
    expect(next[3]).toEqual({ date: '2026-02-17', working: false, name: '春节' })
    // The list it came from is left as it was.
    expect(SPRING).toHaveLength(4)
  })

  it('changes a listed day in place', () => {
    const next = withDay(SPRING, '2026-02-15', 'worked', '春节')
    expect(next).toHaveLength(4)
    expect(next[1]).toEqual({ date: '2026-02-15', working: true, name: '春节' })
  })

  it('takes a plain day off the list', () => {
    expect(withDay(SPRING, '2026-02-16', 'workday').map((d) => d.date)).toEqual(['2026-02-14', '2026-02-15', '2026-02-28'])
    expect(withDay(SPRING, '2026-02-14', 'weekend').map((d) => d.date)).toEqual(['2026-02-15', '2026-02-16', '2026-02-28'])
    // A day not listed stays unlisted.
    expect(withDay(SPRING, '2026-03-02', 'workday')).toEqual(SPRING)
  })

  it('says what changed since it was loaded', () => {
    let edited = withDay(SPRING, '2026-02-17', 'holiday', '春节')
    edited = withDay(edited, '2026-02-28', 'weekend')
    edited = withDay(edited, '2026-02-16', 'holiday', '春节假期')
    edited = withDay(edited, '2026-02-15', 'holiday', '春节') // as it was
    const diff = diffDays(SPRING, edited)
    expect(diff).toEqual({ added: ['2026-02-17'], removed: ['2026-02-28'], changed: ['2026-02-16'] })
    expect(changeCount(diff)).toBe(3)
    expect([...changedDates(diff)].sort()).toEqual(['2026-02-16', '2026-02-17', '2026-02-28'])
  })

  it('finds no change once an edit is undone', () => {
    const back = withDay(withDay(SPRING, '2026-03-10', 'holiday', '测试'), '2026-03-10', 'workday')
    expect(changeCount(diffDays(SPRING, back))).toBe(0)
    const flipped = withDay(withDay(SPRING, '2026-02-14', 'holiday', '春节'), '2026-02-14', 'worked', '春节')
    expect(changeCount(diffDays(SPRING, flipped))).toBe(0)
  })

  it('offers the name of the holiday next to the day', () => {
    expect(nearbyName(SPRING, '2026-02-17')).toBe('春节')
    expect(nearbyName(SPRING, '2026-03-02')).toBe('春节')
    // Too far from any listed day: nothing offered.
    expect(nearbyName(SPRING, '2026-03-10')).toBe('')
    // The day's own entry does not count, the nearest other does; the earlier on a tie.
    const days: CalendarDay[] = [
      { date: '2026-05-01', working: false, name: '劳动节' },
      { date: '2026-05-03', working: false, name: '其他' },
    ]
    expect(nearbyName(days, '2026-05-02')).toBe('劳动节')
    expect(nearbyName(days, '2026-05-03')).toBe('劳动节')
  })
})

describe("the server's reasons", () => {
  it('stand at the day sent at that place, every one of a field', () => {
    const sent = withDay(SPRING, '2026-03-10', 'holiday', 'x')
    const errors = calendarErrors(
      [
        { field: 'days[4].name', reason: 'must name the holiday in 1 to 20 characters' },
        { field: 'days[0].working', reason: 'a worked day in exchange falls on a weekend' },
        { field: 'days[0].working', reason: 'again' },
        { field: 'days[2].date', reason: 'this date is listed twice' },
      ],
      sent,
      '; ',
    )
    expect(errors.days).toEqual({
      '2026-03-10': { name: 'must name the holiday in 1 to 20 characters' },
      '2026-02-14': { working: 'a worked day in exchange falls on a weekend; again' },
      '2026-02-16': { date: 'this date is listed twice' },
    })
    expect(errors.general).toEqual([])
  })

  it('that name no day sent are said above the list', () => {
    const errors = calendarErrors(
      [
        { field: 'days', reason: 'at most 60 items' },
        { field: 'days[9].name', reason: 'past the end' },
        { field: 'year', reason: 'must be at most 2100' },
      ],
      SPRING,
    )
    expect(errors.days).toEqual({})
    expect(errors.general).toEqual(['at most 60 items', 'past the end', 'must be at most 2100'])
  })

  it('go from a day once it is edited', () => {
    const errors = calendarErrors([{ field: 'days[1].name', reason: 'r' }, { field: 'days[2].name', reason: 's' }], SPRING)
    const left = withoutDay(errors, '2026-02-15')
    expect(Object.keys(left.days)).toEqual(['2026-02-16'])
    expect(Object.keys(errors.days)).toHaveLength(2)
  })
})
