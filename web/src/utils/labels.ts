// Translated labels for server keys (unit types, urban-rural codes, roles, permissions). The
// server sends Chinese names; the console shows its own translation when it has one and the
// server's text otherwise (a role or type added on the server later still shows).
import { i18n } from '@/locales'

function lookup(key: string, fallback: string): string {
  const { t, te } = i18n.global
  // te() checks the current locale; fall back to the default locale's text before the server's.
  return te(key) || te(key, 'zh-CN') ? t(key) : fallback
}

export function unitTypeLabel(unitType: string, fallback = unitType): string {
  return lookup(`unitType.${unitType}`, fallback)
}

export function urbanRuralLabel(code: string, fallback = code): string {
  return lookup(`urbanRural.${code}`, fallback)
}

export function roleLabel(role: string, fallback = role): string {
  return lookup(`role.names.${role}`, fallback)
}

export function permissionLabel(permission: string): string {
  return lookup(`permission.${permission}`, permission)
}

export function levelLabel(level: number, fallback = String(level)): string {
  return lookup(`level.${level}`, fallback)
}
