// The facility registry (src/facility, 服务设施): comprehensive service facilities and special
// facilities. Its pages come with the registry's console; for now it names what the server declares.
import { defineModule } from '../types'
import zhCN from './locales/zh-CN'
import en from './locales/en'

export default defineModule({
  name: 'facility',
  group: 'services',
  messages: { 'zh-CN': zhCN, en },
  auditDetailRules: [
    { action: 'facility.import', pattern: /^(\d+) facilities$/, message: 'imported', params: (m) => ({ n: m[1]! }) },
    { action: 'facility.figures.update', pattern: /^(\d{4})$/, message: 'year', params: (m) => ({ year: m[1]! }) },
  ],
})
