// Names of units a list knows only by code (a job's unit): asked of the server once per code and
// remembered for the session. A unit outside the caller's scope (the server answers 404, as for
// one that does not exist) is told apart by the caller's own scope.
import { reactive } from 'vue'
import { getUnit, type Unit } from '@/api/org'
import { useUnitStore } from '@/store/unit'

type Known = { state: 'loading' } | { state: 'found'; unit: Unit } | { state: 'outside' } | { state: 'unknown' }

const known = reactive(new Map<string, Known>())

export function useUnitNames() {
  const scope = useUnitStore()

  function lookup(code: string): Known {
    const have = known.get(code)
    if (have) return have
    if (!scope.inScope(code)) {
      known.set(code, { state: 'outside' })
      return known.get(code)!
    }
    known.set(code, { state: 'loading' })
    getUnit(code)
      .then((unit) => known.set(code, { state: 'found', unit }))
      .catch(() => known.set(code, { state: 'unknown' }))
    return known.get(code)!
  }

  return { lookup }
}
