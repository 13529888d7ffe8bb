// Background jobs on the jobs page: which are still going (the page refreshes itself while any
// is), who may cancel which, the colour of each state, and the query a filter asks for.
import type { Job, JobQuery, JobState } from '@/api/jobs'
import { allows } from './permission'

export const JOB_STATES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const satisfies readonly JobState[]

export const JOB_CANCEL_PERMISSION = 'jobs:job:cancel'

/** Queued or running: its state, progress or result will still change. */
export function isActiveJob(job: Pick<Job, 'state'>): boolean {
  return job.state === 'queued' || job.state === 'running'
}

export function hasActiveJobs(jobs: readonly Pick<Job, 'state'>[]): boolean {
  return jobs.some(isActiveJob)
}

/** The cancel button: for someone who may cancel, on a job still going that nobody asked to stop yet. */
export function canCancelJob(job: Pick<Job, 'state' | 'cancelRequested'>, permissions: readonly string[]): boolean {
  return allows(permissions, JOB_CANCEL_PERMISSION) && isActiveJob(job) && !job.cancelRequested
}

export type JobTagType = 'primary' | 'success' | 'info' | 'warning' | 'danger'

const TAG_TYPES: Record<JobState, JobTagType> = {
  queued: 'info',
  running: 'primary',
  done: 'success',
  failed: 'danger',
  cancelled: 'warning',
}

export function jobStateTagType(state: JobState): JobTagType {
  return TAG_TYPES[state]
}

/** Empty or missing (a cleared select): every state, every kind. */
export interface JobFilter {
  state?: JobState | ''
  /** A kind code such as access.siting. */
  kind?: string
}

/** The list request for a filter and a page; empty filters are left out. */
export function jobListQuery(filter: JobFilter, paging: { page: number; pageSize: number }): JobQuery {
  const kind = filter.kind?.trim()
  return {
    ...paging,
    ...(filter.state ? { state: filter.state } : {}),
    ...(kind ? { kind } : {}),
  }
}

/**
 * Adds the kinds of `jobs` to the kinds already seen (code → the server's label), so that the
 * kind filter offers them by name even after the list was narrowed.
 */
export function rememberKinds(known: ReadonlyMap<string, string>, jobs: readonly Pick<Job, 'kind' | 'kindLabel'>[]): Map<string, string> {
  const next = new Map(known)
  for (const job of jobs) next.set(job.kind, job.kindLabel)
  return next
}
