// The words the incident pages show for the server's kinds: from the console's own strings, so that
// a change of language shows at once; a kind the console does not know reads as the server's label.
import { useI18n } from 'vue-i18n'

export function useIncidentLabels() {
  const { t, te } = useI18n()
  return {
    kindLabel: (key: string, serverLabel = '') => (te(`readiness.kinds.${key}`) ? t(`readiness.kinds.${key}`) : serverLabel || key),
  }
}
