// The inbox module's strings in Simplified Chinese (站内消息). Reached as t('inbox.…').
const zhCN = {
  title: '站内消息',
  all: '全部',
  unreadOnly: '未读',
  unreadCount: '未读 {n} 条',
  empty: '没有消息',
  emptyUnread: '没有未读消息',
  open: '查看',
  markRead: '标为已读',
  markAllRead: '全部标为已读',
  allRead: '已将 {n} 条消息标为已读',
  unread: '未读',
  receivedAt: '收到时间',
  permissions: {
    'inbox:message:read': '查看本人的站内消息',
  },
}

export default zhCN
