// Work that may wait for the page: done when the browser is idle, in slices short enough that
// whatever the user (or the page) does next is not held up behind it.

/** Resolves after the browser has painted the next frame. */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
}

/** Resolves once the browser is idle, at the latest after `timeoutMs`. */
export function whenIdle(timeoutMs = 1000): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: timeoutMs })
    else setTimeout(resolve, 0)
  })
}

export interface IdleSlices {
  /** Waits for the browser to be idle if the current slice has used up its time (the first call always waits). */
  pause(): Promise<void>
}

/** Slices of at most about `budgetMs` each (a step that takes longer is not cut short). */
export function idleSlices(budgetMs: number, now: () => number = () => performance.now(), idle: () => Promise<void> = whenIdle): IdleSlices {
  let started = -Infinity
  return {
    async pause() {
      if (now() - started < budgetMs) return
      await idle()
      started = now()
    },
  }
}
