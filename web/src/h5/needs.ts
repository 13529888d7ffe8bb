// 我的需求 on the resident pages: who is offered it, the form as typed and what the API takes, the
// hours a resident chooses from, and when a need waits for staff to ask where the resident lives.
import type { RoleGrant } from '@/api/auth'
import type { Category, RaisedNeed, RaisedNeedFields, Urgency } from '@/api/lists'

/** Residents raise their own needs: the resident role and the permission (officials hold it to grant it). */
export function raisesOwnNeeds(roles: readonly Pick<RoleGrant, 'role'>[], mayRaise: boolean): boolean {
  return mayRaise && roles.some((r) => r.role === 'resident')
}

/** The form as typed: no category chosen yet, not urgent, the whole day. */
export interface RaisedNeedForm {
  category: Category | ''
  urgency: Urgency
  description: string
  fromHour: number
  toHour: number
}

export function emptyRaisedNeedForm(): RaisedNeedForm {
  return { category: '', urgency: 'normal', description: '', fromHour: 0, toHour: 24 }
}

/** The hours a need's window may start at (0–23) and end at (1–24, the end excluded). */
export const START_HOURS: readonly number[] = Array.from({ length: 24 }, (_, h) => h)
export const END_HOURS: readonly number[] = Array.from({ length: 24 }, (_, h) => h + 1)

/**
 * What the API takes: the description trimmed. Nothing is held back: an empty category or
 * description, or hours out of order, go as they are, and the server names each at its field.
 */
export function raisedNeedBody(form: RaisedNeedForm): RaisedNeedFields {
  return {
    category: form.category,
    urgency: form.urgency,
    description: form.description.trim(),
    fromHour: form.fromHour,
    toHour: form.toHour,
  }
}

/** An open need the register holds no home for: staff will get in touch to ask where. */
export function awaitsAddress(need: Pick<RaisedNeed, 'located' | 'status'>): boolean {
  return !need.located && need.status === 'open'
}
