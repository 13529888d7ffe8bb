// Pure logic of the home-visit pages (入户走访): the key a device gives a visit, what the form
// checks before a visit is kept (it may be sent much later, with nobody to correct it at once), the
// visits queued on the device until they are sent, how an answer (or no answer) moves a queued
// visit on, the request catalogue kept on the device for the form to offer offline, and the care
// rules as the rules page edits them.
//
// A visit is saved on the device first, then sent. No network: it stays queued and is sent again
// when the device is back online or the user asks. The server keeps one visit per key, so a visit
// sent twice (the first answer lost) is kept once: its 200 "replayed" answer counts as sent. A
// refusal (4xx) is not retried: it waits, with the server's reasons, to be corrected.
import {
  VISIT_LIMITS,
  type CareInterval,
  type ReferralDecision,
  type ReferralKind,
  type ResidentCareRule,
  type ResidentVisit,
  type VisitCondition,
  type VisitFields,
  type VisitMet,
  type VisitNeed,
  type VisitSafety,
} from '@/api/visits'
import type { RequestCategory } from '@/api/requests'
import { ApiError, type FieldError } from '@/utils/request'
import { addDays } from '@/utils/format'
import { categoryOptions, type CategoryOption } from '@/utils/requests'

// ---- keys ------------------------------------------------------------------------------------------

/** What of the Web Crypto API a key is made with (a test hands its own). */
export type RandomSource = Partial<Pick<Crypto, 'randomUUID' | 'getRandomValues'>>

const KEY_PATTERN = /^[A-Za-z0-9_-]{8,64}$/

/**
 * A new visit's key: 32 random hexadecimal digits (a UUID without its dashes). randomUUID exists
 * on secure pages only; getRandomValues everywhere, so a console served over plain HTTP inside a
 * government network still makes good keys.
 */
export function newVisitKey(source: RandomSource | undefined = globalThis.crypto): string {
  if (typeof source?.randomUUID === 'function') return source.randomUUID().replace(/-/g, '')
  if (typeof source?.getRandomValues === 'function') {
    const bytes = source.getRandomValues(new Uint8Array(16))
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
  }
  throw new Error('no random source for a visit key')
}

/** A key as the server takes it: 8 to 64 letters, digits, "-" or "_". */
export function isVisitKey(key: string): boolean {
  return KEY_PATTERN.test(key)
}

// ---- the form ----------------------------------------------------------------------------------------

export interface VisitDraft {
  visitedOn: string
  met: VisitMet | ''
  health: VisitCondition | ''
  living: VisitCondition | ''
  safety: VisitSafety | ''
  needs: VisitNeed[]
  note: string
  point: { lat: number; lon: number } | null
  /** A hardship found: the person is referred to the township for the assessment `refer`. */
  referring: boolean
  refer: ReferralKind | ''
  referReason: string
  /** Something needs action: a request (诉求) of the category `requestCategory` is opened with the visit. */
  requesting: boolean
  requestCategory: string
  requestDescription: string
}

export function blankDraft(today: string): VisitDraft {
  return {
    visitedOn: today,
    met: '',
    health: '',
    living: '',
    safety: '',
    needs: [],
    note: '',
    point: null,
    referring: false,
    refer: '',
    referReason: '',
    requesting: false,
    requestCategory: '',
    requestDescription: '',
  }
}

/** The days a visit may be dated: up to 90 days back, not after today (China's dates, as the server's). */
export function visitDateBounds(today: string): { min: string; max: string } {
  return { min: addDays(today, -VISIT_LIMITS.maxAgeDays), max: today }
}

export type VisitField = 'visitedOn' | 'met' | 'health' | 'living' | 'safety' | 'note' | 'refer' | 'referReason' | 'requestCategory' | 'requestDescription'
export type VisitProblem = 'required' | 'future' | 'tooOld' | 'tooLong' | 'reasonLength' | 'descriptionLength'

/** Characters as the server counts them (code points, not UTF-16 units). */
function length(text: string): number {
  return [...text].length
}

