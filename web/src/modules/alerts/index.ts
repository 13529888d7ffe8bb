// Warnings (src/alerts, 预警信息): composed by a unit's staff, approved one level up when their
// level asks for it, delivered to residents, and closed on the vulnerable by grid workers' calls
// and visits. The server's API has landed; the console's pages (composer, delivery board, tasks)
// come next, so for now the module names its permissions and audit entries.
import { defineModule } from '../types'
import zhCN from './locales/zh-CN'
import en from './locales/en'

export default defineModule({
  name: 'alerts',
  group: 'governance',
  messages: { 'zh-CN': zhCN, en },
})
