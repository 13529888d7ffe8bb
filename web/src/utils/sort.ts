// Sorting a list by a column, as el-table names the directions. Numbers by value, text by the
// reader's collation (Chinese by pinyin), empty values last in either direction.
export type SortOrder = 'ascending' | 'descending'
export interface SortState {
  prop: string
  order: SortOrder
}

const collator = new Intl.Collator(['zh-CN', 'en'], { numeric: true })

export function compareValues(a: string | number | null | undefined, b: string | number | null | undefined): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return collator.compare(String(a), String(b))
}

export function sortRows<T>(
  rows: readonly T[],
  sort: SortState | null,
  keys: Readonly<Record<string, (row: T) => string | number | null | undefined>>,
): T[] {
  const key = sort ? keys[sort.prop] : undefined
  if (!sort || !key) return [...rows]
  const sign = sort.order === 'ascending' ? 1 : -1
  const empty = (v: unknown) => v === null || v === undefined || v === ''
  return rows
    .map((row, index) => ({ row, index, value: key(row) }))
    .sort((a, b) => {
      if (empty(a.value) || empty(b.value)) return empty(a.value) === empty(b.value) ? a.index - b.index : empty(a.value) ? 1 : -1
      return sign * compareValues(a.value, b.value) || a.index - b.index
    })
    .map((x) => x.row)
}
