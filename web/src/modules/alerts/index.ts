// Warnings (src/alerts, 预警信息): composed by a unit's staff (a county, township, village or
// community), approved one level up when their level asks for it, delivered to the residents of
// their target, and closed on the vulnerable by grid workers' calls and visits. Under 基层治理,
// after the organisation pages: the warnings (with the composer and each warning's page and
// delivery board), the calls and visits they ask of grid workers, which are done on a phone, and,
// for those who approve, from which level the warnings of the units below need approval.
import { BellFilled, PhoneFilled, Stamp } from '@element-plus/icons-vue'
import { defineModule } from '../types'
import zhCN from './locales/zh-CN'
import en from './locales/en'

const READ = 'alerts:alert:read'
const WRITE = 'alerts:alert:write'
const APPROVE = 'alerts:alert:approve'
const TASKS = 'alerts:task:handle'

export default defineModule({
  name: 'alerts',
  group: 'governance',
  routes: [
    // ?status= filters by status (the to-do 待审批的预警信息 opens the pending ones).
    {
      path: 'alerts',
      name: 'alerts',
      component: () => import('@/views/alerts/AlertList.vue'),
      meta: { title: 'alerts.list.title', icon: BellFilled, permission: READ, menu: { order: 20 } },
    },
    // The composer and a warning sit under the list's path, so that the menu shows where they belong.
    {
      path: 'alerts/new',
      name: 'alert-new',
      component: () => import('@/views/alerts/AlertForm.vue'),
      meta: { title: 'alerts.form.newTitle', permission: WRITE },
    },
    {
      path: 'alerts/:id(\\d+)',
      name: 'alert-detail',
      component: () => import('@/views/alerts/AlertDetail.vue'),
      meta: { title: 'alerts.detail.title', permission: READ },
    },
    {
      path: 'alerts/:id(\\d+)/edit',
      name: 'alert-edit',
      component: () => import('@/views/alerts/AlertForm.vue'),
      meta: { title: 'alerts.form.editTitle', permission: WRITE },
    },
    // ?state=open|done and ?alert=ID narrow the list (the to-do and the grid workers' messages).
    {
      path: 'alerts/tasks',
      name: 'alert-tasks',
      component: () => import('@/views/alerts/AlertTasks.vue'),
      meta: { title: 'alerts.tasks.title', icon: PhoneFilled, permission: TASKS, menu: { order: 21 } },
    },
    // 审批设置: from which level a unit's warnings need approval; the units above set it for theirs.
    // Without a code: the working unit (another is chosen on the page, or by switching).
    {
      path: 'alerts/settings/:code?',
      name: 'alert-settings',
      component: () => import('@/views/alerts/ApprovalSettings.vue'),
      meta: { title: 'alerts.settings.title', icon: Stamp, permission: APPROVE, menu: { order: 22 }, followsUnit: true },
    },
  ],
  messages: { 'zh-CN': zhCN, en },
  todos: {
    'alerts.approvals': { to: { name: 'alerts', query: { status: 'pending' } } },
    'alerts.tasks.open': { to: { name: 'alert-tasks', query: { state: 'open' } } },
  },
})
