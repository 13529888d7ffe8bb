import { describe, expect, it } from 'vitest'
import {
  analyticsQuery,
  countStatuses,
  defaultEntryPeriod,
  describeSnapshot,
  snapshotState,
  formatPeriod,
  formatTarget,
  formatValue,
  mayApprove,
  parseAmount,
  periodFor,
  rankRows,
  statusColor,
  trendYears,
  yearsUpTo,
} from '@/utils/indicator'

const percent = { measure: 'percent', unit: '%', comparator: '>=' as const, target: 80 }
const perHouseholds = { measure: 'm2_per_100_households', unit: '平方米/百户', comparator: '>=' as const, target: 30 }
const count = { measure: 'count', unit: '人', comparator: '>=' as const, target: 24000 }

describe('the analytics question', () => {
  it('joins indicators, units and periods with commas', () => {
    expect(analyticsQuery(['1', '4'], ['620100000000', 'CHILDREN'], [2020, 2021, '2025Q1'])).toEqual({
      indicators: '1,4',
      units: '620100000000,CHILDREN',
      periods: '2020,2021,2025Q1',
    })
  })
})

describe('years and periods', () => {
  it('offers 2020 to this year, newest first, and at least the target year', () => {
    expect(yearsUpTo(2026)).toEqual([2026, 2025, 2024, 2023, 2022, 2021, 2020])
    expect(yearsUpTo(2023)).toEqual([2025, 2024, 2023, 2022, 2021, 2020])
    expect(trendYears(2025)).toEqual([2020, 2021, 2022, 2023, 2024, 2025])
  })

  it('enters a monthly row for last month, across the new year, and a yearly row for this year', () => {
    expect(defaultEntryPeriod('month', new Date(2026, 11, 2))).toBe('202611')
    expect(defaultEntryPeriod('month', new Date(2026, 0, 15))).toBe('202512')
    expect(defaultEntryPeriod('year', new Date(2026, 0, 15))).toBe('2026')
  })

  it('shows a month as year-month', () => {
    expect(formatPeriod('202511')).toBe('2025-11')
    expect(formatPeriod('2025')).toBe('2025')
  })
})

describe('values in their measure', () => {
  it('formats percentages with one decimal and others with their unit', () => {
    expect(formatValue(82.456, percent, 'zh-CN')).toBe('82.5%')
    expect(formatValue(26.345, perHouseholds, 'zh-CN')).toBe('26.35 平方米/百户')
    expect(formatValue(24000, count, 'en')).toBe('24,000 人')
    expect(formatValue(null, percent, 'zh-CN')).toBe('—')
  })

  it('states the target with its comparator', () => {
    expect(formatTarget(percent, 'zh-CN')).toBe('≥ 80.0%')
    expect(formatTarget({ ...percent, comparator: '<=' }, 'zh-CN')).toBe('≤ 80.0%')
  })
})

describe('statuses', () => {
  it('have distinct colours, no data grey', () => {
    const colours = new Set(['met', 'on_track', 'at_risk', 'no_data'].map((s) => statusColor(s as 'met')))
    expect(colours.size).toBe(4)
    expect(statusColor('no_data')).toBe('#c0c4cc')
  })

  it('are counted', () => {
    expect(countStatuses([{ status: 'met' }, { status: 'at_risk' }, { status: 'met' }])).toEqual({ met: 2, on_track: 0, at_risk: 1, no_data: 0 })
  })
})

describe('ranking the units', () => {
  const rows = [
    { unit: 'b', value: 50 },
    { unit: 'a', value: null },
    { unit: 'c', value: 90 },
    { unit: 'd', value: 10 },
    { unit: 'e', value: 50 },
  ]

  it('puts the weakest first for an at-least target, units without data last', () => {
    expect(rankRows(rows, percent).map((r) => r.unit)).toEqual(['d', 'b', 'e', 'c', 'a'])
    expect(rankRows(rows, percent, 'strongest').map((r) => r.unit)).toEqual(['c', 'b', 'e', 'd', 'a'])
  })

  it('puts the highest first as weakest for an at-most target', () => {
    expect(rankRows(rows, { comparator: '<=' }).map((r) => r.unit)).toEqual(['c', 'b', 'e', 'd', 'a'])
  })
})

describe('entry', () => {
  it('reads amounts, refusing negatives and text', () => {
    expect(parseAmount('8')).toBe(8)
    expect(parseAmount(0)).toBe(0)
    expect(parseAmount('')).toBeNull()
    expect(parseAmount('-1')).toBeNull()
    expect(parseAmount('abc')).toBeNull()
  })

  it('offers approval only from a unit above the value', () => {
    const community = '620102001001'
    expect(mayApprove(community, ['620102000000'], true)).toBe(true)
    expect(mayApprove(community, [community], true)).toBe(false)
    expect(mayApprove(community, ['620103000000'], true)).toBe(false)
    expect(mayApprove(community, ['620102000000'], false)).toBe(false)
    expect(mayApprove('620000000000', ['620000000000'], true)).toBe(true)
  })
})

describe('history snapshots', () => {
  it('show numerator and denominator, or nothing before the first entry', () => {
    expect(describeSnapshot({ numerator: 8, denominator: 10, state: 'entered' })).toBe('8 / 10')
    expect(describeSnapshot({ numerator: 3, denominator: null })).toBe('3')
    expect(describeSnapshot(null)).toBe('—')
    expect(snapshotState({ numerator: 3, state: 'approved' })).toBe('approved')
    expect(snapshotState(null)).toBeNull()
  })
})

describe('the period that stands for a year', () => {
  it('is the year, or a month of it for a monthly row', () => {
    const today = new Date(2026, 11, 2)
    expect(periodFor('year', 2025, today)).toBe('2025')
    expect(periodFor(null, 2026, today)).toBe('2026')
    expect(periodFor('month', 2026, today)).toBe('202611')
    expect(periodFor('month', 2024, today)).toBe('202412')
    expect(periodFor('month', 2026, new Date(2026, 0, 10))).toBe('202601')
  })
})
