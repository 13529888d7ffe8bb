// The request catalogue the visit form offers (a finding that needs action opens a request, 诉求),
// kept on the device per account as the queue of visits is (src/utils/visits.ts has the rules):
// read from the server whenever it can be, and from the device when it cannot (a courtyard without
// signal), saying when it was last read; without a copy on the device, the form says so. The
// pages a grid worker opens before a round of visits (本期待走访) read it too, so that a copy is on
// the phone before the first visit of the day.
import { computed, ref, shallowRef } from 'vue'
import { getCategories } from '@/api/requests'
import { useUserStore } from '@/store/user'
import { readSetting, writeSetting } from '@/utils/storage'
import { catalogueText, parseCatalogue, visitCategories, type KeptCatalogue } from '@/utils/visits'

const SETTING = 'residents.visits.catalogue'

/** Where an account's copy is kept (under localStorage's "shequ." prefix). */
export function catalogueSetting(account: string): string {
  return `${SETTING}.${account}`
}

/** Who may open a request with a visit: staff intake, with the catalogue to choose from. */
export function mayOpenRequests(): boolean {
  const me = useUserStore()
  return me.can('requests:case:intake') && me.can('requests:catalogue:read')
}

/** Reads the catalogue from the server and keeps the categories a visit may open on the device. */
export async function refreshCatalogue(account: string, now: () => Date = () => new Date()): Promise<KeptCatalogue> {
  const page = await getCategories()
  const kept: KeptCatalogue = { fetchedAt: now().toISOString(), items: visitCategories(page.items) }
  writeSetting(catalogueSetting(account), catalogueText(kept))
  return kept
}

/**
 * The catalogue for the signed-in account: its copy on the device at once, then the server's.
 * `source`: 'server' once read now, 'device' when the server could not be reached and the copy on
 * the device is offered, 'none' when there is neither, 'loading' meanwhile.
 */
export function useVisitCatalogue() {
  const account = useUserStore().settingsKey
  const kept = shallowRef<KeptCatalogue | null>(parseCatalogue(readSetting(catalogueSetting(account))))
  const loading = ref(false)
  const fresh = ref(false)

  async function load(): Promise<void> {
    loading.value = true
    try {
      kept.value = await refreshCatalogue(account)
      fresh.value = true
    } catch {
      // No network (or no answer): the copy on the device, if any, stands.
      fresh.value = false
    } finally {
      loading.value = false
    }
  }

  const source = computed<'loading' | 'server' | 'device' | 'none'>(() => {
    if (fresh.value) return 'server'
    if (loading.value) return 'loading'
    return kept.value ? 'device' : 'none'
  })

  return {
    items: computed(() => kept.value?.items ?? []),
    fetchedAt: computed(() => kept.value?.fetchedAt ?? null),
    loading: computed(() => loading.value),
    source,
    load,
  }
}
