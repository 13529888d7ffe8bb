// Background jobs (src/jobs): what the server runs later or on a schedule, and its progress.
import { Timer } from '@element-plus/icons-vue'
import { defineModule } from '../types'
import zhCN from './locales/zh-CN'
import en from './locales/en'

export default defineModule({
  name: 'jobs',
  group: 'system',
  routes: [
    {
      path: 'system/jobs',
      name: 'jobs',
      component: () => import('@/views/system/jobs/JobList.vue'),
      meta: { title: 'jobs.title', icon: Timer, permission: 'jobs:job:read', menu: { order: 40 } },
    },
  ],
  messages: { 'zh-CN': zhCN, en },
})
