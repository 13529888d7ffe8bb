// The words the bought services pages show for the server's codes (a contract's phase, a grade, a
// category of the three lists' catalogue, an organisation's kind): from the console's own strings,
// so that a change of language shows at once; a code the console does not know reads as the
// server's label.
import { useI18n } from 'vue-i18n'

export function useServicesLabels() {
  const { t, te } = useI18n()
  const label = (prefix: string) => (key: string, serverLabel = '') => (te(`${prefix}.${key}`) ? t(`${prefix}.${key}`) : serverLabel || key)
  return {
    phase: label('services.phases'),
    grade: label('services.grades'),
    category: label('lists.categories'),
    kind: label('volunteer.kinds'),
  }
}
