// Volunteers (志愿服务): what the pages compute from the server's shapes — hours from minutes, where
// an activity stands, what a resident may do with one, when the check-in screen asks for its next
// code, the code in what a camera read, and the statement a certificate's QR code carries after
// its "#". The server decides every rule; these only choose what to offer and when to ask.
import type { CheckCode, Direction, OpenActivity, VolunteerActivity } from '@/api/volunteer'
import { formatDateTime } from './format'
import { ApiError, errorMessage, type FieldError } from './request'

// ---- hours --------------------------------------------------------------------------------------

/** Minutes as hours, to two decimals: 90 → 1.5, 1 → 0.02, 125 → 2.08. */
export function hoursOf(minutes: number): number {
  return Math.round((minutes / 60) * 100) / 100
}

const hourFormats = new Map<string, Intl.NumberFormat>()

/** Minutes as hours in the reader's language, at most two decimals: "1.5", "1,234.25". */
export function formatHours(minutes: number, locale: string): string {
  let format = hourFormats.get(locale)
  if (!format) {
    format = new Intl.NumberFormat(locale, { minimumFractionDigits: 0, maximumFractionDigits: 2 })
    hourFormats.set(locale, format)
  }
  return format.format(hoursOf(minutes))
}

// ---- activities ---------------------------------------------------------------------------------

/** An activity before its start, under way, ended and waiting for its hours, or confirmed. */
export type ActivityPhase = 'upcoming' | 'ongoing' | 'toConfirm' | 'confirmed'

export function activityPhase(activity: Pick<VolunteerActivity, 'state' | 'startsAt' | 'endsAt'>, now: number): ActivityPhase {
  if (activity.state === 'ended') return 'confirmed'
  if (now < Date.parse(activity.startsAt)) return 'upcoming'
  if (now < Date.parse(activity.endsAt)) return 'ongoing'
  return 'toConfirm'
}

/** "2026-12-05 09:00 – 11:00" in local time; both dates when it ends on another day. */
export function activityTime(startsAt: string, endsAt: string): string {
  const start = formatDateTime(startsAt)
  const end = formatDateTime(endsAt)
  return start.slice(0, 10) === end.slice(0, 10) ? `${start} – ${end.slice(11)}` : `${start} – ${end}`
}

/** Check-in opens this long before the start; check-out closes this long after the end (the server's). */
export const EARLIEST_CHECK_IN_MS = 3_600_000
export const LATEST_CHECK_OUT_MS = 2 * 3_600_000

/** A time the browser shows in local time, as the server takes it: UTC with milliseconds. */
export function utcIso(local: Date): string {
  return local.toISOString()
}

/** What a resident may try with an activity open to them, as the server's rules stand. */
export interface ResidentActions {
  signUp: boolean
  giveUp: boolean
  /** The direction of the check the activity is waiting for, or null. */
  check: Direction | null
}

export function residentActions(open: OpenActivity, now: number): ResidentActions {
  const { activity, mine } = open
  const starts = Date.parse(activity.startsAt)
  const ends = Date.parse(activity.endsAt)
  const published = activity.state === 'published'
  const before = published && now < starts
  let check: Direction | null = null
  if (published && mine?.state === 'signed_up') {
    if (!mine.checkedInAt && now >= starts - EARLIEST_CHECK_IN_MS && now <= ends) check = 'in'
    else if (mine.checkedInAt && !mine.checkedOutAt && now <= ends + LATEST_CHECK_OUT_MS) check = 'out'
  }
  return {
    signUp: before && (mine === null || mine.state === 'cancelled'),
    giveUp: before && mine !== null && mine.state !== 'cancelled' && !mine.checkedInAt,
    check,
  }
}

// ---- forms ----------------------------------------------------------------------------------------

/** A refusal as a form shows it: a reason at each field it has, and what it cannot show at one. */
export interface FormRefusal {
  /** The reasons by field (several for one field joined by `separator`). */
  fields: Record<string, string>
  /** Every reason sits at a field shown: the form says only "correct the marked fields". */
  atFields: boolean
  /** The server's message, with the reasons no field shows. */
  message: string
}

/**
 * Maps the error body's field errors to the form's fields, all at once. A field with an index
 * ("skills[0]") belongs to its field; reasons about fields the form does not show stay in the
 * message.
 */
export function formRefusal(error: unknown, shown: readonly string[], separator = '；'): FormRefusal {
  if (!(error instanceof ApiError)) return { fields: {}, atFields: false, message: errorMessage(error) }
  const fields: Record<string, string> = {}
  const others: string[] = []
  for (const d of error.details as readonly FieldError[]) {
    const field = d.field.replace(/\[\d+\]$/, '')
    if (!shown.includes(field)) {
      others.push(d.reason)
      continue
    }
    fields[field] = fields[field] ? `${fields[field]}${separator}${d.reason}` : d.reason
  }
  const atFields = error.details.length > 0 && others.length === 0
  const message = others.length ? `${errorMessage(error)}${separator}${others.join(separator)}` : errorMessage(error)
  return { fields, atFields, message }
}

