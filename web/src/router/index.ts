// The console router: history mode (the server falls back to index.html), a guard that asks the
// server who is signed in, sends anonymous users to /login, a user with an expired password to
// /password, an administrator the server holds to a second factor to /totp, and checks each page's
// permission.
import { START_LOCATION, createRouter, createWebHistory, type RouteLocationNormalized, type Router } from 'vue-router'
import './types'
import { routes, layoutChildren } from './routes'
import { buildMenu, firstMenuPath } from './menu'
import { useUserStore } from '@/store/user'
import { useUnitStore, WORKING_UNIT_PERMISSION } from '@/store/unit'
import { i18n } from '@/locales'
import { errorMessage } from '@/utils/request'
import { workbenchCards } from '@/modules/registry'
import { cardsFor } from '@/utils/workbench'
import { getTodosShared } from '@/api/workbench'
import { mayHaveSession } from '@/utils/session-hint'

/**
 * Everything the workbench needs, asked for at once rather than each part after the one before:
 * the page's and the cards' code, the cards' data for the working unit (`unitCode`, known before
 * the unit's own record has come) and the to-do count.
 */
function prefetchWorkbench(roles: readonly string[], permissions: readonly string[], unitCode: string | null): void {
  const quiet = (p: unknown) => void Promise.resolve(p).catch(() => {})
  quiet(import('@/views/home/WorkbenchPage.vue'))
  quiet(getTodosShared())
  for (const card of cardsFor(workbenchCards, roles, permissions)) {
    quiet(card.component())
    if (card.prefetch) quiet(card.prefetch(unitCode))
  }
}

/**
 * The code of the page a fresh load opens, asked for while the server says who is signed in and
 * the working unit loads, rather than after both (vue-router loads a route's components once its
 * guards have passed: two requests later). vue-router's own load then finds the module loaded.
 */
function prefetchPage(to: RouteLocationNormalized): void {
  // A visitor without a session is sent to the sign-in page: its code, not this page's.
  if (!to.meta.public && !mayHaveSession()) return
  for (const record of to.matched) {
    for (const component of Object.values(record.components ?? {})) {
      // A lazily loaded component is a function returning the module (`() => import(…)`).
      if (typeof component === 'function') void Promise.resolve((component as () => unknown)()).catch(() => {})
    }
  }
}

/** The error that kept the console from starting (server unreachable), shown on /unavailable. */
export let startupError = ''

export function createConsoleRouter(): Router {
  const router = createRouter({
    history: createWebHistory('/'),
    routes,
    // Each page opens at its top. Not on the first: a fresh load is there already, and scrolling
    // would lay the page out at once, in the middle of its first render.
    scrollBehavior: (_to, from) => (from === START_LOCATION ? false : { top: 0 }),
  })

  router.beforeEach(async (to: RouteLocationNormalized) => {
    const user = useUserStore()
    const unit = useUnitStore()
    if (user.status === 'unknown') {
      prefetchPage(to)
      try {
        await user.load()
      } catch (error) {
        startupError = errorMessage(error)
        return to.name === 'unavailable' ? true : { name: 'unavailable', query: { redirect: to.fullPath } }
      }
    }

    if (to.meta.public) {
      if (to.name === 'login' && user.status === 'signedIn') {
        return typeof to.query.redirect === 'string' ? to.query.redirect : '/'
      }
      return true
    }
    if (user.status === 'anonymous' || user.status === 'unknown') {
      return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
    }
    if (user.status === 'mustChange') {
      return to.name === 'password' ? true : { name: 'password' }
    }
    if (user.status === 'mustSetUpTotp') {
      return to.name === 'totp' ? true : { name: 'totp' }
    }
    if (to.name === 'password' || to.name === 'totp') return user.status === 'signedIn' ? true : '/'

    // The workbench's page, cards and data load while the working unit does (not one after the other).
    if (to.name === 'home') {
      const hasUnit = user.can(WORKING_UNIT_PERMISSION)
      const code = hasUnit ? (unit.code ?? unit.startCode(user.scopeRoots, user.settingsKey)) : null
      prefetchWorkbench(user.roles.map((r) => r.role), user.effectivePermissions, code)
    }

    // Signed in: the working unit comes first, every org page uses it.
    // Users who may not read the org tree (the audit administrator) have none.
    if (user.can(WORKING_UNIT_PERMISSION) && !unit.current && !unit.loading) {
      try {
        await unit.init(user.scopeRoots, user.settingsKey)
      } catch {
        // The layout shows the unit store's error; pages that need a unit wait for it.
      }
    }

    const permission = to.matched.reduce<string | readonly string[] | undefined>(
      (required, record) => record.meta.permission ?? required,
      undefined,
    )
    if (!user.can(permission)) {
      if (to.name === 'home') {
        const first = firstMenuPath(buildMenu(layoutChildren, user.effectivePermissions))
        if (first) return first
      }
      return to.name === 'forbidden' ? true : { name: 'forbidden' }
    }
    return true
  })

  router.afterEach((to) => {
    const title = to.meta.title ? i18n.global.t(to.meta.title) : ''
    const app = i18n.global.t('app.title')
    document.title = title ? `${title} - ${app}` : app
  })

  return router
}
