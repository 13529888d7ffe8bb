// The resident pages (/h5/): Vue, vue-router, Pinia and vue-i18n only, mobile-first, Chinese
// by default. Shares the API client and the stores with the console, nothing of its UI.
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import '../router/types'
import './h5.css'
import H5App from './H5App.vue'
import { createResidentRouter } from './router'
import { applyLocale, i18n } from '@/locales'
import { configureClient } from '@/utils/request'
import { useUserStore } from '@/store/user'
import { showToast } from './toast'
import { applyCareMode } from './care'

const app = createApp(H5App)
const pinia = createPinia()
app.use(pinia)
app.use(i18n)
const router = createResidentRouter()
app.use(router)
applyLocale(i18n.global.locale.value)
applyCareMode()

configureClient({
  hooks: {
    notify: (message) => showToast(message),
    onUnauthenticated: () => {
      useUserStore(pinia).sessionEnded()
      void router.push({ name: 'h5-login' })
    },
    onPasswordChangeRequired: () => {
      useUserStore(pinia).status = 'mustChange'
      void router.push({ name: 'h5-login' })
    },
  },
})

void router.isReady().then(() => app.mount('#app'))
