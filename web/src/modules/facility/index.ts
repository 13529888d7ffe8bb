// The facility registry (src/facility, 服务设施): comprehensive service facilities and special
// facilities, their standards and history, imports of a filled-in template, and the base figures
// of villages and communities. Held by officials and community workers over their subtree; grid
// workers hold neither permission, and see none of these pages.
import { House, DataBoard, Upload } from '@element-plus/icons-vue'
import { defineModule } from '../types'
import zhCN from './locales/zh-CN'
import en from './locales/en'

const READ = 'facility:registry:read'
const WRITE = 'facility:registry:write'

export default defineModule({
  name: 'facility',
  group: 'services',
  routes: [
    {
      path: 'facility/list',
      name: 'facilityList',
      component: () => import('@/views/facility/FacilityList.vue'),
      meta: { title: 'facility.list.title', icon: House, permission: READ, menu: { order: 10 } },
    },
    // A facility's pages sit under the list's path, so that the menu shows where they belong.
    {
      path: 'facility/list/new',
      name: 'facilityCreate',
      component: () => import('@/views/facility/FacilityForm.vue'),
      meta: { title: 'facility.form.create', permission: WRITE },
    },
    {
      path: 'facility/list/:id(\\d+)',
      name: 'facilityDetail',
      component: () => import('@/views/facility/FacilityDetail.vue'),
      meta: { title: 'facility.detail.title', permission: READ },
    },
    {
      path: 'facility/list/:id(\\d+)/edit',
      name: 'facilityEdit',
      component: () => import('@/views/facility/FacilityForm.vue'),
      meta: { title: 'facility.form.edit', permission: WRITE },
    },
    {
      path: 'facility/import',
      name: 'facilityImport',
      component: () => import('@/views/facility/FacilityImport.vue'),
      meta: { title: 'facility.import.title', icon: Upload, permission: WRITE, menu: { order: 20 } },
    },
    {
      // Without a code: the working unit (a village or community; another unit chooses one).
      path: 'facility/figures/:code?',
      name: 'facilityFigures',
      component: () => import('@/views/facility/BaseFigures.vue'),
      meta: { title: 'facility.figures.title', icon: DataBoard, permission: READ, menu: { order: 30 }, followsUnit: true },
    },
  ],
  messages: { 'zh-CN': zhCN, en },
  auditDetailRules: [
    { action: 'facility.import', pattern: /^(\d+) facilities$/, message: 'imported', params: (m) => ({ n: m[1]! }) },
    { action: 'facility.figures.update', pattern: /^(\d{4})$/, message: 'year', params: (m) => ({ year: m[1]! }) },
  ],
})
