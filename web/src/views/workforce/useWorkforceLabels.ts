// The workforce module's words for the server's codes, in the reader's language: a post, a
// qualification, a course's level, form and phase, a training need; class hours.
import { useI18n } from 'vue-i18n'
import type { CourseForm, CourseLevel, Need, Position, Qualification } from '@/api/workforce'
import { chinaDate } from '@/utils/format'
import type { CoursePhase } from '@/utils/workforce'

export type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger'

const PHASE_TAGS: Record<CoursePhase, TagType> = { upcoming: 'primary', ongoing: 'success', ended: 'info' }

export function useWorkforceLabels() {
  const { t, n } = useI18n()
  return {
    position: (p: Position) => t(`workforce.positions.${p}`),
    qualification: (q: Qualification) => t(`workforce.qualifications.${q}`),
    level: (l: CourseLevel) => t(`workforce.levels.${l}`),
    form: (f: CourseForm) => t(`workforce.forms.${f}`),
    phase: (p: CoursePhase) => t(`workforce.phases.${p}`),
    phaseTag: (p: CoursePhase) => PHASE_TAGS[p],
    need: (need: Need) => t(`workforce.needs.${need}`),
    /** "32 学时". */
    hours: (hours: number) => t('workforce.hoursValue', { n: n(hours) }),
    /** Today in China (YYYY-MM-DD): the dates the server checks are China's. */
    today: () => chinaDate(new Date()),
  }
}
