// The workbench's to-dos (待办): GET /api/v1/workbench/todos, counted by the server over the
// caller's scope for the sources whose permission the caller holds. Written by hand from the
// issue 11 contract until the server's description carries it.
import { http } from '@/utils/request'
import type { TodoItem } from '@/utils/workbench'

export interface Todos {
  items: TodoItem[]
  total: number
}

export function getTodos(signal?: AbortSignal): Promise<Todos> {
  return http.get<Todos>('/api/v1/workbench/todos', { signal, notify: false })
}
