/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Optional map tile URL template ({z}/{x}/{y}); the map draws boundaries only when unset. */
  readonly VITE_MAP_TILE_URL?: string
  /** Attribution shown for the tile layer above. */
  readonly VITE_MAP_TILE_ATTRIBUTION?: string
}

interface ImportMeta {
  readonly env: ImportMetaEnv
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}
