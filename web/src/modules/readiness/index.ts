// Emergency readiness (src/readiness, 应急准备): disaster incident reports (灾情报送): counties,
// townships, villages and communities report what a disaster took and correct it as the count
// firms up (续报); the units above read the reports of their area and their totals. The emergency
// supplies (应急物资) each keeps, with their expiry list (a to-do on the workbench), and the drills
// (应急演练) planned and held. Under 基层治理, next to the warnings (emergency work in one place).
import { AlarmClock, Box, Flag, Histogram, WarningFilled } from '@element-plus/icons-vue'
import { DRILL_SCENARIOS, INCIDENT_KINDS } from '@/api/readiness'
import { defineModule, type AuditDetailRule } from '../types'
import zhCN from './locales/zh-CN'
import en from './locales/en'

const READ = 'readiness:incident:read'
const REPORT = 'readiness:incident:report'
const SUPPLY_READ = 'readiness:supply:read'
const SUPPLY_WRITE = 'readiness:supply:write'
const DRILL_READ = 'readiness:drill:read'
const DRILL_WRITE = 'readiness:drill:write'

/** The server writes a drill's status, scenario and date: "done fire 2026-11-20". */
const DRILL_DETAIL = {
  pattern: new RegExp(`^(planned|done) (${DRILL_SCENARIOS.join('|')}) (\\d{4}-\\d{2}-\\d{2})$`),
  message: 'drill',
  params: (m, labels) => ({
    status: labels.message(`readiness.drills.statuses.${m[1]!}`),
    scenario: labels.message(`readiness.drills.scenarios.${m[2]!}`),
    date: m[3]!,
  }),
} as const satisfies Omit<AuditDetailRule<'drill'>, 'action'>

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
    // ?unit=&category=&expiry= filter the list.
    {
      path: 'readiness/supplies',
      name: 'supplies',
      component: () => import('@/views/readiness/SupplyList.vue'),
      meta: { title: 'readiness.supplies.title', icon: Box, permission: SUPPLY_READ, menu: { order: 24 } },
    },
    {
      path: 'readiness/supplies/expiring',
      name: 'supplies-expiring',
      component: () => import('@/views/readiness/SupplyExpiring.vue'),
      meta: { title: 'readiness.supplies.expiringTitle', icon: AlarmClock, permission: SUPPLY_READ, menu: { order: 25 } },
    },
    {
      path: 'readiness/supplies/new',
      name: 'supply-new',
      component: () => import('@/views/readiness/SupplyForm.vue'),
      meta: { title: 'readiness.supplies.newTitle', permission: SUPPLY_WRITE },
    },
    {
      path: 'readiness/supplies/:id(\\d+)/edit',
      name: 'supply-edit',
      component: () => import('@/views/readiness/SupplyForm.vue'),
      meta: { title: 'readiness.supplies.editTitle', permission: SUPPLY_WRITE },
    },
    // ?unit=&scenario=&status=&from=&to= filter the list.
    {
      path: 'readiness/drills',
      name: 'drills',
      component: () => import('@/views/readiness/DrillList.vue'),
      meta: { title: 'readiness.drills.title', icon: Flag, permission: DRILL_READ, menu: { order: 26 } },
    },
    {
      path: 'readiness/drills/new',
      name: 'drill-new',
      component: () => import('@/views/readiness/DrillForm.vue'),
      meta: { title: 'readiness.drills.newTitle', permission: DRILL_WRITE },
    },
    {
      path: 'readiness/drills/:id(\\d+)/edit',
      name: 'drill-edit',
      component: () => import('@/views/readiness/DrillForm.vue'),
      meta: { title: 'readiness.drills.editTitle', permission: DRILL_WRITE },
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
    // A drill's status, scenario and date (a supply's name, quantity and expiry read as written).
    { action: 'readiness.drill.create', ...DRILL_DETAIL },
    { action: 'readiness.drill.update', ...DRILL_DETAIL },
  ],
  todos: {
    'readiness.supplies.expiring': { to: { name: 'supplies-expiring' } },
  },
})
