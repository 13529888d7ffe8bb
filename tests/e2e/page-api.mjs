// What several browser-test parts share: the China date a number of days from today, and a fetch
// of the API from inside the page as the signed-in user.

/** The China date `days` after today (YYYY-MM-DD): the dates the server checks. */
export function chinaDay(days = 0) {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10)
}

/** A fetch in the page as the signed-in user (the CSRF token from /auth/me). */
export function makeApi(page) {
  return async function api(method, path, body) {
    return page.evaluate(
      async ({ method, path, body }) => {
        const me = await (await fetch('/api/v1/auth/me')).json()
        const response = await fetch(path, {
          method,
          headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrfToken },
          body: body === undefined ? undefined : JSON.stringify(body),
        })
        const text = await response.text()
        return { status: response.status, body: text ? JSON.parse(text) : null }
      },
      { method, path, body },
    )
  }
}
