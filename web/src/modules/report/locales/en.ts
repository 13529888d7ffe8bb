// The reports' strings in English.
import type { ReportMessages } from './zh-CN'

const en: ReportMessages = {
  permissions: {
    'report:evaluation:export': "Export the plan's evaluation report",
  },
  auditActions: {
    'report.evaluation.export': 'Evaluation report exported',
  },
  auditObjects: {
    report: 'Report',
  },
}

export default en
