// The platform's own declaration on the server (system_declaration in src/app/app.cpp): no pages
// yet, the labels of its permission and of its audit action.
import { defineModule } from '../types'
import zhCN from './locales/zh-CN'
import en from './locales/en'

export default defineModule({
  name: 'system',
  messages: { 'zh-CN': zhCN, en },
  auditDetailRules: [
    { action: 'pii.rekey', pattern: /^(\d+) values re-sealed$/, message: 'resealed', params: (m) => ({ n: m[1]! }) },
  ],
})
