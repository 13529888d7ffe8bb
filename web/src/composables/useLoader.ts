// Loads data for a page: loading / error / data, and only the latest call's result counts
// (a slow earlier answer never overwrites a newer one).
import { onBeforeUnmount, ref, shallowRef, type Ref, type ShallowRef } from 'vue'

export interface Loader<T> {
  data: ShallowRef<T | null>
  loading: Ref<boolean>
  error: ShallowRef<unknown>
  run: () => Promise<void>
}

export function useLoader<T>(load: () => Promise<T>, options: { keepData?: boolean } = {}): Loader<T> {
  const data = shallowRef<T | null>(null)
  const loading = ref(false)
  const error = shallowRef<unknown>(null)
  let latest = 0
  let alive = true
  onBeforeUnmount(() => {
    alive = false
  })

  async function run(): Promise<void> {
    const call = ++latest
    loading.value = true
    error.value = null
    if (!options.keepData) data.value = null
    try {
      const result = await load()
      if (alive && call === latest) data.value = result
    } catch (e) {
      if (alive && call === latest) error.value = e
    } finally {
      if (alive && call === latest) loading.value = false
    }
  }

  return { data, loading, error, run }
}
