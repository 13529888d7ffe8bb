// The alerts module's strings in English. Same keys as zh-CN.ts.
import type { AlertsMessages } from './zh-CN'

const en: AlertsMessages = {
  title: 'Warnings',
  permissions: {
    'alerts:alert:read': 'View warnings and their delivery',
    'alerts:alert:write': 'Compose and issue warnings',
    'alerts:alert:approve': 'Approve the warnings of the units below',
    'alerts:task:handle': 'Call or visit residents who did not answer',
    'alerts:alert:answer': 'Read and answer the warnings received',
  },
  auditActions: {
    'alerts.alert.create': 'Compose a warning',
    'alerts.alert.update': 'Change a warning',
    'alerts.alert.issue': 'Issue a warning',
    'alerts.alert.decide': "Decide a warning's approval",
    'alerts.alert.cancel': 'Cancel a warning',
    'alerts.alert.deliver': 'Deliver a warning',
    'alerts.alert.escalate': "Turn silence into grid workers' tasks",
    'alerts.alert.answer': "A resident's answer",
    'alerts.task.done': 'Record a call or visit',
    'alerts.setting.update': 'Set from which level warnings need approval',
  },
  auditObjects: {
    alert: 'Warning',
    alert_task: 'Call or visit after a warning',
  },
}

export default en
