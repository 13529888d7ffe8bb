// Organisation units: /api/v1/org/units…
import { http } from '@/utils/request'
import type { PageQuery, PageResult } from './types'

export type UnitType =
  | 'province'
  | 'prefecture_city'
  | 'autonomous_prefecture'
  | 'district'
  | 'county'
  | 'county_level_city'
  | 'county_like'
  | 'subdistrict'
  | 'town'
  | 'township'
  | 'township_like'
  | 'residents_committee'
  | 'villagers_committee'
  | 'residents_committee_like'
  | 'villagers_committee_like'
  | 'grid'

/** 1 province, 2 city/prefecture, 3 county, 4 township/street, 5 village/community, 6 grid. */
export type UnitLevel = 1 | 2 | 3 | 4 | 5 | 6

export interface UrbanRural {
  code: string
  name: string
  urban: boolean
}

export interface Unit {
  code: string
  name: string
  level: UnitLevel
  levelName: string
  unitType: UnitType
  unitTypeName: string
  parentCode: string | null
  childCount: number
  urbanRural: UrbanRural | null
  version: number
}

export interface TypeCount {
  unitType: UnitType
  unitTypeName: string
  level: UnitLevel
  count: number
}

export interface UrbanRuralCount extends UrbanRural {
  count: number
}

export interface UnitSummary {
  descendantsByType: TypeCount[]
  urbanRural: UrbanRuralCount[]
  urbanCount: number
  ruralCount: number
}

export const PROVINCE_CODE = '620000000000'
export const MAX_PAGE_SIZE = 200

export function getUnit(code: string, signal?: AbortSignal): Promise<Unit> {
  return http.get<Unit>(`/api/v1/org/units/${encodeURIComponent(code)}`, { signal })
}

export function getChildren(code: string, page: PageQuery = {}, signal?: AbortSignal): Promise<PageResult<Unit>> {
  return http.get<PageResult<Unit>>(`/api/v1/org/units/${encodeURIComponent(code)}/children`, {
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

export async function getAncestors(code: string, signal?: AbortSignal): Promise<Unit[]> {
  const result = await http.get<{ items: Unit[] }>(`/api/v1/org/units/${encodeURIComponent(code)}/ancestors`, {
    signal,
  })
  return result.items
}

export function getSummary(code: string, signal?: AbortSignal): Promise<UnitSummary> {
  return http.get<UnitSummary>(`/api/v1/org/units/${encodeURIComponent(code)}/summary`, { signal })
}

export interface UnitSearch extends PageQuery {
  q: string
  /** Code of the subtree to search; the server defaults to the province. */
  root?: string
}

export function searchUnits(search: UnitSearch, signal?: AbortSignal): Promise<PageResult<Unit>> {
  return http.get<PageResult<Unit>>('/api/v1/org/units', {
    query: { q: search.q, root: search.root, page: search.page, pageSize: search.pageSize },
    signal,
  })
}
