// The one HTTP client of the console and the resident pages.
//
// Every call goes through `request()`: it sends the language and, for writes, the CSRF token;
// reads the real HTTP status and the server's error body ({code, message, details, requestId});
// hands 401 to the handler that sends the user to the login page, and a 403 that asks for a
// password change or for a second factor first to the handlers that open those pages; and shows the
// server's message through the notifier the application installed (Element Plus in the console, a
// toast in /h5/).

import type { Schema } from '@/api/types'

/** One refused input and why: `field` names it as the form does ("name", "roles[0].unitCode"). */
export type FieldError = Schema<'Error'>['details'][number]

/**
 * The server's error body (the API description's Error shape). The client makes one itself when
 * there was no answer, or an answer of another kind; that one has no requestId.
 */
export type ErrorBody = Omit<Schema<'Error'>, 'requestId'> & { requestId?: string }

/** An answer that was not 2xx, or no answer at all (status 0). */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly details: FieldError[]
  readonly requestId: string | undefined
  /** The answer carried the server's error body; false when there was no answer or another body. */
  readonly fromServer: boolean
  /** Seconds to wait before trying again, from the Retry-After header of a 429 (rate_limited). */
  readonly retryAfter: number | undefined

  constructor(status: number, body: ErrorBody, fromServer = true, retryAfter?: number) {
    super(body.message)
    this.name = 'ApiError'
    this.status = status
    this.code = body.code
    this.details = body.details
    this.requestId = body.requestId
    this.fromServer = fromServer
    this.retryAfter = retryAfter
  }

  /** The reason the server gave for one field, if any. */
  fieldReason(field: string): string | undefined {
    return this.details.find((d) => d.field === field)?.reason
  }

  hasField(field: string): boolean {
    return this.details.some((d) => d.field === field)
  }
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
export type QueryValue = string | number | boolean | null | undefined

export interface RequestOptions {
  query?: Record<string, QueryValue>
  body?: unknown
  signal?: AbortSignal
  /**
   * Whether the interceptor shows the error message itself. Default: yes for writes, no for
   * reads (pages show read errors in place, with the server's message).
   */
  notify?: boolean
  /** Do not treat 401 as "session ended" (the login call itself answers 401 on a wrong password). */
  skipAuthRedirect?: boolean
  /** A file sent as it is (an import), with its media type, instead of a JSON `body`. */
  file?: { content: Blob; type: string }
}

export interface ClientHooks {
  /** Shows an error message to the user. */
  notify?: (message: string) => void
  /** Called on 401 from any call but login: the session is gone. */
  onUnauthenticated?: (error: ApiError) => void
  /** Called on 403 whose details name `password`: the password must be changed first. */
  onPasswordChangeRequired?: (error: ApiError) => void
  /**
   * Called on 403 whose details name `totp`: the server (`--require-totp-for-admins`) holds an
   * administrator without a second factor to setting one up. Without this hook the message shows
   * as for any other error.
   */
  onTotpSetUpRequired?: (error: ApiError) => void
}

interface ClientState {
  baseUrl: string
  language: string
  csrfToken: string | null
  hooks: ClientHooks
}

const state: ClientState = {
  baseUrl: '',
  language: 'zh-CN',
  csrfToken: null,
  hooks: {},
}

export function configureClient(options: Partial<Omit<ClientState, 'hooks'>> & { hooks?: ClientHooks }): void {
  if (options.baseUrl !== undefined) state.baseUrl = options.baseUrl.replace(/\/$/, '')
  if (options.language !== undefined) state.language = options.language
  if (options.csrfToken !== undefined) state.csrfToken = options.csrfToken
  if (options.hooks !== undefined) state.hooks = { ...state.hooks, ...options.hooks }
}

export function setCsrfToken(token: string | null): void {
  state.csrfToken = token
}

export function setRequestLanguage(language: string): void {
  state.language = language
}

