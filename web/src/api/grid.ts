// Grids of a village or community: /api/v1/org/units/{code}/grids and /api/v1/org/grids/{code}.
import { http } from '@/utils/request'
import type { PageResult } from './types'

export interface Grid {
  code: string
  name: string
  description: string
  villageCode: string
  version: number
  createdAt: string
  updatedAt: string
}

export interface GridInput {
  name: string
  description?: string
}

export interface GridChange {
  version: number
  name?: string
  description?: string
}

export function listGrids(villageCode: string, signal?: AbortSignal): Promise<PageResult<Grid>> {
  return http.get<PageResult<Grid>>(`/api/v1/org/units/${encodeURIComponent(villageCode)}/grids`, { signal })
}

export function getGrid(code: string, signal?: AbortSignal): Promise<Grid> {
  return http.get<Grid>(`/api/v1/org/grids/${encodeURIComponent(code)}`, { signal })
}

export function createGrid(villageCode: string, input: GridInput): Promise<Grid> {
  return http.post<Grid>(`/api/v1/org/units/${encodeURIComponent(villageCode)}/grids`, input)
}

export function updateGrid(code: string, change: GridChange): Promise<Grid> {
  return http.patch<Grid>(`/api/v1/org/grids/${encodeURIComponent(code)}`, change)
}

/** Retires a grid; the server keeps it as history. Fails with 409 if someone changed it since. */
export function retireGrid(code: string, version: number): Promise<void> {
  return http.delete<void>(`/api/v1/org/grids/${encodeURIComponent(code)}`, { query: { version } })
}
