// Grids of a village or community: /api/v1/org/units/{code}/grids and /api/v1/org/grids/{code}.
import { http } from '@/utils/request'
import type { RequestBody, Schema } from './types'

export type Grid = Schema<'Grid'>
export type GridInput = RequestBody<'/api/v1/org/units/{code}/grids', 'post'>
export type GridChange = RequestBody<'/api/v1/org/grids/{code}', 'patch'>
type GridPage = Schema<'GridPage'>

export function listGrids(villageCode: string, signal?: AbortSignal): Promise<GridPage> {
  return http.get<GridPage>(`/api/v1/org/units/${encodeURIComponent(villageCode)}/grids`, { signal })
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
