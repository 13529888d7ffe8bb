// The signed-in resident's own community (我的社区): GET /api/v1/me/community, and the services
// within a walk of it: GET /api/v1/me/nearby.
import { ApiError, http } from '@/utils/request'
import type { Schema } from './types'

export type MyCommunity = Schema<'ResidentCommunity'>
export type UnitRef = MyCommunity['community']['path'][number]
export type CommunityOffice = NonNullable<MyCommunity['office']>

/**
 * The community of the account's working unit, or null when the account's unit is not a
 * village/community or a grid (the server answers 404).
 */
export async function getMyCommunity(signal?: AbortSignal): Promise<MyCommunity | null> {
  try {
    return await http.get<MyCommunity>('/api/v1/me/community', { signal })
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null
    throw error
  }
}

/**
 * For each service type, the nearest facilities within a 15-minute walk of the account's own
 * village or community (nearest first); `demo`: the walking network is demonstration data.
 */
export type NearbyServices = Schema<'NearbyServices'>
export type NearbyType = NearbyServices['types'][number]
export type NearbyFacility = NearbyType['facilities'][number]

/** The services near the account's community, or null when it has none (the server answers 404). */
export async function getMyNearby(signal?: AbortSignal): Promise<NearbyServices | null> {
  try {
    return await http.get<NearbyServices>('/api/v1/me/nearby', { signal })
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null
    throw error
  }
}
