import { describe, expect, it } from 'vitest'
import type { RouteRecordRaw } from 'vue-router'
import '@/router/types'
import orgRoutes from '@/router/modules/org'
import accessRoutes from '@/router/modules/access'
import systemRoutes from '@/router/modules/system'
import { buildMenu, firstMenuPath } from '@/router/menu'

const page = { render: () => null }
const routes: RouteRecordRaw[] = [
  { path: '', component: page, meta: { title: 'menu.home', menu: true, permission: 'org:unit:read' } },
  ...orgRoutes,
  ...accessRoutes,
  ...systemRoutes,
  { path: '403', component: page, meta: { title: 'menu.forbidden' } },
]

describe('menu from permissions', () => {
  it('shows a grid worker the organisation pages only', () => {
    const menu = buildMenu(routes, ['org:unit:read', 'org:grid:read'])
    expect(menu.map((m) => m.path)).toEqual(['/', '/org'])
    expect(menu[1]?.children?.map((c) => c.path)).toEqual(['/org/unit'])
  })

  it('gives the audit administrator the audit log only', () => {
    const menu = buildMenu(routes, ['audit:log:read'])
    expect(menu).toEqual([
      {
        path: '/system',
        title: 'menu.system',
        icon: 'Setting',
        children: [{ path: '/system/audit', title: 'menu.audit', icon: 'Document' }],
      },
    ])
    expect(firstMenuPath(menu)).toBe('/system/audit')
  })

  it('gives a county administrator the org pages, users and roles', () => {
    const menu = buildMenu(routes, ['org:unit:read', 'org:grid:read', 'auth:user:read', 'auth:role:assign'])
    const paths = menu.flatMap((m) => (m.children ? m.children.map((c) => c.path) : [m.path]))
    expect(paths).toEqual(['/', '/org/unit', '/system/users', '/system/roles'])
  })

  it('lists the background jobs under system management for those who may see them', () => {
    const menu = buildMenu(routes, ['org:unit:read', 'auth:user:read', 'jobs:job:read'])
    expect(menu.map((m) => m.path)).toEqual(['/', '/org', '/system'])
    expect(menu[2]?.children?.map((c) => c.path)).toEqual(['/system/users', '/system/roles', '/system/jobs'])
    expect(buildMenu(routes, ['jobs:job:read'])).toEqual([
      {
        path: '/system',
        title: 'menu.system',
        icon: 'Setting',
        children: [{ path: '/system/jobs', title: 'menu.jobs', icon: 'Timer' }],
      },
    ])
  })

  it('shows nothing without permissions', () => {
    expect(buildMenu(routes, [])).toEqual([])
    expect(firstMenuPath([])).toBeNull()
  })

  it('shows the service circle to those who may read coverage, under its own group', () => {
    const menu = buildMenu(routes, ['org:unit:read', 'access:coverage:read', 'access:siting:run'])
    expect(menu.map((m) => m.path)).toEqual(['/', '/org', '/access'])
    expect(menu[2]).toEqual({
      path: '/access',
      title: 'menu.access',
      icon: 'Connection',
      children: [{ path: '/access/circle', title: 'menu.accessCircle', icon: 'Aim' }],
    })
    expect(buildMenu(routes, ['org:unit:read', 'access:siting:run']).map((m) => m.path)).toEqual(['/', '/org'])
  })
})
