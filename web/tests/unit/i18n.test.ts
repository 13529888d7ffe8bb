// Every text exists in Chinese and in English, and every key the code uses exists; each module's
// strings stay in its own namespace.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import zhShared from '@/locales/zh-CN'
import { i18n, messages } from '@/locales'
import { consoleModules, PERMISSIONS, type LabelSection } from '@/modules/registry'
import { MENU_GROUPS, menuGroupTitle } from '@/router/menu'
import { permissionLabel } from '@/utils/labels'

type Tree = { [key: string]: string | Tree }

const zhCN = messages['zh-CN'] as unknown as Tree
const en = messages.en as unknown as Tree

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)))
}

function get(tree: Tree, path: string): unknown {
  // Keys may contain ':' (permissions); split on the first dot only where the tree has no such key.
  let node: unknown = tree
  let rest = path
  while (rest) {
    if (typeof node !== 'object' || node === null) return undefined
    const record = node as Record<string, unknown>
    if (rest in record) return record[rest]
    const dot = rest.indexOf('.')
    if (dot < 0) return undefined
    node = record[rest.slice(0, dot)]
    rest = rest.slice(dot + 1)
  }
  return node
}

const srcDir = fileURLToPath(new URL('../../src', import.meta.url))

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sources(path)
    return /\.(ts|vue)$/.test(name) && !path.includes('/locales/') ? [path] : []
  })
}

describe('locales', () => {
  it('have the same keys in both languages, none empty', () => {
    const zhKeys = keys(zhCN).sort()
    const enKeys = keys(en).sort()
    expect(enKeys).toEqual(zhKeys)
    for (const k of zhKeys) {
      expect(get(zhCN, k), k).not.toBe('')
      expect(get(en, k), k).not.toBe('')
    }
  })

  it('cover every key the code names', () => {
    const used = new Set<string>()
    for (const file of sources(srcDir)) {
      const text = readFileSync(file, 'utf8')
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.:-]+)'/g)) used.add(m[1]!)
      for (const m of text.matchAll(/title: '([a-zA-Z0-9_]+\.[a-zA-Z0-9_.]+)'/g)) used.add(m[1]!)
    }
    expect(used.size).toBeGreaterThan(100)
    const missing = [...used].filter((k) => get(zhCN, k) === undefined)
    expect(missing).toEqual([])
  })

  it('label every unit type, level, urban-rural code, role, permission and menu group', () => {
    // The server's API description names the unit types (and roles) it answers with.
    const api = JSON.parse(readFileSync(join(srcDir, 'api/generated/openapi.json'), 'utf8')) as {
      components: { schemas: Record<string, { enum?: string[] }> }
    }
    const unitTypes = api.components.schemas.UnitType?.enum ?? []
    expect(unitTypes).toHaveLength(16)
    const roleKeys = api.components.schemas.RoleKey?.enum ?? []
    expect(roleKeys).toHaveLength(11)
    const wanted = [
      ...unitTypes.map((k) => `unitType.${k}`),
      ...['1', '2', '3', '4', '5', '6'].map((k) => `level.${k}`),
      ...['111', '112', '121', '122', '123', '210', '220'].map((k) => `urbanRural.${k}`),
      ...roleKeys.map((k) => `roles.${k}`),
      ...MENU_GROUPS.map(menuGroupTitle),
    ]
    for (const k of wanted) expect(i18n.global.te(k, 'en') && i18n.global.te(k, 'zh-CN'), k).toBe(true)
    expect(PERMISSIONS.length).toBeGreaterThan(10)
    for (const p of PERMISSIONS) expect(permissionLabel(p), p).not.toBe(p)
  })

  it('render messages with parameters in both languages', () => {
    i18n.global.locale.value = 'en'
    expect(i18n.global.t('org.grid.created', { name: '第四网格' })).toBe('Grid “第四网格” created')
    expect(permissionLabel('org:grid:create')).toBe('Create grids')
    i18n.global.locale.value = 'zh-CN'
    expect(i18n.global.t('org.grid.created', { name: '第四网格' })).toBe('已新建网格“第四网格”')
    expect(i18n.global.t('common.total', { n: 3 })).toBe('共 3 条')
  })
})

describe('module strings', () => {
  it('sit under each module name, apart from the shared ones and from each other', () => {
    const names = consoleModules.map((m) => m.name)
    expect(new Set(names).size).toBe(names.length)
    for (const name of names) expect(Object.keys(zhShared), name).not.toContain(name)
  })

  it("name only the module's own permissions", () => {
    for (const m of consoleModules) {
      for (const p of Object.keys(m.messages['zh-CN'].permissions ?? {})) expect(p.split(':')[0], p).toBe(m.name)
    }
  })

  it('label each code once', () => {
    for (const section of ['permissions', 'auditActions', 'auditObjects'] as LabelSection[]) {
      const all = consoleModules.flatMap((m) => Object.keys(m.messages['zh-CN'][section] ?? {}))
      expect(all.filter((code, i) => all.indexOf(code) !== i), section).toEqual([])
    }
  })

  it('give each audit detail rule its message', () => {
    for (const m of consoleModules) {
      for (const rule of m.auditDetailRules ?? []) {
        expect(m.messages['zh-CN'].auditDetails?.[rule.message], `${m.name}: ${rule.message}`).toBeTruthy()
        expect(Boolean(rule.action) !== Boolean(rule.result), `${m.name}: ${rule.message} applies to an action or a result`).toBe(true)
      }
    }
  })
})
