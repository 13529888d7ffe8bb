// Refreshing a page by itself while something on it is still changing (a job queued or
// running): `refresh` every `intervalMs` after the previous refresh ended (never two at once),
// only while `active()` holds, and never after the page is left.
import { onBeforeUnmount, watch } from 'vue'

export function useAutoRefresh(active: () => boolean, refresh: () => Promise<void>, intervalMs: number): void {
  let timer: ReturnType<typeof setTimeout> | undefined
  let refreshing = false
  let left = false

  function arm(): void {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    if (left || refreshing || !active()) return
    timer = setTimeout(() => void tick(), intervalMs)
  }

  async function tick(): Promise<void> {
    timer = undefined
    refreshing = true
    try {
      await refresh()
    } finally {
      refreshing = false
      arm()
    }
  }

  watch(active, arm, { immediate: true })
  onBeforeUnmount(() => {
    left = true
    arm()
  })
}
