// The plan's indicators (src/indicator, 规划指标): the 30 indicators for any unit and period, and
// the entry and approval of the values the system cannot compute yet. Its pages (the dashboard,
// entry and approval) come with the indicator console; for now it names what the server declares.
import { defineModule } from '../types'
import zhCN from './locales/zh-CN'
import en from './locales/en'

export default defineModule({
  name: 'indicator',
  group: 'monitoring',
  messages: { 'zh-CN': zhCN, en },
})
