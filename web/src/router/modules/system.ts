// System administration: users and roles within the caller's scope, the audit log, and the
// background jobs (router/modules/jobs.ts).
import type { RouteRecordRaw } from 'vue-router'
import jobsRoutes, { JOB_READ_PERMISSION } from './jobs'

const systemRoutes: RouteRecordRaw[] = [
  {
    path: 'system',
    meta: {
      title: 'menu.system',
      icon: 'Setting',
      menu: true,
      permission: ['auth:user:read', 'auth:role:assign', 'audit:log:read', JOB_READ_PERMISSION],
    },
    redirect: '/system/users',
    children: [
      {
        path: 'users',
        name: 'users',
        component: () => import('@/views/system/users/UserList.vue'),
        meta: { title: 'menu.users', icon: 'User', menu: true, permission: 'auth:user:read' },
      },
      {
        path: 'roles',
        name: 'roles',
        component: () => import('@/views/system/roles/RoleList.vue'),
        meta: { title: 'menu.roles', icon: 'Lock', menu: true, permission: ['auth:user:read', 'auth:role:assign'] },
      },
      {
        path: 'audit',
        name: 'audit',
        component: () => import('@/views/system/audit/AuditLog.vue'),
        meta: { title: 'menu.audit', icon: 'Document', menu: true, permission: 'audit:log:read' },
      },
      ...jobsRoutes,
    ],
  },
]

export default systemRoutes
