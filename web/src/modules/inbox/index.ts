// Messages the system leaves for an account (src/inbox, 站内消息): the monthly reminder of home
// visits due, and warnings to come; first under 基层治理, the work they are about. Counted as the
// to-do inbox.unread.
import { Message } from '@element-plus/icons-vue'
import { defineModule } from '../types'
import zhCN from './locales/zh-CN'
import en from './locales/en'

export default defineModule({
  name: 'inbox',
  group: 'governance',
  routes: [
    {
      path: 'inbox',
      name: 'inbox',
      component: () => import('@/views/inbox/MessageList.vue'),
      meta: { title: 'inbox.title', icon: Message, permission: 'inbox:message:read', menu: { order: 1 } },
    },
  ],
  messages: { 'zh-CN': zhCN, en },
  todos: {
    'inbox.unread': { to: { name: 'inbox', query: { unread: '1' } } },
  },
})
