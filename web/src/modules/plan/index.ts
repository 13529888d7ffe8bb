// Plan tasks and ledgers (src/plan, 年度任务清单和工作台账): each level issues the plan's tasks to
// the units below it and breaks down its own for the units right below; the owner unit reports
// progress with evidence, which the issuing unit approves or returns; a unit's ledger for a year
// exports as the Excel sheet officials hand in, and the roll-up counts the tasks of each unit
// below. Under 动态监测, next to the plan's indicators it carries out.
import { Finished, Histogram, List } from '@element-plus/icons-vue'
import { defineModule } from '../types'
import zhCN from './locales/zh-CN'
import en from './locales/en'

const READ = 'plan:task:read'
const ISSUE = 'plan:task:issue'
const DECIDE = 'plan:report:decide'

export default defineModule({
  name: 'plan',
  group: 'monitoring',
  routes: [
    // ?year=&unit=&state=&section= filter the list (a to-do and a roll-up's figure open it so).
    {
      path: 'plan/tasks',
      name: 'plan-tasks',
      component: () => import('@/views/plan/TaskList.vue'),
      meta: { title: 'plan.list.title', icon: List, permission: READ, menu: { order: 40 } },
    },
    {
      path: 'plan/tasks/new',
      name: 'plan-task-new',
      component: () => import('@/views/plan/TaskForm.vue'),
      meta: { title: 'plan.form.newTitle', permission: ISSUE },
    },
    {
      path: 'plan/tasks/:id(\\d+)',
      name: 'plan-task-detail',
      component: () => import('@/views/plan/TaskDetail.vue'),
      meta: { title: 'plan.detail.title', permission: READ },
    },
    // A breakdown of the task :id for a unit right below its own.
    {
      path: 'plan/tasks/:id(\\d+)/breakdown',
      name: 'plan-task-breakdown',
      component: () => import('@/views/plan/TaskForm.vue'),
      meta: { title: 'plan.form.breakdownTitle', permission: ISSUE },
    },
    // The issuing unit changes a task (not its unit, year or parent).
    {
      path: 'plan/tasks/:id(\\d+)/edit',
      name: 'plan-task-edit',
      component: () => import('@/views/plan/TaskForm.vue'),
      meta: { title: 'plan.form.editTitle', permission: ISSUE },
    },
    {
      path: 'plan/reports/pending',
      name: 'plan-reports-pending',
      component: () => import('@/views/plan/PendingReports.vue'),
      meta: { title: 'plan.pending.title', icon: Finished, permission: DECIDE, menu: { order: 41 } },
    },
    // The counts of a unit (the working unit without a code) for a year (?year=, this year by default).
    {
      path: 'plan/rollup/:code?',
      name: 'plan-rollup',
      component: () => import('@/views/plan/PlanRollup.vue'),
      meta: { title: 'plan.rollup.title', icon: Histogram, permission: READ, menu: { order: 42 }, followsUnit: true },
    },
  ],
  messages: { 'zh-CN': zhCN, en },
  // The workbench's to-dos open the list filtered to what they count, and the reports to decide.
  // The fixed shapes of the details src/plan/plan_service.cpp writes (a task issued: its title, as typed).
  auditDetailRules: [
    { action: 'plan.task.update', pattern: /^version (\d+)$/, message: 'version', params: (m) => ({ version: m[1]! }) },
    { action: 'plan.report.submit', pattern: /^report (\d+): (\d+)%$/, message: 'report', params: (m) => ({ report: m[1]!, progress: m[2]! }) },
    {
      action: 'plan.report.evidence',
      pattern: /^report (\d+): (photo|pdf) (\d+)$/,
      message: 'evidence',
      params: (m, labels) => ({ report: m[1]!, kind: labels.message(`plan.evidenceKinds.${m[2]!}`), evidence: m[3]! }),
    },
    {
      action: 'plan.report.decide',
      pattern: /^report (\d+): (approved|returned)$/,
      message: 'decision',
      params: (m, labels) => ({ report: m[1]!, state: labels.message(`plan.reportStates.${m[2]!}`) }),
    },
  ],
  todos: {
    'plan.tasks.late': { to: { name: 'plan-tasks', query: { state: 'late' } } },
    'plan.tasks.at_risk': { to: { name: 'plan-tasks', query: { state: 'at_risk' } } },
    'plan.reports.pending': { to: { name: 'plan-reports-pending' } },
  },
})
