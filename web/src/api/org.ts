// Organisation units: /api/v1/org/units…
import { http } from '@/utils/request'
import { shareRequest } from '@/utils/shared-request'
import type { QueryOf, Reply, Schema } from './types'

/** A unit of the hierarchy, as every org route answers it. */
export type Unit = Schema<'Unit'>
export type UnitType = Schema<'UnitType'>
/** 1 province, 2 city/prefecture, 3 county, 4 township/street, 5 village/community, 6 grid. */
export type UnitLevel = Schema<'UnitLevel'>
export type UrbanRural = Schema<'UrbanRural'>
export type UnitSummary = Schema<'UnitSummary'>
export type TypeCount = UnitSummary['descendantsByType'][number]
export type UrbanRuralCount = UnitSummary['urbanRural'][number]
type UnitPage = Schema<'UnitPage'>
type ChildrenQuery = QueryOf<'/api/v1/org/units/{code}/children', 'get'>

export const PROVINCE_CODE = '620000000000'
export const MAX_PAGE_SIZE = 200

export function getUnit(code: string, signal?: AbortSignal): Promise<Unit> {
  return http.get<Unit>(`/api/v1/org/units/${encodeURIComponent(code)}`, { signal })
}

export function getChildren(code: string, page: ChildrenQuery = {}, signal?: AbortSignal): Promise<UnitPage> {
  return http.get<UnitPage>(`/api/v1/org/units/${encodeURIComponent(code)}/children`, {
    query: { page: page.page, pageSize: page.pageSize },
    signal,
  })
}

/** Every child of a unit, following the pages (the server gives at most 200 at a time). */
export async function getAllChildren(code: string, signal?: AbortSignal): Promise<Unit[]> {
  const all: Unit[] = []
  for (let page = 1; ; page++) {
    const result = await getChildren(code, { page, pageSize: MAX_PAGE_SIZE }, signal)
    all.push(...result.items)
    if (result.items.length === 0 || all.length >= result.total) return all
  }
}

type Ancestors = Reply<'/api/v1/org/units/{code}/ancestors', 'get'>

export async function getAncestors(code: string, signal?: AbortSignal): Promise<Unit[]> {
  const result = await http.get<Ancestors>(`/api/v1/org/units/${encodeURIComponent(code)}/ancestors`, { signal })
  return result.items
}

export function getSummary(code: string, signal?: AbortSignal): Promise<UnitSummary> {
  return http.get<UnitSummary>(`/api/v1/org/units/${encodeURIComponent(code)}/summary`, { signal })
}

/** The summary as the workbench reads it: asked for once the working unit is known, read by its card. */
export function getSummaryShared(code: string): Promise<UnitSummary> {
  return shareRequest(`org.summary/${code}`, () => getSummary(code), 10_000)
}

/** q: part of the name; root: the subtree to search (the server defaults to the caller's scope). */
export type UnitSearch = QueryOf<'/api/v1/org/units', 'get'>

export function searchUnits(search: UnitSearch, signal?: AbortSignal): Promise<UnitPage> {
  return http.get<UnitPage>('/api/v1/org/units', {
    query: { q: search.q, root: search.root, page: search.page, pageSize: search.pageSize },
    signal,
  })
}
