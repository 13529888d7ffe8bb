// The reports' strings in Simplified Chinese (报告): the evaluation report's menu on the indicator
// dashboard, and the labels of what the module declares on the server. Reached as t('report.…').
const zhCN = {
  evaluation: {
    button: '评估报告',
    xlsx: '下载 Excel',
    pdf: '下载 PDF（打印用）',
    hint: '{unit}{year}年规划指标评估报告',
    beforePlan: '评估报告从 2020 年开始',
    notBegun: '{year}年尚未开始，还没有评估报告',
  },
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
