// The inbox module's strings in English. Reached as t('inbox.…').
import type zhCN from './zh-CN'

const en: typeof zhCN = {
  title: 'Messages',
  all: 'All',
  unreadOnly: 'Unread',
  unreadCount: '{n} unread',
  empty: 'No messages',
  emptyUnread: 'No unread messages',
  open: 'Open',
  markRead: 'Mark read',
  markAllRead: 'Mark all read',
  allRead: '{n} messages marked read',
  unread: 'Unread',
  receivedAt: 'Received',
  permissions: {
    'inbox:message:read': "Read one's own messages",
  },
}

export default en
