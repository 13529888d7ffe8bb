// The words the request pages show for the module's codes: states, steps, channels and the
// caller's part in a case, and the catalogue as the server names it (loaded again when the
// language changes). Shared by the console's pages and the resident's.
import { computed, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { getCategories, type RequestCategory } from '@/api/requests'
import { useLoader } from '@/composables/useLoader'
import { categoryOptions } from '@/utils/requests'

export function useRequestLabels() {
  const { t, locale } = useI18n()
  const catalogue = useLoader(() => getCategories())
  watch(locale, () => void catalogue.run(), { immediate: true })

  const categories = computed<RequestCategory[]>(() => catalogue.data.value?.items ?? [])
  const options = computed(() => categoryOptions(categories.value))

  function category(code: string): RequestCategory | undefined {
    return categories.value.find((c) => c.code === code)
  }
  function stateLabel(status: string): string {
    return t(`requests.states.${status}`)
  }
  function actionLabel(action: string): string {
    return t(`requests.actions.${action}`)
  }
  function channelLabel(channel: string): string {
    return t(`requests.channels.${channel}`)
  }
  function roleLabel(role: string | null): string {
    return role ? t(`requests.roles.${role}`) : '—'
  }
  return { catalogue, categories, options, category, stateLabel, actionLabel, channelLabel, roleLabel }
}
