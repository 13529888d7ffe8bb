// The messages page's logic, apart from the page: where a message leads, and the filter as the
// address carries it (?unread=1, where the to-do 未读消息 leads).

/**
 * The console path a message links to, or null when there is nothing the console's router can
 * follow: no link (""), or anything that is not a path of this site ("https://…", "//host/…").
 */
export function messageLink(link: string | null | undefined): string | null {
  if (!link || !link.startsWith('/') || link.startsWith('//')) return null
  return link
}

/** Only unread messages: the address says ?unread=1 (true and a repeated parameter count too). */
export function unreadFromQuery(value: unknown): boolean {
  const first = Array.isArray(value) ? value[0] : value
  return first === '1' || first === 'true'
}
