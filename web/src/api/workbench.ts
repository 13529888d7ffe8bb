// The workbench's to-dos (待办): GET /api/v1/workbench/todos, counted by the server over the
// caller's scope for the kinds whose permission the caller holds.
import { http } from '@/utils/request'
import { shareRequest } from '@/utils/shared-request'
import type { Reply } from './types'

export type Todos = Reply<'/api/v1/workbench/todos', 'get'>

export function getTodos(signal?: AbortSignal): Promise<Todos> {
  return http.get<Todos>('/api/v1/workbench/todos', { signal, notify: false })
}

/** The count as the top bar first shows it: asked for as soon as the account is known. */
export function getTodosShared(): Promise<Todos> {
  return shareRequest('workbench.todos', () => getTodos(), 10_000)
}
