import { describe, expect, it } from 'vitest'
import type { RouteRecordRaw } from 'vue-router'
import '@/router/types'
import { moduleRoutes } from '@/modules/registry'
import { buildMenu, firstMenuPath, type MenuEntry } from '@/router/menu'

const page = { render: () => null }
const routes: RouteRecordRaw[] = [
  { path: '', component: page, meta: { title: 'menu.home', menu: { order: 0 }, permission: 'org:unit:read' } },
  ...moduleRoutes,
  { path: '403', component: page, meta: { title: 'menu.forbidden' } },
]

/** The menu as text: "/path" for a page, "group: /a /b" for a group. */
function outline(menu: MenuEntry[]): string[] {
  return menu.map((e) => ('group' in e ? `${e.group}: ${e.children.map((c) => c.path).join(' ')}` : e.path))
}

describe('menu from permissions', () => {
  it('shows a grid worker the organisation pages only', () => {
    expect(outline(buildMenu(routes, ['org:unit:read', 'org:grid:read']))).toEqual(['/', 'governance: /org/unit'])
  })

  it('gives the audit administrator the audit log only', () => {
    const menu = buildMenu(routes, ['audit:log:read'])
    expect(menu).toEqual([
      {
        group: 'system',
        title: 'menu.groups.system',
        icon: expect.anything(),
        children: [{ path: '/system/audit', title: 'audit.title', icon: expect.anything() }],
      },
    ])
    expect(firstMenuPath(menu)).toBe('/system/audit')
  })

  it('gives a county administrator the org pages, users and roles', () => {
    const menu = buildMenu(routes, ['org:unit:read', 'org:grid:read', 'auth:user:read', 'auth:role:assign'])
    expect(outline(menu)).toEqual(['/', 'governance: /org/unit', 'system: /system/users /system/roles'])
    expect(firstMenuPath(menu)).toBe('/')
  })

  it('lists the background jobs under system management for those who may see them', () => {
    expect(outline(buildMenu(routes, ['org:unit:read', 'auth:user:read', 'jobs:job:read']))).toEqual([
      '/',
      'governance: /org/unit',
      'system: /system/users /system/roles /system/jobs',
    ])
    expect(outline(buildMenu(routes, ['jobs:job:read']))).toEqual(['system: /system/jobs'])
  })

  it('lists the facility pages under community services, the import only for those who may write', () => {
    const worker = ['org:unit:read', 'org:grid:read', 'access:coverage:read', 'facility:registry:read', 'facility:registry:write']
    expect(outline(buildMenu(routes, worker))).toEqual([
      '/',
      'governance: /org/unit',
      'services: /facility/list /facility/import /facility/figures',
      'monitoring: /access/circle /access/shelters',
    ])
    expect(outline(buildMenu(routes, ['org:unit:read', 'facility:registry:read']))).toEqual([
      '/',
      'governance: /org/unit',
      'services: /facility/list /facility/figures',
    ])
  })

  it('lists the request statistics after the cases, for whoever may read them', () => {
    expect(outline(buildMenu(routes, ['org:unit:read', 'requests:case:read', 'requests:case:intake']))).toEqual([
      '/',
      'governance: /org/unit',
      'services: /requests/list /requests/stats /requests/intake /requests/calendar',
    ])
    expect(outline(buildMenu(routes, ['requests:case:read']))).toEqual(['services: /requests/list /requests/stats /requests/calendar'])
  })

  it('lists the working calendar for those who follow deadlines or keep it, not for whoever reads the catalogue', () => {
    const province = ['requests:case:read', 'requests:catalogue:read', 'requests:catalogue:manage']
    expect(outline(buildMenu(routes, province))).toEqual([
      'services: /requests/list /requests/stats /requests/catalogue /requests/calendar',
    ])
    expect(outline(buildMenu(routes, ['requests:catalogue:manage']))).toEqual(['services: /requests/catalogue /requests/calendar'])
    // A resident, or the security administrator who grants that role: no deadlines to follow.
    expect(outline(buildMenu(routes, ['requests:case:submit', 'requests:catalogue:read']))).toEqual([])
  })

  it('shows nothing without permissions', () => {
    expect(buildMenu(routes, [])).toEqual([])
    expect(firstMenuPath([])).toBeNull()
  })

  it('shows the service circle to those who may read coverage, under monitoring', () => {
    const menu = buildMenu(routes, ['org:unit:read', 'access:coverage:read', 'access:siting:run'])
    expect(outline(menu)).toEqual(['/', 'governance: /org/unit', 'monitoring: /access/circle /access/shelters'])
    expect(menu[2]).toMatchObject({ title: 'menu.groups.monitoring', children: [
        { path: '/access/circle', title: 'access.circle' },
        { path: '/access/shelters', title: 'access.shelters.title' },
      ],
    })
    expect(outline(buildMenu(routes, ['org:unit:read', 'access:siting:run']))).toEqual(['/', 'governance: /org/unit'])
  })

  it('orders the groups by task and the pages by their order, whatever the order of the module list', () => {
    const all = ['org:unit:read', 'auth:user:read', 'audit:log:read', 'jobs:job:read', 'access:coverage:read']
    const expected = ['/', 'governance: /org/unit', 'monitoring: /access/circle /access/shelters', 'system: /system/users /system/roles /system/audit /system/jobs']
    expect(outline(buildMenu(routes, all))).toEqual(expected)
    expect(outline(buildMenu([...routes].reverse(), all))).toEqual(expected)
  })
})

describe('module pages', () => {
  it('are named, titled, guarded by a permission, and listed in their module group', () => {
    for (const route of moduleRoutes) {
      expect(route.name, route.path).toBeTruthy()
      expect(route.meta?.title, route.path).toBeTruthy()
      expect(route.meta?.permission, route.path).toBeTruthy()
      if (route.meta?.menu) expect(route.meta.menu.group, route.path).toBeTruthy()
    }
  })

  it('that show one unit take its code from the route', () => {
    for (const route of moduleRoutes.filter((r) => r.meta?.followsUnit)) expect(route.path, String(route.name)).toMatch(/\/:code\?$/)
    expect(moduleRoutes.filter((r) => r.meta?.followsUnit).map((r) => String(r.name)).sort()).toEqual(['accessCircle', 'accessShelters', 'alert-settings', 'facilityFigures', 'incident-summary', 'indicatorDashboard', 'plan-rollup', 'requestStats', 'residentCareRules', 'unit'])
  })
})
