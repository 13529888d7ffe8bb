// The options of a select that searches the server as the user types (el-select `remote`, which
// waits for the typing to pause before it asks): the first page found for the text typed, of which
// only the latest answer counts (a slow earlier one never replaces it), and the option chosen, kept
// among them while the page found does not hold it, so that the box reads its name rather than
// its id (a contract's provider that is not on the first page, one chosen before the user typed
// on). `total` tells whether there are more than the page shows; `failed` that the search failed.
import { computed, ref, shallowRef, type ComputedRef, type Ref } from 'vue'
import type { PageResult } from '@/api/types'

export interface RemoteOptions<T extends { id: number }> {
  /** The option chosen first when the page found does not hold it, then the page found. */
  options: ComputedRef<T[]>
  total: Ref<number>
  loading: Ref<boolean>
  failed: Ref<boolean>
  /** Asks for the options matching `q` (all, when empty). */
  search: (q: string) => Promise<void>
  /** The option of `id` among those shown, kept as the one chosen (null: none chosen). */
  pick: (id: number | null) => T | null
  /** Keeps `option` as the one chosen, found or not (the current value of a record being changed). */
  keep: (option: T | null) => void
  /** Forgets what was found and chosen; an answer still on its way is dropped. */
  clear: () => void
}

export function useRemoteOptions<T extends { id: number }>(find: (q: string) => Promise<PageResult<T>>): RemoteOptions<T> {
  const found = shallowRef<T[]>([])
  const chosen = shallowRef<T | null>(null)
  const total = ref(0)
  const loading = ref(false)
  const failed = ref(false)
  let latest = 0

  async function search(q: string): Promise<void> {
    const call = ++latest
    loading.value = true
    failed.value = false
    try {
      const page = await find(q.trim())
      if (call !== latest) return
      found.value = page.items
      total.value = page.total
    } catch {
      if (call !== latest) return
      found.value = []
      total.value = 0
      failed.value = true
    } finally {
      if (call === latest) loading.value = false
    }
  }

  const options = computed(() => {
    const kept = chosen.value
    return kept && !found.value.some((o) => o.id === kept.id) ? [kept, ...found.value] : found.value
  })

  function pick(id: number | null): T | null {
    chosen.value = id === null ? null : (options.value.find((o) => o.id === id) ?? null)
    return chosen.value
  }

  function keep(option: T | null): void {
    chosen.value = option
  }

  function clear(): void {
    latest += 1
    found.value = []
    chosen.value = null
    total.value = 0
    loading.value = false
    failed.value = false
  }

  return { options, total, loading, failed, search, pick, keep, clear }
}
