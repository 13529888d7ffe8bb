// What loads when it scrolls into view (the workbench's charts and map): looked at once what is
// above has loaded and the browser is idle, and only while on screen.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick, shallowRef } from 'vue'
import { useInView } from '@/composables/useInView'
import { mountComposable } from './helpers'

class FakeObserver {
  static all: FakeObserver[] = []
  observed: unknown[] = []
  disconnected = false
  constructor(
    readonly callback: (entries: { isIntersecting: boolean }[]) => void,
    readonly options: { rootMargin?: string },
  ) {
    FakeObserver.all.push(this)
  }
  observe(el: unknown): void {
    this.observed.push(el)
  }
  disconnect(): void {
    this.disconnected = true
  }
  show(isIntersecting: boolean): void {
    this.callback([{ isIntersecting }])
  }
}

let idle: (() => void)[] = []

beforeEach(() => {
  FakeObserver.all = []
  idle = []
  vi.stubGlobal('IntersectionObserver', FakeObserver)
  vi.stubGlobal('requestIdleCallback', (run: () => void) => idle.push(run))
  vi.stubGlobal('cancelIdleCallback', () => {})
})
afterEach(() => vi.unstubAllGlobals())

const element = {} as HTMLElement

describe('useInView', () => {
  it('looks once ready and idle, and stays true once the element has been on screen', async () => {
    const ready = shallowRef(false)
    const { result: seen, unmount } = mountComposable(() => useInView(shallowRef(element), { ready: () => ready.value, bottomMargin: 120 }))
    await nextTick()
    expect(idle).toHaveLength(0)
    ready.value = true
    await nextTick()
    expect(FakeObserver.all).toHaveLength(0)
    idle.shift()!()
    const observer = FakeObserver.all[0]!
    expect(observer.observed).toEqual([element])
    expect(observer.options.rootMargin).toBe('0px 0px -120px 0px')
    observer.show(false)
    expect(seen.value).toBe(false)
    observer.show(true)
    expect(seen.value).toBe(true)
    expect(observer.disconnected).toBe(true)
    unmount()
  })

  it('counts everything as in view where the browser cannot tell', async () => {
    vi.stubGlobal('IntersectionObserver', undefined)
    const { result: seen } = mountComposable(() => useInView(shallowRef(element)))
    await nextTick()
    idle.shift()!()
    expect(seen.value).toBe(true)
  })

  it('stops looking when the page goes', async () => {
    const { unmount } = mountComposable(() => useInView(shallowRef(element)))
    await nextTick()
    idle.shift()!()
    unmount()
    expect(FakeObserver.all[0]!.disconnected).toBe(true)
  })
})