/**
 * What must be put right before a visit is kept, by field; empty when nothing. The server checks
 * again; this spares a grid worker a refusal that would only arrive once back online.
 */
export function visitProblems(draft: VisitDraft, today: string): Partial<Record<VisitField, VisitProblem>> {
  const out: Partial<Record<VisitField, VisitProblem>> = {}
  const { min, max } = visitDateBounds(today)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.visitedOn)) out.visitedOn = 'required'
  else if (draft.visitedOn > max) out.visitedOn = 'future'
  else if (draft.visitedOn < min) out.visitedOn = 'tooOld'
  for (const field of ['met', 'health', 'living', 'safety'] as const) if (!draft[field]) out[field] = 'required'
  if (length(draft.note) > VISIT_LIMITS.note) out.note = 'tooLong'
  if (draft.referring) {
    if (!draft.refer) out.refer = 'required'
    const n = length(draft.referReason.trim())
    if (n < VISIT_LIMITS.reason.min || n > VISIT_LIMITS.reason.max) out.referReason = 'reasonLength'
  }
  if (draft.requesting) {
    if (!draft.requestCategory) out.requestCategory = 'required'
    const n = length(draft.requestDescription.trim())
    if (n < 1 || n > VISIT_LIMITS.request) out.requestDescription = 'descriptionLength'
  }
  return out
}

/** The visit as the server takes it (call once visitProblems() is empty). */
export function visitFields(key: string, draft: VisitDraft): VisitFields {
  if (!draft.met || !draft.health || !draft.living || !draft.safety) throw new Error('a visit without its four answers')
  const fields: VisitFields = {
    key,
    visitedOn: draft.visitedOn,
    met: draft.met,
    health: draft.health,
    living: draft.living,
    safety: draft.safety,
    needs: [...draft.needs],
    note: draft.note.trim(),
  }
  if (draft.point) Object.assign(fields, { lat: draft.point.lat, lon: draft.point.lon })
  if (draft.referring && draft.refer) Object.assign(fields, { refer: draft.refer, referReason: draft.referReason.trim() })
  if (draft.requesting && draft.requestCategory) {
    fields.request = { categoryCode: draft.requestCategory, description: draft.requestDescription.trim() }
  }
  return fields
}

/** A queued visit back in the form, to be corrected. */
export function draftOf(fields: VisitFields): VisitDraft {
  return {
    visitedOn: fields.visitedOn,
    met: fields.met,
    health: fields.health,
    living: fields.living,
    safety: fields.safety,
    needs: [...fields.needs],
    note: fields.note,
    point: typeof fields.lat === 'number' && typeof fields.lon === 'number' ? { lat: fields.lat, lon: fields.lon } : null,
    referring: Boolean(fields.refer),
    refer: fields.refer ?? '',
    referReason: fields.referReason ?? '',
    requesting: Boolean(fields.request),
    requestCategory: fields.request?.categoryCode ?? '',
    requestDescription: fields.request?.description ?? '',
  }
}

/**
 * The form's field a reason of the server belongs at: each need's ("needs[2]") under the needs, a
 * point's under the point; the request's under its category (a question the category asks, which
 * the form does not: the category is the thing to change) or its description, any other of the
 * request's (its place) under the request as a whole; the key's (another visit has it) under the form.
 */
export function visitErrorField(field: string): string {
  if (/^needs\[\d+\]/.test(field)) return 'needs'
  if (['lat', 'lon', 'request.lat', 'request.lon'].includes(field)) return 'point'
  if (field === 'request.categoryCode' || field === 'request.attributes' || field.startsWith('request.attributes.') || field.startsWith('request.attributes[')) {
    return 'requestCategory'
  }
  if (field === 'request.description') return 'requestDescription'
  if (field.startsWith('request.')) return 'request'
  return field
}

/** The server's reasons by the form's fields (visitErrorField); several for one field joined. */
export function visitFormErrors(details: readonly FieldError[], separator = '; '): Record<string, string> {
  const out: Record<string, string> = {}
  for (const d of details) {
    const field = visitErrorField(d.field)
    out[field] = out[field] ? `${out[field]}${separator}${d.reason}` : d.reason
  }
  return out
}

