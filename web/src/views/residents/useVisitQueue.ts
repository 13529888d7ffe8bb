// The visits kept on this device until the server has them (src/utils/visits.ts has the rules), one
// queue per account in localStorage: a grid worker's visits never go out under another account
// signed in on the same phone. One queue for the whole tab, whichever page shows it: a round of
// sending starts when the browser says it is online again, on a timer while visits wait (an
// `online` event is not always fired, or fired while the network still fails), when a page that
// shows the queue opens, and when the user taps 重新上传. A round sends the current account's
// visits only, and nothing while nobody is signed in. The server's answers to the visits sent from
// this tab are remembered while it is open, so that a page can show what a visit sent later opened
// (its request).
import { computed, ref, shallowRef } from 'vue'
import { recordVisit, type ResidentVisit } from '@/api/visits'
import { useUserStore } from '@/store/user'
import { readSetting, writeSetting } from '@/utils/storage'
import {
  applyResult,
  dropVisit,
  flushQueue,
  parseQueue,
  pendingVisits,
  putVisit,
  queueText,
  retryDelay,
  sendVisit,
  type FlushResult,
  type QueueStore,
  type QueuedVisit,
  type SendResult,
  type SendVisit,
} from '@/utils/visits'

const SETTING = 'residents.visits.queue'

const account = ref('')
const items = shallowRef<QueuedVisit[]>([])
const sending = ref(false)
/** The last round's result, for the page showing the queue to announce (a counter tells rounds apart). */
const lastRound = shallowRef<(FlushResult & { round: number }) | null>(null)
let rounds = 0
let failedRounds = 0
let timer: ReturnType<typeof setTimeout> | null = null
let listening = false
/** The server's answers to the visits sent from this tab, by key (the current account's). */
const answers = shallowRef<Record<string, ResidentVisit>>({})

/** Sends a visit and remembers the server's answer. */
const send: SendVisit = async (personId, fields) => {
  const visit = await recordVisit(personId, fields)
  answers.value = { ...answers.value, [fields.key]: visit }
  return visit
}

function settingKey(name: string): string {
  return `${SETTING}.${name}`
}

const store: QueueStore = {
  read: () => (account.value ? parseQueue(readSetting(settingKey(account.value))) : []),
  write: (queue) => {
    if (!account.value) return
    writeSetting(settingKey(account.value), queueText(queue))
    items.value = queue
  },
}

/** The queue of whoever is signed in now (none: empty, and nothing is sent). */
function follow(): boolean {
  const me = useUserStore()
  const name = me.status === 'signedIn' ? me.settingsKey : ''
  if (name !== account.value) {
    account.value = name
    failedRounds = 0
    answers.value = {}
  }
  items.value = store.read()
  return name !== ''
}

function online(): boolean {
  return typeof navigator === 'undefined' || navigator.onLine !== false
}

function schedule(): void {
  if (timer) clearTimeout(timer)
  timer = null
  if (!pendingVisits(items.value).length) return
  timer = setTimeout(() => void flush(), retryDelay(failedRounds) * 1000)
}

function listen(): void {
  if (listening || typeof window === 'undefined') return
  listening = true
  window.addEventListener('online', () => {
    failedRounds = 0
    void flush()
  })
  // Another tab of the same console changed the queue.
  window.addEventListener('storage', (event) => {
    if (account.value && event.key === `shequ.${settingKey(account.value)}`) items.value = store.read()
  })
}

/** One round: sends what waits; says what became of it. */
async function flush(): Promise<FlushResult | null> {
  if (sending.value || !follow()) return null
  sending.value = true
  try {
    const result = await flushQueue(store, send, online)
    failedRounds = result.waiting ? failedRounds + 1 : 0
    if (result.sent.length || result.refused.length || result.waiting) lastRound.value = { ...result, round: ++rounds }
    return result
  } finally {
    sending.value = false
    items.value = store.read()
    schedule()
  }
}

/**
 * Keeps a visit on the device, then sends it unless the device knows it is offline. Sent (or
 * replayed): gone from the queue. No answer: it waits. Refused: it stays, marked with the reasons.
 */
async function save(item: QueuedVisit): Promise<SendResult> {
  follow()
  store.write(putVisit(store.read(), { ...item, state: 'pending', refusal: undefined }))
  if (!online()) {
    failedRounds += 1
    schedule()
    return { outcome: 'waiting', error: null }
  }
  const result = await sendVisit(item, send)
  applyResult(store, item, result)
  items.value = store.read()
  if (result.outcome === 'waiting') failedRounds += 1
  schedule()
  return result
}

/** Gives a queued visit up (it will not be sent). */
function discard(key: string): void {
  follow()
  store.write(dropVisit(store.read(), key))
  schedule()
}

export function useVisitQueue() {
  listen()
  const signedIn = follow()
  // Whatever waits from before goes out as soon as a page that shows the queue opens.
  if (signedIn && online() && pendingVisits(items.value).length && !sending.value) void flush()
  return {
    items: computed(() => items.value),
    pending: computed(() => pendingVisits(items.value).length),
    rejected: computed(() => items.value.filter((q) => q.state === 'rejected').length),
    sending: computed(() => sending.value),
    lastRound: computed(() => lastRound.value),
    flush,
    save,
    discard,
    find: (key: string) => items.value.find((q) => q.key === key),
    /** The server's answer to a visit sent from this tab (what it opened), if it was. */
    answer: (key: string): ResidentVisit | undefined => answers.value[key],
  }
}
