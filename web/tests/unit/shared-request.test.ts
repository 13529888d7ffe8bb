// One request for the readers of the same data within moments (the workbench's cards and the
// router's prefetch), never kept past its time, after a failure, or across a sign-in.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { forgetSharedRequests, shareRequest } from '@/utils/shared-request'
import { setRequestLanguage } from '@/utils/request'

beforeEach(() => {
  forgetSharedRequests()
  setRequestLanguage('zh-CN')
})

describe('shareRequest', () => {
  it('answers every reader within its time from one request', async () => {
    const load = vi.fn(async () => 42)
    const a = shareRequest('k', load, 10_000, 1_000)
    const b = shareRequest('k', load, 10_000, 10_999)
    expect(await a).toBe(42)
    expect(await b).toBe(42)
    expect(load).toHaveBeenCalledTimes(1)
    await shareRequest('k', load, 10_000, 11_000)
    expect(load).toHaveBeenCalledTimes(2)
    await shareRequest('other', load, 10_000, 11_000)
    expect(load).toHaveBeenCalledTimes(3)
  })

  it('keeps answers in another language apart', async () => {
    const load = vi.fn(async () => 'x')
    await shareRequest('k', load, 10_000, 0)
    setRequestLanguage('en')
    await shareRequest('k', load, 10_000, 1)
    expect(load).toHaveBeenCalledTimes(2)
  })

  it('does not keep a failure', async () => {
    const load = vi.fn().mockRejectedValueOnce(new Error('down')).mockResolvedValueOnce('up')
    await expect(shareRequest('k', load, 10_000, 0)).rejects.toThrow('down')
    expect(await shareRequest('k', load, 10_000, 1)).toBe('up')
  })

  it('forgets everything when asked (a sign-in or sign-out)', async () => {
    const load = vi.fn(async () => 'x')
    await shareRequest('k', load, 10_000, 0)
    forgetSharedRequests()
    await shareRequest('k', load, 10_000, 1)
    expect(load).toHaveBeenCalledTimes(2)
  })
})
