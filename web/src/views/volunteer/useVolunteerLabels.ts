// The volunteer module's words for the server's codes, in the reader's language: a volunteer's
// state, a sign-up's, where an activity stands, a direction of check, an organisation's kind and a
// member's role; hours from minutes. The console's pages and the resident pages (/h5/) both read
// them.
import { useI18n } from 'vue-i18n'
import type { Direction, MemberRole, OrganisationKind, SignupState, VolunteerState } from '@/api/volunteer'
import { formatHours, type ActivityPhase } from '@/utils/volunteer'

export type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger'

const STATE_TAGS: Record<VolunteerState, TagType> = { applied: 'warning', approved: 'success', refused: 'danger' }
const SIGNUP_TAGS: Record<SignupState, TagType> = { signed_up: 'success', waiting: 'warning', cancelled: 'info' }
const PHASE_TAGS: Record<ActivityPhase, TagType> = { upcoming: 'primary', ongoing: 'success', toConfirm: 'warning', confirmed: 'info' }

export function useVolunteerLabels() {
  const { t, locale } = useI18n()
  return {
    stateLabel: (s: VolunteerState) => t(`volunteer.states.${s}`),
    stateTag: (s: VolunteerState) => STATE_TAGS[s],
    signupLabel: (s: SignupState) => t(`volunteer.signupStates.${s}`),
    signupTag: (s: SignupState) => SIGNUP_TAGS[s],
    phaseLabel: (p: ActivityPhase) => t(`volunteer.phases.${p}`),
    phaseTag: (p: ActivityPhase) => PHASE_TAGS[p],
    directionLabel: (d: Direction) => t(`volunteer.directions.${d}`),
    kindLabel: (k: OrganisationKind) => t(`volunteer.kinds.${k}`),
    roleLabel: (r: MemberRole) => t(`volunteer.memberRoles.${r}`),
    /** "1.5 小时". */
    hours: (minutes: number) => t('volunteer.hoursValue', { n: formatHours(minutes, locale.value) }),
  }
}
