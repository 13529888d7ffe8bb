// The console names what the server names: every permission the modules declare (each
// src/<module>/declaration.hpp, and the platform's in src/app/app.cpp), the roles by the server's
// own names (src/auth/roles.cpp is the reference), and every audit action, result and object type
// the server writes — in Chinese and in English, never as a raw code. A module's permissions and
// audit actions are labelled by the console module of the same name.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { i18n } from '@/locales'
import { consoleModules, PERMISSIONS } from '@/modules/registry'
import { permissionLabel, roleLabel } from '@/utils/labels'
import { auditActionLabel, auditDetail, auditObjectTypeLabel, auditResult } from '@/views/system/audit/labels'

const serverDir = fileURLToPath(new URL('../../../src', import.meta.url))

function sources(dir: string, wanted: (name: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sources(path, wanted)
    return wanted(name) ? [path] : []
  })
}

function cppSources(dir: string): string[] {
  return sources(dir, (name) => name.endsWith('.cpp'))
}

const rolesCpp = readFileSync(join(serverDir, 'auth/roles.cpp'), 'utf8')

/** {"city_admin", {"市级管理员", "City administrator"}, … (clang-format may break the line) */
const serverRoles = [...rolesCpp.matchAll(/\{"([a-z_]+)",\s*\{"([^"]+)", "([^"]+)"\}/g)].map((m) => ({
  key: m[1]!,
  zh: m[2]!,
  en: m[3]!,
}))

/** kUserRead = "auth:user:read" in a module's declaration; "system:metrics:read" in the platform's. */
const declarations = [...sources(serverDir, (name) => name === 'declaration.hpp'), join(serverDir, 'app/app.cpp')]
const serverPermissions = [
  ...new Set(declarations.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/"([a-z]+:[a-z]+:[a-z]+)"/g)].map((m) => m[1]!))),
]

/**
 * Each server module's name and the audit actions it declares: .name = "org", .audit_actions =
 * {{"org.grid.create", {"新建网格", …}}, … in src/<module>/declaration.cpp, and the platform's in
 * src/app/app.cpp.
 */
const declaredActions = [...sources(serverDir, (name) => name === 'declaration.cpp'), join(serverDir, 'app/app.cpp')].map((file) => {
  const text = readFileSync(file, 'utf8')
  return {
    module: /\.name = "([a-z]+)"/.exec(text)?.[1] ?? file,
    actions: [...text.matchAll(/\{"([a-z]+(?:\.[a-z]+)+)", \{"/g)].map((m) => m[1]!),
  }
})

/**
 * The labels the server declares for permissions and audit actions, by code: {kUnitRead, {"查看…",
 * "View …"}} (the constant resolved through declaration.hpp) and {"org.grid.create", {"新建网格",
 * "Create a grid"}} in src/<module>/declaration.cpp and src/app/app.cpp.
 */
function constantsOf(files: readonly string[]): Map<string, string> {
  return new Map(
    files.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/(k[A-Za-z]+) = "([a-z]+:[a-z]+:[a-z]+)"/g)].map((m) => [m[1]!, m[2]!] as const),
    ),
  )
}
// Two modules may name a constant alike (kRosterManage is the volunteers' and the workforce's): a
// declaration.cpp reads its own module's declaration.hpp first.
const constants = constantsOf(declarations)
const declaredLabels = [...sources(serverDir, (name) => name === 'declaration.cpp'), join(serverDir, 'app/app.cpp')].flatMap((file) => {
  const own = constantsOf(declarations.filter((d) => d === join(dirname(file), 'declaration.hpp')))
  return [...readFileSync(file, 'utf8').matchAll(/\{(k[A-Za-z]+|"[a-z.:]+"),\s*\{"([^"]+)",\s*"([^"]+)"\}\}/g)].map((m) => {
    const code = m[1]!.startsWith('"') ? m[1]!.slice(1, -1) : (own.get(m[1]!) ?? constants.get(m[1]!) ?? m[1]!)
    return { code, zh: m[2]!, en: m[3]! }
  })
})

/**
 * The events of audit::append: {"action", "objectType", id, "result"…}, where the action and the
 * object type may be `cond ? "a.b" : "a.c"` and the result a literal, a `cond ? "x" : "y"`, or
 * "success: …" text.
 */
const events = cppSources(serverDir).flatMap((file) =>
  [
    ...readFileSync(file, 'utf8').matchAll(
      /\{\s*(?:[a-z_]+ \? )?"([a-z]+(?:\.[a-z]+)+)"(?: : "([a-z]+(?:\.[a-z]+)+)")?,\s*(?:[a-z_]+ \? )?"([a-z_.]+)"(?: : "([a-z_.]+)")?,([^}]*)/g,
    ),
  ].map((m) => ({
    actions: [m[1]!, m[2]].filter((a): a is string => Boolean(a)),
    objectTypes: [m[3]!, m[4]].filter((o): o is string => Boolean(o)),
    results: [...m[5]!.matchAll(/"([a-z_]+)(?:"|:)/g)].map((r) => r[1]!),
  })),
)
const actions = [...new Set(events.flatMap((e) => e.actions))]
const objectTypes = [...new Set(events.flatMap((e) => e.objectTypes))]

