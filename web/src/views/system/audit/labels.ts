// The audit log's reading of an entry: its action and object type by the names the modules give
// them, its result, and its detail in the reader's language where a module knows its shape.
import { i18n } from '@/locales'
import { consoleModules, moduleLabels } from '@/modules/registry'
import type { AuditDetailRule, DetailLabels } from '@/modules/types'
import { codeLabel, roleLabel } from '@/utils/labels'

/** The audit actions the modules have names for, e.g. for a filter list. */
export const AUDIT_ACTIONS: readonly string[] = Object.keys(moduleLabels('auditActions', 'zh-CN'))

export function auditActionLabel(action: string): string {
  return codeLabel('auditActions', action)
}

export function auditObjectTypeLabel(objectType: string): string {
  return codeLabel('auditObjects', objectType)
}

/**
 * An audit result as the server writes it: a key ("success", "totp_failure"), sometimes followed
 * by what happened ("success: 3 added, 0 changed, 0 moved"). The key is translated, the rest kept.
 */
export function auditResult(result: string): { key: string; label: string; note: string } {
  const colon = result.indexOf(':')
  const key = colon < 0 ? result : result.slice(0, colon)
  const note = colon < 0 ? '' : result.slice(colon + 1).trim()
  const { t, te } = i18n.global
  const label = te(`audit.results.${key}`, 'zh-CN') ? t(`audit.results.${key}`) : key
  return { key, label, note }
}

const LABELS: DetailLabels = { role: roleLabel, message: (key) => i18n.global.t(key) }

/** Each module's rules, with the module whose messages they name. */
const RULES: readonly { module: string; rule: AuditDetailRule }[] = consoleModules.flatMap((m) =>
  (m.auditDetailRules ?? []).map((rule) => ({ module: m.name, rule })),
)

/** An audit entry's detail in the reader's language where a module knows its shape; else as written. */
export function auditDetail(action: string, detail: string | null | undefined, result = ''): string {
  if (!detail) return ''
  // Rules by result first: they hold for an entry whatever its action.
  const rules = [...RULES.filter((r) => r.rule.result === result), ...RULES.filter((r) => r.rule.action === action)]
  for (const { module, rule } of rules) {
    const m = rule.pattern.exec(detail)
    if (m) return i18n.global.t(`${module}.auditDetails.${rule.message}`, rule.params(m, LABELS))
  }
  return detail
}
