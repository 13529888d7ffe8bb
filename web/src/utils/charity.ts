// The charity pages' logic, apart from the pages (公益慈善台账): money between the fen the API
// speaks and the yuan people read and type, which units keep a fund, the ledger's filters as the
// address carries them, the entry dialog to and from what the API takes, and what an entry offers.
import { CHARITY_LIMITS, DIRECTIONS, ENTRY_FORMS, type CharityEntry, type CharityEntryFields, type CharityStock, type Direction, type EntryForm } from '@/api/charity'
import { codeLevel, isUnitCode } from './codes'
import { phoneDigits } from './phone'

export const ENTRY_READ = 'charity:entry:read'
export const ENTRY_WRITE = 'charity:entry:write'
export const DONOR_REVEAL = 'charity:donor:reveal'

// ---- money ---------------------------------------------------------------------------------------

/** Why a typed amount is not one: nothing typed, not a number, more than two decimals, too large. */
export type YuanProblem = 'empty' | 'invalid' | 'decimals' | 'tooLarge'

export type YuanReading = { ok: true; fen: number } | { ok: false; problem: YuanProblem }

// Digits with optional thousands separators, then at most some decimals: checked apart so that
// "1.234" says "two decimals at most" rather than "not a number".
const YUAN = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d*))?$/

/**
 * Yuan as typed ("1234.5", "1,234.50", "¥ 80", "８０" full-width too) to whole fen, by the digits
 * themselves and never through a float: 0.1 + 0.2 is not 0.3 in binary, and ¥19.99 must be 1999 fen.
 * Negative amounts are not typed: the direction says which way money goes.
 */
export function readYuan(text: string, maxFen = Number.MAX_SAFE_INTEGER): YuanReading {
  const plain = text
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, '.')
    .replace(/，/g, ',')
    .replace(/^\s*[¥￥]?\s*/, '')
    .replace(/\s*(元|yuan)?\s*$/i, '')
    .replace(/^\./, '0.')
  if (plain === '') return { ok: false, problem: 'empty' }
  const m = YUAN.exec(plain)
  if (!m) return { ok: false, problem: 'invalid' }
  const whole = m[1]!.replace(/,/g, '')
  const decimals = m[2] ?? ''
  if (decimals.length > 2) return { ok: false, problem: 'decimals' }
  // Digits past what a safe integer holds are too large however they are written.
  const digits = whole.replace(/^0+(?=\d)/, '')
  if (digits.length > 13) return { ok: false, problem: 'tooLarge' }
  const fen = Number(digits) * 100 + Number(decimals.padEnd(2, '0'))
  if (fen > maxFen) return { ok: false, problem: 'tooLarge' }
  return { ok: true, fen }
}

