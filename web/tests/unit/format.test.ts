import { describe, expect, it } from 'vitest'
import {
  addDays,
  chinaDate,
  escapeHtml,
  formatChinaDateTime,
  formatDateTime,
  formatNumber,
  formatPercent,
  isoDate,
} from '@/utils/format'

describe('format', () => {
  it('formats numbers per language', () => {
    expect(formatNumber(17684, 'zh-CN')).toBe('17,684')
    expect(formatNumber(17684, 'en')).toBe('17,684')
  })
  it('formats shares', () => {
    expect(formatPercent(1, 4)).toBe('25.0%')
    expect(formatPercent(1, 0)).toBe('—')
  })
  it('formats dates in local time', () => {
    const d = new Date(2026, 10, 30, 8, 5)
    expect(isoDate(d)).toBe('2026-11-30')
    expect(formatDateTime(d.toISOString())).toBe('2026-11-30 08:05')
    expect(formatDateTime('not a date')).toBe('not a date')
    expect(formatDateTime(null)).toBe('')
  })
})

describe('China time', () => {
  it('gives the day and the time in Beijing, whatever the browser zone', () => {
    expect(chinaDate(new Date('2026-11-29T15:59:59.999Z'))).toBe('2026-11-29')
    expect(chinaDate(new Date('2026-11-29T16:00:00.000Z'))).toBe('2026-11-30')
    expect(formatChinaDateTime('2026-11-29T16:30:00.000Z')).toBe('2026-11-30 00:30')
    expect(formatChinaDateTime('not a date')).toBe('not a date')
    expect(formatChinaDateTime(undefined)).toBe('')
  })
  it('counts days across months and leap years', () => {
    expect(addDays('2026-12-01', -1)).toBe('2026-11-30')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
  })
})

describe('escapeHtml', () => {
  it('makes names safe for Leaflet tooltips', () => {
    expect(escapeHtml(`<b>"A&B's"</b>`)).toBe('&lt;b&gt;&quot;A&amp;B&#39;s&quot;&lt;/b&gt;')
    expect(escapeHtml('畅家巷药店')).toBe('畅家巷药店')
  })
})