/** A failed sign-in's result is chosen in code and passed on, not written into the event. */
const authCpp = readFileSync(join(serverDir, 'auth/sessions.cpp'), 'utf8')
const signInResults = [
  ...authCpp.matchAll(/refused_as = "([a-z_]+)"/g),
  ...authCpp.matchAll(/record_failed_login\([^;]*?"([a-z_]+)"/g),
  ...(/const std::string result =([^;]+);/.exec(authCpp)?.[1] ?? '').matchAll(/"([a-z_]+)"/g),
].map((m) => m[1]!)
const results = [...new Set([...events.flatMap((e) => e.results), ...signInResults])]

afterEach(() => {
  i18n.global.locale.value = 'zh-CN'
})

describe('labels of what the server names', () => {
  it('read the server sources', () => {
    expect(serverRoles).toHaveLength(11)
    expect(serverPermissions).toEqual(
      expect.arrayContaining(['auth:user:unmask', 'auth:apikey:manage', 'access:siting:run', 'org:unit:read', 'system:metrics:read']),
    )
    expect(actions).toEqual(
      expect.arrayContaining([
        'auth.role.revoke',
        'auth.totp.setup',
        'auth.totp.enable',
        'auth.apikey.create',
        'auth.apikey.revoke',
        'pii.unmask',
        'pii.rekey',
        'audit.purge',
        'access.export',
        'access.siting.start',
      ]),
    )
    expect(objectTypes).toEqual(expect.arrayContaining(['user', 'grid', 'user.phone', 'source', 'siting', 'coverage.csv']))
    expect(results).toEqual(expect.arrayContaining(['success', 'failure', 'totp_failure', 'locked_out', 'summary']))
  })

  it('find the labels in the module that declares the code', () => {
    expect(declaredActions.map((d) => d.module)).toEqual(expect.arrayContaining(['org', 'auth', 'audit', 'jobs', 'access', 'system']))
    const byName = new Map(consoleModules.map((m) => [m.name, m.messages['zh-CN']]))
    for (const p of serverPermissions) {
      const module = p.split(':')[0]!
      expect(Object.keys(byName.get(module)?.permissions ?? {}), p).toContain(p)
    }
    for (const { module, actions } of declaredActions) {
      for (const a of actions) expect(Object.keys(byName.get(module)?.auditActions ?? {}), `${module}: ${a}`).toContain(a)
    }
  })

  it("use the server's own words for permissions and audit actions", () => {
    expect(declaredLabels.map((l) => l.code)).toEqual(expect.arrayContaining(['org:unit:read', 'pii.unmask', 'system:metrics:read']))
    for (const { code, zh, en } of declaredLabels) {
      const module = consoleModules.find((m) => m.name === code.split(/[:.]/)[0])
      const table = code.includes(':') ? 'permissions' : 'auditActions'
      const module_ = module ?? consoleModules.find((m) => Object.keys(m.messages['zh-CN'][table] ?? {}).includes(code))
      expect(module_?.messages['zh-CN'][table]?.[code], code).toBe(zh)
      expect(module_?.messages.en[table]?.[code], code).toBe(en)
    }
  })

  for (const locale of ['zh-CN', 'en'] as const) {
    it(`call the roles by the server's names (${locale})`, () => {
      i18n.global.locale.value = locale
      for (const role of serverRoles) {
        expect(roleLabel(role.key, 'from the server'), role.key).toBe(locale === 'en' ? role.en : role.zh)
      }
    })

    it(`name every permission a role carries (${locale})`, () => {
      i18n.global.locale.value = locale
      for (const p of serverPermissions) {
        expect(PERMISSIONS, p).toContain(p)
        expect(permissionLabel(p), p).not.toBe(p)
      }
    })

    it(`name every audit action, object type and result (${locale})`, () => {
      i18n.global.locale.value = locale
      for (const a of actions) expect(auditActionLabel(a), a).not.toBe(a)
      for (const o of objectTypes) expect(auditObjectTypeLabel(o), o).not.toBe(o)
      for (const r of results) expect(auditResult(r).label, r).not.toBe(r)
    })
  }

  it('show them in the language chosen', () => {
    expect(permissionLabel('auth:user:unmask')).toBe('查看完整手机号')
    expect(auditActionLabel('pii.unmask')).toBe('查看完整个人信息')
    expect(auditObjectTypeLabel('user.phone')).toBe('账号手机号')
    expect(auditResult('totp_failure').label).toBe('动态口令错误')
    i18n.global.locale.value = 'en'
    expect(permissionLabel('auth:apikey:manage')).toBe('Manage API keys')
    expect(auditActionLabel('auth.role.revoke')).toBe('Revoke role')
    expect(auditResult('totp_failure').label).toBe('Wrong one-time code')
    expect(roleLabel('city_admin')).toBe('City administrator')
  })

  it('keep what a result adds, and unknown codes as they are', () => {
    expect(auditResult('success: 3 added, 0 changed, 1 moved')).toEqual({
      key: 'success',
      label: '成功',
      note: '3 added, 0 changed, 1 moved',
    })
    expect(auditResult('some_new_result')).toEqual({ key: 'some_new_result', label: 'some_new_result', note: '' })
    expect(auditActionLabel('some.new.action')).toBe('some.new.action')
  })

  it('read the results of a failed sign-in', () => {
    expect(results).toEqual(expect.arrayContaining(['unknown_user', 'disabled', 'locked', 'locked_out', 'totp_failure', 'summary']))
    expect(auditResult('summary').label).toBe('多次失败汇总')
  })

  it("show the server's fixed details in the reader's language, and free text as typed", () => {
    expect(auditDetail('auth.apikey.revoke', 'its issuer was disabled')).toBe('签发该密钥的账号已停用，密钥随之撤销')
    const summary =
      '12 failed or refused sign-ins from 2026-12-01T02:00:00.000Z to 2026-12-01T02:05:30.000Z not recorded one by one; the last from 10.1.2.3'
    expect(auditDetail('auth.login', summary)).toBe('2026-12-01 10:00 至 2026-12-01 10:05 另有 12 次登录失败或被拒未逐条记录，最后一次来自 10.1.2.3')
    expect(auditDetail('access.export', '15 minutes')).toBe('步行 15 分钟')
    expect(auditDetail('access.siting.start', 'type pharmacy, 2 sites, 15 minutes, 0 candidates given')).toBe(
      '服务类型 pharmacy，新增 2 处，步行 15 分钟，给定候选点 0 个',
    )
    expect(auditDetail('audit.purge', 'removed 40 entries that occurred before 2026-05-01')).toBe('清理了 2026-05-01 之前的 40 条记录')
    expect(auditDetail('pii.rekey', '3 values re-sealed')).toBe('重新加密 3 项')
    // The reason someone typed to reveal a phone is theirs, whatever it says.
    expect(auditDetail('pii.unmask', 'its issuer was disabled')).toBe('its issuer was disabled')
    // A refused attempt on an account that works above the caller, whatever the action; a reason
    // someone typed to reveal a phone is never taken for one.
    expect(auditDetail('pii.unmask', 'holds city_admin at 620100000000', 'refused')).toBe(
      '该账号在 620100000000 担任市级管理员，超出操作人的管理范围',
    )
    expect(auditDetail('pii.unmask', 'holds city_admin at 620100000000', 'success')).toBe(
      'holds city_admin at 620100000000',
    )
    expect(auditDetail('auth.apikey.revoke', 'something new')).toBe('something new')
    expect(auditDetail('auth.login', undefined)).toBe('')
    i18n.global.locale.value = 'en'
    expect(auditDetail('auth.apikey.revoke', 'its issuer was disabled')).toBe(
      'The account that issued the key was disabled, so the key was revoked with it',
    )
    expect(auditDetail('auth.login', summary)).toBe(
      '12 more failed or refused sign-ins from 2026-12-01 10:00 to 2026-12-01 10:05 not recorded one by one; the last from 10.1.2.3',
    )
  })
})
