// Requests handled on receipt (src/requests, 接诉即办): the catalogue, the working calendar, cases
// and their timelines. The server's routes are in place; the console's pages (the queues, a
// case with its timeline, the resident's form) come with the module's next part. Declared here
// for its strings and the labels of its permissions, audit actions and object types.
import { defineModule } from '../types'
import zhCN from './locales/zh-CN'
import en from './locales/en'

export default defineModule({
  name: 'requests',
  messages: { 'zh-CN': zhCN, en },
})
