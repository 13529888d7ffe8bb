// The offline base map of every map: which boundaries to draw around a unit, and how each one is
// meant (the unit's own, its neighbours, the context further away). Pure: MapPanel draws the plan.
//
// Two sources: the city and county polygons shipped with the console (src/map/geo.ts, every unit of
// Gansu), and unit areas where some are known (the villages and communities a walking network was
// imported with), drawn over them at street level.
import type { Feature, MultiPolygon, Polygon } from 'geojson'
import { codeLevel, isWithin } from '@/utils/codes'
import { displayName, focusFor, nbsAdcode, type Boundaries, type Boundary } from './geo'

/**
 * focus: the unit's own polygon (or, for a unit without one, the county standing in for it);
 * member: its neighbours of the same level, which a user may open; outline: the enclosing city's
 * edge; context: the other cities.
 */
export type BaseRole = 'focus' | 'member' | 'outline' | 'context'

export interface BasePart {
  feature: Boundary
  role: BaseRole
  /** Its name is written on the map. */
  labelled: boolean
}

export interface BasePlan {
  /** Drawn in this order (context first). */
  parts: BasePart[]
  /** What the map shows when it has no data of its own to frame. */
  frame: Boundary[]
  /** A polygon framed with some margin (one county among its neighbours) or snugly (a whole city). */
  frameClose: boolean
  /** The name of the polygon standing in for a unit that has none (a township: its county). */
  enclosingName: string | null
}

/**
 * The boundaries around the unit with this 12- or 15-digit code: the province's cities; or the
 * counties of the unit's city, the unit's county (or the city itself) in focus, over the other
 * cities. 兰州新区 (no polygon of its own) is shown as its city.
 */
export function basePlan(code: string, cities: Boundaries, counties: Boundaries | null): BasePlan {
  const countyCodes = new Set((counties?.features ?? []).map(nbsAdcode))
  const focus = focusFor(code, countyCodes)
  if (focus.layer === 'cities') {
    return {
      parts: cities.features.map((feature) => ({ feature, role: 'member', labelled: true })),
      frame: cities.features,
      frameClose: false,
      enclosingName: null,
    }
  }
  const cityCode = `${focus.cityPrefix}00`
  const parts: BasePart[] = cities.features
    .filter((f) => nbsAdcode(f) !== cityCode)
    .map((feature) => ({ feature, role: 'context', labelled: false }))
  const cityFeature = cities.features.find((f) => nbsAdcode(f) === cityCode)
  const cityCounties = (counties?.features ?? []).filter((f) => nbsAdcode(f).startsWith(focus.cityPrefix ?? '--'))
  const highlightIsCity = focus.highlight === cityCode
  for (const feature of cityCounties) {
    parts.push({ feature, role: !highlightIsCity && nbsAdcode(feature) === focus.highlight ? 'focus' : 'member', labelled: true })
  }
  if (cityFeature) parts.push({ feature: cityFeature, role: highlightIsCity ? 'focus' : 'outline', labelled: false })

  const highlighted = highlightIsCity ? cityFeature : cityCounties.find((f) => nbsAdcode(f) === focus.highlight)
  const frame = !highlightIsCity && highlighted ? [highlighted] : cityCounties.length ? cityCounties : cityFeature ? [cityFeature] : []
  return {
    parts,
    frame,
    frameClose: !highlightIsCity && !!highlighted,
    enclosingName: focus.enclosing && highlighted ? displayName(highlighted) : null,
  }
}

/** A unit's area (WGS-84, as OpenStreetMap): its code in the properties. */
export type UnitArea = Feature<Polygon | MultiPolygon, { code: string }>

export interface AreaPart {
  area: UnitArea
  /** focus: the unit's own area; member: an area below it; context: a neighbour's (same parent). */
  role: 'focus' | 'member' | 'context'
}

/** The 12-digit code of the unit above (the province has none). */
function parentCode(code: string): string | null {
  const level = codeLevel(code)
  if (level <= 1) return null
  const lengths = [2, 4, 6, 9, 12]
  const keep = lengths[level - 2] as number
  return code.slice(0, keep).padEnd(12, '0')
}

/**
 * The known areas around a unit: its own, those below it, and its neighbours' under the same
 * parent (a community among its street's other communities). Areas of units above a village
 * level are not expected, but would count as below their parent like any other.
 */
export function areaPlan(code: string, areas: readonly UnitArea[]): AreaPart[] {
  const parent = parentCode(code)
  const parts: AreaPart[] = []
  for (const area of areas) {
    const c = area.properties.code
    if (c === code) parts.push({ area, role: 'focus' })
    else if (isWithin(c, code)) parts.push({ area, role: 'member' })
    else if (parent && codeLevel(code) >= 4 && codeLevel(c) === codeLevel(code) && isWithin(c, parent)) parts.push({ area, role: 'context' })
  }
  // Neighbours first, the unit's own on top.
  const order = { context: 0, member: 1, focus: 2 }
  return parts.sort((a, b) => order[a.role] - order[b.role])
}


/**
 * A unit's name as a map writes it: without the committee that the statistical name ends in
 * (畅家巷社区居委会 → 畅家巷社区; 红沟村民委员会 and 忠和村委会, where the village's 村 and the
 * committee's share one character, → 红沟村, 忠和村), so that neighbours' names fit side by side.
 */
export function mapLabel(name: string): string {
  const short = name.replace(/村(民委员|委)会$/, '村').replace(/(居民委员会|居委会)$/, '')
  return short || name
}
