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
// Docs: docs/api.md, "Charity funds".
import { http } from '@/utils/request'
import type { PageQuery, QueryOf, Reply, RequestBody, Schema } from './types'

export type CharityFund = Schema<'CharityFund'>
export type CharityStock = Schema<'CharityStock'>
export type CharityEntry = Schema<'CharityEntry'>
export type DonorRevealed = Schema<'CharityDonor'>
export type CharityFundDetail = Reply<'/api/v1/charity/funds/{code}', 'get'>
export type CharityEntryFields = RequestBody<'/api/v1/charity/entries', 'post'>
export type FundQuery = QueryOf<'/api/v1/charity/funds', 'get'>
export type EntryQuery = QueryOf<'/api/v1/charity/entries', 'get'>
export type Direction = CharityEntry['direction']
export type EntryForm = CharityEntry['form']
type FundPage = Schema<'CharityFundPage'>
type EntryPage = Schema<'CharityEntryPage'>

export const DIRECTIONS = ['income', 'outgoing'] as const satisfies readonly Direction[]
export const ENTRY_FORMS = ['money', 'goods'] as const satisfies readonly EntryForm[]

// ---- what anyone reads ------------------------------------------------------------------------------

export type PublicCharityFund = Schema<'PublicCharityFund'>
export type PublicCharityEntry = Schema<'PublicCharityEntry'>
export type PublicCharityFundDetail = Reply<'/api/v1/public/charity/funds/{code}', 'get'>
type PublicFunds = Reply<'/api/v1/public/charity/funds', 'get'>

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
export function listFunds(query: FundQuery, signal?: AbortSignal): Promise<FundPage> {
  return http.get<FundPage>('/api/v1/charity/funds', {
    query: { unit: query.unit || undefined, page: query.page, pageSize: query.pageSize },
    signal,
  })
}

/** A unit's fund and the goods in its keeping (all zero until its first entry). */
export function getFund(unit: string, signal?: AbortSignal): Promise<CharityFundDetail> {
  return http.get<CharityFundDetail>(`/api/v1/charity/funds/${encodeURIComponent(unit)}`, { signal })
}

/** Ledger entries, the newest first. */
export function listEntries(query: EntryQuery, signal?: AbortSignal): Promise<EntryPage> {
  return http.get<EntryPage>('/api/v1/charity/entries', {
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
export function listPublicFunds(unit: string, signal?: AbortSignal): Promise<PublicFunds> {
  return http.get<PublicFunds>('/api/v1/public/charity/funds', { query: { unit }, signal })
}

/** A fund's totals, stock and a page of its entries, for anyone (404: no fund there). */
export function getPublicFund(unit: string, paging: PageQuery, signal?: AbortSignal): Promise<PublicCharityFundDetail> {
  return http.get<PublicCharityFundDetail>(`/api/v1/public/charity/funds/${encodeURIComponent(unit)}`, {
    query: { page: paging.page, pageSize: paging.pageSize },
    signal,
  })
}
