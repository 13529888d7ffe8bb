// The resident pages (/h5/): Vue, vue-router, Pinia and vue-i18n only, mobile-first, Chinese
// by default. Shares the API client and the stores with the console, nothing of its UI.
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import '../router/types'
import './h5.css'
import H5App from './H5App.vue'
import { createResidentRouter, createVerifyRouter, isPublicResidentPage } from './router'
import { applyLocale, i18n } from '@/locales'
import { configureClient } from '@/utils/request'
import { useUserStore } from '@/store/user'
import { showToast } from './toast'
import { applyCareMode } from './care'

const app = createApp(H5App)
const pinia = createPinia()
app.use(pinia)
app.use(i18n)
// The public check of a certificate (/verify/…) has a router of its own; everything else is under /h5/.
const router = isPublicResidentPage(location.pathname) ? createVerifyRouter() : createResidentRouter()
app.use(router)
applyLocale(i18n.global.locale.value)
applyCareMode()

configureClient({
  hooks: {
    notify: (message) => showToast(message),
    // The public check of a certificate has no sign-in page (and asks nothing that needs one).
    onUnauthenticated: () => {
      useUserStore(pinia).sessionEnded()
      if (router.hasRoute('h5-login')) void router.push({ name: 'h5-login' })
    },
    onPasswordChangeRequired: () => {
      useUserStore(pinia).status = 'mustChange'
      if (router.hasRoute('h5-login')) void router.push({ name: 'h5-login' })
    },
  },
})

void router.isReady().then(() => app.mount('#app'))
