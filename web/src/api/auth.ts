// Sessions, the signed-in user and passwords: /api/v1/auth/…
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

export interface RoleDefinition {
  role: RoleKey | string
  roleName: string
  permissions: string[]
}

export function login(input: LoginInput): Promise<LoginResult> {
  // A wrong password answers 401: the login form shows it, no redirect.
  return http.post<LoginResult>('/api/v1/auth/login', input, { skipAuthRedirect: true, notify: false })
}

export function logout(): Promise<void> {
  return http.post<void>('/api/v1/auth/logout', undefined, { skipAuthRedirect: true })
}

/** The signed-in user. 401 when nobody is signed in; 404 on a server without authentication. */
export function me(): Promise<Me> {
  return http.get<Me>('/api/v1/auth/me', { skipAuthRedirect: true })
}

export function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  return http.post<void>('/api/v1/auth/password', { currentPassword, newPassword }, { notify: false })
}

export async function listRoles(signal?: AbortSignal): Promise<RoleDefinition[]> {
  const result = await http.get<{ items: RoleDefinition[] }>('/api/v1/auth/roles', { signal })
  return result.items
}
