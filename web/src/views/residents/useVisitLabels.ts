// The words the home-visit pages show for the server's codes: whom a visit met, the conditions
// found, the needs, how often a group is visited, a referral's kind and state (with the colour of
// its tag). From the console's own strings, so that a change of language shows at once; a code the
// console does not know reads as the server's label.
import { useI18n } from 'vue-i18n'
import type { ReferralStatus } from '@/api/visits'
import { intervalKey } from '@/utils/visits'

export function useVisitLabels() {
  const { t, te } = useI18n()

  function known(path: string, fallback: string): string {
    return te(path) ? t(path) : fallback
  }

  return {
    metLabel: (key: string, serverLabel = '') => known(`residents.visits.met.${key}`, serverLabel || key),
    conditionLabel: (key: string) => known(`residents.visits.conditions.${key}`, key),
    safetyLabel: (key: string) => known(`residents.visits.safety.${key}`, key),
    needLabel: (key: string) => known(`residents.visits.needs.${key}`, key),
    everyLabel: (every: number) => t(`residents.visits.every.${intervalKey(every)}`),
    kindLabel: (key: string, serverLabel = '') => known(`residents.referrals.kinds.${key}`, serverLabel || key),
    statusLabel: (key: string, serverLabel = '') => known(`residents.referrals.statuses.${key}`, serverLabel || key),
    /** The colour of a referral's state: waiting for the township, under way, granted, refused. */
    statusTag: (status: ReferralStatus): 'warning' | 'primary' | 'success' | 'info' =>
      status === 'referred' ? 'warning' : status === 'under_assessment' ? 'primary' : status === 'granted' ? 'success' : 'info',
  }
}