/** Fen as yuan with two decimals and no separators, for a field to edit: 123450 → "1234.50". */
export function fenToYuanText(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(Math.trunc(fen))
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/** Fen as people read money: 123450 → "¥1,234.50"; -5000 → "-¥50.00". */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(Math.trunc(fen))
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${sign}¥${whole}.${String(abs % 100).padStart(2, '0')}`
}

/** Income less outgoing, as the ledger's balance must read. */
export function balanceOf(fund: { incomeFen: number; outgoingFen: number }): number {
  return fund.incomeFen - fund.outgoingFen
}

// ---- units, filters ------------------------------------------------------------------------------

/** A fund belongs to a street or township, a village or a community (not a grid, nor above). */
export function holdsFund(code: string): boolean {
  if (!isUnitCode(code) || code.length !== 12) return false
  const level = codeLevel(code)
  return level === 4 || level === 5
}

function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value
}

function oneOf<T extends string>(choices: readonly T[], value: unknown): T | '' {
  const v = first(value)
  return choices.find((c) => c === v) ?? ''
}

/** The ledger's filters: income or outgoing, money or goods. */
export interface EntryFilter {
  direction: Direction | ''
  form: EntryForm | ''
}

export function entryFilterFromQuery(query: Record<string, unknown>): EntryFilter {
  return { direction: oneOf(DIRECTIONS, query.direction), form: oneOf(ENTRY_FORMS, query.form) }
}

export function queryOfEntryFilter(filter: EntryFilter): Record<string, string | undefined> {
  return { direction: filter.direction || undefined, form: filter.form || undefined }
}

/** What the ledger and its Excel twin ask: the unit's own fund (not its villages'), and the filters. */
export function entryListQuery(unit: string, filter: EntryFilter): { fund: string; direction?: Direction; form?: EntryForm } {
  return { fund: unit, direction: filter.direction || undefined, form: filter.form || undefined }
}

// ---- entries -------------------------------------------------------------------------------------

export type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger'

export function directionTag(direction: string): TagType {
  return direction === 'income' ? 'success' : 'warning'
}

/** The amount as the ledger shows it: what went out with a minus. */
export function signedFen(entry: Pick<CharityEntry, 'direction' | 'amountFen'>): number {
  return entry.direction === 'outgoing' ? -entry.amountFen : entry.amountFen
}

/** A goods entry's quantity with its counting unit, what went out with a minus: "-5 袋". */
export function signedQuantity(entry: Pick<CharityEntry, 'direction' | 'quantity' | 'itemUnit'>): string {
  const sign = entry.direction === 'outgoing' ? '-' : '+'
  return `${sign}${entry.quantity}${entry.itemUnit ? ` ${entry.itemUnit}` : ''}`
}

/** 冲正: an entry not reversed yet and not itself a reversal, for those who record. */
export function mayCorrect(entry: Pick<CharityEntry, 'correctsId' | 'correctedBy'>, mayWrite: boolean): boolean {
  return mayWrite && entry.correctsId === null && entry.correctedBy === null
}

/** 查看 the donor: an entry that names one (or their phone), for those who may reveal. */
export function mayRevealDonor(entry: Pick<CharityEntry, 'donorMasked' | 'hasDonorPhone'>, mayReveal: boolean): boolean {
  return mayReveal && (entry.donorMasked !== '' || entry.hasDonorPhone)
}

// ---- the entry dialog ----------------------------------------------------------------------------

/** The entry dialog as typed: money in yuan as text, goods by item. */
export interface EntryFormState {
  unit: string
  direction: Direction
  form: EntryForm
  amount: string
  item: string
  quantity: number | null
  itemUnit: string
  donorName: string
  donorPhone: string
  donorPublic: string
  purpose: string
  destination: string
  occurredOn: string
}

/** The server's field names the dialog shows at its items (amountFen at the amount). */
export const ENTRY_FORM_FIELDS = [
  'amountFen',
  'item',
  'quantity',
  'itemUnit',
  'donorName',
  'donorPhone',
  'donorPublic',
  'purpose',
  'destination',
  'occurredOn',
] as const

export function emptyEntryForm(unit: string, direction: Direction, today: string): EntryFormState {
  return {
    unit,
    direction,
    form: 'money',
    amount: '',
    item: '',
    quantity: 1,
    itemUnit: '',
    donorName: '',
    donorPhone: '',
    donorPublic: '',
    purpose: '',
    destination: '',
    occurredOn: today,
  }
}

/** The fen the amount field reads as, 0 when goods carry no estimated value. */
export function amountFenOf(form: Pick<EntryFormState, 'form' | 'amount'>): YuanReading {
  if (form.form === 'goods' && form.amount.trim() === '') return { ok: true, fen: 0 }
  return readYuan(form.amount, CHARITY_LIMITS.amountFen)
}

/**
 * What the API takes: money without goods' fields, goods with theirs; the donor only for income,
 * the destination only for outgoing; texts trimmed. The amount must have been read (amountFenOf).
 */
export function entryBody(form: EntryFormState, amountFen: number): CharityEntryFields {
  const goods = form.form === 'goods'
  const income = form.direction === 'income'
  return {
    unit: form.unit,
    direction: form.direction,
    form: form.form,
    amountFen,
    item: goods ? form.item.trim() : '',
    quantity: goods ? (form.quantity ?? 0) : 0,
    itemUnit: goods ? form.itemUnit.trim() : '',
    donorName: income ? form.donorName.trim() : '',
    donorPhone: income ? phoneDigits(form.donorPhone) : '',
    donorPublic: income ? form.donorPublic.trim() : '',
    purpose: form.purpose.trim(),
    destination: income ? '' : form.destination.trim(),
    occurredOn: form.occurredOn,
  }
}

/** A stock line as one value of a select (an item may be counted in two units: 大米 by 袋 and by 斤). */
export function stockKey(stock: Pick<CharityStock, 'item' | 'itemUnit'>): string {
  return `${stock.item}\u0000${stock.itemUnit}`
}

/** The stock line of the item and unit typed, if the fund holds it. */
export function stockOf(stock: readonly CharityStock[], item: string, itemUnit: string): CharityStock | null {
  return stock.find((s) => s.item === item.trim() && s.itemUnit === itemUnit.trim()) ?? null
}
