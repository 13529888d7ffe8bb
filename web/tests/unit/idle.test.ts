// Work that waits for the page: slices of a few milliseconds, each begun when the browser is idle.
import { describe, expect, it } from 'vitest'
import { idleSlices } from '@/utils/idle'

describe('idle slices', () => {
  it('waits for idleness before the first step, then again only once a slice has used its time', async () => {
    let clock = 0
    let waits = 0
    const slices = idleSlices(10, () => clock, async () => {
      waits += 1
    })
    await slices.pause()
    expect(waits).toBe(1)
    clock += 4
    await slices.pause()
    clock += 5
    await slices.pause()
    expect(waits).toBe(1)
    clock += 1
    await slices.pause()
    expect(waits).toBe(2)
    // The new slice starts when the wait ends.
    clock += 9
    await slices.pause()
    expect(waits).toBe(2)
  })
})
