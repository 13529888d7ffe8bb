// The unit a unit page (meta.followsUnit) is about: the optional code in its route (…/:code?)
// or, when the menu opened the page without one, the working unit. Empty while neither is known,
// so a page can wait for the working unit instead of asking the server about no unit.
import { computed, type ComputedRef } from 'vue'
import { useRoute } from 'vue-router'
import { useUnitStore } from '@/store/unit'

export function useRouteUnitCode(): ComputedRef<string> {
  const route = useRoute()
  const unitStore = useUnitStore()
  return computed(() => {
    const param = route.params.code
    const value = Array.isArray(param) ? param[0] : param
    return value || unitStore.code || ''
  })
}
