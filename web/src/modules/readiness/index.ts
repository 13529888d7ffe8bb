// Emergency readiness (src/readiness, 应急准备), beginning with disaster incident reports (灾情报送):
// counties, townships, villages and communities report what a disaster took and correct it as the
// count firms up (续报); the units above read the reports of their area and their totals. Under
// 基层治理, next to the warnings (emergency work in one place): the reports (with the form and
// each report's page) and the totals of a unit (汇总), which open a unit below.
import { Histogram, WarningFilled } from '@element-plus/icons-vue'
import { INCIDENT_KINDS } from '@/api/readiness'
import { defineModule } from '../types'
import zhCN from './locales/zh-CN'
import en from './locales/en'

const READ = 'readiness:incident:read'
const REPORT = 'readiness:incident:report'

export default defineModule({
  name: 'readiness',
  group: 'governance',
  routes: [
    // ?unit=&kind=&from=&to= filter the list (a summary's line opens it so).
    {
      path: 'readiness/incidents',
      name: 'incidents',
      component: () => import('@/views/readiness/IncidentList.vue'),
      meta: { title: 'readiness.list.title', icon: WarningFilled, permission: READ, menu: { order: 22 } },
    },
    {
      path: 'readiness/incidents/new',
      name: 'incident-new',
      component: () => import('@/views/readiness/IncidentForm.vue'),
      meta: { title: 'readiness.form.newTitle', permission: REPORT },
    },
    {
      path: 'readiness/incidents/:id(\\d+)',
      name: 'incident-detail',
      component: () => import('@/views/readiness/IncidentDetail.vue'),
      meta: { title: 'readiness.detail.title', permission: READ },
    },
    {
      path: 'readiness/incidents/:id(\\d+)/correct',
      name: 'incident-correct',
      component: () => import('@/views/readiness/IncidentForm.vue'),
      meta: { title: 'readiness.form.correctTitle', permission: REPORT },
    },
    // The totals of a unit (the working unit without a code); ?from=&to= the period (this year by default).
    {
      path: 'readiness/summary/:code?',
      name: 'incident-summary',
      component: () => import('@/views/readiness/IncidentSummary.vue'),
      meta: { title: 'readiness.summary.title', icon: Histogram, permission: READ, menu: { order: 23 }, followsUnit: true },
    },
  ],
  messages: { 'zh-CN': zhCN, en },
  auditDetailRules: [
    // The server writes the kind's key on a report and the new version on a correction.
    {
      action: 'readiness.incident.report',
      pattern: new RegExp(`^(${INCIDENT_KINDS.join('|')})$`),
      message: 'kind',
      params: (m, labels) => ({ kind: labels.message(`readiness.kinds.${m[1]!}`) }),
    },
    { action: 'readiness.incident.correct', pattern: /^version (\d+)$/, message: 'version', params: (m) => ({ version: m[1]! }) },
  ],
})
