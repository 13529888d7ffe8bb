// Sessions, the signed-in user, passwords and the second factor: /api/v1/auth/…
import { http } from '@/utils/request'
import type { Reply, RequestBody, Schema } from './types'

/** A built-in role's key. */
export type RoleKey = Schema<'RoleKey'>
/** A role held at a unit: its subtree is where the role applies. */
export type RoleGrant = Schema<'RoleGrant'>
/**
 * An account: `phone` is masked ("138****5678") or null; `totpEnabled`: a second factor (动态口令,
 * TOTP) is in force, so signing in needs a one-time code too.
 */
export type User = Schema<'User'>
export type LoginInput = RequestBody<'/api/v1/auth/login', 'post'>
export type LoginResult = Schema<'Login'>
export type Me = Schema<'Me'>
/** A second factor being set up: the secret (base32) and the otpauth:// URI for the QR code. */
export type TotpSetup = Schema<'TotpSetup'>
/**
 * A built-in role: `separatedDuty` for the three separated administrators, granted only on the
 * server (403 through the API); `levels` the unit levels it may be held at (1 province … 6 grid).
 */
export type RoleDefinition = Schema<'RoleDefinition'>

export function login(input: LoginInput): Promise<LoginResult> {
  // A wrong password answers 401: the login form shows it, no redirect.
  return http.post<LoginResult>('/api/v1/auth/login', input, { skipAuthRedirect: true, notify: false })
}

export function logout(): Promise<void> {
  return http.post<void>('/api/v1/auth/logout', undefined, { skipAuthRedirect: true })
}

/** The signed-in user. 401 when nobody is signed in. */
export function me(): Promise<Me> {
  return http.get<Me>('/api/v1/auth/me', { skipAuthRedirect: true })
}

/**
 * 400 names the field (`currentPassword` wrong, `newPassword` against the policy or one of the last
 * five); 401 when the session is gone, also because the fifth wrong current password locked the
 * account: the caller shows the server's message, so no redirect here.
 */
export function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  return http.post<void>('/api/v1/auth/password', { currentPassword, newPassword }, { notify: false, skipAuthRedirect: true })
}

/**
 * Starts setting up the one-time code: a fresh secret each call (an earlier one not yet confirmed
 * is replaced). 409 when the account already has one.
 */
export function setupTotp(): Promise<TotpSetup> {
  return http.post<TotpSetup>('/api/v1/auth/totp/setup', undefined, { notify: false })
}

/** Puts the second factor in force with a code from it; a wrong code is 400 with details[code]. */
export function enableTotp(code: string): Promise<void> {
  return http.post<void>('/api/v1/auth/totp/enable', { code }, { notify: false })
}

export async function listRoles(signal?: AbortSignal): Promise<RoleDefinition[]> {
  const result = await http.get<Reply<'/api/v1/auth/roles', 'get'>>('/api/v1/auth/roles', { signal })
  return result.items
}
