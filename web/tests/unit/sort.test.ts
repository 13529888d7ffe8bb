import { describe, expect, it } from 'vitest'
import { sortRows } from '@/utils/sort'

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
