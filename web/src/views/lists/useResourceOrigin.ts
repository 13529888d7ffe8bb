// 取自登记 on the resource form: a facility, a volunteer team or a social organisation is taken from
// the registry rather than typed in. The registry is searched for the unit and the source chosen
// (the unit's open facilities; the teams or organisations that may serve it); the one chosen gives
// the resource its name, and a facility its point when it has one. Another source or another unit
// clears the choice, since what was found for the old ones may not serve the new. Stationed units
// and charity are always typed in.
import { computed, type ComputedRef, type WritableComputedRef } from 'vue'
import { listOrigins, type Origin, type Resource, type ResourceSource } from '@/api/lists'
import { useRemoteOptions, type RemoteOptions } from '@/composables/useRemoteOptions'
import { originOf, takesOrigin, type ResourceForm } from '@/utils/lists'

/** How many of the registry the select shows at once; typing narrows them. */
export const ORIGIN_PAGE_SIZE = 20

export interface ResourceOrigin extends Omit<RemoteOptions<Origin>, 'search'> {
  /** The source chosen may be taken from the registry. */
  takes: ComputedRef<boolean>
  /** The form's source and unit, each change of which clears what was taken. */
  source: WritableComputedRef<ResourceSource | ''>
  unit: WritableComputedRef<string>
  /** The one chosen as the registry found it (its kind and point), else as the resource read. */
  chosen: ComputedRef<Origin | null>
  /** Its point is the facility's: the server keeps that, not one placed on the map. */
  pointTaken: ComputedRef<boolean>
  /** Searches the registry for the unit and source chosen (nothing while either is missing). */
  search: (q: string) => Promise<void>
  /** Takes the one of `id` (null: typed in): its name, and a facility's point when it has one. */
  choose: (id: number | null) => void
  /** A resource being changed: what it is taken from, shown until the registry's page holds it. */
  show: (resource: Resource) => void
}

export function useResourceOrigin(form: ResourceForm): ResourceOrigin {
  const remote = useRemoteOptions((q) => {
    const source = form.source
    if (!takesOrigin(source)) return Promise.resolve({ items: [], total: 0 })
    return listOrigins({ unit: form.unit, source, q, pageSize: ORIGIN_PAGE_SIZE })
  })
  const takes = computed(() => takesOrigin(form.source))

  async function search(q: string): Promise<void> {
    if (takes.value && form.unit) await remote.search(q)
  }

  /** Nothing taken, nothing found: then the registry as it is for the new source or unit. */
  function again(): void {
    form.origin = null
    remote.clear()
    void search('')
  }

  const source = computed<ResourceSource | ''>({
    get: () => form.source,
    set: (value) => {
      if (value === form.source) return
      form.source = value
      again()
    },
  })
  const unit = computed<string>({
    get: () => form.unit,
    set: (value) => {
      if (value === form.unit) return
      form.unit = value
      again()
    },
  })

  const chosen = computed(() => (form.origin === null ? null : (remote.options.value.find((o) => o.id === form.origin) ?? null)))
  const pointTaken = computed(() => form.source === 'facility' && chosen.value !== null && chosen.value.lat !== null && chosen.value.lon !== null)

  function choose(id: number | null): void {
    form.origin = id
    const origin = remote.pick(id)
    if (!origin) return
    form.name = origin.name
    if (form.source === 'facility' && origin.lat !== null && origin.lon !== null) form.point = { lat: origin.lat, lon: origin.lon }
  }

  function show(resource: Resource): void {
    remote.clear()
    remote.keep(originOf(resource))
    void search('')
  }

  return { ...remote, takes, source, unit, chosen, pointTaken, search, choose, show }
}
