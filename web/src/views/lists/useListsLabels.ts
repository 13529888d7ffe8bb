// The words the lists' pages show for the server's codes (categories, urgencies, sources, statuses,
// outcomes; a project's category, funding source and status, a comment's state): from the console's own strings, so that a change of language shows at once; a code the
// console does not know reads as the server's label. The hours and walks as they read.
import { useI18n } from 'vue-i18n'
import { formatNumber } from '@/utils/format'
import { hoursText, walkMetres } from '@/utils/lists'

type Section =
  | 'categories'
  | 'urgencies'
  | 'needSources'
  | 'statuses'
  | 'resourceSources'
  | 'outcomes'
  | 'projectCategories'
  | 'fundingSources'
  | 'projectStatuses'
  | 'commentStates'

export function useListsLabels() {
  const { t, te, locale } = useI18n()
  const label = (section: Section) => (key: string, serverLabel = '') =>
    te(`lists.${section}.${key}`) ? t(`lists.${section}.${key}`) : serverLabel || key
  return {
    category: label('categories'),
    urgency: label('urgencies'),
    needSource: label('needSources'),
    status: label('statuses'),
    resourceSource: label('resourceSources'),
    outcome: label('outcomes'),
    projectCategory: label('projectCategories'),
    fundingSource: label('fundingSources'),
    projectStatus: label('projectStatuses'),
    commentState: label('commentStates'),
    /** "08:00–18:00", or 全天 for the whole day. */
    hours: (fromHour: number, toHour: number) => hoursText(fromHour, toHour) ?? t('lists.hours.allDay'),
    /** "850 米"; nothing when no walk was recorded. */
    metres: (metres: number | null | undefined) => {
      const m = walkMetres(metres)
      return m === null ? '—' : t('lists.metres', { n: formatNumber(m, locale.value) })
    },
  }
}
