// The console application: Element Plus, the router with its guard, Pinia, vue-i18n.
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import { ElMessage } from 'element-plus'
// Element Plus's components are imported by the templates that name them, each with its styles
// (vite.config.ts). Here: its variables and base styles first, so that console.css comes after
// them and its accessible colours win, and the styles of the message and message box services
// the code calls (they are not named in templates).
import 'element-plus/theme-chalk/base.css'
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import 'leaflet/dist/leaflet.css'
import './styles/console.css'
import App from './App.vue'
import * as icons from './components/icons'
import { applyLocale, i18n } from './locales'
import { createConsoleRouter } from './router'
import { configureClient } from './utils/request'
import { useUserStore } from './store/user'
import { useUnitStore } from './store/unit'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
app.use(i18n)
const router = createConsoleRouter()
app.use(router)
for (const [name, component] of Object.entries(icons)) app.component(name, component)

applyLocale(i18n.global.locale.value)

configureClient({
  hooks: {
    notify: (message) => {
      ElMessage.error({ message, grouping: true, showClose: true })
    },
    onUnauthenticated: () => {
      const user = useUserStore(pinia)
      user.sessionEnded()
      useUnitStore(pinia).reset()
      const current = router.currentRoute.value
      if (current.name !== 'login') {
        void router.push({ name: 'login', query: { redirect: current.fullPath } })
      }
    },
    onPasswordChangeRequired: () => {
      useUserStore(pinia).status = 'mustChange'
      void router.push({ name: 'password' })
    },
    onTotpSetUpRequired: () => {
      useUserStore(pinia).totpSetUpRequired()
      if (router.currentRoute.value.name !== 'totp') void router.push({ name: 'totp' })
    },
  },
})

void router.isReady().then(() => app.mount('#app'))
