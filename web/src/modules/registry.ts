// The frame's view of the module list (./index.ts): the pages for the router and the menu, the
// strings for vue-i18n, and the labels every module gives for the codes the server declares.
import type { RouteRecordRaw } from 'vue-router'
import type { Locale } from '@/locales'
import * as listed from './index'
import type { CodeLabels, ConsoleModule, RankingMeasure, TodoTarget, WorkbenchCard } from './types'

type Listed = typeof listed

/** Every module's strings under its name: t('org.unit.name'), t('jobs.states.done'). */
export type ModuleMessageSchema = {
  [K in keyof Listed as Listed[K]['name']]: Listed[K]['messages']['zh-CN']
}

/** The modules by name (the list's order is not kept by every bundler). */
export const consoleModules: readonly ConsoleModule[] = Object.values<ConsoleModule>(listed).sort((a, b) => a.name.localeCompare(b.name))

export function moduleMessages(locale: Locale): ModuleMessageSchema {
  return Object.fromEntries(consoleModules.map((m) => [m.name, m.messages[locale]])) as ModuleMessageSchema
}

/** The modules' pages, each menu entry in its module's group. */
export const moduleRoutes: RouteRecordRaw[] = consoleModules.flatMap((m) =>
  (m.routes ?? []).map((route) =>
    route.meta?.menu && m.group ? { ...route, meta: { ...route.meta, menu: { group: m.group, ...route.meta.menu } } } : route,
  ),
)

export type LabelSection = 'permissions' | 'auditActions' | 'auditObjects'

/** What every module calls the codes of one kind, in one language: {"org:grid:create": "新建网格", …}. */
export function moduleLabels(section: LabelSection, locale: Locale): Readonly<CodeLabels> {
  return Object.assign({}, ...consoleModules.map((m) => m.messages[locale][section] ?? {})) as CodeLabels
}

/** Every permission the modules declare. */
export const PERMISSIONS: readonly string[] = Object.keys(moduleLabels('permissions', 'zh-CN'))

/** Every module's workbench cards (src/utils/workbench.ts picks and orders them per account). */
export const workbenchCards: readonly WorkbenchCard[] = consoleModules.flatMap((m) => m.workbench ?? [])

/** Where each to-do code leads, from every module's declaration. */
export const todoTargets: Readonly<Record<string, TodoTarget>> = Object.assign({}, ...consoleModules.map((m) => m.todos ?? {}))

/** Every module's measures for the ranking of units, by order. */
export const rankingMeasures: readonly RankingMeasure[] = consoleModules
  .flatMap((m) => m.rankings ?? [])
  .sort((a, b) => a.order - b.order || a.key.localeCompare(b.key))