// ---- the check-in screen's code ---------------------------------------------------------------------

/** A code is shown for one window and stays valid one window more (the server's kCodeWindow). */
export const CODE_WINDOW_MS = 30_000
/** Asked for this long after the window turned, so that the server's has turned too. */
export const RENEWAL_MARGIN_MS = 500
/** After a failure (no network), the next try. */
export const RETRY_MS = 5_000

/**
 * How long the screen shows a code before asking for the next: until the server's `expiresAt`
 * (and a margin). When this browser's clock disagrees with the server's (the time left is not
 * within one window), every third of a window instead: a code shown is then never older than
 * that, and a code stays valid a whole window after its own.
 */
export function renewalDelay(expiresAt: string, now: number, windowMs = CODE_WINDOW_MS): number {
  const left = Date.parse(expiresAt) - now
  if (Number.isNaN(left) || left <= 0 || left > windowMs + RENEWAL_MARGIN_MS) return Math.round(windowMs / 3)
  return left + RENEWAL_MARGIN_MS
}

export interface CodeRenewalOptions {
  fetch: (signal: AbortSignal) => Promise<CheckCode>
  /** A new code, and when (this browser's clock) the next will be asked for. */
  onCode: (code: CheckCode, renewAt: number) => void
  /** A failure; `final`: no more tries (the activity ended, or is not the caller's). */
  onError: (error: unknown, final: boolean) => void
  now?: () => number
  windowMs?: number
  retryMs?: number
}

export interface CodeRenewal {
  /** Asks for a code now (and then on, as they expire): a start, or a switch of direction. */
  refresh: () => void
  stop: () => void
}

/** A refusal that asking again will not change: the activity ended (409), or is gone or not ours. */
function isFinal(error: unknown): boolean {
  return error instanceof ApiError && [401, 403, 404, 409].includes(error.status)
}

/** Keeps a check-in screen's code fresh: one request at a time, the next when this one expires. */
export function renewCodes(options: CodeRenewalOptions): CodeRenewal {
  const now = options.now ?? Date.now
  const windowMs = options.windowMs ?? CODE_WINDOW_MS
  const retryMs = options.retryMs ?? RETRY_MS
  let timer: ReturnType<typeof setTimeout> | undefined
  let controller: AbortController | null = null
  let stopped = false

  function cancel(): void {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    controller?.abort()
    controller = null
  }

  async function ask(): Promise<void> {
    timer = undefined
    const mine = new AbortController()
    controller = mine
    try {
      const code = await options.fetch(mine.signal)
      if (stopped || controller !== mine) return
      controller = null
      const delay = renewalDelay(code.expiresAt, now(), windowMs)
      timer = setTimeout(() => void ask(), delay)
      options.onCode(code, now() + delay)
    } catch (error) {
      if (stopped || controller !== mine) return
      controller = null
      const final = isFinal(error)
      if (!final) timer = setTimeout(() => void ask(), retryMs)
      options.onError(error, final)
    }
  }

  return {
    refresh: () => {
      if (stopped) return
      cancel()
      void ask()
    },
    stop: () => {
      stopped = true
      cancel()
    },
  }
}

/**
 * The code in what a camera read or a person pasted: the code itself ("12.5889.in.9f…"), or a
 * link carrying it as ?code=; spaces and line breaks a paste brings along are dropped.
 */
export function codeFromScan(text: string): string {
  const trimmed = text.trim()
  if (/^https?:\/\//i.test(trimmed)) {
    try {
      const code = new URL(trimmed).searchParams.get('code')
      if (code) return code.replace(/\s+/g, '')
    } catch {
      // Not a link after all: the text as it is.
    }
  }
  return trimmed.replace(/\s+/g, '')
}

// ---- certificates ----------------------------------------------------------------------------------------

/**
 * The statement and signature a certificate's QR code carries after the "#" of its link
 * (https://…/verify/<number>#<payload>), or null when the link has none. A messenger may have
 * percent-encoded it on the way.
 */
export function payloadFromHash(hash: string): string | null {
  let text = hash.startsWith('#') ? hash.slice(1) : hash
  try {
    text = decodeURIComponent(text)
  } catch {
    // A stray "%": the text as it came.
  }
  text = text.trim()
  return text ? text : null
}

/** The file chosen to check: a PDF by its type or, when the system gives none, by its name. */
export function isPdfFile(file: Pick<File, 'name' | 'type'>): boolean {
  return file.type === 'application/pdf' || (file.type === '' && /\.pdf$/i.test(file.name))
}
