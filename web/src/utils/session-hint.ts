// Whether this browser may hold a session, so that a visit with none (the login page, a first
// visit) does not ask the server who is signed in only to be told 401 — which the browser logs as
// an error on every such visit.
//
// The server's session cookie is HttpOnly (src/auth/routes.cpp) and no other cookie says that one
// exists, so the console keeps its own hint: a cookie it sets when a sign-in succeeds, with the
// session cookie's lifetime (Max-Age 43200 s = 12 h), and removes whenever the session ends (sign-out,
// a password change, any 401). Being a cookie, it goes wherever the session cookie goes: the
// console and the resident pages share it, and clearing the browser's cookies clears both.
// Without the hint the console treats the visitor as signed out without asking; with it, it asks,
// and a session that ended meanwhile (idle timeout, signed out elsewhere) answers 401 as before.

const NAME = 'shequ_signed_in'
/** The server's session lifetime (session_cookie in src/auth/routes.cpp). */
const MAX_AGE_SECONDS = 43_200

/** Reads and writes the page's cookies; tests give their own. */
export interface CookieJar {
  read(): string
  write(cookie: string): void
}

function documentJar(): CookieJar | null {
  if (typeof document === 'undefined') return null
  return {
    read: () => document.cookie,
    write: (cookie) => {
      document.cookie = cookie
    },
  }
}

let jar: CookieJar | null = documentJar()

/** Replaces the cookie jar (null: none, as outside a browser, where every visit asks). */
export function setCookieJar(next: CookieJar | null): void {
  jar = next
}

/** False when this browser certainly holds no session; true when it may. */
export function mayHaveSession(): boolean {
  if (!jar) return true
  return jar
    .read()
    .split(';')
    .some((c) => c.trim() === `${NAME}=1`)
}

function secure(): string {
  return typeof location !== 'undefined' && location.protocol === 'https:' ? '; Secure' : ''
}

/** A sign-in succeeded: the server has set its session cookie. */
export function noteSignedIn(): void {
  jar?.write(`${NAME}=1; Path=/; Max-Age=${MAX_AGE_SECONDS}; SameSite=Strict${secure()}`)
}

/** The session ended (or there was none). */
export function noteSignedOut(): void {
  jar?.write(`${NAME}=; Path=/; Max-Age=0; SameSite=Strict${secure()}`)
}
