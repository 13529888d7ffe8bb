// API keys for machine clients (Open311 and other systems): /api/v1/api-keys
import { http } from '@/utils/request'
import type { Reply, RequestBody, Schema } from './types'

export type ApiKey = Schema<'ApiKey'>
export type NewApiKey = RequestBody<'/api/v1/api-keys', 'post'>
/** The key and its token: the token is shown this once. */
export type IssuedApiKey = Reply<'/api/v1/api-keys', 'post', 201>

export function listApiKeys(signal?: AbortSignal): Promise<{ items: ApiKey[] }> {
  return http.get<{ items: ApiKey[] }>('/api/v1/api-keys', { signal })
}

export function issueApiKey(input: NewApiKey): Promise<IssuedApiKey> {
  return http.post<IssuedApiKey>('/api/v1/api-keys', input, { notify: false })
}

export function revokeApiKey(id: ApiKey['id']): Promise<void> {
  return http.delete<void>(`/api/v1/api-keys/${encodeURIComponent(String(id))}`)
}
