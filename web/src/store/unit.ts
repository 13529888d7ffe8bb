// The unit every page works in (工作单位): chosen with the unit switcher, remembered per user,
// always inside the user's scope.
import { defineStore } from 'pinia'
import { getUnit, type Unit } from '@/api/org'
import { isWithin } from '@/utils/codes'
import { readSetting, writeSetting } from '@/utils/storage'

/**
 * Reading the org tree: whoever may has a working unit (the unit switcher, the home page); whoever
 * may not (the audit administrator) has none.
 */
export const WORKING_UNIT_PERMISSION = 'org:unit:read'

interface UnitState {
  current: Unit | null
  loading: boolean
  error: unknown
  /** The roots of the user's scope, set by init(). */
  roots: string[]
  settingsKey: string
}

export const useUnitStore = defineStore('unit', {
  state: (): UnitState => ({
    current: null,
    loading: false,
    error: null,
    roots: [],
    settingsKey: 'anonymous',
  }),

  getters: {
    code: (state): string | null => state.current?.code ?? null,
  },

  actions: {
    inScope(code: string): boolean {
      return this.roots.some((root) => isWithin(code, root))
    },

    /** The unit init() starts from: the remembered one if it is still in scope, else the first root. */
    startCode(roots: string[], settingsKey: string): string | null {
      const saved = readSetting(`unit.${settingsKey}`)
      return (saved && roots.some((root) => isWithin(saved, root)) ? saved : roots[0]) ?? null
    },

    /**
     * Starts from the remembered unit if it is still in scope, else the first scope root.
     * `roots` are the user's scope; `settingsKey` keeps one memory per user.
     */
    async init(roots: string[], settingsKey: string): Promise<void> {
      this.roots = roots
      this.settingsKey = settingsKey
      const start = this.startCode(roots, settingsKey)
      if (!start) {
        this.current = null
        return
      }
      if (this.current?.code === start) return
      await this.select(start)
    },

    /** Makes `unit` (or the unit with this code) the working unit. */
    async select(unit: Unit | string): Promise<void> {
      const code = typeof unit === 'string' ? unit : unit.code
      if (!this.inScope(code)) throw new Error(`unit ${code} is outside the scope`)
      this.loading = true
      this.error = null
      try {
        this.current = typeof unit === 'string' ? await getUnit(unit) : unit
        writeSetting(`unit.${this.settingsKey}`, this.current.code)
      } catch (error) {
        this.error = error
        throw error
      } finally {
        this.loading = false
      }
    },

    reset(): void {
      this.current = null
      this.roots = []
      this.error = null
    },
  },
})
