// The reports' strings in English.
import type { ReportMessages } from './zh-CN'

const en: ReportMessages = {
  evaluation: {
    button: 'Evaluation report',
    xlsx: 'Download Excel',
    pdf: 'Download PDF (for printing)',
    hint: "Evaluation of the plan's indicators: {unit}, {year}",
    beforePlan: 'Evaluation reports begin with 2020',
    notBegun: '{year} has not begun: there is no evaluation report yet',
  },
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
