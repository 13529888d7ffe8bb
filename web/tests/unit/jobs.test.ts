// The background-jobs page: the list request a filter makes, the refresh that runs only while a
// job on the page is queued or running, who sees the cancel button, and the server's refusal of a
// cancel shown to the user.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { cancelJob, listJobs, type Job, type JobQuery } from '@/api/jobs'
import type { PageResult } from '@/api/types'
import { configureClient } from '@/utils/request'
import { canCancelJob, hasActiveJobs, jobListQuery, jobStateTagType, rememberKinds, JOB_STATES } from '@/utils/jobs'
import { useJobList } from '@/views/system/jobs/useJobList'
import { errorBody, mountComposable, startServer, type TestServer } from './helpers'

function job(id: number, state: Job['state'], more: Partial<Job> = {}): Job {
  return {
    id,
    kind: 'access.siting',
    kindLabel: '新增点位选址',
    unitCode: '620102000000',
    createdBy: 'admin',
    state,
    progress: state === 'done' ? 1 : 0.4,
    attempts: state === 'queued' ? 0 : 1,
    maxAttempts: 3,
    server: 'node-1',
    cancelRequested: false,
    createdAt: '2026-12-01T02:00:00.000Z',
    startedAt: state === 'queued' ? '' : '2026-12-01T02:00:01.000Z',
    finishedAt: state === 'done' || state === 'failed' || state === 'cancelled' ? '2026-12-01T02:00:09.000Z' : '',
    error: state === 'failed' ? '尚未导入步行路网' : null,
    ...more,
  }
}

const ADMIN = ['jobs:job:read', 'jobs:job:cancel']

describe('the jobs filter', () => {
  let server: TestServer

  beforeAll(async () => {
    server = await startServer()
    configureClient({ baseUrl: server.url, language: 'zh-CN' })
  })

  afterAll(async () => {
    await server.close()
  })

  beforeEach(() => {
    server.seen.length = 0
    server.handle(() => ({ status: 200, body: { items: [], total: 0 } }))
  })

  async function requested(query: JobQuery): Promise<URLSearchParams> {
    await listJobs(query)
    return new URL(server.seen[0]!.url, 'http://x').searchParams
  }

  it('asks for one state, and leaves out the filters not set', async () => {
    const q = await requested(jobListQuery({ state: 'failed', kind: '' }, { page: 2, pageSize: 20 }))
    expect(Object.fromEntries(q)).toEqual({ state: 'failed', page: '2', pageSize: '20' })
  })

  it('asks for every state when none is chosen, and for a kind without the spaces typed', async () => {
    const q = await requested(jobListQuery({ state: '', kind: ' access.siting ' }, { page: 1, pageSize: 50 }))
    expect(Object.fromEntries(q)).toEqual({ kind: 'access.siting', page: '1', pageSize: '50' })
  })

  it('asks for everything once the selects are cleared', async () => {
    const q = await requested(jobListQuery({ state: undefined, kind: undefined }, { page: 1, pageSize: 20 }))
    expect(Object.fromEntries(q)).toEqual({ page: '1', pageSize: '20' })
  })

  it("shows the server's message when a job has already ended", async () => {
    const notify = vi.fn()
    configureClient({ hooks: { notify } })
    server.handle(() => ({ status: 409, body: errorBody('conflict', '后台任务已结束，不能取消') }))
    await expect(cancelJob(7)).rejects.toMatchObject({ status: 409, message: '后台任务已结束，不能取消' })
    expect(server.seen[0]).toMatchObject({ method: 'POST', url: '/api/v1/jobs/7/cancel' })
    expect(notify).toHaveBeenCalledWith('后台任务已结束，不能取消')
  })
})