// ---- the queue on the device -------------------------------------------------------------------------

/** Why the server refused a visit, kept with it until it is corrected. */
export interface Refusal {
  status: number
  message: string
  details: FieldError[]
}

export interface QueuedVisit {
  key: string
  personId: number
  /** The person as the form showed them (masked), to say whose visit waits. */
  personName: string
  fields: VisitFields
  /** When it was saved on the device (ISO). */
  savedAt: string
  /** pending: to be sent; rejected: the server refused it (see `refusal`), to be corrected. */
  state: 'pending' | 'rejected'
  refusal?: Refusal
}

function isVisitRequest(value: unknown): boolean {
  if (value === undefined) return true
  if (typeof value !== 'object' || value === null) return false
  const r = value as Record<string, unknown>
  return typeof r.categoryCode === 'string' && typeof r.description === 'string'
}

function isQueuedVisit(value: unknown): value is QueuedVisit {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  const fields = v.fields as Record<string, unknown> | undefined
  return (
    typeof v.key === 'string' &&
    isVisitKey(v.key) &&
    typeof v.personId === 'number' &&
    Number.isInteger(v.personId) &&
    typeof v.personName === 'string' &&
    typeof v.savedAt === 'string' &&
    (v.state === 'pending' || v.state === 'rejected') &&
    typeof fields === 'object' &&
    fields !== null &&
    fields.key === v.key &&
    typeof fields.visitedOn === 'string' &&
    Array.isArray(fields.needs) &&
    isVisitRequest(fields.request)
  )
}

/** The queue as stored; whatever cannot be read (another version's, damaged) is left out. */
export function parseQueue(text: string | null): QueuedVisit[] {
  if (!text) return []
  try {
    const value: unknown = JSON.parse(text)
    return Array.isArray(value) ? value.filter(isQueuedVisit) : []
  } catch {
    return []
  }
}

/** The queue as stored; null when empty (nothing is kept). */
export function queueText(queue: readonly QueuedVisit[]): string | null {
  return queue.length ? JSON.stringify(queue) : null
}

/** The queue with `item` in it: in place of the visit with its key (a correction), else last. */
export function putVisit(queue: readonly QueuedVisit[], item: QueuedVisit): QueuedVisit[] {
  const at = queue.findIndex((q) => q.key === item.key)
  if (at < 0) return [...queue, item]
  const out = [...queue]
  out[at] = item
  return out
}

export function dropVisit(queue: readonly QueuedVisit[], key: string): QueuedVisit[] {
  return queue.filter((q) => q.key !== key)
}

export function pendingVisits(queue: readonly QueuedVisit[]): QueuedVisit[] {
  return queue.filter((q) => q.state === 'pending')
}

// ---- sending -----------------------------------------------------------------------------------------

/**
 * What an error means for a queued visit: `wait` (no answer, the server busy or failing, the session
 * ended: send again later, unchanged) or `refused` (the server read it and said no: correct it).
 */
export function failureKind(error: unknown): 'wait' | 'refused' {
  if (!(error instanceof ApiError)) return 'wait'
  if (error.status === 0 || error.status === 401 || error.status === 408 || error.status === 429 || error.status >= 500) return 'wait'
  return 'refused'
}

export function refusalOf(error: ApiError): Refusal {
  return { status: error.status, message: error.message, details: error.details }
}

/** A refusal that says another visit holds the key: the correction needs a new one. */
export function keyTaken(refusal: Refusal | undefined): boolean {
  return refusal?.status === 409 && refusal.details.some((d) => d.field === 'key')
}

export type SendResult =
  | { outcome: 'sent'; visit: ResidentVisit }
  | { outcome: 'waiting'; error: unknown }
  | { outcome: 'refused'; refusal: Refusal }

export type SendVisit = (personId: number, fields: VisitFields) => Promise<ResidentVisit>

