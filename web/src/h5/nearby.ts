// How 我的社区 lists the services near the resident's community (GET /api/v1/me/nearby): the
// types that have facilities within the walk, each with its nearest first and the others after,
// then, in one line, the types that have none; distances as people say them.
import type { NearbyFacility, NearbyServices, NearbyType } from '@/api/me'

export interface NearbyTypeView {
  type: string
  label: string
  basic: boolean
  nearest: NearbyFacility
  others: NearbyFacility[]
}

export interface NearbyView {
  reached: NearbyTypeView[]
  /** Labels of the types with nothing within the walk, basic ones first. */
  missing: string[]
}

/** Types with facilities in the server's (the catalogue's) order, then the types without. */
export function nearbyView(nearby: Pick<NearbyServices, 'types'>): NearbyView {
  const reached: NearbyTypeView[] = []
  const missing: NearbyType[] = []
  for (const t of nearby.types) {
    const [nearest, ...others] = t.facilities
    if (nearest) reached.push({ type: t.type, label: t.label, basic: t.basic, nearest, others })
    else missing.push(t)
  }
  return { reached, missing: [...missing.filter((t) => t.basic), ...missing.filter((t) => !t.basic)].map((t) => t.label) }
}

/** "480 米" / "1.2 公里" ("480 m" / "1.2 km"): metres under a kilometre, else kilometres to one place. */
export function distanceText(metres: number, locale: string): string {
  const english = locale.startsWith('en')
  const rounded = Math.round(metres)
  if (rounded < 1000) return english ? `${rounded} m` : `${rounded} 米`
  const km = (Math.round(metres / 100) / 10).toFixed(1)
  return english ? `${km} km` : `${km} 公里`
}
