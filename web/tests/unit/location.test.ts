// A request's point (src/map/location.ts, src/composables/usePointPicker.ts): the box the server
// takes, six decimals, and the device's position through a navigator of the test's own: given,
// refused, too slow, never answered, and outside Gansu.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ref } from 'vue'
import { canLocate, inGansu, locate, pointFields, pointOf, pointText, roundCoordinate, roundPoint, type GeolocationHost, type LatLon } from '@/map/location'
import { usePointPicker } from '@/composables/usePointPicker'
import { mountComposable } from './helpers'

type Answer = { lat: number; lon: number; accuracy?: number } | { code: number } | 'never' | 'throw'

/** A navigator whose geolocation answers as told, recording the options it was asked with. */
function fakeHost(answer: Answer): GeolocationHost & { asked: PositionOptions[] } {
  const asked: PositionOptions[] = []
  return {
    asked,
    geolocation: {
      getCurrentPosition(success, failure, options) {
        asked.push(options ?? {})
        if (answer === 'never') return
        if (answer === 'throw') throw new Error('insecure context')
        queueMicrotask(() => {
          if ('code' in answer) failure?.({ code: answer.code, message: 'no', PERMISSION_DENIED: 1, POSITION_UNAVAILABLE: 2, TIMEOUT: 3 } as GeolocationPositionError)
          else success({ coords: { latitude: answer.lat, longitude: answer.lon, accuracy: answer.accuracy ?? 20 }, timestamp: Date.now() } as GeolocationPosition)
        })
      },
    },
  }
}

afterEach(() => vi.useRealTimers())

describe('the Gansu box', () => {
  it('takes points inside, edges included, and refuses the rest', () => {
    expect(inGansu({ lat: 36.0612, lon: 103.8343 })).toBe(true) // 兰州
    expect(inGansu({ lat: 39.7327, lon: 98.4941 })).toBe(true) // 酒泉
    expect(inGansu({ lat: 32, lon: 92 })).toBe(true)
    expect(inGansu({ lat: 43, lon: 109 })).toBe(true)
    expect(inGansu({ lat: 31.99, lon: 100 })).toBe(false)
    expect(inGansu({ lat: 43.01, lon: 100 })).toBe(false)
    expect(inGansu({ lat: 36, lon: 91.99 })).toBe(false)
    expect(inGansu({ lat: 36, lon: 109.01 })).toBe(false)
    expect(inGansu({ lat: 39.9042, lon: 116.4074 })).toBe(false) // 北京
    expect(inGansu({ lat: 103.8343, lon: 36.0612 })).toBe(false) // swapped
    expect(inGansu({ lat: Number.NaN, lon: 103 })).toBe(false)
  })
})

describe('rounding', () => {
  it('keeps six decimals', () => {
    expect(roundCoordinate(36.06123456789)).toBe(36.061235)
    expect(roundCoordinate(103.8343)).toBe(103.8343)
    expect(roundCoordinate(-0.0000004)).toBe(-0)
    expect(roundPoint({ lat: 36.1234564, lon: 103.9876545 })).toEqual({ lat: 36.123456, lon: 103.987655 })
  })

  it('writes six decimals, latitude first, and sends both or neither', () => {
    expect(pointText({ lat: 36.0612, lon: 103.8343 })).toBe('36.061200, 103.834300')
    expect(pointFields(null)).toEqual({})
    expect(pointFields({ lat: 36.06123456, lon: 103.83434444 })).toEqual({ lat: 36.061235, lon: 103.834344 })
  })

  it("reads a request's point as the server answers it: both or none", () => {
    expect(pointOf({ lat: 36.0612, lon: 103.8343 })).toEqual({ lat: 36.0612, lon: 103.8343 })
    expect(pointOf({ lat: null, lon: null })).toBeNull()
    expect(pointOf({ lat: 36.0612, lon: null })).toBeNull()
    // 0 is a coordinate, not a missing one (the server would not send it for Gansu, but still).
    expect(pointOf({ lat: 0, lon: 0 })).toEqual({ lat: 0, lon: 0 })
  })
})

