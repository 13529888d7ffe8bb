// Where a request happened, as a point (WGS-84): picked on a map, or the device's own position
// (navigator.geolocation). The rules the resident form and the hotline desk's intake share: the
// server takes a place in Gansu only (lat 32–43, lon 92–109) and keeps six decimals (about 0.1 m).

export interface LatLon {
  lat: number
  lon: number
}

/** The box the server accepts a request's point in: Gansu and a little around it. */
export const GANSU_BOUNDS = { south: 32, north: 43, west: 92, east: 109 } as const

/** Six decimals: about 0.1 m, as precise as a request's place needs. */
export function roundCoordinate(value: number): number {
  return Math.round(value * 1e6) / 1e6
}

/** The point rounded to six decimals. */
export function roundPoint(point: LatLon): LatLon {
  return { lat: roundCoordinate(point.lat), lon: roundCoordinate(point.lon) }
}

/** Whether the server takes this point (inside the box, edges included). */
export function inGansu(point: LatLon): boolean {
  const { lat, lon } = point
  return (
    Number.isFinite(lat) &&
    Number.isFinite(lon) &&
    lat >= GANSU_BOUNDS.south &&
    lat <= GANSU_BOUNDS.north &&
    lon >= GANSU_BOUNDS.west &&
    lon <= GANSU_BOUNDS.east
  )
}

/** "36.061200, 103.834300": latitude then longitude, six decimals each, as sent. */
export function pointText(point: LatLon): string {
  return `${point.lat.toFixed(6)}, ${point.lon.toFixed(6)}`
}

/** The point of a request as the server answers it (lat and lon, both or neither), or null. */
export function pointOf(place: { lat: number | null; lon: number | null }): LatLon | null {
  return place.lat !== null && place.lon !== null ? { lat: place.lat, lon: place.lon } : null
}

/** The fields of a request's body: both or neither. */
export function pointFields(point: LatLon | null): { lat: number; lon: number } | Record<string, never> {
  return point ? roundPoint(point) : {}
}

/** Why no position came: refused, took too long, the device could not tell, or not in Gansu. */
export type LocateFailure = 'unsupported' | 'denied' | 'timeout' | 'unavailable' | 'outside'

export type LocateResult = { ok: true; point: LatLon; accuracy: number | null } | { ok: false; reason: LocateFailure }

/** What of `navigator` the wrapper uses (a test hands its own). */
export interface GeolocationHost {
  geolocation?: Pick<Geolocation, 'getCurrentPosition'>
}

function defaultHost(): GeolocationHost | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator
}

/** Whether "use my location" can be offered: the browser has geolocation (and a secure page). */
export function canLocate(host: GeolocationHost | undefined = defaultHost()): boolean {
  return typeof host?.geolocation?.getCurrentPosition === 'function'
}

export interface LocateOptions {
  /** How long to wait for a position, in ms (also a timer of our own: some browsers never answer). */
  timeout?: number
  /** A position this old (ms) will do. */
  maximumAge?: number
}

// The codes of GeolocationPositionError (not a global in Node, where the tests run).
const PERMISSION_DENIED = 1
const TIMEOUT = 3

/**
 * The device's position, rounded; never rejects: a failure says why. A position outside Gansu is
 * a failure too (the server would refuse it: a wrong fix, or the user is elsewhere).
 */
export function locate(options: LocateOptions = {}, host: GeolocationHost | undefined = defaultHost()): Promise<LocateResult> {
  const timeout = options.timeout ?? 15_000
  const geolocation = host?.geolocation
  if (!geolocation || typeof geolocation.getCurrentPosition !== 'function') return Promise.resolve({ ok: false, reason: 'unsupported' })
  return new Promise<LocateResult>((resolve) => {
    let settled = false
    const finish = (result: LocateResult) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      resolve(result)
    }
    // A browser that shows no prompt (or whose user never answers it) may call neither callback.
    const timer = setTimeout(() => finish({ ok: false, reason: 'timeout' }), timeout + 1_000)
    try {
      geolocation.getCurrentPosition(
        (position) => {
          const point = roundPoint({ lat: position.coords.latitude, lon: position.coords.longitude })
          const accuracy = Number.isFinite(position.coords.accuracy) ? position.coords.accuracy : null
          finish(inGansu(point) ? { ok: true, point, accuracy } : { ok: false, reason: 'outside' })
        },
        (error) => {
          finish({ ok: false, reason: error.code === PERMISSION_DENIED ? 'denied' : error.code === TIMEOUT ? 'timeout' : 'unavailable' })
        },
        { enableHighAccuracy: true, timeout, maximumAge: options.maximumAge ?? 60_000 },
      )
    } catch {
      finish({ ok: false, reason: 'unavailable' })
    }
  })
}
