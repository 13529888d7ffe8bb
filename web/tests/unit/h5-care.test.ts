// Care mode (长辈版) of the resident pages: remembered on the device, applied to <html>.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { MemoryStorage } from './helpers'

class FakeClassList {
  readonly names = new Set<string>()
  toggle(name: string, force?: boolean): boolean {
    const on = force ?? !this.names.has(name)
    if (on) this.names.add(name)
    else this.names.delete(name)
    return on
  }
}

let classList: FakeClassList

beforeEach(() => {
  vi.resetModules()
  globalThis.localStorage = new MemoryStorage()
  classList = new FakeClassList()
  vi.stubGlobal('document', { documentElement: { classList } })
})
afterEach(() => {
  vi.unstubAllGlobals()
})

describe('care mode', () => {
  it('is off on a device that never switched it on', async () => {
    const care = await import('@/h5/care')
    expect(care.readCareMode()).toBe(false)
    expect(care.careMode.value).toBe(false)
    care.applyCareMode()
    expect(classList.names.has(care.CARE_CLASS)).toBe(false)
  })

  it('is remembered on the device and comes back on the next visit', async () => {
    const first = await import('@/h5/care')
    first.setCareMode(true)
    expect(classList.names.has('h5-care')).toBe(true)
    expect(localStorage.getItem('shequ.h5.careMode')).toBe('on')

    // A new page load on the same device: a fresh module reads the remembered setting.
    vi.resetModules()
    const again = await import('@/h5/care')
    expect(again.careMode.value).toBe(true)
    const page = new FakeClassList()
    vi.stubGlobal('document', { documentElement: { classList: page } })
    again.applyCareMode()
    expect(page.names.has('h5-care')).toBe(true)
  })

  it('switched off, forgets the setting and leaves care mode', async () => {
    const care = await import('@/h5/care')
    care.setCareMode(true)
    care.setCareMode(false)
    expect(care.careMode.value).toBe(false)
    expect(localStorage.getItem('shequ.h5.careMode')).toBeNull()
    expect(classList.names.has('h5-care')).toBe(false)
    vi.resetModules()
    expect((await import('@/h5/care')).careMode.value).toBe(false)
  })

  it('does not fail where the device keeps no settings', async () => {
    vi.stubGlobal('localStorage', undefined)
    const care = await import('@/h5/care')
    expect(care.careMode.value).toBe(false)
    care.setCareMode(true)
    expect(care.careMode.value).toBe(true)
    expect(classList.names.has('h5-care')).toBe(true)
  })
})
