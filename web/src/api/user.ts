// Accounts within the caller's scope: /api/v1/users…
import { http } from '@/utils/request'
import { shareRequest } from '@/utils/shared-request'
import type { User } from './auth'
import type { QueryOf, Reply, RequestBody, Schema } from './types'

export type RoleAssignment = Schema<'RoleAssignment'>
export type UserQuery = QueryOf<'/api/v1/users', 'get'>
/** `roles` optional: an account may start with none and get them later (PUT …/roles). */
export type NewUser = RequestBody<'/api/v1/users', 'post'>
export type UserChange = RequestBody<'/api/v1/users/{id}', 'patch'>
type UserPage = Schema<'UserPage'>

export function listUsers(query: UserQuery, signal?: AbortSignal): Promise<UserPage> {
  return http.get<UserPage>('/api/v1/users', {
    query: { unit: query.unit, q: query.q, page: query.page, pageSize: query.pageSize },
    signal,
  })
}

/** How many accounts the subtree of `unit` holds (the workbench's card), asked for once the unit is known. */
export async function countUsersShared(unit: string | undefined): Promise<UserPage> {
  return shareRequest(`auth.users.count/${unit ?? ''}`, () => listUsers({ unit, page: 1, pageSize: 1 }), 10_000)
}

/** `phone`: the whole mobile number, 11 digits, matched exactly. */
export type PhoneSearch = RequestBody<'/api/v1/users/search', 'post'>

/**
 * Accounts with this mobile number. A POST, so that the number travels in the body: a URL is
 * written to proxies' access logs and the browser's history (GET …?phone= is refused).
 */
export function searchUsersByPhone(query: PhoneSearch, signal?: AbortSignal): Promise<UserPage> {
  return http.post<UserPage>(
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

type PasswordReset = Reply<'/api/v1/users/{id}/password-reset', 'post'>

/**
 * A new generated password for someone who forgot theirs or is locked out (shown once; to be
 * changed at their next login). `forgetTotp` also removes a lost second factor.
 */
export function resetPassword(id: User['id'], forgetTotp: boolean): Promise<PasswordReset> {
  return http.post<PasswordReset>(`/api/v1/users/${encodeURIComponent(String(id))}/password-reset`, { forgetTotp })
}
