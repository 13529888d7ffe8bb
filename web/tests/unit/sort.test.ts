import { describe, expect, it } from 'vitest'
import { sortRows } from '@/utils/sort'
import { workersByGrid } from '@/utils/grid-workers'

const rows = [
  { name: '第三网格', n: 3 },
  { name: '第一网格', n: null },
  { name: '第二网格', n: 10 },
  { name: 'A 网格', n: 2 },
]
const keys = { name: (r: (typeof rows)[number]) => r.name, n: (r: (typeof rows)[number]) => r.n }

describe('sortRows', () => {
  it('keeps the order without a sort or for an unknown column', () => {
    expect(sortRows(rows, null, keys)).toEqual(rows)
    expect(sortRows(rows, { prop: 'x', order: 'ascending' }, keys)).toEqual(rows)
  })

  it('sorts numbers by value, empty values last both ways', () => {
    expect(sortRows(rows, { prop: 'n', order: 'ascending' }, keys).map((r) => r.n)).toEqual([2, 3, 10, null])
    expect(sortRows(rows, { prop: 'n', order: 'descending' }, keys).map((r) => r.n)).toEqual([10, 3, 2, null])
  })

  it('sorts Chinese text by pinyin', () => {
    const chinese = rows.filter((r) => r.name.startsWith('第'))
    // dì èr, dì sān, dì yī
    expect(sortRows(chinese, { prop: 'name', order: 'ascending' }, keys).map((r) => r.name)).toEqual(['第二网格', '第三网格', '第一网格'])
  })
})

describe('workersByGrid', () => {
  const worker = (gridCode: string, userId: number) => ({
    gridCode,
    userId,
    username: `u${userId}`,
    displayName: `网格员 ${userId}`,
    phone: null,
    workPhone: null,
    assignedAt: '2026-11-30T08:00:00Z',
  })

  it('groups the workers by grid in the order given, for sorting grids by their number of workers', () => {
    const byGrid = workersByGrid([worker('620102001001001', 5), worker('620102001001002', 6), worker('620102001001001', 7)])
    expect([...byGrid.keys()]).toEqual(['620102001001001', '620102001001002'])
    expect(byGrid.get('620102001001001')?.map((w) => w.userId)).toEqual([5, 7])
    expect(byGrid.get('620102001001003')).toBeUndefined()
  })
})
