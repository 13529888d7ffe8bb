// Organisation (src/org): a unit's details, its units below and, in a village or community, its grids.
import { Location } from '@element-plus/icons-vue'
import { defineModule } from '../types'
import zhCN from './locales/zh-CN'
import en from './locales/en'

export default defineModule({
  name: 'org',
  group: 'governance',
  routes: [
    {
      // Without a code: the working unit.
      path: 'org/unit/:code?',
      name: 'unit',
      component: () => import('@/views/org/UnitDetail.vue'),
      meta: { title: 'org.unit.title', icon: Location, permission: 'org:unit:read', menu: { order: 10 }, followsUnit: true },
    },
  ],
  messages: { 'zh-CN': zhCN, en },
})
