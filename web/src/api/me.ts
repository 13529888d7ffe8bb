// The signed-in resident's own community (我的社区): GET /api/v1/me/community.
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
