// Translated labels for server keys the whole console shows (unit types, urban-rural codes,
// levels, roles) and for the permissions every module declares. The server sends Chinese names;
// the console shows its own translation when it has one and the server's text otherwise (a role
// or type added on the server later still shows).
import { i18n, type Locale } from '@/locales'
import { moduleLabels, type LabelSection } from '@/modules/registry'

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
  return lookup(`roles.${role}`, fallback)
}

export function levelLabel(level: number, fallback = String(level)): string {
  return lookup(`level.${level}`, fallback)
}

const tables = new Map<string, Readonly<Record<string, string>>>()

/**
 * What the modules call a code the server declares (a permission, an audit action or object
 * type), in the current language, else in Chinese, else the code itself. The codes contain dots
 * and colons, so they are looked up in the modules' tables, not by key path.
 */
export function codeLabel(section: LabelSection, code: string): string {
  const table = (locale: Locale) => {
    const key = `${section}:${locale}`
    if (!tables.has(key)) tables.set(key, moduleLabels(section, locale))
    return tables.get(key)!
  }
  return table(i18n.global.locale.value)[code] ?? table('zh-CN')[code] ?? code
}

export function permissionLabel(permission: string): string {
  return codeLabel('permissions', permission)
}
