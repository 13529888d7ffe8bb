// The 15-minute convenience circle (一刻钟便民生活圈): /api/v1/access/…
//
// Coverage of a unit's residences by walking time to each type of service facility, the map's
// points, the gaps for one type, and the siting runs that propose new facility locations.
import { http } from '@/utils/request'
import { shareRequest } from '@/utils/shared-request'
import type { FieldError } from '@/utils/request'
import type { QueryOf, RequestBody, Schema } from './types'

/** Walking times the server computes, in minutes: the 5-, 10- and 15-minute circles. */
export type Tier = Schema<'Tier'>
export const TIERS = [5, 10, 15] as const satisfies readonly Tier[]
export const DEFAULT_TIER: Tier = 15

export function isTier(value: unknown): value is Tier {
  return (TIERS as readonly unknown[]).includes(value)
}

/** Bounds of the k input of a siting run. */
export const SITING_K_MIN = 1
export const SITING_K_MAX = 50

/** A service type of the unit's coverage; `name` is localised by the server (Accept-Language). */
export type ServiceType = Schema<'ServiceType'>
/** A unit's row of the coverage table: homes, and how many reach each type (by key). */
export type CoverageRow = Schema<'CoverageRow'>
/** `rows`: the child units with homes (the unit itself for a village or community). */
export type Coverage = Schema<'Coverage'>

/**
 * The map layers of a unit. `bounds`: [[south, west], [north, east]] of its homes, null when it has
 * none; `truncated`: it has more homes than the map carries (the tables count them all).
 */
export type AccessMap = Schema<'AccessMap'>
/** [lat, lon] */
export type LatLon = NonNullable<AccessMap['bounds']>[number]
/** [lat, lon, number of basic types within reach] */
export type ResidencePoint = AccessMap['residences'][number]
export type Facility = AccessMap['facilities'][number]

export type Gaps = Schema<'Gaps'>
export type GapCluster = Gaps['clusters'][number]

/**
 * A service type's key as the page holds it (from the address or the list of types): the server
 * refuses a key it does not know.
 */
type WithTypeKey<T> = Omit<T, 'type'> & { type: string }

export type SitingInput = WithTypeKey<RequestBody<'/api/v1/access/sitings', 'post'>>

/** A siting run; `result` when done, `error` (the server's error body) when it failed. */
export type SitingJob = Schema<'SitingJob'>
export type SitingState = SitingJob['state']
export type SitingResult = Schema<'SitingResult'>
/** A proposed site; `gained`: residences that newly reach the type thanks to it. */
export type ProposedSite = SitingResult['sites'][number]

/** Why a run failed: the server's error body (its field list may be called details or fields). */
export interface SitingError {
  code?: string
  message: string
  details?: FieldError[]
  fields?: FieldError[] | Record<string, string>
}

/** What the coverage, map and exports of a unit are asked for by. */
type UnitTier = Required<QueryOf<'/api/v1/access/coverage', 'get'>>

/**
 * Where the browser downloads the coverage table (CSV, opens in Excel) or the homes with their
 * distances (GeoJSON, for GIS tools): plain links, sent with the session cookie like a page.
 */
export function exportUrl(kind: 'csv' | 'geojson', { unit, tier }: UnitTier): string {
  const path = kind === 'csv' ? '/api/v1/access/coverage.csv' : '/api/v1/access/residences.geojson'
  return `${path}?${new URLSearchParams({ unit, tier: String(tier) }).toString()}`
}

export function getCoverage({ unit, tier }: UnitTier, signal?: AbortSignal): Promise<Coverage> {
  return http.get<Coverage>('/api/v1/access/coverage', { query: { unit, tier }, signal })
}

/**
 * The coverage of a unit as the workbench's cards read it: one request for all the cards that
 * show it at once (the ranking and the circle card), shared for a few seconds (a shelter registered since is seen on the next visit).
 */
export function getCoverageShared(query: UnitTier): Promise<Coverage> {
  return shareRequest(`access.coverage/${query.unit}/${query.tier}`, () => getCoverage(query), 30_000)
}

/**
 * The map's data as the circle page first reads it: asked for as the route is entered, beside the
 * coverage, and parsed (hundreds of kilobytes of homes) only when the page reads it, once its
 * figures and table are painted.
 */
export function getAccessMapShared(query: UnitTier): Promise<() => AccessMap> {
  return shareRequest(`access.map/${query.unit}/${query.tier}`, () => http.getUnparsed<AccessMap>('/api/v1/access/map', { query }), 30_000)
}

export function getGaps({ unit, tier, type }: WithTypeKey<UnitTier>, signal?: AbortSignal): Promise<Gaps> {
  return http.get<Gaps>('/api/v1/access/gaps', { query: { unit, tier, type }, signal })
}

/** Starts a siting run (202 Accepted); follow it with getSiting(). */
export function startSiting(input: SitingInput): Promise<SitingJob> {
  return http.post<SitingJob>('/api/v1/access/sitings', input)
}

/** The runs the server remembers for a unit and the units below it, newest first. */
export function listSitings(unit: string, signal?: AbortSignal): Promise<Schema<'SitingJobPage'>> {
  return http.get<Schema<'SitingJobPage'>>('/api/v1/access/sitings', { query: { unit }, signal })
}

/** Earlier finished runs worth reopening on the page: of this tier, newest first, at most `n`. */
export function reopenableRuns(runs: SitingJob[], tier: Tier, shownId: string | undefined, n = 5): SitingJob[] {
  return runs.filter((r) => r.state === 'done' && r.tierMinutes === tier && r.id !== shownId && r.type).slice(0, n)
}

export function getSiting(id: string, signal?: AbortSignal): Promise<SitingJob> {
  return http.get<SitingJob>(`/api/v1/access/sitings/${encodeURIComponent(id)}`, { signal })
}

/**
 * Where the homes under a unit go when all must leave at once (应急避难场所): every open, located
 * emergency shelter of the registry filled up to its capacity, exactly, over fifteen minutes' walk.
 * `shelters` are those registered under the unit and those its homes are nearest to or placed in.
 */
export type ShelterAssignment = Schema<'ShelterAssignment'>
/** `placed`: people from every unit; `placedHere`: of them, from this unit's homes. */
export type Shelter = ShelterAssignment['shelters'][number]
/** [lat, lon, people, metres to the nearest shelter | null, index of its shelter | null, walk | null, placed] */
export type ShelterHome = ShelterAssignment['homes'][number]
export type ShelterTotal = ShelterAssignment['total']
/** A home not wholly placed: no shelter within the walk, or those within it full. */
export type LeftOutHome = ShelterAssignment['leftOut'][number]

export function getShelters(unit: string, signal?: AbortSignal): Promise<ShelterAssignment> {
  return http.get<ShelterAssignment>('/api/v1/access/shelters', { query: { unit }, signal })
}

/** The assignment as the shelter page first reads it: asked for as the route is entered, shared for a few seconds (a shelter registered since is seen on the next visit). */
export function getSheltersShared(unit: string): Promise<ShelterAssignment> {
  return shareRequest(`access.shelters/${unit}`, () => getShelters(unit), 5_000)
}
