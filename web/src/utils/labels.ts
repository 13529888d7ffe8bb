// Translated labels for server keys (unit types, urban-rural codes, roles, permissions, audit
// actions, results and object types). The server sends Chinese names; the console shows its own
// translation when it has one and the server's text otherwise (a role or type added on the
// server later still shows).
import { i18n } from '@/locales'
import zhCN from '@/locales/zh-CN'
import en from '@/locales/en'

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

type AuditLabels = 'actions' | 'results' | 'objectTypes'

// Audit keys contain dots ("auth.login", "user.phone"), so they are looked up in the message
// objects, not by key path.
function auditLookup(section: AuditLabels, key: string): string {
  const locale = i18n.global.locale.value
  const own = (locale === 'en' ? en : zhCN).audit[section] as Record<string, string>
  const fallback = zhCN.audit[section] as Record<string, string>
  return own[key] ?? fallback[key] ?? key
}

/** The audit actions the console has names for, e.g. for a filter list. */
export const AUDIT_ACTIONS: readonly string[] = Object.keys(zhCN.audit.actions)

export function auditActionLabel(action: string): string {
  return auditLookup('actions', action)
}

export function auditObjectTypeLabel(objectType: string): string {
  return auditLookup('objectTypes', objectType)
}

/**
 * An audit result as the server writes it: a key ("success", "totp_failure"), sometimes followed
 * by what happened ("success: 3 added, 0 changed, 0 moved"). The key is translated, the rest kept.
 */
export function auditResult(result: string): { key: string; label: string; note: string } {
  const colon = result.indexOf(':')
  const key = colon < 0 ? result : result.slice(0, colon)
  const note = colon < 0 ? '' : result.slice(colon + 1).trim()
  return { key, label: auditLookup('results', key), note }
}
