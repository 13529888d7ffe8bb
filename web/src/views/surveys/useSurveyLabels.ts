// The words the survey pages show for the server's codes: statuses, kinds of question, one
// response per resident or household, what a score means. From the console's own strings, so that
// a change of language shows at once; a code the console does not know reads as it is.
import { useI18n } from 'vue-i18n'

export function useSurveyLabels() {
  const { t, te } = useI18n()

  function known(path: string, fallback: string): string {
    return te(path) ? t(path) : fallback
  }

  return {
    statusLabel: (key: string) => known(`surveys.statuses.${key}`, key),
    kindLabel: (key: string) => known(`surveys.kinds.${key}`, key),
    perLabel: (key: string) => known(`surveys.pers.${key}`, key),
    anonymityLabel: (anonymous: boolean) => t(anonymous ? 'surveys.anonymity.anonymous' : 'surveys.anonymity.named'),
    scoreLabel: (score: number) => known(`surveys.scale.${score}`, String(score)),
  }
}
