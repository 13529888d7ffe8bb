// The words the charity pages show for the server's codes (income or outgoing, money or goods):
// from the console's own strings, so that a change of language shows at once; a code the console
// does not know reads as the server's label.
import { useI18n } from 'vue-i18n'

type Section = 'directions' | 'forms'

export function useCharityLabels() {
  const { t, te } = useI18n()
  const label = (section: Section) => (key: string, serverLabel = '') =>
    te(`charity.${section}.${key}`) ? t(`charity.${section}.${key}`) : serverLabel || key
  return { direction: label('directions'), form: label('forms') }
}