/** The language calls ask the server to answer in. */
export function requestLanguage(): string {
  return state.language
}

/** The address of an API path as the browser loads it itself (an `<img src>`, a link). */
export function apiUrl(path: string): string {
  return state.baseUrl + path
}

/** Builds "path?a=1&b=x", leaving out empty values. */
export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue
    params.append(key, String(value))
  }
  const qs = params.toString()
  return qs ? `${path}?${qs}` : path
}

const WRITE_METHODS: ReadonlySet<Method> = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

function networkMessage(language: string): string {
  return language.startsWith('en')
    ? 'Cannot reach the server. Check the network and try again.'
    : '无法连接服务器，请检查网络后重试'
}

function unexpectedMessage(language: string, status: number): string {
  return language.startsWith('en')
    ? `The server answered with an unexpected response (HTTP ${status}).`
    : `服务器返回了无法识别的响应（HTTP ${status}）`
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return typeof v.code === 'string' && typeof v.message === 'string'
}

/**
 * Seconds from a Retry-After header: delay-seconds ("600") or an HTTP date (RFC 9110 allows
 * both); undefined when absent or unreadable. At least 1: an answer that says "wait" means it.
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  const text = value?.trim()
  if (!text) return undefined
  if (/^\d+$/.test(text)) return Math.max(1, Number(text))
  const at = Date.parse(text)
  if (Number.isNaN(at)) return undefined
  return Math.max(1, Math.ceil((at - now) / 1000))
}

async function readError(response: Response): Promise<ApiError> {
  const requestId = response.headers.get('x-request-id') ?? undefined
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'))
  try {
    const body: unknown = await response.json()
    if (isErrorBody(body)) {
      return new ApiError(
        response.status,
        {
          code: body.code,
          message: body.message,
          details: Array.isArray(body.details) ? body.details : [],
          requestId: body.requestId ?? requestId,
        },
        true,
        retryAfter,
      )
    }
  } catch {
    // Not JSON: fall through to a generic message with the status.
  }
  const message = unexpectedMessage(state.language, response.status)
  return new ApiError(response.status, { code: 'internal', message, details: [], requestId }, false, retryAfter)
}

/** Sends a call; the answer when it is 2xx, else the ApiError thrown after the hooks have run. */
async function send(method: Method, path: string, options: RequestOptions, accept: string): Promise<Response> {
  const headers: Record<string, string> = {
    Accept: accept,
    'Accept-Language': state.language,
  }
  const write = WRITE_METHODS.has(method)
  if (write && state.csrfToken) headers['X-CSRF-Token'] = state.csrfToken
  let body: string | Blob | undefined
  if (options.file) {
    headers['Content-Type'] = options.file.type
    body = options.file.content
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(options.body)
  }
  const notify = options.notify ?? write

  let response: Response
  try {
    response = await fetch(state.baseUrl + buildUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    })
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause
    const error = new ApiError(0, { code: 'unavailable', message: networkMessage(state.language), details: [] }, false)
    if (notify) state.hooks.notify?.(error.message)
    throw error
  }

  if (response.ok) return response

  const error = await readError(response)
  if (response.status === 401 && !options.skipAuthRedirect) {
    state.hooks.onUnauthenticated?.(error)
    // The login page explains itself; do not stack a toast on top of the redirect.
    throw error
  }
  if (response.status === 403 && error.hasField('password')) {
    state.hooks.onPasswordChangeRequired?.(error)
    throw error
  }
  if (response.status === 403 && error.hasField('totp') && state.hooks.onTotpSetUpRequired) {
    state.hooks.onTotpSetUpRequired(error)
    throw error
  }
  if (notify) state.hooks.notify?.(errorMessage(error))
  throw error
}

export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  return (await requestUnparsed<T>(method, path, options))()
}

