// Seconds left until a moment, ticking down once a second while a page shows it (the sign-in
// pages' wait after too many attempts). The clock, not the tick count, decides: a browser that
// throttles timers in a background tab still shows the right time when it comes back.
import { computed, onBeforeUnmount, readonly, ref, type ComputedRef, type Ref } from 'vue'

export interface Countdown {
  /** Whole seconds left, 0 when not counting. */
  remaining: Readonly<Ref<number>>
  running: ComputedRef<boolean>
  start: (seconds: number) => void
  stop: () => void
}

export function useCountdown(now: () => number = Date.now): Countdown {
  const remaining = ref(0)
  let until = 0
  let timer: ReturnType<typeof setInterval> | undefined

  function stop(): void {
    if (timer !== undefined) clearInterval(timer)
    timer = undefined
    remaining.value = 0
  }

  function tick(): void {
    remaining.value = Math.max(0, Math.ceil((until - now()) / 1000))
    if (remaining.value === 0) stop()
  }

  function start(seconds: number): void {
    stop()
    until = now() + seconds * 1000
    tick()
    if (remaining.value > 0) timer = setInterval(tick, 250)
  }

  onBeforeUnmount(stop)
  return { remaining: readonly(remaining), running: computed(() => remaining.value > 0), start, stop }
}
