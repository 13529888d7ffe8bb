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