/** Sends one visit; a replayed answer (kept before) is sent as much as a new one. */
export async function sendVisit(item: QueuedVisit, send: SendVisit): Promise<SendResult> {
  try {
    return { outcome: 'sent', visit: await send(item.personId, item.fields) }
  } catch (error) {
    if (failureKind(error) === 'wait') return { outcome: 'waiting', error }
    return { outcome: 'refused', refusal: refusalOf(error as ApiError) }
  }
}

/** Where a queue is kept: read afresh before each change (another tab may have changed it). */
export interface QueueStore {
  read(): QueuedVisit[]
  write(queue: QueuedVisit[]): void
}

/** A visit's result applied to the queue: sent ones leave it, refused ones wait with the reasons. */
export function applyResult(store: QueueStore, item: QueuedVisit, result: SendResult): void {
  const now = store.read()
  if (result.outcome === 'sent') store.write(dropVisit(now, item.key))
  else if (result.outcome === 'refused') {
    // Corrected (or dropped) meanwhile: the newer version stands.
    const current = now.find((q) => q.key === item.key)
    if (current && JSON.stringify(current.fields) === JSON.stringify(item.fields)) {
      store.write(putVisit(now, { ...current, state: 'rejected', refusal: result.refusal }))
    }
  }
}

export interface FlushResult {
  sent: QueuedVisit[]
  refused: QueuedVisit[]
  /** Stopped for want of a network (or the server): the rest waits. */
  waiting: boolean
}

/**
 * Sends the pending visits, oldest first. The first that gets no answer stops the round (the
 * network is gone: the others would fail the same way); they wait for the next.
 */
export async function flushQueue(store: QueueStore, send: SendVisit, online: () => boolean = () => true): Promise<FlushResult> {
  const result: FlushResult = { sent: [], refused: [], waiting: false }
  for (const item of pendingVisits(store.read())) {
    // Still pending as it is now (not sent by another tab, not being corrected)?
    const now = store.read().find((q) => q.key === item.key)
    if (!now || now.state !== 'pending') continue
    if (!online()) {
      result.waiting = true
      break
    }
    const sent = await sendVisit(now, send)
    applyResult(store, now, sent)
    if (sent.outcome === 'sent') result.sent.push(now)
    else if (sent.outcome === 'refused') result.refused.push(now)
    else {
      result.waiting = true
      break
    }
  }
  return result
}

/** Seconds before the next automatic try, growing with each round that found no network: 15 s to 5 min. */
export function retryDelay(failedRounds: number): number {
  return Math.min(300, 15 * 2 ** Math.max(0, failedRounds - 1))
}

// ---- the request catalogue on the device ------------------------------------------------------------
// A visit that finds something needing action opens a request (诉求) in a category of the catalogue.
// The form may be filled without a network, so the categories it offers are kept on the device
// (per account, as the queue) each time they are read from the server, and offered from there when
// the server cannot be reached. Only what the form needs is kept: the categories a visit may open,
// with their names in both languages.

/** A category the visit form offers (a leaf), or the group it is listed under (parent null). */
export interface VisitCategory {
  code: string
  parent: string | null
  names: { zh: string; en: string }
}

/** The catalogue as kept on the device, and when it was read from the server (ISO). */
export interface KeptCatalogue {
  fetchedAt: string
  items: VisitCategory[]
}

/**
 * The categories a visit may open a request in, in the server's order: the active leaves of active
 * groups whose questions are all optional (the form asks none: a category that requires an answer
 * is registered at the hotline desk instead), with the groups that list them.
 */
export function visitCategories(all: readonly RequestCategory[]): VisitCategory[] {
  const activeGroups = new Set(all.filter((c) => c.parent === null && c.active).map((c) => c.code))
  const offered = (c: RequestCategory) => c.parent !== null && c.active && activeGroups.has(c.parent) && c.attributes.every((a) => !a.required)
  const listed = new Set(all.filter(offered).map((c) => c.parent))
  return all
    .filter((c) => (c.parent === null ? listed.has(c.code) : offered(c)))
    .map((c) => ({ code: c.code, parent: c.parent, names: { zh: c.names?.zh || c.name, en: c.names?.en || c.name } }))
}