describe('jobs on the page', () => {
  it('are still going while queued or running', () => {
    expect(JOB_STATES.filter((s) => hasActiveJobs([{ state: s }]))).toEqual(['queued', 'running'])
    expect(hasActiveJobs([])).toBe(false)
    expect(hasActiveJobs([job(1, 'done'), job(2, 'failed'), job(3, 'cancelled')])).toBe(false)
  })

  it('have a colour for each state', () => {
    expect(JOB_STATES.map(jobStateTagType)).toEqual(['info', 'primary', 'success', 'danger', 'warning'])
  })

  it('may be cancelled only with jobs:job:cancel, while still going, and once', () => {
    expect(canCancelJob(job(1, 'running'), ADMIN)).toBe(true)
    expect(canCancelJob(job(1, 'queued'), ADMIN)).toBe(true)
    expect(canCancelJob(job(1, 'running'), ['jobs:job:read'])).toBe(false)
    expect(canCancelJob(job(1, 'running'), [])).toBe(false)
    for (const state of ['done', 'failed', 'cancelled'] as const) expect(canCancelJob(job(1, state), ADMIN)).toBe(false)
    expect(canCancelJob(job(1, 'running', { cancelRequested: true }), ADMIN)).toBe(false)
  })

  it('name their kinds in the filter, the ones seen before too', () => {
    const first = rememberKinds(new Map(), [job(1, 'done'), job(2, 'done', { kind: 'jobs.purge', kindLabel: '清理已结束的后台任务' })])
    const later = rememberKinds(first, [job(3, 'running')])
    expect([...later]).toEqual([
      ['access.siting', '新增点位选址'],
      ['jobs.purge', '清理已结束的后台任务'],
    ])
  })
})

describe('the jobs page', () => {
  const REFRESH_MS = 3000

  beforeEach(() => {
    vi.useFakeTimers()
  })

  afterEach(() => {
    vi.useRealTimers()
  })

  /** A page whose list request answers the pages given, one per request (the last one again after). */
  function mount(answers: Job[][], permissions: string[] = ADMIN) {
    const load = vi.fn(async (query: JobQuery): Promise<PageResult<Job>> => {
      const items = answers.length > 1 ? answers.shift()! : answers[0]!
      expect(query).toMatchObject({ page: 1, pageSize: 20 })
      return { items, total: items.length }
    })
    const mounted = mountComposable(() => useJobList({ load, permissions: () => permissions, refreshMs: REFRESH_MS }))
    return { load, page: mounted.result, unmount: mounted.unmount }
  }

  it('refreshes while a job is going and stops once none is', async () => {
    const { load, page, unmount } = mount([[job(2, 'queued'), job(1, 'done')], [job(2, 'running'), job(1, 'done')], [job(2, 'done'), job(1, 'done')]])
    await vi.advanceTimersByTimeAsync(0)
    expect(load).toHaveBeenCalledTimes(1)
    expect(page.refreshing.value).toBe(true)
    await vi.advanceTimersByTimeAsync(REFRESH_MS)
    expect(load).toHaveBeenCalledTimes(2)
    expect(page.list.rows.value[0]?.state).toBe('running')
    await vi.advanceTimersByTimeAsync(REFRESH_MS)
    expect(load).toHaveBeenCalledTimes(3)
    expect(page.refreshing.value).toBe(false)
    await vi.advanceTimersByTimeAsync(10 * REFRESH_MS)
    expect(load).toHaveBeenCalledTimes(3)
    unmount()
  })

  it('does not refresh a page of ended jobs', async () => {
    const { load, unmount } = mount([[job(1, 'done'), job(2, 'failed'), job(3, 'cancelled')]])
    await vi.advanceTimersByTimeAsync(10 * REFRESH_MS)
    expect(load).toHaveBeenCalledTimes(1)
    unmount()
  })

  it('stops refreshing when the page is left', async () => {
    const { load, unmount } = mount([[job(1, 'running')]])
    await vi.advanceTimersByTimeAsync(REFRESH_MS)
    expect(load).toHaveBeenCalledTimes(2)
    unmount()
    await vi.advanceTimersByTimeAsync(10 * REFRESH_MS)
    expect(load).toHaveBeenCalledTimes(2)
  })

  it('offers the cancel button only to those who may cancel', async () => {
    const running = job(1, 'running')
    const reader = mount([[running]], ['jobs:job:read'])
    const admin = mount([[running]])
    expect(reader.page.mayCancel(running)).toBe(false)
    expect(admin.page.mayCancel(running)).toBe(true)
    reader.unmount()
    admin.unmount()
  })
})
