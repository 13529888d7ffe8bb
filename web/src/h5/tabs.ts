// The resident pages' bottom tab bar. A tab belongs to a module; a tab whose module has not
// landed routes to the honest "即将开通" page (ComingSoon.vue), never to made-up content. When a
// module lands, its tab gets `page` and nothing else changes.
import type { Component } from 'vue'
import type { RouteLocationNormalizedLoaded, RouteRecordRaw } from 'vue-router'

export type TabIcon = 'home' | 'services' | 'requests' | 'me'

export interface ResidentTab {
  /** Route name of the tab's page. */
  name: string
  path: string
  /** Message key of the tab's label (also the page title). */
  title: string
  icon: TabIcon
  /** The tab's page; absent while its module has not landed. */
  page?: () => Promise<Component | { default: Component }>
  /** Message key saying what the tab will offer, for the coming-soon page. */
  soon?: string
}

export const RESIDENT_TABS: readonly ResidentTab[] = [
  { name: 'h5-home', path: '/', title: 'h5.tabs.community', icon: 'home', page: () => import('./views/CommunityHome.vue') },
  { name: 'h5-services', path: '/services', title: 'h5.tabs.services', icon: 'services', soon: 'h5.soon.services' },
  { name: 'h5-requests', path: '/requests', title: 'h5.tabs.requests', icon: 'requests', page: () => import('./views/requests/MyRequests.vue') },
  { name: 'h5-me', path: '/me', title: 'h5.tabs.me', icon: 'me', page: () => import('./views/MePage.vue') },
]

/** The routes of the tabs: each its page, or the coming-soon page told which tab it stands for. */
export function tabRoutes(tabs: readonly ResidentTab[] = RESIDENT_TABS): RouteRecordRaw[] {
  return tabs.map((tab) => ({
    path: tab.path,
    name: tab.name,
    component: tab.page ?? (() => import('./views/ComingSoon.vue')),
    props: tab.page ? false : { title: tab.title, what: tab.soon ?? '' },
    meta: { title: tab.title, tab: tab.name, soon: !tab.page },
  }))
}

/** The tab a route belongs to (a page under a tab names it in meta.tab), or null (sign-in). */
export function activeTab(route: Pick<RouteLocationNormalizedLoaded, 'meta'>, tabs: readonly ResidentTab[] = RESIDENT_TABS): ResidentTab | null {
  const name = route.meta.tab
  return tabs.find((t) => t.name === name) ?? null
}

declare module 'vue-router' {
  interface RouteMeta {
    /** Resident pages: the bottom tab a page belongs to (its route name). */
    tab?: string
    /** Resident pages: the tab's module has not landed; the page says so. */
    soon?: boolean
    /** Resident pages: readable by anyone, signed in or not (public accounts and projects). */
    open?: boolean
  }
}
