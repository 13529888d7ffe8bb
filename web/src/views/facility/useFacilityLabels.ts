// The words the facility pages show for the registry's codes: kinds and services as the server's
// catalogue names them (in the language asked for, loaded again when the language changes), the
// statuses, the weekdays, the opening hours of a week, and any field's value in a history entry.
import { computed, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { getCatalogue, type FacilityCatalogue, type FacilityStatus, type OpeningHours } from '@/api/facility'
import { useLoader } from '@/composables/useLoader'
import { formatAmount, rangesText, weekText, type Weekday } from '@/utils/facility'

export function useFacilityLabels() {
  const { t, locale } = useI18n()
  const catalogue = useLoader<FacilityCatalogue>(() => getCatalogue())
  watch(locale, () => void catalogue.run(), { immediate: true })

  const types = computed(() => catalogue.data.value?.types ?? [])
  const services = computed(() => catalogue.data.value?.services ?? [])
  /** The kinds by the level of unit they belong to: villages and communities, then townships. */
  const typeGroups = computed(() =>
    [
      { level: 5, label: t('facility.field.typeGroupVillage') },
      { level: 4, label: t('facility.field.typeGroupTownship') },
    ].map((g) => ({ ...g, types: types.value.filter((x) => x.level === g.level) })),
  )

  function typeLabel(key: string): string {
    return types.value.find((x) => x.key === key)?.label ?? key
  }
  function serviceLabel(key: string): string {
    return services.value.find((x) => x.key === key)?.label ?? key
  }
  const STATUS = computed<Record<FacilityStatus, string>>(() => ({
    building: t('facility.status.building'),
    open: t('facility.status.open'),
    closed: t('facility.status.closed'),
  }))
  function statusLabel(status: string): string {
    return STATUS.value[status as FacilityStatus] ?? status
  }
  function statusTag(status: string): 'success' | 'info' | 'warning' {
    return status === 'open' ? 'success' : status === 'building' ? 'warning' : 'info'
  }
  const DAYS = computed<Record<Weekday, string>>(() => ({
    mon: t('facility.days.mon'),
    tue: t('facility.days.tue'),
    wed: t('facility.days.wed'),
    thu: t('facility.days.thu'),
    fri: t('facility.days.fri'),
    sat: t('facility.days.sat'),
    sun: t('facility.days.sun'),
  }))
  function dayLabel(day: Weekday): string {
    return DAYS.value[day]
  }
  function week(hours: OpeningHours): string {
    return weekText(hours, {
      day: dayLabel,
      span: (from, to) => t('facility.hours.span', { from, to }),
      closed: t('facility.hours.closed'),
      colon: ' ',
      separator: t('facility.hours.groupSeparator'),
    })
  }

  /** The label of a field of a facility or of the base figures (history, error report). */
  const FIELD_LABELS = computed<Record<string, string>>(() => ({
    unitCode: t('facility.field.unit'),
    type: t('facility.field.type'),
    name: t('facility.field.name'),
    status: t('facility.field.status'),
    openedOn: t('facility.field.openedOn'),
    closedOn: t('facility.field.closedOn'),
    floorArea: t('facility.field.floorArea'),
    activityArea: t('facility.field.activityArea'),
    officeArea: t('facility.field.officeArea'),
    serviceArea: t('facility.field.serviceArea'),
    landArea: t('facility.field.landArea'),
    capacity: t('facility.field.capacity'),
    hours: t('facility.field.hours'),
    services: t('facility.field.services'),
    lat: t('facility.field.lat'),
    lon: t('facility.field.lon'),
    households: t('facility.figures.households'),
    residents: t('facility.figures.residents'),
    urbanResidents: t('facility.figures.urbanResidents'),
    buildingArea: t('facility.figures.buildingArea'),
    childcarePlaces: t('facility.figures.childcarePlaces'),
    childcareAffordable: t('facility.figures.childcareAffordable'),
  }))
  function fieldLabel(field: string): string {
    return FIELD_LABELS.value[field] ?? field
  }

  const AREAS = new Set(['floorArea', 'activityArea', 'officeArea', 'serviceArea', 'landArea', 'buildingArea'])

  /** A field's value in a history entry, in words. */
  function valueText(field: string, value: unknown): string {
    if (value === null || value === undefined || value === '') return t('facility.history.none')
    if (field === 'type') return typeLabel(String(value))
    if (field === 'status') return statusLabel(String(value))
    if (field === 'services') {
      const list = Array.isArray(value) ? value.map((s) => serviceLabel(String(s))) : []
      return list.length ? list.join(t('common.listSeparator')) : t('facility.history.none')
    }
    if (field === 'hours' && typeof value === 'object') return week(value as OpeningHours)
    if (typeof value === 'number') {
      const text = formatAmount(value, locale.value)
      if (field === 'capacity') return t('facility.unit.people', { n: text })
      return AREAS.has(field) ? t('facility.unit.m2', { n: text }) : text
    }
    if (Array.isArray(value)) return rangesText(value.map(String))
    return String(value)
  }

  return { catalogue, types, services, typeGroups, typeLabel, serviceLabel, statusLabel, statusTag, dayLabel, week, fieldLabel, valueText }
}
