// The signed-in resident's own community (我的社区): GET /api/v1/me/community.
// Written from the contract of issue 11 (item 5) while the server endpoint is being built; when it
// lands, these types come from generated/ through Schema<> like the other calls.
import { ApiError, http } from '@/utils/request'

export interface UnitRef {
  code: string
  name: string
}

export interface CommunityOffice {
  address: string
  phone: string
  hours: string
}

export interface MyCommunity {
  community: UnitRef & { path: UnitRef[] }
  office: CommunityOffice | null
  grid: (UnitRef & { description: string }) | null
  gridWorkers: { displayName: string; workPhone: string | null }[]
}

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
