// Whether a CSS media query holds now, kept up to date while the component lives: a phone-sized
// window (a grid worker on patrol) gets the narrow menu, and a list its cards instead of a table.
import { onBeforeUnmount, ref, type Ref } from 'vue'

/** The width below which the console lays itself out for a phone. */
export const NARROW = '(max-width: 768px)'

export function useMediaQuery(query: string): Readonly<Ref<boolean>> {
  const list = typeof window === 'undefined' || typeof window.matchMedia !== 'function' ? null : window.matchMedia(query)
  const matches = ref(list?.matches ?? false)
  const onChange = (e: MediaQueryListEvent) => (matches.value = e.matches)
  list?.addEventListener('change', onChange)
  onBeforeUnmount(() => list?.removeEventListener('change', onChange))
  return matches
}
