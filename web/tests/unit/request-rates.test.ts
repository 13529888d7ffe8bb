// The statistics page's own logic (接诉即办 三率): its periods as the server's inclusive China days,
// the rates as percentages ("—" when there is nothing to count), the counts behind them, the rows
// weakest first with those without a rate last, and the page's state in its address.
import { describe, expect, it } from 'vitest'
import type { RequestRates } from '@/api/requests'
import {
  RATE_SORT_KEYS,
  formatRate,
  periodRange,
  queryOfView,
  rateCounts,
  viewFromQuery,
  viewRange,
  weakestFirst,
} from '@/utils/request-rates'
import { sortRows } from '@/utils/sort'
import { messages } from '@/locales'

function row(code: string, counts: Partial<RequestRates> = {}): RequestRates {
  const r = { code, name: code, received: 0, acceptedInTime: 0, resolutionDue: 0, resolvedInTime: 0, rated: 0, satisfied: 0, ...counts }
  const share = (part: number, whole: number) => (whole > 0 ? part / whole : null)
  return {
    ...r,
    responseRate: share(r.acceptedInTime, r.received),
    resolutionRate: share(r.resolvedInTime, r.resolutionDue),
    satisfactionRate: share(r.satisfied, r.rated),
  }
}

// 2026-12-02 01:30 in China is still 2026-12-01 in UTC: the China day counts.
const earlyInChina = new Date('2026-12-01T17:30:00Z')

describe('the periods of the rates', () => {
  it('run this month, quarter and year up to today, in China days', () => {
    expect(periodRange('month', earlyInChina)).toEqual(['2026-12-01', '2026-12-02'])
    expect(periodRange('quarter', earlyInChina)).toEqual(['2026-10-01', '2026-12-02'])
    expect(periodRange('year', earlyInChina)).toEqual(['2026-01-01', '2026-12-02'])
  })

  it('start each quarter on its first month', () => {
    expect(periodRange('quarter', new Date('2027-01-01T04:00:00Z'))).toEqual(['2027-01-01', '2027-01-01'])
    expect(periodRange('quarter', new Date('2027-03-31T04:00:00Z'))).toEqual(['2027-01-01', '2027-03-31'])
    expect(periodRange('quarter', new Date('2027-04-01T04:00:00Z'))).toEqual(['2027-04-01', '2027-04-01'])
    expect(periodRange('quarter', new Date('2027-09-15T04:00:00Z'))).toEqual(['2027-07-01', '2027-09-15'])
    // New Year's Eve at 20:00 in UTC is already New Year's Day in China.
    expect(periodRange('year', new Date('2026-12-31T20:00:00Z'))).toEqual(['2027-01-01', '2027-01-01'])
  })

  it('take a custom period as chosen, both days included', () => {
    const view = viewFromQuery({ period: 'custom', from: '2026-11-03', to: '2026-11-20' })
    expect(viewRange(view, earlyInChina)).toEqual(['2026-11-03', '2026-11-20'])
    // Days given the wrong way round are put right.
    expect(viewFromQuery({ period: 'custom', from: '2026-11-20', to: '2026-11-03' }).range).toEqual(['2026-11-03', '2026-11-20'])
  })
})

describe('the rates as shown', () => {
  it('are percentages with at most one decimal', () => {
    expect(formatRate(42 / 45, 'zh-CN')).toBe('93.3%')
    expect(formatRate(1, 'zh-CN')).toBe('100%')
    expect(formatRate(0.5, 'en')).toBe('50%')
  })

  it('show "—" when there is nothing to count, and 0% only for a real zero', () => {
    expect(formatRate(null, 'zh-CN')).toBe('—')
    expect(formatRate(undefined, 'en')).toBe('—')
    expect(formatRate(0, 'zh-CN')).toBe('0%')
  })

  it('come with the counts behind them', () => {
    const r = row('620102001000', { received: 45, acceptedInTime: 42, resolutionDue: 3, resolvedInTime: 2, rated: 1234, satisfied: 1200 })
    expect(rateCounts(r, 'response', 'zh-CN')).toBe('42 / 45')
    expect(rateCounts(r, 'resolution', 'zh-CN')).toBe('2 / 3')
    expect(rateCounts(r, 'satisfaction', 'en')).toBe('1,200 / 1,234')
  })
})

