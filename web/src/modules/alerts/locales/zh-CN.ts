// The alerts module's strings in Simplified Chinese (预警信息). Reached as t('alerts.…').
const zhCN = {
  title: '预警信息',
  permissions: {
    'alerts:alert:read': '查看预警信息和送达情况',
    'alerts:alert:write': '编写和发布预警信息',
    'alerts:alert:approve': '审批下级单位的预警信息',
    'alerts:task:handle': '电话或上门联系未确认的居民',
    'alerts:alert:answer': '查看和确认收到的预警信息',
  },
  auditActions: {
    'alerts.alert.create': '编写预警信息',
    'alerts.alert.update': '修改预警信息',
    'alerts.alert.issue': '发布预警信息',
    'alerts.alert.decide': '审批预警信息',
    'alerts.alert.cancel': '撤销预警信息',
    'alerts.alert.deliver': '送达预警信息',
    'alerts.alert.escalate': '未确认的预警转为网格员任务',
    'alerts.alert.answer': '居民确认预警信息',
    'alerts.task.done': '完成预警联系任务',
    'alerts.setting.update': '设置预警审批级别',
  },
  auditObjects: {
    alert: '预警信息',
    alert_task: '预警联系任务',
  },
}

export type AlertsMessages = typeof zhCN
export default zhCN
