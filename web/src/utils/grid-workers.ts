// The grid workers of a village or community (one list from the server) by grid, each grid's in
// the order the server gave them.
import type { GridWorker } from '@/api/gridworker'

export function workersByGrid(workers: readonly GridWorker[]): Map<string, GridWorker[]> {
  const byGrid = new Map<string, GridWorker[]>()
  for (const w of workers) {
    const list = byGrid.get(w.gridCode)
    if (list) list.push(w)
    else byGrid.set(w.gridCode, [w])
  }
  return byGrid
}
