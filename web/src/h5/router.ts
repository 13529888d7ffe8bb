// The resident pages' router, under /h5/.
import { createRouter, createWebHistory, type Router } from 'vue-router'
import { useUserStore } from '@/store/user'
import { i18n } from '@/locales'

export function createResidentRouter(): Router {
  const router = createRouter({
    history: createWebHistory('/h5/'),
    routes: [
      { path: '/', name: 'h5-home', component: () => import('./views/CommunityHome.vue'), meta: { title: 'h5.title' } },
      { path: '/login', name: 'h5-login', component: () => import('./views/ResidentLogin.vue'), meta: { title: 'h5.login', public: true } },
      { path: '/:pathMatch(.*)*', redirect: '/' },
    ],
  })

  router.beforeEach(async (to) => {
    const user = useUserStore()
    if (user.status === 'unknown') {
      try {
        await user.load()
      } catch {
        // Unreachable server: the page shows the error of its own calls.
        return true
      }
    }
    if (to.meta.public) return user.status === 'signedIn' ? { name: 'h5-home' } : true
    if (user.status === 'anonymous' || user.status === 'mustChange') return { name: 'h5-login' }
    return true
  })

  router.afterEach((to) => {
    const title = typeof to.meta.title === 'string' ? i18n.global.t(to.meta.title) : ''
    document.title = `${title} - ${i18n.global.t('app.title')}`
  })
  return router
}
