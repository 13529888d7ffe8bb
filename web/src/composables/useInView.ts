// Whether an element has come into view (once true, it stays true): for what a page loads only
// when the user scrolls to it (a map, charts below the fold), so that the first screen is not kept
// waiting for it. The element is looked at once `ready` holds (what is above it has loaded, so the
// layout has settled) and the browser is idle (the first screen has been drawn); `margin` shrinks
// the viewport's bottom edge, so that a sliver at the bottom of the screen does not count. Where
// IntersectionObserver is missing, everything counts as in view.
import { onBeforeUnmount, shallowRef, watch, type Ref } from 'vue'

export interface InViewOptions {
  /** Look only once this holds (default: at once). */
  ready?: () => boolean
  /** Pixels of the element that must be on screen above the bottom edge (default 0). */
  bottomMargin?: number
}

function whenIdle(run: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(run, { timeout: 1000 })
    return () => cancelIdleCallback(id)
  }
  const id = setTimeout(run, 0)
  return () => clearTimeout(id)
}

export function useInView(el: Readonly<Ref<HTMLElement | null | undefined>>, options: InViewOptions = {}): Readonly<Ref<boolean>> {
  const seen = shallowRef(false)
  let observer: IntersectionObserver | null = null
  let cancelIdle: (() => void) | null = null

  function stop(): void {
    cancelIdle?.()
    cancelIdle = null
    observer?.disconnect()
    observer = null
  }

  function observe(target: HTMLElement): void {
    if (typeof IntersectionObserver === 'undefined') {
      seen.value = true
      return
    }
    observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          seen.value = true
          stop()
        }
      },
      { rootMargin: `0px 0px -${options.bottomMargin ?? 0}px 0px` },
    )
    observer.observe(target)
  }

  const unwatch = watch(
    [el, () => options.ready?.() ?? true],
    ([target, ready]) => {
      stop()
      if (!target || !ready || seen.value) return
      cancelIdle = whenIdle(() => {
        cancelIdle = null
        observe(target)
      })
    },
    { immediate: true, flush: 'post' },
  )

  onBeforeUnmount(() => {
    unwatch()
    stop()
  })
  return seen
}
