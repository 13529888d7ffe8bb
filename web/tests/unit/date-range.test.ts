import { describe, expect, it } from 'vitest'
import { lastDays, shortcutOf, shortcutRange } from '@/utils/date-range'

// 2026-12-02 01:30 in China is still 2026-12-01 in UTC: the China day counts.
const wednesdayEarlyInChina = new Date('2026-12-01T17:30:00Z')

describe('date shortcuts in China time', () => {
  it('takes today and yesterday as China days', () => {
    expect(shortcutRange('today', wednesdayEarlyInChina)).toEqual(['2026-12-02', '2026-12-02'])
    expect(shortcutRange('yesterday', wednesdayEarlyInChina)).toEqual(['2026-12-01', '2026-12-01'])
  })

  it('starts the week on Monday', () => {
    expect(shortcutRange('thisWeek', wednesdayEarlyInChina)).toEqual(['2026-11-30', '2026-12-02'])
    // A Sunday belongs to the week that began six days before.
    expect(shortcutRange('thisWeek', new Date('2026-12-06T04:00:00Z'))).toEqual(['2026-11-30', '2026-12-06'])
    // A Monday starts its own week.
    expect(shortcutRange('thisWeek', new Date('2026-11-30T04:00:00Z'))).toEqual(['2026-11-30', '2026-11-30'])
  })

  it('runs this month to today and last month whole', () => {
    expect(shortcutRange('thisMonth', wednesdayEarlyInChina)).toEqual(['2026-12-01', '2026-12-02'])
    expect(shortcutRange('lastMonth', wednesdayEarlyInChina)).toEqual(['2026-11-01', '2026-11-30'])
    // January's last month is the previous year's December; March's is February (28 days in 2027).
    expect(shortcutRange('lastMonth', new Date('2027-01-15T04:00:00Z'))).toEqual(['2026-12-01', '2026-12-31'])
    expect(shortcutRange('lastMonth', new Date('2027-03-01T04:00:00Z'))).toEqual(['2027-02-01', '2027-02-28'])
    expect(shortcutRange('lastMonth', new Date('2028-03-10T04:00:00Z'))).toEqual(['2028-02-01', '2028-02-29'])
  })

  it('counts the last days with today', () => {
    expect(lastDays(7, wednesdayEarlyInChina)).toEqual(['2026-11-26', '2026-12-02'])
  })

  it('recognises the shortcut a range is', () => {
    expect(shortcutOf(['2026-11-30', '2026-12-02'], wednesdayEarlyInChina)).toBe('thisWeek')
    expect(shortcutOf(['2026-11-29', '2026-12-02'], wednesdayEarlyInChina)).toBeNull()
    expect(shortcutOf(null, wednesdayEarlyInChina)).toBeNull()
  })
})
