// Requests handled on receipt (src/requests, 接诉即办): the catalogue, the working calendar, cases
// and their timelines. Staff pages under 社区服务: the cases of the working unit's subtree, one
// case with its timeline and the steps the caller may take, the three rates of a unit (统计), the
// hotline desk's intake, the catalogue and the working calendar. The resident's pages are the 诉求
// tab of /h5/ (src/h5/views/requests).
import { Calendar, ChatLineSquare, Collection, EditPen, Histogram } from '@element-plus/icons-vue'
import { defineModule } from '../types'
import zhCN from './locales/zh-CN'
import en from './locales/en'

const READ = 'requests:case:read'
const INTAKE = 'requests:case:intake'
const MANAGE_CATALOGUE = 'requests:catalogue:manage'

export default defineModule({
  name: 'requests',
  group: 'services',
  routes: [
    {
      path: 'requests/list',
      name: 'requestList',
      component: () => import('@/views/requests/RequestList.vue'),
      meta: { title: 'requests.list.title', icon: ChatLineSquare, permission: READ, menu: { order: 40 } },
    },
    // A case sits under the list's path, so that the menu shows where it belongs.
    {
      path: 'requests/list/:id(\\d+)',
      name: 'requestDetail',
      component: () => import('@/views/requests/RequestDetail.vue'),
      meta: { title: 'requests.detail.title', permission: READ },
    },
    // The three rates of a unit (the working unit without a code), by the units below it or by
    // category; a unit below is opened by its code.
    {
      path: 'requests/stats/:code?',
      name: 'requestStats',
      component: () => import('@/views/requests/RequestStats.vue'),
      meta: { title: 'requests.stats.title', icon: Histogram, permission: READ, menu: { order: 45 }, followsUnit: true },
    },
    {
      path: 'requests/intake',
      name: 'requestIntake',
      component: () => import('@/views/requests/RequestIntake.vue'),
      meta: { title: 'requests.intake.title', icon: EditPen, permission: INTAKE, menu: { order: 50 } },
    },
    // The province keeps the catalogue: names, time limits, handling levels and the questions asked.
    {
      path: 'requests/catalogue',
      name: 'requestCatalogue',
      component: () => import('@/views/requests/RequestCatalogue.vue'),
      meta: { title: 'requests.catalogue.title', icon: Collection, permission: MANAGE_CATALOGUE, menu: { order: 55 } },
    },
    // The working days deadlines are counted on: kept by the province, read by those whose cases
    // run on it. Not by requests:catalogue:read alone: residents and the security administrator
    // hold that one (to submit, and to grant the resident role) and have no deadlines to follow.
    // Every built-in role holding requests:case:read holds requests:catalogue:read, which the page's
    // GET needs.
    {
      path: 'requests/calendar',
      name: 'requestCalendar',
      component: () => import('@/views/requests/WorkingCalendar.vue'),
      meta: { title: 'requests.calendar.title', icon: Calendar, permission: [READ, MANAGE_CATALOGUE], menu: { order: 60 } },
    },
  ],
  messages: { 'zh-CN': zhCN, en },
  // The workbench's to-dos open the list filtered to what they count.
  todos: {
    'requests.cases.to_accept': { to: { name: 'requestList', query: { status: 'submitted' } } },
    'requests.cases.overdue': { to: { name: 'requestList', query: { overdue: '1' } } },
  },
})
