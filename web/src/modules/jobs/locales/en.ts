// The jobs module's strings in English (Background jobs): the same keys as zh-CN.ts.
import type { JobsMessages } from './zh-CN'

const en: JobsMessages = {
  title: 'Background jobs',
  id: 'No.',
  kind: 'Kind',
  unit: 'Unit',
  createdBy: 'Started by',
  state: 'State',
  progress: 'Progress',
  attempts: 'Attempts',
  createdAt: 'Created (Beijing time)',
  startedAt: 'Started',
  finishedAt: 'Finished',
  error: 'Reason for failure',
  empty: 'No background jobs match',
  autoRefresh: '(jobs are in progress: refreshing every {n} seconds)',
  cancel: 'Cancel job',
  cancelTitle: 'Cancel a background job',
  cancelConfirm: 'Cancel the “{kind}” job (No. {id})? A running job stops at its next checkpoint.',
  cancelled: 'The job was cancelled',
  stopRequested: 'The server running the job was asked to stop it',
  cancelRequested: 'Cancelling',
  states: {
    queued: 'Queued',
    running: 'Running',
    done: 'Done',
    failed: 'Failed',
    cancelled: 'Cancelled',
  },
  permissions: {
    'jobs:job:read': 'See background jobs',
    'jobs:job:cancel': 'Cancel background jobs',
  },
  auditActions: {
    'jobs.job.cancel': 'Cancel a background job',
  },
  auditObjects: {
    job: 'Background job',
  },
}

export default en
