// Background jobs (siting runs, nightly clean-ups…) of the caller's units: /api/v1/jobs
import { http } from '@/utils/request'
import type { PageResult, QueryOf, Schema } from './types'

/** A job as the list shows it; `kindLabel` is localised by the server (Accept-Language). */
export type Job = Schema<'Job'>
export type JobState = Job['state']
export type JobQuery = QueryOf<'/api/v1/jobs', 'get'>

/** One page of the jobs in the caller's scope, newest first. */
export function listJobs(query: JobQuery, signal?: AbortSignal): Promise<PageResult<Job>> {
  return http.get<PageResult<Job>>('/api/v1/jobs', { query: { ...query }, signal })
}

/**
 * Cancels a queued job, or asks the server running it to stop. 409 when it has already ended
 * (the request layer shows the server's message).
 */
export function cancelJob(id: number): Promise<Job> {
  return http.post<Job>(`/api/v1/jobs/${id}/cancel`)
}
