// 预警信息 on the resident pages: the warnings that reached the signed-in resident (those the
// register holds with the phone of their account), opening one (marks it read) and answering it
// (我已知晓 / 需要帮助; help is a call or visit from the grid worker at once). And which of them
// must interrupt: an unanswered red or orange warning still in force is shown full screen.
import { http } from '@/utils/request'
import type { Schema } from '@/api/types'

export type ReceivedAlert = Schema<'ReceivedAlert'>
export type AlertAnswer = 'acknowledged' | 'help'

export interface ReceivedAlerts {
  items: ReceivedAlert[]
  total: number
  /** In force and not yet answered. */
  unanswered: number
}

export function listMyAlerts(signal?: AbortSignal): Promise<ReceivedAlerts> {
  return http.get<ReceivedAlerts>('/api/v1/alerts/mine', { query: { page: 1, pageSize: 50 }, signal })
}

export function openMyAlert(id: number, signal?: AbortSignal): Promise<ReceivedAlert> {
  return http.get<ReceivedAlert>(`/api/v1/alerts/mine/${id}`, { signal })
}

/** `notify: false`: the page shows the refusal (withdrawn, no longer in force). */
export function answerMyAlert(id: number, answer: AlertAnswer): Promise<ReceivedAlert> {
  return http.post<ReceivedAlert>(`/api/v1/alerts/mine/${id}/answer`, { answer }, { notify: false })
}

/** Still asks for an answer: in force, neither acknowledged nor help asked. */
export function awaitsAnswer(alert: ReceivedAlert): boolean {
  return alert.inForce && (alert.state === 'delivered' || alert.state === 'read')
}

/** The most severe warning that awaits an answer and must interrupt (red, then orange), newest first. */
export function interrupting(alerts: readonly ReceivedAlert[]): ReceivedAlert | null {
  for (const level of ['red', 'orange']) {
    const found = alerts.find((a) => a.level === level && awaitsAnswer(a))
    if (found) return found
  }
  return null
}
