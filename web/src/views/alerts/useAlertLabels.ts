// The words the warning pages show for the server's codes: statuses, levels, categories, the
// reasons of a call or visit and how it went. From the console's own strings, so that a change of
// language shows at once; a code the console does not know reads as the server's label.
import { useI18n } from 'vue-i18n'

export function useAlertLabels() {
  const { t, te } = useI18n()

  function known(path: string, fallback: string): string {
    return te(path) ? t(path) : fallback
  }

  return {
    statusLabel: (key: string) => known(`alerts.statuses.${key}`, key),
    levelLabel: (key: string, serverLabel = '') => known(`alerts.levels.${key}`, serverLabel || key),
    categoryLabel: (key: string, serverLabel = '') => known(`alerts.categories.${key}`, serverLabel || key),
    reasonLabel: (key: string, serverLabel = '') => known(`alerts.tasks.reasons.${key}`, serverLabel || key),
    outcomeLabel: (key: string, serverLabel = '') => known(`alerts.tasks.outcomes.${key}`, serverLabel || key),
  }
}
