// The time now, moving on every `intervalMs` while the component lives: for what a page shows
// depending on the clock (an activity under way, ended, waiting for its hours).
import { onBeforeUnmount, readonly, shallowRef, type Ref } from 'vue'

export function useNow(intervalMs = 15_000, now: () => number = Date.now): Readonly<Ref<number>> {
  const current = shallowRef(now())
  const timer = setInterval(() => (current.value = now()), intervalMs)
  onBeforeUnmount(() => clearInterval(timer))
  return readonly(current)
}
