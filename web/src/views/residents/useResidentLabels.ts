// The words the residents pages show for the module's codes: relations, registrations, household
// kinds, sexes and tags (a disability with its kind and grade), a date of birth with the age, and
// the names of the fields that can be shown in clear. From the console's own strings, so that a
// change of language shows at once; a code the console does not know reads as the server's label.
import { useI18n } from 'vue-i18n'
import type { ResidentTag, RevealField, TagInput } from '@/api/residents'
import { chinaDate } from '@/utils/format'
import { ageOn, parseDisability } from '@/utils/residents'

export function useResidentLabels() {
  const { t, te } = useI18n()

  function known(section: string, key: string, fallback = ''): string {
    const path = `residents.${section}.${key}`
    return key && te(path) ? t(path) : fallback || key
  }

  const relationLabel = (key: string, serverLabel = '') => known('relations', key, serverLabel)
  const registrationLabel = (key: string, serverLabel = '') => known('registrations', key, serverLabel)
  const householdTypeLabel = (key: string, serverLabel = '') => known('householdTypes', key, serverLabel)
  const sexLabel = (key: string) => known('sex', key)
  const tagLabel = (key: string, serverLabel = '') => known('tags', key, serverLabel)
  const disabilityKindLabel = (key: string) => known('disabilityKinds', key)
  const gradeLabel = (grade: number) => known('grades', String(grade))

  /** A tag as shown: its name, and a disability's kind and grade (残疾人 · 肢体残疾二级). */
  function tagText(tag: TagInput | ResidentTag): string {
    const name = tagLabel(tag.key, 'label' in tag ? tag.label : '')
    const disability = parseDisability(tag.detail ?? '')
    if (!disability) return name
    return `${name} · ${t('residents.disabilityTag', { kind: disabilityKindLabel(disability.kind), grade: gradeLabel(disability.grade) })}`
  }

  /** Today in China (YYYY-MM-DD): the dates the server checks are China's. */
  function today(): string {
    return chinaDate(new Date())
  }

  /** "1990-03-07（35 岁）". */
  function birthAge(birthDate: string): string {
    const age = ageOn(birthDate, today())
    return age === null ? birthDate : `${birthDate}${t('common.paren', { x: t('residents.age', { n: age }) })}`
  }

  /** The name of a field that can be shown in clear (for the reason dialog). */
  function revealFieldLabel(field: RevealField): string {
    return t(`residents.field.${field}`)
  }

  return {
    relationLabel,
    registrationLabel,
    householdTypeLabel,
    sexLabel,
    tagLabel,
    tagText,
    disabilityKindLabel,
    gradeLabel,
    today,
    birthAge,
    revealFieldLabel,
  }
}
