// What the jobs page shows and does, apart from drawing it: the paged, filtered list, the kinds
// seen so far (for the kind filter), the refresh every few seconds while a job on the page is
// queued or running, and whether a job may be cancelled by the signed-in user.
import { computed, shallowRef, watch } from 'vue'
import { listJobs, type Job } from '@/api/jobs'
import { useAutoRefresh } from '@/composables/useAutoRefresh'
import { usePagedList } from '@/composables/usePagedList'
import { canCancelJob, hasActiveJobs, jobListQuery, rememberKinds, type JobFilter } from '@/utils/jobs'

export const JOB_REFRESH_SECONDS = 3

export interface JobListOptions {
  /** The permissions the user holds now. */
  permissions: () => readonly string[]
  load?: typeof listJobs
  refreshMs?: number
}

export function useJobList(options: JobListOptions) {
  const load = options.load ?? listJobs
  const list = usePagedList<Job, JobFilter>((filter, paging) => load(jobListQuery(filter, paging)), {
    filter: { state: '', kind: '' },
    pageSize: 20,
  })

  const kinds = shallowRef(new Map<string, string>())
  watch(list.rows, (shown) => (kinds.value = rememberKinds(kinds.value, shown)))

  const refreshing = computed(() => hasActiveJobs(list.rows.value))
  useAutoRefresh(() => refreshing.value, list.reload, options.refreshMs ?? JOB_REFRESH_SECONDS * 1000)

  return {
    list,
    kinds,
    /** Some job on the page is queued or running: the page refreshes itself. */
    refreshing,
    mayCancel: (job: Job) => canCancelJob(job, options.permissions()),
  }
}