/**
 * The answer of a call as soon as its bytes have arrived, parsed only when the returned function is
 * first called (then kept): a page can ask for a large answer early and pay for its parse once it
 * has painted what it needs first. Errors are thrown as request() throws them, before any parse.
 */
export async function requestUnparsed<T>(method: Method, path: string, options: RequestOptions = {}): Promise<() => T> {
  const response = await send(method, path, options, 'application/json')
  if (response.status === 204 || response.headers.get('content-length') === '0') return () => undefined as T
  const text = await response.text()
  let parsed: { value: T } | null = null
  return () => {
    parsed ??= { value: (text ? JSON.parse(text) : undefined) as T }
    return parsed.value
  }
}

/** A file the server sends as an attachment: its content and the name it gives it. */
export interface Download {
  blob: Blob
  filename: string
}

/**
 * The file name of a Content-Disposition header: the UTF-8 `filename*` (RFC 6266/5987) when
 * given, else `filename`; `fallback` when neither is.
 */
export function dispositionFilename(header: string | null, fallback: string): string {
  if (!header) return fallback
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header)
  if (extended) {
    try {
      return decodeURIComponent(extended[2]!.trim().replace(/^"|"$/g, ''))
    } catch {
      // A malformed escape: fall back to the plain name.
    }
  }
  const plain = /filename\s*=\s*("((?:[^"\\]|\\.)*)"|[^;]+)/i.exec(header)
  if (plain) return (plain[2] !== undefined ? plain[2].replace(/\\(.)/g, '$1') : plain[1]!.trim()) || fallback
  return fallback
}

/** The types the server sends files as (the Accept of a download). */
export const FILE_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const

/** A file to ask for: its route, its query, its type, and its name if the server gives none. */
export interface FileRequest {
  path: string
  query?: Record<string, QueryValue>
  accept: string
  fallbackName: string
}

/**
 * Downloads a file with GET (the session cookie, the language), as a list's export: a refusal
 * (too many rows, no right) is an ApiError with the server's message, as for any other call, and
 * is not shown by the client (the caller shows it once).
 */
export async function download(path: string, query: Record<string, QueryValue>, accept: string, fallbackName: string): Promise<Download> {
  const response = await send('GET', path, { query, notify: false }, `${accept}, application/json`)
  const blob = await response.blob()
  return { blob, filename: dispositionFilename(response.headers.get('content-disposition'), fallbackName) }
}

/**
 * A body without its empty optional texts: the server refuses "" for a field it defaults to ""
 * (a volunteer's skills, a refusal's reason, a worker's certificate number) — left out, it takes
 * its default.
 */
export function withoutEmpty<T extends object>(body: T): T {
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== '')) as T
}

export const http = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('GET', path, options),
  /** GET whose answer is parsed when first read (see requestUnparsed). */
  getUnparsed: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => requestUnparsed<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PATCH', path, { ...options, body }),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
  /** POSTs a file as the request body (an upload route: the server reads the file as sent). */
  upload: <T>(path: string, content: Blob, type: string, options?: Omit<RequestOptions, 'body' | 'file'>) =>
    request<T>('POST', path, { ...options, file: { content, type } }),
}

// 403 details that signal where to send the user (a password to change, a second factor to set
// up) rather than explain the refusal.
const SIGNAL_FIELDS: ReadonlySet<string> = new Set(['password', 'totp'])

/**
 * The message to show for anything a call threw. A refusal (403) carries its reasons in the
 * details ("the account holds 网格员 at 第一网格, outside your scope…"): the general message alone
 * would not say what to do, so they are added to it.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status !== 403) return error.message
    const english = state.language.startsWith('en')
    const reasons = error.details.filter((d) => !SIGNAL_FIELDS.has(d.field)).map((d) => d.reason).filter(Boolean)
    if (reasons.length === 0) return error.message
    return `${error.message}${english ? ': ' : '：'}${reasons.join(english ? '; ' : '；')}`
  }
  if (error instanceof Error) return error.message
  return String(error)
}
