// Charity ledgers (公益慈善台账): /api/v1/charity/… and, for anyone, /api/v1/public/charity/…
//
// A village's, community's or street's fund is made with its first entry. Its ledger is
// append-only: every entry is income or outgoing, of money (amountFen, in fen) or of goods (item,
// quantity, itemUnit, and their estimated value in amountFen, possibly 0); the server numbers a
// fund's entries (seq) and keeps the balance and each item's stock after every entry. It refuses
// an outgoing that would take the money or an item's stock below zero (400, with the reason), and
// public texts (the name shown, the purpose, the destination) that hold an ID number or a mobile
// number. A mistake is undone by a reversing entry (冲正), never by a change; an entry reversed once
// is not reversed again, and a reversal is never reversed. The donor's real name and phone are
// sealed: staff read the name masked, and those who may reveal it read both in clear for a stated
// reason (audited). The public reads a fund's totals, stock and entries without the donor's name.
import { http } from '@/utils/request'
import type { PageQuery, PageResult } from './types'

// Declared by hand from the module's contract until the server's API description has them
// (scripts/web-api-types), then named from there.

export type Direction = 'income' | 'outgoing'
export type EntryForm = 'money' | 'goods'

export const DIRECTIONS = ['income', 'outgoing'] as const satisfies readonly Direction[]
export const ENTRY_FORMS = ['money', 'goods'] as const satisfies readonly EntryForm[]

export interface CharityFund {
  unit: string
  unitName: string
  balanceFen: number
  incomeFen: number
  outgoingFen: number
  /** How many entries its ledger holds. */
  entries: number
  updatedAt: string
}

export interface CharityStock {
  item: string
  itemUnit: string
  quantity: number
}

export interface CharityFundDetail {
  fund: CharityFund
  stock: CharityStock[]
}

export interface CharityEntry {
  id: number
  unit: string
  unitName: string
  /** The entry's number in its fund's ledger, from 1. */
  seq: number
  direction: Direction
  directionLabel: string
  form: EntryForm
  formLabel: string
  /** Money: the amount; goods: their estimated value (may be 0). */
  amountFen: number
  item: string
  quantity: number
  itemUnit: string
  /** The donor's real name masked (张*三); '' when none was given. */
  donorMasked: string
  /** The name shown to the public (匿名 by default). */
  donorPublic: string
  hasDonorPhone: boolean
  purpose: string
  destination: string
  /** China date, YYYY-MM-DD. */
  occurredOn: string
  /** The entry this one reverses. */
  correctsId: number | null
  /** The entry that reverses this one. */
  correctedBy: number | null
  note: string
  balanceAfterFen: number
  /** Goods: this item's stock after the entry. */
  stockAfter: number
  recordedByName: string
  createdAt: string
}

export interface CharityEntryFields {
  unit: string
  direction: Direction
  form: EntryForm
  amountFen: number
  item: string
  quantity: number
  itemUnit: string
  donorName: string
  donorPhone: string
  donorPublic: string
  purpose: string
  destination: string
  occurredOn: string
}

export interface DonorRevealed {
  name: string
  phone: string
}

export interface FundQuery extends PageQuery {
  unit?: string
}

export interface EntryQuery extends PageQuery {
  /** A unit's subtree (none: the caller's scope). */
  unit?: string
  /** Only this unit's own fund. */
  fund?: string
  direction?: Direction
  form?: EntryForm
}

// ---- what anyone reads ------------------------------------------------------------------------------

export type PublicCharityFund = Omit<CharityFund, 'updatedAt'>

export interface PublicCharityEntry {
  seq: number
  direction: Direction
  directionLabel: string
  form: EntryForm
  formLabel: string
  amountFen: number
  item: string
  quantity: number
  itemUnit: string
  donorPublic: string
  purpose: string
  destination: string
  occurredOn: string
  /** The seq of the entry this one reverses. */
  correctsSeq: number | null
  balanceAfterFen: number
  stockAfter: number
}

export interface PublicCharityFundDetail {
  fund: PublicCharityFund
  stock: CharityStock[]
  entries: PageResult<PublicCharityEntry>
}

/** The server's bounds (src/charity/charity_service.hpp). */
export const CHARITY_LIMITS = {
  item: 50,
  itemUnit: 10,
  quantity: 1_000_000_000,
  donorName: 50,
  donorPublic: 50,
  purpose: 200,
  destination: 200,
  /** A reversal's and a reveal's reason. */
  reason: { min: 2, max: 200 },
  /** The largest amount one entry takes, in fen (a billion yuan). */
  amountFen: 100_000_000_000,
} as const

/** The ledger's Excel twin. */
export const ENTRIES_XLSX = '/api/v1/charity/entries.xlsx'

/** The funds of a unit's subtree (none: the caller's scope), by unit. */
export function listFunds(query: FundQuery, signal?: AbortSignal): Promise<PageResult<CharityFund>> {
  return http.get<PageResult<CharityFund>>('/api/v1/charity/funds', {
    query: { unit: query.unit || undefined, page: query.page, pageSize: query.pageSize },
    signal,
  })
}

/** A unit's fund and the goods in its keeping (all zero until its first entry). */
export function getFund(unit: string, signal?: AbortSignal): Promise<CharityFundDetail> {
  return http.get<CharityFundDetail>(`/api/v1/charity/funds/${encodeURIComponent(unit)}`, { signal })
}

/** Ledger entries, the newest first. */
export function listEntries(query: EntryQuery, signal?: AbortSignal): Promise<PageResult<CharityEntry>> {
  return http.get<PageResult<CharityEntry>>('/api/v1/charity/entries', {
    query: {
      unit: query.unit || undefined,
      fund: query.fund || undefined,
      direction: query.direction || undefined,
      form: query.form || undefined,
      page: query.page,
      pageSize: query.pageSize,
    },
    signal,
  })
}

/** A new entry (201). `notify: false`: the dialog shows the refusal at its fields. */
export function createEntry(fields: CharityEntryFields): Promise<CharityEntry> {
  return http.post<CharityEntry>('/api/v1/charity/entries', fields, { notify: false })
}

/** Reverses an entry (201: the reversing entry). */
export function correctEntry(id: number, reason: string): Promise<CharityEntry> {
  return http.post<CharityEntry>(`/api/v1/charity/entries/${id}/correction`, { reason }, { notify: false })
}

/** The donor's name and phone in clear, for a reason (audited). */
export function revealDonor(id: number, reason: string): Promise<DonorRevealed> {
  return http.post<DonorRevealed>(`/api/v1/charity/entries/${id}/donor`, { reason }, { notify: false })
}

/** The funds of a unit's subtree, for anyone. */
export function listPublicFunds(unit: string, signal?: AbortSignal): Promise<{ items: PublicCharityFund[] }> {
  return http.get<{ items: PublicCharityFund[] }>('/api/v1/public/charity/funds', { query: { unit }, signal })
}

/** A fund's totals, stock and a page of its entries, for anyone (404: no fund there). */
export function getPublicFund(unit: string, paging: PageQuery, signal?: AbortSignal): Promise<PublicCharityFundDetail> {
  return http.get<PublicCharityFundDetail>(`/api/v1/public/charity/funds/${encodeURIComponent(unit)}`, {
    query: { page: paging.page, pageSize: paging.pageSize },
    signal,
  })
}
