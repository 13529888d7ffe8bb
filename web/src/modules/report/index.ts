// Reports (src/report, 报告): the plan's evaluation report (规划指标评估报告) of a unit for a year,
// as Excel or PDF. It has no page of its own: the indicator dashboard offers its downloads
// (src/views/report/EvaluationReportMenu.vue). Declared here for its strings and the labels of
// its permission, audit action and object type.
import { defineModule } from '../types'
import zhCN from './locales/zh-CN'
import en from './locales/en'

export default defineModule({
  name: 'report',
  messages: { 'zh-CN': zhCN, en },
})
