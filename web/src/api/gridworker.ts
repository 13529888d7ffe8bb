// Grid workers (网格员) on the grids of a village/community, and a community office's contact
// details.
import { ApiError, http } from '@/utils/request'
import type { CommunityOffice } from './me'
import type { Schema } from './types'

/** One (grid, worker); `phone` is masked ("138****5678"), `workPhone` public. */
export type GridWorker = Schema<'GridAssignment'>
export type WorkerCandidate = Schema<'GridWorkerCandidate'>

const enc = encodeURIComponent

/** Every grid worker of every grid of a village/community, one row per (grid, worker). */
export async function listGridWorkers(villageCode: string, signal?: AbortSignal): Promise<GridWorker[]> {
  const reply = await http.get<{ items: GridWorker[] }>(`/api/v1/org/units/${enc(villageCode)}/grid-workers`, { signal })
  return reply.items
}

/** Accounts that may be assigned to the grid (holders of the grid-worker role there). */
export async function listWorkerCandidates(gridCode: string, signal?: AbortSignal): Promise<WorkerCandidate[]> {
  const reply = await http.get<{ items: WorkerCandidate[] }>(`/api/v1/org/grids/${enc(gridCode)}/worker-candidates`, { signal })
  return reply.items
}

export function assignGridWorker(gridCode: string, userId: number, workPhone?: string): Promise<GridWorker> {
  return http.put<GridWorker>(`/api/v1/org/grids/${enc(gridCode)}/workers/${userId}`, workPhone ? { workPhone } : {})
}

export function removeGridWorker(gridCode: string, userId: number): Promise<void> {
  return http.delete<void>(`/api/v1/org/grids/${enc(gridCode)}/workers/${userId}`)
}

/** The full phone of an account, for a stated reason (audited). */
export async function unmaskPhone(userId: number, reason: string): Promise<string> {
  const reply = await http.post<{ field: 'phone'; value: string }>(`/api/v1/users/${userId}/unmask`, { field: 'phone', reason })
  return reply.value
}

/** A village/community's office (address, phone, hours), or null when none is recorded. */
export async function getOffice(unitCode: string, signal?: AbortSignal): Promise<CommunityOffice | null> {
  try {
    return await http.get<CommunityOffice>(`/api/v1/org/units/${enc(unitCode)}/office`, { signal })
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null
    throw error
  }
}

export function updateOffice(unitCode: string, office: CommunityOffice): Promise<CommunityOffice> {
  return http.put<CommunityOffice>(`/api/v1/org/units/${enc(unitCode)}/office`, office)
}
