// The community an account without a village-level role (an official looking at these pages)
// has chosen to look at, remembered on the device per account; and where the sign-in page returns.
import type { RoleGrant } from '@/api/auth'
import { codeLevel } from '@/utils/codes'
import { readSetting, writeSetting } from '@/utils/storage'

function key(account: string): string {
  return `h5.community.${account}`
}

export function chosenCommunity(account: string): string | null {
  return readSetting(key(account))
}

export function chooseCommunity(account: string, code: string | null): void {
  writeSetting(key(account), code)
}

/** The village or community of an account's role there (or in one of its grids), else null. */
export function roleCommunity(roles: readonly Pick<RoleGrant, 'unitCode'>[]): string | null {
  const grant = roles.find((r) => codeLevel(r.unitCode) >= 5)
  return grant ? grant.unitCode.slice(0, 12) : null
}

/** The community the pages show an account: its role's, else the one it chose (null: none yet). */
export function shownCommunity(roles: readonly Pick<RoleGrant, 'unitCode'>[], account: string): string | null {
  return roleCommunity(roles) ?? chosenCommunity(account)
}

/**
 * Where the sign-in page returns to (?next=): a path of these pages, never another site ("//x",
 * "https://x") nor the sign-in page itself; null for anything else.
 */
export function nextPage(value: unknown): string | null {
  const path = Array.isArray(value) ? value[0] : value
  if (typeof path !== 'string' || !path.startsWith('/') || path.startsWith('//') || path.includes('\\')) return null
  if (path === '/login' || path.startsWith('/login?')) return null
  return path
}
