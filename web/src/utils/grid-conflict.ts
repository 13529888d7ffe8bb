// A grid edit answered 409 for one of two reasons, and the page treats them differently:
//   stale — someone else changed or retired the grid since it was shown: reload the list;
//   name  — the new name is already used in the village/community: say so under the name and
//           let the user change it.
// The server sends both as `conflict` with no details, differing only in their (translated)
// message, so the grid's version as it is now tells them apart: a version that moved on, or a
// grid that is gone, is a stale edit; anything else is the name.
import { getGrid, type Grid } from '@/api/grid'
import { ApiError } from './request'

export type GridConflict = 'stale' | 'name'

export async function gridEditConflict(grid: Pick<Grid, 'code' | 'version'>, error: ApiError): Promise<GridConflict> {
  if (error.hasField('name')) return 'name'
  try {
    const now = await getGrid(grid.code)
    return now.version === grid.version ? 'name' : 'stale'
  } catch {
    // Retired meanwhile (404), or no answer: the list must be reloaded either way.
    return 'stale'
  }
}
