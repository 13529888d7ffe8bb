// The state of a location picker (components/LocationPicker.vue): the point chosen (a map tap, the
// device's position) or none, whether the device is being asked, and why it gave no position.
import { ref, type Ref } from 'vue'
import { canLocate, inGansu, locate, roundPoint, type GeolocationHost, type LatLon, type LocateFailure, type LocateOptions } from '@/map/location'

export interface PointPicker {
  /** "Use my location" can be offered. */
  supported: boolean
  locating: Ref<boolean>
  /** Why the last attempt gave no point; cleared by any new choice. */
  failure: Ref<LocateFailure | null>
  /** A point picked on the map (rounded); one outside Gansu is refused with `outside`. */
  pick: (point: LatLon) => void
  /** Asks the device; the point on success, null (and `failure`) otherwise. */
  useMine: () => Promise<LatLon | null>
  clear: () => void
}

export function usePointPicker(
  point: Ref<LatLon | null>,
  options: LocateOptions = {},
  host: GeolocationHost | undefined = typeof navigator === 'undefined' ? undefined : navigator,
): PointPicker {
  const locating = ref(false)
  const failure = ref<LocateFailure | null>(null)
  let attempt = 0

  function pick(p: LatLon): void {
    attempt++
    locating.value = false
    const rounded = roundPoint(p)
    if (!inGansu(rounded)) {
      failure.value = 'outside'
      return
    }
    failure.value = null
    point.value = rounded
  }

  async function useMine(): Promise<LatLon | null> {
    const mine = ++attempt
    locating.value = true
    failure.value = null
    const result = await locate(options, host)
    // A tap or a clear meanwhile wins over a late answer.
    if (mine !== attempt) return null
    locating.value = false
    if (!result.ok) {
      failure.value = result.reason
      return null
    }
    point.value = result.point
    return result.point
  }

  function clear(): void {
    attempt++
    locating.value = false
    failure.value = null
    point.value = null
  }

  return { supported: canLocate(host), locating, failure, pick, useMine, clear }
}
