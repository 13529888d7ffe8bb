// What the organisation module lets the workbench rank the units below the working unit by: how
// many grids each has, and how many of its grids have no grid worker.
import { getAllChildren, getSummary } from '@/api/org'
import { listGridWorkers } from '@/api/gridworker'
import type { RankingMeasure } from '../types'
import { mapLimited } from '@/utils/workbench'

const VILLAGE = 5
const GRID = 6
/** Requests in flight at once when each child needs its own. */
const PARALLEL = 4

export const gridCount: RankingMeasure = {
  key: 'org.grids',
  label: 'org.rankings.grids',
  permission: 'org:grid:read',
  levels: [1, 2, 3, 4],
  order: 20,
  kind: 'count',
  weakIs: 'low',
  async load(code, signal) {
    const children = await getAllChildren(code, signal)
    const rows = await mapLimited(children, PARALLEL, async (child) => {
      // A village's children are its grids; above, the summary counts them.
      if (child.level === VILLAGE) return { code: child.code, name: child.name, value: child.childCount }
      const summary = await getSummary(child.code, signal)
      const grids = summary.descendantsByType.filter((x) => x.level === GRID).reduce((n, x) => n + x.count, 0)
      return { code: child.code, name: child.name, value: grids }
    })
    return { rows }
  },
}

export const unstaffedGrids: RankingMeasure = {
  key: 'org.unstaffed',
  label: 'org.rankings.unstaffed',
  permission: 'org:grid:read',
  // A street's communities: one request each.
  levels: [4],
  order: 30,
  kind: 'count',
  weakIs: 'high',
  async load(code, signal) {
    const children = await getAllChildren(code, signal)
    const rows = await mapLimited(children, PARALLEL, async (child) => {
      if (child.level !== VILLAGE || child.childCount === 0) return { code: child.code, name: child.name, value: null }
      const workers = await listGridWorkers(child.code, signal)
      const staffed = new Set(workers.map((w) => w.gridCode)).size
      return { code: child.code, name: child.name, value: Math.max(0, child.childCount - staffed) }
    })
    return { rows, note: { key: 'org.rankings.unstaffedNote' } }
  },
}
