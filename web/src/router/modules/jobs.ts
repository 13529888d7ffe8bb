// Background jobs: a page of the system management group (router/modules/system.ts).
import type { RouteRecordRaw } from 'vue-router'

export const JOB_READ_PERMISSION = 'jobs:job:read'

const jobsRoutes: RouteRecordRaw[] = [
  {
    path: 'jobs',
    name: 'jobs',
    component: () => import('@/views/system/jobs/JobList.vue'),
    meta: { title: 'menu.jobs', icon: 'Timer', menu: true, permission: JOB_READ_PERMISSION },
  },
]

export default jobsRoutes
