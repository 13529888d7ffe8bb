// Mainland mobile numbers as people type them and as the server takes them (src/privacy/validators
// .cpp, validate_mobile): 11 digits starting 13–19.

/**
 * What was typed into a phone box, as the server takes it: full-width digits (a Chinese input
 * method's １３８) made plain, and the spaces, dashes and brackets of "138 1234 5678" or
 * "138-1234-5678" dropped. A leading +86 or 0086 is dropped too.
 */
export function phoneDigits(input: string): string {
  return input
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[\s\-()（）\u3000]/g, '')
    .replace(/^(?:\+|00)86(?=1\d{10}$)/, '')
}

/** A number the server can search for: 11 digits starting 13–19. */
export function isMobile(phone: string): boolean {
  return /^1[3-9]\d{9}$/.test(phone)
}

/**
 * A phone number as a `tel:` link: what a phone dials when the number is tapped. Digits only
 * (full-width made plain, separators dropped), a leading + kept; null when there is nothing to
 * dial or the number is masked (138****5678 cannot be called).
 */
export function telHref(phone: string | null | undefined): string | null {
  if (!phone || phone.includes('*')) return null
  const plain = phone.trim().replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
  const digits = plain.replace(/\D/g, '')
  if (digits.length < 3) return null
  return `tel:${plain.startsWith('+') ? '+' : ''}${digits}`
}

/**
 * A phone number as shown to people: an 11-digit mobile in groups of 3-4-4 (138 1234 5678, easier
 * to read aloud and to copy onto a keypad), anything else (a landline 0931-8888001, a masked
 * 138****5678) as given; an em dash when there is none.
 */
export function phoneText(phone: string | null | undefined): string {
  const value = phone?.trim()
  if (!value) return '—'
  const mobile = phoneDigits(value)
  if (isMobile(mobile)) return `${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}`
  return value
}
