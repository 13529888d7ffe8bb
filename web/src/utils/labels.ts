// Translated labels for server keys (unit types, urban-rural codes, roles, permissions, audit
// actions, results and object types). The server sends Chinese names; the console shows its own
// translation when it has one and the server's text otherwise (a role or type added on the
// server later still shows).
import { i18n } from '@/locales'
import zhCN from '@/locales/zh-CN'
import en from '@/locales/en'
import { formatChinaDateTime } from '@/utils/format'

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

type DetailKey = keyof typeof zhCN.audit.details

interface DetailRule {
  pattern: RegExp
  key: DetailKey
  params: (m: RegExpExecArray) => Record<string, string>
}

// The server writes an entry's detail in English, in a few fixed shapes per action; those are
// shown in the reader's language. Rules are looked up by action, so that free text a person typed
// (the reason given to reveal a phone) is never mistaken for one of them. Anything else is shown
// as written.
// A refused attempt to manage an account that holds a role outside the caller's scope.
const HOLDS_ROLE: DetailRule = {
  pattern: /^holds ([a-z_]+) at (\d+)$/,
  key: 'holdsRole',
  params: (m) => ({ role: roleLabel(m[1]!), unit: m[2]! }),
}

const DETAIL_RULES: Record<string, DetailRule[]> = {
  'auth.apikey.revoke': [{ pattern: /^its issuer was disabled$/, key: 'issuerDisabled', params: () => ({}) }],
  'auth.login': [
    {
      pattern: /^(\d+) failed or refused sign-ins from (\S+) to (\S+) not recorded one by one; the last from (.+)$/,
      key: 'loginSummary',
      params: (m) => ({ n: m[1]!, from: formatChinaDateTime(m[2]), to: formatChinaDateTime(m[3]), source: m[4]! }),
    },
  ],
  'access.export': [{ pattern: /^(\d+) minutes$/, key: 'minutes', params: (m) => ({ n: m[1]! }) }],
  'access.siting.start': [
    {
      pattern: /^type (\S+), (\d+) sites, (\d+) minutes, (\d+) candidates given$/,
      key: 'siting',
      params: (m) => ({ type: m[1]!, k: m[2]!, m: m[3]!, c: m[4]! }),
    },
  ],
  'audit.purge': [
    { pattern: /^removed (\d+) entries that occurred before (\S+)$/, key: 'purged', params: (m) => ({ n: m[1]!, before: m[2]! }) },
  ],
  'pii.rekey': [{ pattern: /^(\d+) values re-sealed$/, key: 'resealed', params: (m) => ({ n: m[1]! }) }],
}

// Rules by result, for details the server writes whatever the action.
const RESULT_DETAIL_RULES: Record<string, DetailRule[]> = { refused: [HOLDS_ROLE] }

/** An audit entry's detail in the reader's language where the console knows its shape. */
export function auditDetail(action: string, detail: string | null | undefined, result = ''): string {
  if (!detail) return ''
  for (const rule of [...(RESULT_DETAIL_RULES[result] ?? []), ...(DETAIL_RULES[action] ?? [])]) {
    const m = rule.pattern.exec(detail)
    if (m) return i18n.global.t(`audit.details.${rule.key}`, rule.params(m))
  }
  return detail
}
