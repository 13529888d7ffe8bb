// The left menu, built from the route table and the permissions the user holds: pages without a
// group at the top, then the groups (by task) that hold a page the user may open.
import type { Component } from 'vue'
import type { RouteRecordRaw } from 'vue-router'
import { Connection, DataLine, OfficeBuilding, Present, Service, Setting, ShoppingCart } from '@element-plus/icons-vue'
import { allows } from '@/utils/permission'

export const MENU_GROUPS = ['governance', 'services', 'lists', 'charity', 'bought', 'monitoring', 'system'] as const
export type MenuGroup = (typeof MENU_GROUPS)[number]

const GROUP_ICONS: Record<MenuGroup, Component> = {
  governance: OfficeBuilding,
  services: Service,
  lists: Connection,
  charity: Present,
  bought: ShoppingCart,
  monitoring: DataLine,
  system: Setting,
}

/** The message key of a group's title. */
export function menuGroupTitle(group: MenuGroup): string {
  return `menu.groups.${group}`
}

export interface MenuItem {
  path: string
  title: string
  icon?: Component
}

export interface MenuGroupItem {
  group: MenuGroup
  title: string
  icon: Component
  children: MenuItem[]
}

export type MenuEntry = MenuItem | MenuGroupItem

/** A page's link: "org/unit/:code?" → "/org/unit" (optional parameters are not part of it). */
function link(path: string): string {
  const absolute = path.startsWith('/') ? path : `/${path}`
  return absolute.replace(/\/:[^/]+\?$/, '') || '/'
}

export function buildMenu(routes: readonly RouteRecordRaw[], permissions: readonly string[]): MenuEntry[] {
  const top: { order: number; item: MenuItem }[] = []
  const grouped = new Map<MenuGroup, { order: number; item: MenuItem }[]>()
  for (const route of routes) {
    const meta = route.meta
    if (!meta?.menu || !meta.title) continue
    if (!allows(permissions, meta.permission)) continue
    const entry = { order: meta.menu.order, item: { path: link(route.path), title: meta.title, icon: meta.icon } }
    const group = meta.menu.group
    if (group) grouped.set(group, [...(grouped.get(group) ?? []), entry])
    else top.push(entry)
  }
  const sorted = (entries: { order: number; item: MenuItem }[]) => entries.sort((a, b) => a.order - b.order).map((e) => e.item)
  return [
    ...sorted(top),
    ...MENU_GROUPS.filter((g) => grouped.has(g)).map((group) => ({
      group,
      title: menuGroupTitle(group),
      icon: GROUP_ICONS[group],
      children: sorted(grouped.get(group)!),
    })),
  ]
}

/** The first page of the menu (where a user lands when they may not see the home page). */
export function firstMenuPath(entries: readonly MenuEntry[]): string | null {
  const first = entries[0]
  if (!first) return null
  return 'group' in first ? (first.children[0]?.path ?? null) : first.path
}