describe('the device position', () => {
  it('is offered only where the browser has geolocation', () => {
    expect(canLocate(fakeHost('never'))).toBe(true)
    expect(canLocate({})).toBe(false)
    expect(canLocate(undefined)).toBe(false)
  })

  it('gives the position, rounded, with its accuracy', async () => {
    const host = fakeHost({ lat: 36.061234567, lon: 103.834312345, accuracy: 12 })
    expect(await locate({ timeout: 5_000 }, host)).toEqual({ ok: true, point: { lat: 36.061235, lon: 103.834312 }, accuracy: 12 })
    expect(host.asked[0]).toMatchObject({ enableHighAccuracy: true, timeout: 5_000 })
  })

  it('says why there is none: refused, too slow, unknown, outside Gansu, no geolocation', async () => {
    expect(await locate({}, fakeHost({ code: 1 }))).toEqual({ ok: false, reason: 'denied' })
    expect(await locate({}, fakeHost({ code: 3 }))).toEqual({ ok: false, reason: 'timeout' })
    expect(await locate({}, fakeHost({ code: 2 }))).toEqual({ ok: false, reason: 'unavailable' })
    expect(await locate({}, fakeHost('throw'))).toEqual({ ok: false, reason: 'unavailable' })
    expect(await locate({}, fakeHost({ lat: 39.9042, lon: 116.4074 }))).toEqual({ ok: false, reason: 'outside' })
    expect(await locate({}, {})).toEqual({ ok: false, reason: 'unsupported' })
  })

  it('times out by itself when the browser never answers', async () => {
    vi.useFakeTimers()
    const pending = locate({ timeout: 2_000 }, fakeHost('never'))
    await vi.advanceTimersByTimeAsync(2_999)
    let done = false
    void pending.then(() => (done = true))
    await Promise.resolve()
    expect(done).toBe(false)
    await vi.advanceTimersByTimeAsync(2)
    expect(await pending).toEqual({ ok: false, reason: 'timeout' })
  })
})

describe('the picker', () => {
  it('takes a tap on the map, rounded; refuses one outside Gansu and keeps the point it had', () => {
    const point = ref<LatLon | null>(null)
    const { result: picker, unmount } = mountComposable(() => usePointPicker(point, {}, fakeHost('never')))
    picker.pick({ lat: 36.06120004, lon: 103.83430009 })
    expect(point.value).toEqual({ lat: 36.0612, lon: 103.8343 })
    expect(picker.failure.value).toBeNull()
    picker.pick({ lat: 45, lon: 103 })
    expect(picker.failure.value).toBe('outside')
    expect(point.value).toEqual({ lat: 36.0612, lon: 103.8343 })
    picker.pick({ lat: 36.07, lon: 103.84 })
    expect(picker.failure.value).toBeNull()
    expect(point.value).toEqual({ lat: 36.07, lon: 103.84 })
    picker.clear()
    expect(point.value).toBeNull()
    unmount()
  })

  it('uses the device position, and says why not', async () => {
    const point = ref<LatLon | null>(null)
    const mine = mountComposable(() => usePointPicker(point, {}, fakeHost({ lat: 36.06135, lon: 103.8343 }))).result
    expect(mine.supported).toBe(true)
    const asking = mine.useMine()
    expect(mine.locating.value).toBe(true)
    expect(await asking).toEqual({ lat: 36.06135, lon: 103.8343 })
    expect(mine.locating.value).toBe(false)
    expect(point.value).toEqual({ lat: 36.06135, lon: 103.8343 })

    const denied = mountComposable(() => usePointPicker(point, {}, fakeHost({ code: 1 }))).result
    expect(await denied.useMine()).toBeNull()
    expect(denied.failure.value).toBe('denied')
    expect(point.value).toEqual({ lat: 36.06135, lon: 103.8343 })

    const far = mountComposable(() => usePointPicker(point, {}, fakeHost({ lat: 31.2304, lon: 121.4737 }))).result
    expect(await far.useMine()).toBeNull()
    expect(far.failure.value).toBe('outside')

    const none = mountComposable(() => usePointPicker(point, {}, {})).result
    expect(none.supported).toBe(false)
  })

  it('lets a tap made while the device is asked win over its late answer', async () => {
    const point = ref<LatLon | null>(null)
    const picker = mountComposable(() => usePointPicker(point, {}, fakeHost({ lat: 36.5, lon: 103.5 }))).result
    const asking = picker.useMine()
    picker.pick({ lat: 36.0612, lon: 103.8343 })
    expect(await asking).toBeNull()
    expect(point.value).toEqual({ lat: 36.0612, lon: 103.8343 })
    expect(picker.locating.value).toBe(false)
  })
})
