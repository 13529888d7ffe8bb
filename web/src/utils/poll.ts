// Following a server-side job until it ends: ask for its state every `intervalMs` after the
// previous answer (never two requests at once), stop when it is final, when stop() is called
// (the page is left) or on an error. A few network failures in a row are tried again.
import { ApiError } from './request'

export interface PollOptions<J> {
  /** Asks the server for the job's current state. */
  fetch: (signal: AbortSignal) => Promise<J>
  /** Done or failed: nothing more will change. */
  isFinal: (job: J) => boolean
  /** Every answer, the final one included. */
  onUpdate: (job: J) => void
  /** The job could not be followed (after the retries for network failures). */
  onError: (error: unknown) => void
  intervalMs?: number
  /** Failures in a row that are tried again when `isTransient` says so. */
  retries?: number
  isTransient?: (error: unknown) => boolean
}

export interface Poller {
  /** Stops asking; an answer still on its way is dropped. */
  stop: () => void
  /** Still following the job. */
  readonly active: boolean
}

export const POLL_INTERVAL_MS = 500

/** No answer (status 0) or a gateway that could not reach the server: worth another try. */
export function isTransientError(error: unknown): boolean {
  return error instanceof ApiError && [0, 502, 503, 504].includes(error.status)
}

/** Starts following a job whose first state is `first` (as the call that started it answered). */
export function pollJob<J>(first: J, options: PollOptions<J>): Poller {
  const interval = options.intervalMs ?? POLL_INTERVAL_MS
  const retries = options.retries ?? 3
  const transient = options.isTransient ?? isTransientError
  let active = !options.isFinal(first)
  let timer: ReturnType<typeof setTimeout> | undefined
  let controller: AbortController | null = null
  let failures = 0

  function finish(): void {
    active = false
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
  }

  function schedule(): void {
    timer = setTimeout(() => void tick(), interval)
  }

  async function tick(): Promise<void> {
    timer = undefined
    if (!active) return
    const mine = new AbortController()
    controller = mine
    let job: J
    try {
      job = await options.fetch(mine.signal)
    } catch (error) {
      if (!active || controller !== mine) return
      controller = null
      if (transient(error) && failures < retries) {
        failures++
        schedule()
        return
      }
      finish()
      options.onError(error)
      return
    }
    if (!active || controller !== mine) return
    controller = null
    failures = 0
    const final = options.isFinal(job)
    if (final) finish()
    options.onUpdate(job)
    if (!final && active) schedule()
  }

  if (active) schedule()

  return {
    stop(): void {
      if (!active) return
      finish()
      controller?.abort()
      controller = null
    },
    get active(): boolean {
      return active
    },
  }
}
