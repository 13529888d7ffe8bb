// Organisation (src/org): a unit's details, its units below and, in a village or community, its grids.
import { Location } from '@element-plus/icons-vue'
import { getSummaryShared } from '@/api/org'
import { defineModule } from '../types'
import zhCN from './locales/zh-CN'
import en from './locales/en'
import { gridCount, unstaffedGrids } from './rankings'

const OFFICIALS = { province_admin: 10, city_admin: 10, county_admin: 10, township_admin: 10 }

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
  workbench: [
    {
      // The units below, weakest first, by any measure a module offers (src/modules/*/rankings.ts).
      name: 'org.ranking',
      component: () => import('@/components/workbench/RankingCard.vue'),
      permission: 'org:unit:read',
      order: OFFICIALS,
    },
    {
      name: 'org.overview',
      component: () => import('@/views/org/cards/UnitOverviewCard.vue'),
      prefetch: (code) => code && getSummaryShared(code),
      permission: 'org:unit:read',
      order: { province_admin: 30, city_admin: 30, county_admin: 30, township_admin: 30, system_admin: 30 },
      wide: true,
    },
    {
      name: 'org.myGrids',
      component: () => import('@/views/org/cards/MyGridsCard.vue'),
      permission: 'org:grid:read',
      order: { community_worker: 10 },
    },
    {
      name: 'org.myGrid',
      component: () => import('@/views/org/cards/MyGridCard.vue'),
      permission: 'org:grid:read',
      order: { grid_worker: 10 },
    },
  ],
  // The unit page of the working unit lists its grids (and, for a street, its communities).
  rankings: [gridCount, unstaffedGrids],
})
