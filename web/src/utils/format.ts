// Number and date formatting for the current language.

// One formatter per language: making one is far slower than using it, and a table or a map
// formats thousands of figures (the circle page spent 130 ms making formatters).
const numberFormats = new Map<string, Intl.NumberFormat>()

export function formatNumber(value: number, locale: string): string {
  let format = numberFormats.get(locale)
  if (!format) {
    format = new Intl.NumberFormat(locale)
    numberFormats.set(locale, format)
  }
  return format.format(value)
}

/** "2026-11-30 08:48" in the browser's time zone, from an ISO timestamp. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/** YYYY-MM-DD of a date in local time. */
export function isoDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

// China time (UTC+8, no daylight saving): the audit log's days and times are China's, whatever
// the browser's time zone.
const CHINA_OFFSET_MS = 8 * 3_600_000
const DAY_MS = 86_400_000

/** YYYY-MM-DD of an instant in China time. */
export function chinaDate(d: Date): string {
  return new Date(d.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10)
}

/** "2026-11-30 08:48" in China time, from an ISO timestamp. */
export function formatChinaDateTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return iso
  return new Date(t + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ')
}

/** YYYY-MM-DD `n` days after (or before, n < 0) a YYYY-MM-DD. */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + n * DAY_MS).toISOString().slice(0, 10)
}

/** Share as a percentage string with one decimal: 0.4567 → "45.7%". */
export function formatPercent(part: number, whole: number): string {
  if (whole <= 0) return '—'
  return `${((part / whole) * 100).toFixed(1)}%`
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Text made safe for HTML that Leaflet sets as innerHTML (tooltips, popups, the layer control). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c)
}
