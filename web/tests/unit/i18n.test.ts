// Every text exists in Chinese and in English, and every key the code uses exists.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import zhCN from '@/locales/zh-CN'
import en from '@/locales/en'
import { i18n } from '@/locales'
import { PERMISSIONS } from '@/utils/permission'

type Tree = { [key: string]: string | Tree }

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
    const zhKeys = keys(zhCN as unknown as Tree).sort()
    const enKeys = keys(en as unknown as Tree).sort()
    expect(enKeys).toEqual(zhKeys)
    for (const k of zhKeys) {
      expect(get(zhCN as unknown as Tree, k), k).not.toBe('')
      expect(get(en as unknown as Tree, k), k).not.toBe('')
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
    const missing = [...used].filter((k) => get(zhCN as unknown as Tree, k) === undefined)
    expect(missing).toEqual([])
  })

  it('label every unit type, level, urban-rural code, role and permission', () => {
    // The server's API description names the unit types (and roles) it answers with.
    const api = JSON.parse(readFileSync(join(srcDir, 'api/generated/openapi.json'), 'utf8')) as {
      components: { schemas: Record<string, { enum?: string[] }> }
    }
    const unitTypes = api.components.schemas.UnitType?.enum ?? []
    expect(unitTypes).toHaveLength(16)
    const roles = readFileSync(join(srcDir, 'api/auth.ts'), 'utf8')
    const roleKeys = [...(/export type RoleKey =([^;]+?)\n\n/s.exec(roles)?.[1] ?? '').matchAll(/'([a-z_]+)'/g)].map((m) => m[1]!)
    expect(roleKeys).toHaveLength(11)
    const wanted = [
      ...unitTypes.map((k) => `unitType.${k}`),
      ...['1', '2', '3', '4', '5', '6'].map((k) => `level.${k}`),
      ...['111', '112', '121', '122', '123', '210', '220'].map((k) => `urbanRural.${k}`),
      ...roleKeys.map((k) => `role.names.${k}`),
    ]
    for (const k of wanted) expect(i18n.global.te(k, 'en') && i18n.global.te(k, 'zh-CN'), k).toBe(true)
    for (const p of PERMISSIONS) {
      expect(i18n.global.t(`permission.${p}`)).not.toBe(`permission.${p}`)
    }
  })

  it('render messages with parameters in both languages', () => {
    i18n.global.locale.value = 'en'
    expect(i18n.global.t('grid.created', { name: '第四网格' })).toBe('Grid “第四网格” created')
    expect(i18n.global.t('permission.org:grid:create')).toBe('Create grids')
    i18n.global.locale.value = 'zh-CN'
    expect(i18n.global.t('grid.created', { name: '第四网格' })).toBe('已新建网格“第四网格”')
    expect(i18n.global.t('common.total', { n: 3 })).toBe('共 3 条')
  })
})
