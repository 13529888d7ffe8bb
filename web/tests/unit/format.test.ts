import { describe, expect, it } from 'vitest'
import { escapeHtml, formatDateTime, formatNumber, formatPercent, isoDate } from '@/utils/format'

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

describe('escapeHtml', () => {
  it('makes names safe for Leaflet tooltips', () => {
    expect(escapeHtml(`<b>"A&B's"</b>`)).toBe('&lt;b&gt;&quot;A&amp;B&#39;s&quot;&lt;/b&gt;')
    expect(escapeHtml('畅家巷药店')).toBe('畅家巷药店')
  })
})
