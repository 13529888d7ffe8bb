// What the tests of home visits share: a visit as the server answers it, and a queue kept in
// memory as localStorage keeps it.
import type { ResidentVisit } from '@/api/visits'
import { parseQueue, queueText, type QueueStore, type QueuedVisit } from '@/utils/visits'

/** A visit the server kept for `personId` on `visitedOn`, recorded by wangge1. */
export function residentVisit(personId: number, visitedOn: string, overrides: Partial<ResidentVisit> = {}): ResidentVisit {
  return {
    id: 1,
    personId,
    grid: { code: '620102001001001', name: '第一网格', path: [] },
    visitedOn,
    visitor: { id: 5, username: 'wangge1', displayName: '赵军' },
    met: 'person',
    metLabel: '本人',
    health: 'good',
    living: 'fair',
    safety: 'none',
    needs: [],
    note: '',
    lat: null,
    lon: null,
    recordedAt: '2026-12-03T02:00:00Z',
    referral: null,
    requestId: null,
    replayed: false,
    ...overrides,
  }
}

/** A queue kept in memory, as localStorage keeps it (read afresh each time). */
export function memoryStore(initial: QueuedVisit[] = []): QueueStore & { text: string | null } {
  const store = {
    text: queueText(initial),
    read: () => parseQueue(store.text),
    write: (queue: QueuedVisit[]) => {
      store.text = queueText(queue)
    },
  }
  return store
}
