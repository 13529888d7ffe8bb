// Sessions, the signed-in user, passwords and the second factor: /api/v1/auth/…
import { http } from '@/utils/request'

export type RoleKey =
  | 'province_admin'
  | 'city_admin'
  | 'county_admin'
  | 'township_admin'
  | 'community_worker'
  | 'grid_worker'
  | 'volunteer'
  | 'resident'
  | 'system_admin'
  | 'security_admin'
  | 'audit_admin'

export interface RoleGrant {
  role: RoleKey | string
  roleName: string
  unitCode: string
  unitName: string
}

export interface User {
  id: number | string
  username: string
  displayName: string
  /** Masked ("138****5678") or null. */
  phone: string | null
  status: 'active' | 'disabled'
  unitCode: string
  unitName: string
  roles: RoleGrant[]
  /** A second factor (动态口令, TOTP) is in force: signing in needs a one-time code too. */
  totpEnabled: boolean
  version: number
}

export interface LoginInput {
  username: string
  password: string
  totpCode?: string
}

export interface LoginResult {
  user: User
  csrfToken: string
  mustChangePassword: boolean
}

export interface Me {
  user: User
  roles: RoleGrant[]
  permissions: string[]
  csrfToken: string
  mustChangePassword: boolean
}

/** A second factor being set up: the secret (base32) and the otpauth:// URI for the QR code. */
export interface TotpSetup {
  secret: string
  uri: string
}

export interface RoleDefinition {
  role: RoleKey | string
  roleName: string
  permissions: string[]
  /** One of the three separated administrators: granted only on the server (403 through the API). */
  separatedDuty: boolean
  /** The unit levels the role may be held at: 1 province, 2 city, 3 county, 4 township, 5 village, 6 grid. */
  levels: number[]
}

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
  const result = await http.get<{ items: RoleDefinition[] }>('/api/v1/auth/roles', { signal })
  return result.items
}
