// The one-time code (动态口令, TOTP, RFC 6238) as the set-up page shows and takes it.
//
// The server's secret is base32 (A–Z, 2–7), 32 characters for its 160 bits. People who cannot
// scan the QR code type it into the authenticator app by hand, so it is shown in groups of four;
// apps ignore the spaces. The code an app shows is 6 digits, renewed every 30 seconds.

/** The secret in groups of four ("JBSW Y3DP EHPK 3PXP"), without padding, upper case. */
export function groupSecret(secret: string): string {
  const clean = secret.replace(/[\s=]/g, '').toUpperCase()
  return clean.match(/.{1,4}/g)?.join(' ') ?? ''
}

/**
 * What a user typed into the code box, as the server takes it: full-width digits (a Chinese input
 * method's １２３) made plain, spaces, dashes and anything else dropped, at most 6.
 */
export function codeDigits(input: string): string {
  return input
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/\D/g, '')
    .slice(0, 6)
}

/** A code the server can check: exactly 6 digits. */
export function isCode(code: string): boolean {
  return /^\d{6}$/.test(code)
}
