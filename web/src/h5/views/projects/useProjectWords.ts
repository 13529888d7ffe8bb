// The words the resident pages show for a project's codes (category, funding, status, a comment's state):
// the console's own strings in the reader's language, else the server's label.
import { useI18n } from 'vue-i18n'

type Section = 'projectCategories' | 'fundingSources' | 'projectStatuses' | 'commentStates'

export function useProjectWords() {
  const { t, te } = useI18n()
  const label = (section: Section) => (key: string, serverLabel = '') =>
    te(`lists.${section}.${key}`) ? t(`lists.${section}.${key}`) : serverLabel || key
  return {
    category: label('projectCategories'),
    funding: label('fundingSources'),
    status: label('projectStatuses'),
    commentState: label('commentStates'),
  }
}
