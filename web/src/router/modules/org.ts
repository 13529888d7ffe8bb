// Organisation pages: the working unit's overview and unit details with grids.
import type { RouteRecordRaw } from 'vue-router'

const orgRoutes: RouteRecordRaw[] = [
  {
    path: 'org',
    meta: { title: 'menu.org', icon: 'OfficeBuilding', menu: true, permission: 'org:unit:read' },
    redirect: '/org/unit',
    children: [
      {
        // Without a code: the working unit.
        path: 'unit/:code?',
        name: 'unit',
        component: () => import('@/views/org/UnitDetail.vue'),
        meta: { title: 'menu.unitDetail', icon: 'Location', menu: true, permission: 'org:unit:read' },
      },
    ],
  },
]

export default orgRoutes
