// The workbench's logic, apart from the pages: which cards an account sees and in what order, the
// ranking of units by a measure (weakest first), and where a to-do leads.
import type { RankingMeasure, RankingResult, TodoTarget, WorkbenchCard } from '@/modules/types'
import { allows } from './permission'

/**
 * The cards of an account that holds `roles` (role keys) and `permissions`: a card needs one of its
 * permissions and one of the roles its order names; it takes the smallest order among the
 * account's roles, ties by name. The admin holding both province_admin and system_admin sees the
 * cards of both, each where the earlier of its two places puts it.
 */
export function cardsFor(
  cards: readonly WorkbenchCard[],
  roles: readonly string[],
  permissions: readonly string[],
): WorkbenchCard[] {
  const placed: { card: WorkbenchCard; order: number }[] = []
  for (const card of cards) {
    if (!allows(permissions, card.permission)) continue
    const orders = roles.map((r) => card.order[r]).filter((o): o is number => typeof o === 'number')
    if (orders.length === 0) continue
    placed.push({ card, order: Math.min(...orders) })
  }
  return placed.sort((a, b) => a.order - b.order || a.card.name.localeCompare(b.card.name)).map((p) => p.card)
}

/** The measures offered for a working unit of `level` to an account with `permissions`. */
export function measuresFor(measures: readonly RankingMeasure[], level: number, permissions: readonly string[]): RankingMeasure[] {
  return measures.filter((m) => m.levels.includes(level) && allows(permissions, m.permission))
}

export type RankedRow = RankingResult['rows'][number] & { rank: number | null }

/**
 * Weakest first: the lowest values when low is weak, the highest when high is weak; ties by code;
 * units with nothing to measure (null) last, unranked.
 */
export function rankWeakestFirst(rows: RankingResult['rows'], weakIs: RankingMeasure['weakIs']): RankedRow[] {
  const measured = rows.filter((r) => r.value !== null)
  const unmeasured = rows.filter((r) => r.value === null)
  const sign = weakIs === 'low' ? 1 : -1
  measured.sort((a, b) => sign * ((a.value as number) - (b.value as number)) || a.code.localeCompare(b.code))
  return [
    ...measured.map((r, i) => ({ ...r, rank: i + 1 })),
    ...[...unmeasured].sort((a, b) => a.code.localeCompare(b.code)).map((r) => ({ ...r, rank: null })),
  ]
}

/** A to-do of the server, with where the modules say it leads (null: nowhere the console knows). */
export interface TodoItem {
  code: string
  label: string
  count: number
}

export function todoLinks(
  items: readonly TodoItem[],
  targets: Readonly<Record<string, TodoTarget>>,
): (TodoItem & { to: TodoTarget['to'] | null })[] {
  return items.map((item) => ({ ...item, to: targets[item.code]?.to ?? null }))
}

// The to-do counter of the top bar counts again when a page has just changed what it counts (a
// message read, a request taken up): the page says so, the counter listens. Not a store: the counts
// themselves stay the server's, asked for again.
const todoListeners = new Set<() => void>()

/** Says that what the to-dos count may have changed: every counter on screen asks again. */
export function todosChanged(): void {
  for (const listener of [...todoListeners]) listener()
}

/** Calls `listener` on each todosChanged(); the function returned stops it. */
export function onTodosChanged(listener: () => void): () => void {
  todoListeners.add(listener)
  return () => {
    todoListeners.delete(listener)
  }
}

/** Runs `work` over `items`, at most `limit` at a time, keeping the order of the results. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      results[i] = await work(items[i]!)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}
