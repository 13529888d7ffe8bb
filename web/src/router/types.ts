import 'vue-router'
import type { Component } from 'vue'
import type { MenuGroup } from './menu'

declare module 'vue-router' {
  interface RouteMeta {
    /** Message key of the page title (menu entry, breadcrumb, document title). */
    title?: string
    /** Its icon in the menu (an Element Plus icon component). */
    icon?: Component
    /** Any one of these permissions opens the page. */
    permission?: string | readonly string[]
    /**
     * Listed in the left menu: in a group (a module's pages get their module's group) or at the
     * top, by order within it.
     */
    menu?: { group?: MenuGroup; order: number }
    /** Reachable without signing in. */
    public?: boolean
    /** Shows one unit, the route's optional :code, and follows when the user switches the working unit. */
    followsUnit?: boolean
  }
}

export {}
