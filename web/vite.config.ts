import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

// The boundary GeoJSON and centroid CSV live once in the repository's top-level data/ folder;
// the build imports them from there (as hashed assets), so no copy is kept under web/.
const repoRoot = fileURLToPath(new URL('..', import.meta.url))

export default defineConfig({
  plugins: [
    vue(),
    // Element Plus per component: each <el-…> a template names (and v-loading) is imported where it
    // is used, with its own styles, so the console loads the components it uses and no more. Only
    // Element Plus is resolved (no folder of ours is auto-registered); templates stay untyped for
    // el- tags as before (no generated declarations).
    Components({ dirs: [], dts: false, resolvers: [ElementPlusResolver({ importStyle: 'css', directives: true })] }),
  ],
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
      '@data': fileURLToPath(new URL('../data', import.meta.url)),
    },
  },
  assetsInclude: ['**/*.geojson'],
  define: {
    __VUE_OPTIONS_API__: 'true',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'true',
    __VUE_I18N_LEGACY_API__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
  server: {
    fs: { allow: [repoRoot] },
    // `npm run dev` talks to a `shequ serve` on the default port.
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The largest chunk is ECharts (the workbench's charts), about 530 kB.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // The Element Plus components the console uses, with their helpers and styles, as one
          // chunk (416 kB, 227 kB of styles, against 800 kB and 380 kB whole) rather than forty
          // small shared ones (the circle page asked for 64 files where 30 do). The date picker (with dayjs)
          // stays out: a list loads it when the user reaches for its date filter.
          groups: [
            {
              name: 'element-plus',
              // Its own modules only, not Vue (which the resident pages share without Element Plus).
              includeDependenciesRecursively: false,
              test: (id: string) =>
                /node_modules[\\/](element-plus|@floating-ui|lodash-es|@vueuse|async-validator|@ctrl|memoize-one|normalize-wheel-es|@popperjs)[\\/]/.test(id) &&
                !/[\\/](date-picker|date-picker-panel|time-picker|time-select)[\\/]|[\\/]dayjs[\\/]/.test(id),
            },
          ],
        },
      },
    },
    reportCompressedSize: false,
  },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
  },
})
