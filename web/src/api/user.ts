// Accounts within the caller's scope: /api/v1/users…
import { http } from '@/utils/request'
import type { User } from './auth'
import type { PageQuery, PageResult } from './types'

export interface RoleAssignment {
  role: string
  unitCode: string
}

export interface UserQuery extends PageQuery {
  unit?: string
  q?: string
}

export interface NewUser {
  username: string
  displayName: string
  phone?: string
  password: string
  unitCode: string
  /** Optional: an account may start with no roles and get them later (PUT …/roles). */
  roles?: RoleAssignment[]
}

export interface UserChange {
  version: number
  displayName?: string
  status?: 'active' | 'disabled'
}

export function listUsers(query: UserQuery, signal?: AbortSignal): Promise<PageResult<User>> {
  return http.get<PageResult<User>>('/api/v1/users', {
    query: { unit: query.unit, q: query.q, page: query.page, pageSize: query.pageSize },
    signal,
  })
}

export interface PhoneSearch extends UserQuery {
  /** The whole mobile number, 11 digits: matched exactly. */
  phone: string
}

/**
 * Accounts with this mobile number. A POST, so that the number travels in the body: a URL is
 * written to proxies' access logs and the browser's history (GET …?phone= is refused).
 */
export function searchUsersByPhone(query: PhoneSearch, signal?: AbortSignal): Promise<PageResult<User>> {
  return http.post<PageResult<User>>(
    '/api/v1/users/search',
    { phone: query.phone, unit: query.unit, q: query.q || undefined, page: query.page, pageSize: query.pageSize },
    { signal, notify: false },
  )
}

export function createUser(input: NewUser): Promise<User> {
  return http.post<User>('/api/v1/users', input, { notify: false })
}

/** `notify: false` where a dialog shows the error in place (the interceptor would repeat it). */
export function updateUser(id: User['id'], change: UserChange, options: { notify?: boolean } = {}): Promise<User> {
  return http.patch<User>(`/api/v1/users/${encodeURIComponent(String(id))}`, change, options)
}

export function assignRoles(id: User['id'], version: number, roles: RoleAssignment[], options: { notify?: boolean } = {}): Promise<User> {
  return http.put<User>(`/api/v1/users/${encodeURIComponent(String(id))}/roles`, { version, roles }, options)
}

/**
 * A new generated password for someone who forgot theirs or is locked out (shown once; to be
 * changed at their next login). `forgetTotp` also removes a lost second factor.
 */
export function resetPassword(id: User['id'], forgetTotp: boolean): Promise<{ temporaryPassword: string }> {
  return http.post<{ temporaryPassword: string }>(`/api/v1/users/${encodeURIComponent(String(id))}/password-reset`, { forgetTotp })
}
