// Permission strings the console knows (see the access contract), and helpers to check them.

export const PERMISSIONS = [
  'org:unit:read',
  'org:grid:read',
  'org:grid:create',
  'org:grid:update',
  'org:grid:delete',
  'auth:user:read',
  'auth:user:create',
  'auth:user:update',
  'auth:user:unmask',
  'auth:role:assign',
  'auth:apikey:manage',
  'audit:log:read',
  'system:metrics:read',
  'access:coverage:read',
  'access:siting:run',
  'jobs:job:read',
  'jobs:job:cancel',
] as const

export type Permission = (typeof PERMISSIONS)[number]

/** A route or button needs any one of `required` (none required: always allowed). */
export function allows(held: readonly string[], required: string | readonly string[] | undefined): boolean {
  if (required === undefined) return true
  const list = typeof required === 'string' ? [required] : required
  if (list.length === 0) return true
  return list.some((p) => held.includes(p))
}
