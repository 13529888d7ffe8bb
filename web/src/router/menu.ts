// The left menu, built from the route table and the permissions the user holds.
import type { RouteRecordRaw } from 'vue-router'
import { allows } from '@/utils/permission'

export interface MenuItem {
  path: string
  title: string
  icon?: string
  children?: MenuItem[]
}

function join(base: string, path: string): string {
  if (path.startsWith('/')) return path
  const joined = `${base.replace(/\/$/, '')}/${path}`
  // Optional parameters are not part of a menu link: "/org/unit/:code?" → "/org/unit".
  return joined.replace(/\/:[^/]+\?$/, '') || '/'
}

export function buildMenu(routes: readonly RouteRecordRaw[], permissions: readonly string[], base = '/'): MenuItem[] {
  const items: MenuItem[] = []
  for (const route of routes) {
    const meta = route.meta
    if (!meta?.menu || !meta.title) continue
    if (!allows(permissions, meta.permission)) continue
    const path = join(base, route.path)
    if (route.children?.length) {
      const children = buildMenu(route.children, permissions, path)
      if (children.length === 0) continue
      items.push({ path, title: meta.title, icon: meta.icon, children })
    } else {
      items.push({ path, title: meta.title, icon: meta.icon })
    }
  }
  return items
}

/** The first page of the menu (where a user lands when they may not see the home page). */
export function firstMenuPath(items: readonly MenuItem[]): string | null {
  for (const item of items) {
    if (item.children?.length) {
      const child = firstMenuPath(item.children)
      if (child) return child
    } else {
      return item.path
    }
  }
  return null
}
