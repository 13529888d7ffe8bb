// The 15-minute convenience circle (一刻钟便民生活圈): /api/v1/access/…
//
// Coverage of a unit's residences by walking time to each type of service facility, the map's
// points, the gaps for one type, and the siting runs that propose new facility locations.
import { http } from '@/utils/request'
import type { FieldError } from '@/utils/request'

/** Walking-time tiers the server computes, in minutes. */
export const TIERS = [5, 10, 15] as const
export type Tier = (typeof TIERS)[number]
export const DEFAULT_TIER: Tier = 15

export function isTier(value: unknown): value is Tier {
  return (TIERS as readonly unknown[]).includes(value)
}

/** Bounds of the k input of a siting run. */
export const SITING_K_MIN = 1
export const SITING_K_MAX = 50

export interface ServiceType {
  key: string
  /** Localised by the server (Accept-Language). */
  name: string
  /** One of the basic types (基本保障类) every residence should reach. */
  basic: boolean
  /** Facilities of this type in the unit. */
  facilities: number
}

export interface CoverageRow {
  code: string
  name: string
  residences: number
  /** Residences that reach a facility of each type within the tier, by type key. */
  reached: Record<string, number>
  /** Residences that reach every basic type within the tier. */
  reachedAllBasic: number
}

export interface Coverage {
  unit: { code: string; name: string; level: number }
  tierMinutes: Tier
  limitMeters: number
  types: ServiceType[]
  total: CoverageRow
  /** Child units with residences (the unit itself for a village or community). */
  rows: CoverageRow[]
}

/** [lat, lon] */
export type LatLon = [number, number]

/** [lat, lon, number of basic types within reach] */
export type ResidencePoint = [number, number, number]

export interface Facility {
  type: string
  lat: number
  lon: number
  name: string | null
}

export interface AccessMap {
  /** [[south, west], [north, east]]; null when the unit has no residences. */
  bounds: [LatLon, LatLon] | null
  /** How many basic types there are (the top of the residences' colour scale). */
  basicTypes: number
  residences: ResidencePoint[]
  /** True when the unit has more residences than the map carries (the tables count them all). */
  truncated: boolean
  facilities: Facility[]
}

export interface GapCluster {
  lat: number
  lon: number
  residences: number
  radiusMeters: number
}

export interface Gaps {
  type: string
  tierMinutes: Tier
  uncovered: number
  clusters: GapCluster[]
}

export interface SitingInput {
  unit: string
  type: string
  k: number
  tierMinutes: Tier
}

export type SitingState = 'queued' | 'running' | 'done' | 'failed'

export interface ProposedSite {
  lat: number
  lon: number
  /** Residences that newly reach this type thanks to the site. */
  gained: number
}

export interface SitingResult {
  uncoveredBefore: number
  uncoveredAfter: number
  sites: ProposedSite[]
}

/** Why a run failed: the server's error body (its field list may be called details or fields). */
export interface SitingError {
  code?: string
  message: string
  details?: FieldError[]
  fields?: FieldError[] | Record<string, string>
}

export interface SitingJob {
  id: string
  state: SitingState
  /** 0 to 1. */
  progress: number
  unit?: string
  type?: string
  k?: number
  tierMinutes?: Tier
  result?: SitingResult | null
  error?: SitingError | null
}

interface UnitTier {
  unit: string
  tier: Tier
}

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

export function getAccessMap({ unit, tier }: UnitTier, signal?: AbortSignal): Promise<AccessMap> {
  return http.get<AccessMap>('/api/v1/access/map', { query: { unit, tier }, signal })
}

export function getGaps({ unit, tier, type }: UnitTier & { type: string }, signal?: AbortSignal): Promise<Gaps> {
  return http.get<Gaps>('/api/v1/access/gaps', { query: { unit, tier, type }, signal })
}

/** Starts a siting run (202 Accepted); follow it with getSiting(). */
export function startSiting(input: SitingInput): Promise<SitingJob> {
  return http.post<SitingJob>('/api/v1/access/sitings', input)
}

/** The runs the server remembers for a unit and the units below it, newest first. */
export function listSitings(unit: string, signal?: AbortSignal): Promise<{ items: SitingJob[]; total: number }> {
  return http.get<{ items: SitingJob[]; total: number }>('/api/v1/access/sitings', { query: { unit }, signal })
}

/** Earlier finished runs worth reopening on the page: of this tier, newest first, at most `n`. */
export function reopenableRuns(runs: SitingJob[], tier: Tier, shownId: string | undefined, n = 5): SitingJob[] {
  return runs.filter((r) => r.state === 'done' && r.tierMinutes === tier && r.id !== shownId && r.type).slice(0, n)
}

export function getSiting(id: string, signal?: AbortSignal): Promise<SitingJob> {
  return http.get<SitingJob>(`/api/v1/access/sitings/${encodeURIComponent(id)}`, { signal })
}
