// The plan's indicators (src/indicator, 规划指标): the 30 indicators for any unit and period (the
// dashboard), and the entry and approval of the values the system cannot compute yet.
import { DataAnalysis, EditPen } from '@element-plus/icons-vue'
import { defineModule } from '../types'
import zhCN from './locales/zh-CN'
import en from './locales/en'

const READ = 'indicator:value:read'

export default defineModule({
  name: 'indicator',
  group: 'monitoring',
  routes: [
    {
      // Without a code: the working unit.
      path: 'indicator/dashboard/:code?',
      name: 'indicatorDashboard',
      component: () => import('@/views/indicator/IndicatorDashboard.vue'),
      meta: { title: 'indicator.dashboard.title', icon: DataAnalysis, permission: READ, menu: { order: 20 }, followsUnit: true },
    },
    {
      path: 'indicator/entry',
      name: 'indicatorEntry',
      component: () => import('@/views/indicator/IndicatorEntry.vue'),
      meta: {
        title: 'indicator.entry.title',
        icon: EditPen,
        permission: ['indicator:value:enter', 'indicator:value:approve'],
        menu: { order: 30 },
      },
    },
  ],
  messages: { 'zh-CN': zhCN, en },
  // On the workbench: the working unit's headline indicators against their targets.
  workbench: [
    {
      name: 'indicator.headline',
      component: () => import('@/views/indicator/cards/HeadlineCard.vue'),
      permission: READ,
      order: { province_admin: 25, city_admin: 25, county_admin: 25, township_admin: 25, community_worker: 25 },
    },
  ],
})
