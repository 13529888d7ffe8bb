// The fifteen-minute service circle (src/access, 一刻钟便民生活圈): coverage of a unit, its gaps,
// and siting new facilities.
import { Aim, LocationInformation } from '@element-plus/icons-vue'
import { DEFAULT_TIER, getAccessMapShared, getCoverageShared, getSheltersShared, isTier } from '@/api/access'
import { loadTileSetup } from '@/map/tiles'
import { useUnitStore } from '@/store/unit'
import { defineModule } from '../types'
import zhCN from './locales/zh-CN'
import en from './locales/en'
import { coverageShare } from './rankings'

export default defineModule({
  name: 'access',
  group: 'monitoring',
  routes: [
    {
      // Without a code: the working unit.
      path: 'access/circle/:code?',
      name: 'accessCircle',
      component: () => import('@/views/access/CirclePage.vue'),
      // The coverage, the map's homes and the tile setting are asked for while the page's code
      // loads, not after. The homes (hundreds of kilobytes to parse) are parsed, and the base map
      // asked for, once the figures and the table are painted (CirclePage), so that they do not
      // hold them up.
      beforeEnter: (to) => {
        const param = Array.isArray(to.params.code) ? to.params.code[0] : to.params.code
        const unit = param || useUnitStore().code
        const tier = Number(to.query.tier)
        const query = { unit: unit ?? '', tier: isTier(tier) ? tier : DEFAULT_TIER }
        void loadTileSetup()
        if (unit) {
          getCoverageShared(query).catch(() => {})
          getAccessMapShared(query).catch(() => {})
        }
      },
      meta: { title: 'access.circle', icon: Aim, permission: 'access:coverage:read', menu: { order: 10 }, followsUnit: true },
    },
    {
      // Where the homes go in an emergency (应急避难场所): the shelters filled to their capacity.
      // Without a code: the working unit. The assignment is asked for while the page's code loads.
      path: 'access/shelters/:code?',
      name: 'accessShelters',
      component: () => import('@/views/access/SheltersPage.vue'),
      beforeEnter: (to) => {
        const param = Array.isArray(to.params.code) ? to.params.code[0] : to.params.code
        const unit = param || useUnitStore().code
        void loadTileSetup()
        if (unit) getSheltersShared(unit).catch(() => {})
      },
      meta: { title: 'access.shelters.title', icon: LocationInformation, permission: 'access:coverage:read', menu: { order: 11 }, followsUnit: true },
    },
  ],
  messages: { 'zh-CN': zhCN, en },
  // On the workbench: the headline of the working unit's circle for officials and community
  // workers, and the coverage measure in the ranking of the units below.
  workbench: [
    {
      name: 'access.circle',
      component: () => import('@/views/access/cards/CircleCard.vue'),
      prefetch: (code) => code && getCoverageShared({ unit: code, tier: DEFAULT_TIER }),
      permission: 'access:coverage:read',
      order: { province_admin: 20, city_admin: 20, county_admin: 20, township_admin: 20, community_worker: 20 },
    },
  ],
  rankings: [coverageShare],
  // Communities short of a service most homes reach: the circle page shows which and where.
  todos: {
    'access.communities.short': { to: { name: 'accessCircle' } },
  },
  auditDetailRules: [
    { action: 'access.export', pattern: /^(\d+) minutes$/, message: 'minutes', params: (m) => ({ n: m[1]! }) },
    {
      action: 'access.siting.start',
      pattern: /^type (\S+), (\d+) sites, (\d+) minutes, (\d+) candidates given$/,
      message: 'siting',
      params: (m) => ({ type: m[1]!, k: m[2]!, m: m[3]!, c: m[4]! }),
    },
  ],
})
