// The audit log (src/audit), for the audit administrator only.
import { Document } from '@element-plus/icons-vue'
import { listAuditShared } from '@/api/audit'
import { useUserStore } from '@/store/user'
import { openingQuery } from '@/views/system/audit/query'
import { defineModule } from '../types'
import zhCN from './locales/zh-CN'
import en from './locales/en'

export default defineModule({
  name: 'audit',
  group: 'system',
  routes: [
    {
      path: 'system/audit',
      name: 'audit',
      component: () => import('@/views/system/audit/AuditLog.vue'),
      // The first page is asked for while the page's code loads, not after it has mounted.
      beforeEnter: () => {
        listAuditShared(openingQuery(useUserStore().settingsKey)).catch(() => {})
      },
      meta: { title: 'audit.title', icon: Document, permission: 'audit:log:read', menu: { order: 30 } },
    },
  ],
  messages: { 'zh-CN': zhCN, en },
  workbench: [
    {
      name: 'audit.today',
      component: () => import('@/views/system/cards/AuditTodayCard.vue'),
      permission: 'audit:log:read',
      order: { audit_admin: 10 },
      wide: true,
    },
  ],
  auditDetailRules: [
    {
      action: 'audit.purge',
      pattern: /^removed (\d+) entries that occurred before (\S+)$/,
      message: 'purged',
      params: (m) => ({ n: m[1]!, before: m[2]! }),
    },
    {
      action: 'audit.list.export',
      pattern: /^(\d+) rows$/,
      message: 'exported',
      params: (m) => ({ n: m[1]! }),
    },
    {
      action: 'audit.list.export',
      pattern: /^(\d+) rows; (.+)$/,
      message: 'exportedFiltered',
      params: (m) => ({ n: m[1]!, filters: m[2]! }),
    },
  ],
})
