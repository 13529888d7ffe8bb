// The reports' strings in Simplified Chinese (报告): the labels of what the module declares on the
// server. Reached as t('report.…').
const zhCN = {
  permissions: {
    'report:evaluation:export': '导出规划指标评估报告',
  },
  auditActions: {
    'report.evaluation.export': '导出评估报告',
  },
  auditObjects: {
    report: '报告',
  },
}

export type ReportMessages = typeof zhCN
export default zhCN
