// Gansu boundaries for the map: city and county polygons (DataV.GeoAtlas, GCJ-02) and their
// centroids, loaded once from the hashed assets the build makes of the repository's data/ files.
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson'
import citiesUrl from '@data/gansu_cities_datav_gcj02.geojson?url'
import countiesUrl from '@data/gansu_counties_datav_gcj02.geojson?url'
import centroidsUrl from '@data/gansu_city_county_centroids.csv?url'
import { codeLevel } from '@/utils/codes'

export interface BoundaryProperties {
  /** The source adcode (DataV). */
  code: string
  /** The NBS 2022 adcode: differs for 华亭 (620824 → 620881) and 嘉峪关 (620200 → 620201). */
  code_nbs2022?: string
  name: string
  name_current?: string
  level: 'city' | 'county' | 'city-as-county'
  parent_code: string
}

export type Boundary = Feature<Polygon | MultiPolygon, BoundaryProperties>
export type Boundaries = FeatureCollection<Polygon | MultiPolygon, BoundaryProperties>

export interface Centroid {
  level: string
  /** NBS 2022 6-digit code. */
  code: string
  name: string
  parentCode: string
  lng: number
  lat: number
}

/** The 6-digit NBS code of a boundary feature. */
export function nbsAdcode(feature: Boundary): string {
  return String(feature.properties.code_nbs2022 ?? feature.properties.code)
}

export function displayName(feature: Boundary): string {
  return feature.properties.name_current ?? feature.properties.name
}

const cache = new Map<string, Promise<unknown>>()

async function fetchOnce<T>(url: string, parse: (response: Response) => Promise<T>): Promise<T> {
  let promise = cache.get(url) as Promise<T> | undefined
  if (!promise) {
    promise = fetch(url).then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}: ${url}`)
      return parse(response)
    })
    // A failed load may be retried later.
    promise.catch(() => cache.delete(url))
    cache.set(url, promise)
  }
  return promise
}

export function loadCities(): Promise<Boundaries> {
  return fetchOnce(citiesUrl, (r) => r.json() as Promise<Boundaries>)
}

export function loadCounties(): Promise<Boundaries> {
  return fetchOnce(countiesUrl, (r) => r.json() as Promise<Boundaries>)
}

/** Parses gansu_city_county_centroids.csv (plain CSV: no quoted fields in this file). */
export function parseCentroids(csv: string): Centroid[] {
  const lines = csv.trim().split(/\r?\n/)
  const header = (lines.shift() ?? '').split(',')
  const col = (name: string) => {
    const i = header.indexOf(name)
    if (i < 0) throw new Error(`centroid CSV lacks column ${name}`)
    return i
  }
  const [level, code, name, parent, lng, lat] = [
    col('level'),
    col('code_nbs2022'),
    col('name_current'),
    col('parent_code'),
    col('centroid_lng_gcj02'),
    col('centroid_lat_gcj02'),
  ]
  return lines.map((line) => {
    const f = line.split(',')
    return {
      level: f[level] ?? '',
      code: f[code] ?? '',
      name: f[name] ?? '',
      parentCode: f[parent] ?? '',
      lng: Number(f[lng]),
      lat: Number(f[lat]),
    }
  })
}

export function loadCentroids(): Promise<Centroid[]> {
  return fetchOnce(centroidsUrl, async (r) => parseCentroids(await r.text()))
}

/**
 * What the base map around the unit with this code is drawn from: the cities, the counties (not
 * for the province, 1 MB) and the centroids. A page with a map asks for them as its route is
 * entered, so that they arrive alongside its data rather than once the map has been made.
 */
export function loadBaseData(code: string): Promise<[Boundaries, Boundaries | null, Centroid[]]> {
  return Promise.all([loadCities(), codeLevel(code) >= 2 ? loadCounties() : Promise.resolve(null), loadCentroids()])
}

/** What the map shows for a unit: which polygons, which one is highlighted, and why. */
export interface MapFocus {
  /** Draw these layers: the city layer alone (province), or the counties of one city. */
  layer: 'cities' | 'counties'
  /** 4-digit city prefix whose counties are drawn (layer = counties). */
  cityPrefix: string | null
  /** 6-digit NBS code of the highlighted polygon (null: nothing highlighted, the province). */
  highlight: string | null
  /** True when the unit has no polygon of its own and the enclosing county/city is shown. */
  enclosing: boolean
}

/**
 * Decides what to draw for the unit with this 12- or 15-digit code. County polygons exist for
 * every county-level unit but 兰州新区 (620171), which falls back to its city.
 */
export function focusFor(code: string, countyCodes: ReadonlySet<string>): MapFocus {
  const level = codeLevel(code)
  if (level === 1) return { layer: 'cities', cityPrefix: null, highlight: null, enclosing: false }
  const cityPrefix = code.slice(0, 4)
  const city = `${cityPrefix}00`
  if (level === 2) return { layer: 'counties', cityPrefix, highlight: city, enclosing: false }
  const county = code.slice(0, 6)
  if (countyCodes.has(county)) {
    return { layer: 'counties', cityPrefix, highlight: county, enclosing: level > 3 }
  }
  // No polygon of its own (兰州新区): show the whole city.
  return { layer: 'counties', cityPrefix, highlight: city, enclosing: true }
}