function isVisitCategory(value: unknown): value is VisitCategory {
  if (typeof value !== 'object' || value === null) return false
  const c = value as Record<string, unknown>
  const names = c.names as Record<string, unknown> | undefined
  return (
    typeof c.code === 'string' &&
    (c.parent === null || typeof c.parent === 'string') &&
    typeof names === 'object' &&
    names !== null &&
    typeof names.zh === 'string' &&
    typeof names.en === 'string'
  )
}

export function catalogueText(catalogue: KeptCatalogue): string {
  return JSON.stringify(catalogue)
}

/** The catalogue as kept; null when there is none (never read online) or it cannot be read. */
export function parseCatalogue(text: string | null): KeptCatalogue | null {
  if (!text) return null
  try {
    const value = JSON.parse(text) as Record<string, unknown> | null
    if (typeof value !== 'object' || value === null || typeof value.fetchedAt !== 'string' || !Array.isArray(value.items)) return null
    return { fetchedAt: value.fetchedAt, items: value.items.filter(isVisitCategory) }
  } catch {
    return null
  }
}

/** The kept categories as the form's choices (each group, then its categories), named in `language`. */
export function visitCategoryOptions(items: readonly VisitCategory[], language: string): CategoryOption[] {
  const english = language.toLowerCase().startsWith('en')
  return categoryOptions(items.map((c) => ({ code: c.code, parent: c.parent, name: english ? c.names.en : c.names.zh }))).filter(
    (g) => g.children?.length,
  )
}

// ---- referrals ---------------------------------------------------------------------------------------

/** What is wrong with a decision before it is sent: a result needs its grounds (2 to 200 characters). */
export function decisionProblem(status: ReferralDecision['status'], reason: string): 'reasonLength' | null {
  const n = length(reason.trim())
  if (status === 'under_assessment') return n > VISIT_LIMITS.reason.max ? 'reasonLength' : null
  return n < VISIT_LIMITS.reason.min || n > VISIT_LIMITS.reason.max ? 'reasonLength' : null
}

// ---- care rules --------------------------------------------------------------------------------------

/** A tag's rule as the rules page edits it at one unit. */
export interface RuleRow {
  tag: ResidentCareRule['tag']
  label: string
  everyMonths: CareInterval
  /** Set at this unit (sent with the others), rather than followed from above or the default. */
  own: boolean
  /** Where the rule in force was set: null the default, else a unit's code. */
  setAt: string | null
}

export function ruleRows(items: readonly ResidentCareRule[], unit: string): RuleRow[] {
  return items.map((r) => ({ tag: r.tag, label: r.label, everyMonths: r.everyMonths, own: r.setAt === unit, setAt: r.setAt }))
}

/** A unit's own rules, all of them, as the server replaces them. */
export function ownRules(rows: readonly RuleRow[]): { tag: string; everyMonths: CareInterval }[] {
  return rows.filter((r) => r.own).map((r) => ({ tag: r.tag, everyMonths: r.everyMonths }))
}

/** The rows say something else than what the server last said. */
export function rulesChanged(rows: readonly RuleRow[], saved: readonly RuleRow[]): boolean {
  const text = (list: readonly RuleRow[]) => JSON.stringify(ownRules(list).sort((a, b) => a.tag.localeCompare(b.tag)))
  return text(rows) !== text(saved)
}

/** The message key under residents.careRules.every of an interval. */
export function intervalKey(every: number): 'none' | 'monthly' | 'quarterly' {
  return every === 1 ? 'monthly' : every === 3 ? 'quarterly' : 'none'
}

/** The unit whose rules a working unit reads and sets: the province or a city itself, else its city. */
export function rulesUnit(code: string): string {
  if (/^\d{2}0{10}$/.test(code) || /^\d{4}0{8}$/.test(code)) return code
  return `${code.slice(0, 4)}00000000`
}
