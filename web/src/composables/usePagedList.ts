// A list the server pages (PageResult): the page and page size the pager shows, the filter last
// searched for, and a new request whenever any of them, or anything else the list depends on,
// changes. Built on useLoader, so the rows on screen stay while the next page loads and a slow
// earlier answer never replaces a newer one.
import { computed, shallowRef, watch, type ComputedRef, type Ref, type WatchSource } from 'vue'
import type { PageResult } from '@/api/types'
import { useLoader } from './useLoader'
import { readSetting, writeSetting } from '@/utils/storage'

export interface Paging {
  page: number
  pageSize: number
}

export interface PagedListOptions<F> {
  /** The filter before the first search. */
  filter: F
  pageSize: number
  /** What else the request reads (the working unit, the parent unit): a change loads again. */
  dependsOn?: WatchSource[]
  /** Asked before each automatic load; false waits (e.g. until the working unit is known). */
  when?: () => boolean
  /** A settings key under which the page size the user chooses is remembered (per user). */
  rememberPageSize?: string
}

/** The page size remembered under `key`, if it is one the list offers. */
function rememberedPageSize(key: string | undefined): number | null {
  if (!key) return null
  const n = Number(readSetting(key))
  return Number.isInteger(n) && n > 0 && n <= 1000 ? n : null
}

export interface PagedList<T, F> {
  page: Readonly<Ref<number>>
  pageSize: Readonly<Ref<number>>
  /** The filter of the last search (not what is being typed). */
  filter: Readonly<Ref<F>>
  data: Readonly<Ref<PageResult<T> | null>>
  rows: ComputedRef<T[]>
  total: ComputedRef<number>
  /** False when the server counted the total only up to a horizon and there are more. */
  totalExact: ComputedRef<boolean>
  loading: Readonly<Ref<boolean>>
  error: Readonly<Ref<unknown>>
  /** Loaded, and nothing matches: the page shows its empty text rather than an empty table. */
  empty: ComputedRef<boolean>
  setPage: (page: number) => void
  /** A new page size, on the page that holds the first row shown before. */
  setPageSize: (pageSize: number) => void
  /** Applies a new filter from the first page, since the old page number means nothing for it. */
  search: (filter: F) => void
  /** Asks for the same page again (after a change, or to retry). */
  reload: () => Promise<void>
}

export function usePagedList<T, F>(
  load: (filter: F, paging: Paging) => Promise<PageResult<T>>,
  options: PagedListOptions<F>,
): PagedList<T, F> {
  const page = shallowRef(1)
  const pageSize = shallowRef(rememberedPageSize(options.rememberPageSize) ?? options.pageSize)
  const filter = shallowRef(options.filter)
  const loader = useLoader(() => load(filter.value, { page: page.value, pageSize: pageSize.value }), { keepData: true })

  watch(
    [...(options.dependsOn ?? []), page, pageSize, filter],
    () => {
      if (!options.when || options.when()) void loader.run()
    },
    { immediate: true },
  )

  const rows = computed(() => loader.data.value?.items ?? [])
  const total = computed(() => loader.data.value?.total ?? 0)
  const totalExact = computed(() => loader.data.value?.totalExact !== false)
  const empty = computed(() => !loader.error.value && loader.data.value !== null && rows.value.length === 0)

  return {
    page,
    pageSize,
    filter,
    data: loader.data,
    rows,
    total,
    totalExact,
    loading: loader.loading,
    error: loader.error,
    empty,
    setPage: (next) => (page.value = next),
    setPageSize: (next) => {
      if (next === pageSize.value) return
      const first = (page.value - 1) * pageSize.value
      pageSize.value = next
      page.value = Math.floor(first / next) + 1
      if (options.rememberPageSize) writeSetting(options.rememberPageSize, String(next))
    },
    search: (next) => {
      page.value = 1
      filter.value = next
    },
    reload: loader.run,
  }
}
