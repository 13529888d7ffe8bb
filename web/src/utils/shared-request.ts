// One request for several readers of the same data within moments of each other: the workbench's
// cards that show the same coverage, and the data the router asks for as soon as it knows the
// working unit, before the cards that read it have loaded (no waterfall). A failed request is not
// kept; everything is forgotten when someone signs in or out. Answers in another language (names
// of types, of levels) are other answers: the key includes the language the calls ask for.
import { requestLanguage } from './request'

interface Entry {
  at: number
  promise: Promise<unknown>
}

const entries = new Map<string, Entry>()

/** The answer of `load` for `key`, shared with every caller within `ttlMs` of the first. */
export function shareRequest<T>(key: string, load: () => Promise<T>, ttlMs: number, now = Date.now()): Promise<T> {
  const full = `${requestLanguage()}|${key}`
  const hit = entries.get(full)
  if (hit && now - hit.at < ttlMs) return hit.promise as Promise<T>
  const promise = load()
  const entry = { at: now, promise }
  entries.set(full, entry)
  promise.catch(() => {
    if (entries.get(full) === entry) entries.delete(full)
  })
  return promise
}

/** Forgets every shared answer (another account may not see them). */
export function forgetSharedRequests(): void {
  entries.clear()
}
