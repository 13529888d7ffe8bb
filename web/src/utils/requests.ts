// Requests handled on receipt (接诉即办): what the pages compute from the server's shapes: the
// category cascader, a category's questions as a form and as the answers sent, which steps need a
// note or a unit, the escalation's deadline, and the resident's plain progress.
import type { RequestAction, RequestAnswer, RequestAttribute, RequestCategory, RequestEvent, RequestState } from '@/api/requests'

/** The steps the server asks a note for (docs/requests.md): the result, or the reason. */
export const NOTE_REQUIRED: ReadonlySet<string> = new Set(['resolve', 'transfer', 'return', 'co_report', 'supervise', 'reopen', 'follow_up'])
/** The steps that name a unit. */
export const UNIT_REQUIRED: ReadonlySet<string> = new Set(['transfer', 'add_co_handler'])

export function isStepAction(action: string): action is RequestAction {
  return ['accept', 'start', 'resolve', 'close', 'transfer', 'return', 'add_co_handler', 'co_report', 'supervise', 'reopen', 'follow_up'].includes(action)
}

export interface CategoryOption {
  value: string
  label: string
  children?: CategoryOption[]
}

/** The catalogue as a cascader: each group, then its categories, in the server's order. */
export function categoryOptions(categories: readonly Pick<RequestCategory, 'code' | 'parent' | 'name'>[]): CategoryOption[] {
  return categories
    .filter((c) => c.parent === null)
    .map((g) => ({
      value: g.code,
      label: g.name,
      children: categories.filter((c) => c.parent === g.code).map((c) => ({ value: c.code, label: c.name })),
    }))
}

export type AnswerValue = string | number | boolean | null

/** A form for the questions: a switch starts at "no", the others empty. */
export function emptyAnswers(attributes: readonly RequestAttribute[]): Record<string, AnswerValue> {
  return Object.fromEntries(attributes.map((a) => [a.key, a.type === 'boolean' ? false : a.type === 'number' ? null : '']))
}

/** The answers as the server takes them, each in the field of its question's type; empty ones left out. */
export function answersOf(attributes: readonly RequestAttribute[], answers: Readonly<Record<string, AnswerValue>>): RequestAnswer[] {
  const out: RequestAnswer[] = []
  for (const a of attributes) {
    const value = answers[a.key]
    if (value === null || value === undefined) continue
    if (a.type === 'boolean') {
      if (typeof value === 'boolean') out.push({ key: a.key, boolean: value })
    } else if (a.type === 'number') {
      const n = typeof value === 'number' ? value : Number(String(value).trim())
      if (String(value).trim() !== '' && Number.isFinite(n)) out.push({ key: a.key, number: n })
    } else {
      const text = String(value).trim()
      if (text) out.push({ key: a.key, text })
    }
  }
  return out
}

/** A case's answers beside their questions, in the category's order; an answer to a question no longer asked last, by its key. */
export function answeredQuestions(
  attributes: readonly RequestAttribute[],
  answers: Readonly<Record<string, unknown>>,
): { key: string; label: string; value: unknown }[] {
  const asked = attributes.filter((a) => a.key in answers).map((a) => ({ key: a.key, label: a.label, value: answers[a.key] }))
  const other = Object.keys(answers)
    .filter((k) => !attributes.some((a) => a.key === k))
    .map((k) => ({ key: k, label: k, value: answers[k] }))
  return [...asked, ...other]
}

/** Which deadline an escalation step says passed: the message key under requests.escalation. */
export function escalationKey(note: string): 'acceptDue' | 'resolveDue' | null {
  return note === 'accept_due' ? 'acceptDue' : note === 'resolve_due' ? 'resolveDue' : null
}

/** The resident's plain progress: 提交 → 已签收 → 办理中 → 已办结/已结案. */
export const RESIDENT_STAGES = ['submitted', 'accepted', 'in_progress', 'done'] as const
export type ResidentStage = (typeof RESIDENT_STAGES)[number]

/** How far a case has come on the resident's progress line (the index of its stage). */
export function residentStage(status: RequestState): number {
  switch (status) {
    case 'submitted':
      return 0
    case 'accepted':
      return 1
    case 'in_progress':
      return 2
    default:
      return 3
  }
}

/** When each stage was reached, from the timeline (the latest time a stage was entered). */
export function stageTimes(timeline: readonly RequestEvent[]): Partial<Record<ResidentStage, string>> {
  const out: Partial<Record<ResidentStage, string>> = {}
  for (const e of timeline) {
    const stage = RESIDENT_STAGES[residentStage(e.toStatus)]!
    if (e.fromStatus !== e.toStatus || e.action === 'submit') out[stage] = e.at
  }
  return out
}

/** The result the lead unit wrote: the note of the latest resolve step, or '' before it. */
export function resolutionNote(timeline: readonly RequestEvent[]): string {
  for (let i = timeline.length - 1; i >= 0; i--) if (timeline[i]!.action === 'resolve') return timeline[i]!.note
  return ''
}

/** The tag type of a state in the console. */
export function stateTag(status: RequestState): 'info' | 'warning' | 'primary' | 'success' {
  return status === 'submitted' ? 'warning' : status === 'accepted' || status === 'in_progress' ? 'primary' : status === 'resolved' ? 'success' : 'info'
}
