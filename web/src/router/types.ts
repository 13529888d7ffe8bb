import 'vue-router'

declare module 'vue-router' {
  interface RouteMeta {
    /** Message key of the page title (menu entry, breadcrumb, document title). */
    title?: string
    /** Element Plus icon component name for the menu. */
    icon?: string
    /** Any one of these permissions opens the page. */
    permission?: string | readonly string[]
    /** Shown in the left menu. */
    menu?: boolean
    /** Reachable without signing in. */
    public?: boolean
  }
}

export {}
