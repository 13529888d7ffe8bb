// The caller's own messages (站内消息): /api/v1/inbox. Title and body come in the language the
// request asks for; another account's message is 404.
import { http } from '@/utils/request'
import type { PageResult, QueryOf, Schema } from './types'

export type InboxMessage = Schema<'InboxMessage'>
export type InboxQuery = QueryOf<'/api/v1/inbox', 'get'>

/** A page of messages, newest first, with how many of all the caller's are unread. */
export interface InboxPage extends PageResult<InboxMessage> {
  unread: number
}

export function listMessages(query: InboxQuery, signal?: AbortSignal): Promise<InboxPage> {
  return http.get<InboxPage>('/api/v1/inbox', { query: { ...query }, signal })
}

/** Marks one message read (again: no change). */
export function markRead(id: number): Promise<InboxMessage> {
  return http.post<InboxMessage>(`/api/v1/inbox/${id}/read`)
}

/** Marks every unread message of the caller read; how many. */
export function markAllRead(): Promise<{ read: number }> {
  return http.post<{ read: number }>('/api/v1/inbox/read')
}
