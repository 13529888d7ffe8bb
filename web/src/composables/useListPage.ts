// A list page's rows in the order the user chose by clicking a column header (el-table
// `@sort-change`). Sorts what is loaded: a whole list, or the page on screen of a paged one.
import { computed, shallowRef, type ComputedRef, type Ref } from 'vue'
import { sortRows, type SortOrder, type SortState } from '@/utils/sort'

export interface SortedList<T> {
  sort: Readonly<Ref<SortState | null>>
  rows: ComputedRef<T[]>
  onSortChange: (change: { prop: string | null; order: SortOrder | null }) => void
}

export function useSortedRows<T>(
  rows: () => readonly T[],
  keys: Readonly<Record<string, (row: T) => string | number | null | undefined>>,
  initial: SortState | null = null,
): SortedList<T> {
  const sort = shallowRef<SortState | null>(initial)
  const sorted = computed(() => sortRows(rows(), sort.value, keys))
  return {
    sort,
    rows: sorted,
    onSortChange: ({ prop, order }) => {
      sort.value = prop && order ? { prop, order } : null
    },
  }
}
