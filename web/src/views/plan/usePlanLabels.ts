// The words the plan pages show for the server's sections and states: from the console's own
// strings, so that a change of language shows at once; a code the console does not know reads as
// the server's label.
import { useI18n } from 'vue-i18n'

export function usePlanLabels() {
  const { t, te } = useI18n()
  const label = (key: string, code: string, serverLabel: string) => (code && te(`${key}.${code}`) ? t(`${key}.${code}`) : serverLabel || code)
  return {
    sectionLabel: (section: string, serverLabel = '') => label('plan.sections', section, serverLabel),
    stateLabel: (state: string, serverLabel = '') => label('plan.states', state, serverLabel),
    reportStateLabel: (state: string, serverLabel = '') => label('plan.reportStates', state, serverLabel),
  }
}
