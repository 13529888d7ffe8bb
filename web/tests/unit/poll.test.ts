// Following a siting run: the state machine of pollJob with fake timers.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { pollJob, type PollOptions } from '@/utils/poll'
import { ApiError } from '@/utils/request'

interface Job {
  state: 'queued' | 'running' | 'done' | 'failed'
  progress: number
}

const isFinal = (j: Job) => j.state === 'done' || j.state === 'failed'

/** A fetch that answers the scripted jobs (or throws the scripted errors) one per call. */
function scripted(answers: (Job | Error)[]) {
  const calls: AbortSignal[] = []
  let inFlight = 0
  let maxInFlight = 0
  const fetch = vi.fn(async (signal: AbortSignal) => {
    calls.push(signal)
    inFlight++
    maxInFlight = Math.max(maxInFlight, inFlight)
    await Promise.resolve()
    inFlight--
    const next = answers.shift()
    if (!next) throw new Error('no more answers')
    if (next instanceof Error) throw next
    return next
  })
  return { fetch, calls, maxInFlight: () => maxInFlight }
}

function options(fetch: PollOptions<Job>['fetch']) {
  const updates: Job[] = []
  const errors: unknown[] = []
  const opts: PollOptions<Job> = {
    fetch,
    isFinal,
    onUpdate: (j) => updates.push(j),
    onError: (e) => errors.push(e),
  }
  return { opts, updates, errors }
}

const unavailable = () => new ApiError(0, { code: 'unavailable', message: '无法连接服务器', details: [] })

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('pollJob', () => {
  it('asks every 500 ms until the job is done, one request at a time', async () => {
    const s = scripted([
      { state: 'running', progress: 0.2 },
      { state: 'running', progress: 0.6 },
      { state: 'done', progress: 1 },
    ])
    const { opts, updates, errors } = options(s.fetch)
    const poller = pollJob<Job>({ state: 'queued', progress: 0 }, opts)
    expect(poller.active).toBe(true)
    await vi.advanceTimersByTimeAsync(499)
    expect(s.fetch).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(s.fetch).toHaveBeenCalledTimes(1)
    expect(updates.map((u) => u.progress)).toEqual([0.2])
    await vi.advanceTimersByTimeAsync(1000)
    expect(updates.map((u) => u.state)).toEqual(['running', 'running', 'done'])
    expect(poller.active).toBe(false)
    await vi.advanceTimersByTimeAsync(5000)
    expect(s.fetch).toHaveBeenCalledTimes(3)
    expect(s.maxInFlight()).toBe(1)
    expect(errors).toEqual([])
  })

  it('stops on failed too, handing the failed job over', async () => {
    const s = scripted([{ state: 'failed', progress: 0.3 }])
    const { opts, updates } = options(s.fetch)
    const poller = pollJob<Job>({ state: 'running', progress: 0.1 }, opts)
    await vi.advanceTimersByTimeAsync(3000)
    expect(updates).toEqual([{ state: 'failed', progress: 0.3 }])
    expect(poller.active).toBe(false)
    expect(s.fetch).toHaveBeenCalledTimes(1)
  })

  it('does not poll a job that is already final', async () => {
    const s = scripted([])
    const { opts } = options(s.fetch)
    const poller = pollJob<Job>({ state: 'done', progress: 1 }, opts)
    expect(poller.active).toBe(false)
    await vi.advanceTimersByTimeAsync(3000)
    expect(s.fetch).not.toHaveBeenCalled()
  })

  it('stops when told (the page is left) and drops an answer on its way', async () => {
    let release: (job: Job) => void = () => {}
    const signals: AbortSignal[] = []
    const fetch = vi.fn(
      (signal: AbortSignal) =>
        new Promise<Job>((resolve) => {
          signals.push(signal)
          release = resolve
        }),
    )
    const { opts, updates } = options(fetch)
    const poller = pollJob<Job>({ state: 'queued', progress: 0 }, opts)
    await vi.advanceTimersByTimeAsync(500)
    expect(fetch).toHaveBeenCalledTimes(1)
    poller.stop()
    expect(signals[0]?.aborted).toBe(true)
    release({ state: 'running', progress: 0.5 })
    await vi.advanceTimersByTimeAsync(3000)
    expect(updates).toEqual([])
    expect(fetch).toHaveBeenCalledTimes(1)
    expect(poller.active).toBe(false)
  })

  it('stops between two requests without asking again', async () => {
    const s = scripted([{ state: 'running', progress: 0.5 }])
    const { opts } = options(s.fetch)
    const poller = pollJob<Job>({ state: 'queued', progress: 0 }, opts)
    await vi.advanceTimersByTimeAsync(500)
    poller.stop()
    await vi.advanceTimersByTimeAsync(3000)
    expect(s.fetch).toHaveBeenCalledTimes(1)
  })

  it('tries a lost connection again, up to three times in a row', async () => {
    const s = scripted([unavailable(), unavailable(), { state: 'running', progress: 0.5 }, unavailable(), { state: 'done', progress: 1 }])
    const { opts, updates, errors } = options(s.fetch)
    pollJob<Job>({ state: 'queued', progress: 0 }, opts)
    await vi.advanceTimersByTimeAsync(5000)
    expect(updates.map((u) => u.state)).toEqual(['running', 'done'])
    expect(errors).toEqual([])

    const t = scripted([unavailable(), unavailable(), unavailable(), unavailable()])
    const second = options(t.fetch)
    const poller = pollJob<Job>({ state: 'queued', progress: 0 }, second.opts)
    await vi.advanceTimersByTimeAsync(5000)
    expect(t.fetch).toHaveBeenCalledTimes(4)
    expect(second.errors).toHaveLength(1)
    expect(poller.active).toBe(false)
  })

  it('gives up at once on an error the server meant (404: the run is gone)', async () => {
    const gone = new ApiError(404, { code: 'not_found', message: '选址任务不存在', details: [] })
    const s = scripted([gone])
    const { opts, errors } = options(s.fetch)
    const poller = pollJob<Job>({ state: 'running', progress: 0.1 }, opts)
    await vi.advanceTimersByTimeAsync(3000)
    expect(errors).toEqual([gone])
    expect(poller.active).toBe(false)
    expect(s.fetch).toHaveBeenCalledTimes(1)
  })
})