describe('the rows in order', () => {
  const rows = [
    row('a', { received: 4, acceptedInTime: 4 }),
    row('empty'),
    row('b', { received: 4, acceptedInTime: 1 }),
    row('c', { received: 2, acceptedInTime: 1 }),
    row('zero', { received: 3, acceptedInTime: 0 }),
  ]
  const codes = (sorted: RequestRates[]) => sorted.map((r) => r.code)

  it('open weakest first, those without a rate last', () => {
    expect(weakestFirst('response')).toEqual({ prop: 'responseRate', order: 'ascending' })
    expect(codes(sortRows(rows, weakestFirst('response'), RATE_SORT_KEYS))).toEqual(['zero', 'b', 'c', 'a', 'empty'])
  })

  it('keep those without a rate last when the strongest come first', () => {
    expect(codes(sortRows(rows, { prop: 'responseRate', order: 'descending' }, RATE_SORT_KEYS))).toEqual(['a', 'c', 'b', 'zero', 'empty'])
  })

  it('sort by another rate or the number received', () => {
    const more = [row('x', { resolutionDue: 2, resolvedInTime: 2, received: 1 }), row('y', { received: 9 }), row('z', { resolutionDue: 4, resolvedInTime: 1, received: 5 })]
    expect(codes(sortRows(more, weakestFirst('resolution'), RATE_SORT_KEYS))).toEqual(['z', 'x', 'y'])
    expect(codes(sortRows(more, { prop: 'received', order: 'descending' }, RATE_SORT_KEYS))).toEqual(['y', 'z', 'x'])
  })
})

describe('the page in its address', () => {
  it('defaults to this month by unit', () => {
    expect(viewFromQuery({})).toEqual({ by: 'unit', period: 'month', range: null })
    expect(queryOfView({ by: 'unit', period: 'month', range: null })).toEqual({})
  })

  it('keeps the breakdown and the period, custom days with them', () => {
    const view = { by: 'category', period: 'custom', range: ['2026-01-05', '2026-02-01'] } as const
    const query = queryOfView({ ...view, range: [...view.range] })
    expect(query).toEqual({ by: 'category', period: 'custom', from: '2026-01-05', to: '2026-02-01' })
    expect(viewFromQuery(query)).toEqual({ ...view, range: [...view.range] })
    expect(viewFromQuery({ by: 'category', period: 'quarter' })).toEqual({ by: 'category', period: 'quarter', range: null })
  })

  it('falls back to the defaults on what it cannot read', () => {
    expect(viewFromQuery({ by: 'street', period: 'decade' })).toEqual({ by: 'unit', period: 'month', range: null })
    // A custom period without its days is this month.
    expect(viewFromQuery({ period: 'custom', from: '2026-13', to: '' })).toEqual({ by: 'unit', period: 'month', range: null })
    expect(viewFromQuery({ period: ['year', 'month'] }).period).toBe('year')
  })
})

describe('the statistics strings', () => {
  it('name each rate, its counts and each period in both languages', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const stats = messages[lang].requests.stats
      expect(Object.keys(stats.rates).sort()).toEqual(['resolution', 'response', 'satisfaction'])
      expect(Object.keys(stats.counts).sort()).toEqual(['resolution', 'response', 'satisfaction'])
      for (const text of Object.values(stats.counts)) expect(text).toContain('{counts}')
      expect(Object.keys(stats.periods).sort()).toEqual(['custom', 'month', 'quarter', 'year'])
    }
  })
})
