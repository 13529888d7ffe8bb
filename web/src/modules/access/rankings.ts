// What the fifteen-minute circle lets the workbench rank the units below the working unit by: the
// share of their residences within a 15-minute walk of the service type with the most facilities
// (of their residents, where every home of a unit is a located household: typeShare).
import { DEFAULT_TIER, getCoverageShared } from '@/api/access'
import type { RankingMeasure } from '../types'
import { busiestType, typeShare } from '@/utils/coverage'

export const coverageShare: RankingMeasure = {
  key: 'access.coverage',
  label: 'access.rankings.coverage',
  permission: 'access:coverage:read',
  levels: [1, 2, 3, 4],
  order: 10,
  kind: 'share',
  weakIs: 'low',
  async load(code) {
    const coverage = await getCoverageShared({ unit: code, tier: DEFAULT_TIER })
    const type = busiestType(coverage.types)
    // The unit itself is its only row when it has no units below with homes: nothing to rank.
    const rows = coverage.rows
      .filter((r) => r.code !== code)
      .map((r) => ({ code: r.code, name: r.name, value: type ? typeShare(r, type.key) : null }))
    return {
      rows,
      note: type
        ? { key: 'access.rankings.coverageNote', params: { type: type.name, minutes: String(DEFAULT_TIER) } }
        : { key: 'access.rankings.noFacilities' },
    }
  },
}
