// Service-circle pages: the 15-minute convenience circle (一刻钟便民生活圈) of a unit.
import type { RouteRecordRaw } from 'vue-router'

const accessRoutes: RouteRecordRaw[] = [
  {
    path: 'access',
    meta: { title: 'menu.access', icon: 'Connection', menu: true, permission: 'access:coverage:read' },
    redirect: '/access/circle',
    children: [
      {
        // Without a code: the working unit.
        path: 'circle/:code?',
        name: 'accessCircle',
        component: () => import('@/views/access/CirclePage.vue'),
        meta: { title: 'menu.accessCircle', icon: 'Aim', menu: true, permission: 'access:coverage:read' },
      },
    ],
  },
]

export default accessRoutes
