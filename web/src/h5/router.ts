// The resident pages' router, under /h5/: the bottom tabs (./tabs.ts), the street browser, the
// warnings and the surveys under 我的社区, a request's form and its page under 诉求, 志愿服务 under
// 我的, and the sign-in page. A community's charity accounts (慈善公示) and its projects (民生项目)
// are open to anyone (meta.open), signed in or not: a resident shares their link with a neighbour.
// A resident's own needs (我的需求) are under 我的社区 too.
// And the public check of a volunteer's certificate, /verify/<number>, outside /h5/ (its QR code
// prints that link): a router of its own that asks nobody to sign in.
import { createRouter, createWebHistory, type RouteLocationNormalized, type Router, type RouterHistory } from 'vue-router'
import { useUserStore } from '@/store/user'
import { i18n } from '@/locales'
import { tabRoutes } from './tabs'

export function createResidentRouter(history: RouterHistory = createWebHistory('/h5/')): Router {
  const router = createRouter({
    history,
    routes: [
      ...tabRoutes(),
      {
        path: '/units/:code',
        name: 'h5-unit',
        component: () => import('./views/UnitBrowse.vue'),
        props: true,
        meta: { title: 'h5.browse.title', tab: 'h5-home' },
      },
      // 预警信息, under 我的社区: the warnings that reached the resident, and one to answer.
      {
        path: '/alerts',
        name: 'h5-alerts',
        component: () => import('./views/alerts/MyAlerts.vue'),
        meta: { title: 'h5.alerts.title', tab: 'h5-home' },
      },
      {
        path: '/alerts/:id(\\d+)',
        name: 'h5-alert',
        component: () => import('./views/alerts/MyAlert.vue'),
        props: true,
        meta: { title: 'h5.alerts.one', tab: 'h5-home' },
      },
      // 问卷调查, under 我的社区: the surveys that reach the resident, and one to answer.
      {
        path: '/surveys',
        name: 'h5-surveys',
        component: () => import('./views/surveys/MySurveys.vue'),
        meta: { title: 'surveys.mine.title', tab: 'h5-home' },
      },
      {
        path: '/surveys/:id(\\d+)',
        name: 'h5-survey',
        component: () => import('./views/surveys/MySurvey.vue'),
        props: true,
        meta: { title: 'surveys.mine.one', tab: 'h5-home' },
      },
      // 慈善公示, under 我的社区: a fund's balance, totals, stock and entries, for anyone.
      {
        path: '/charity/:unit(\\d{12})',
        name: 'h5-charity',
        component: () => import('./views/charity/CharityFund.vue'),
        props: true,
        meta: { title: 'charity.public.title', tab: 'h5-home', open: true },
      },
      // 民生项目, under 我的社区: the published projects of a community (?unit=; the resident's own by
      // default), and one with its progress and comments; a signed-in resident comments on it.
      {
        path: '/projects',
        name: 'h5-projects',
        component: () => import('./views/projects/ProjectList.vue'),
        meta: { title: 'lists.public.title', tab: 'h5-home', open: true },
      },
      {
        path: '/projects/:id(\\d+)',
        name: 'h5-project',
        component: () => import('./views/projects/ProjectPage.vue'),
        props: true,
        meta: { title: 'lists.public.one', tab: 'h5-home', open: true },
      },
      // 我的需求, under 我的社区: the needs the resident raised and what came of them, and raising one.
      {
        path: '/needs',
        name: 'h5-needs',
        component: () => import('./views/needs/MyNeeds.vue'),
        meta: { title: 'lists.mine.title', tab: 'h5-home' },
      },
      {
        path: '/needs/new',
        name: 'h5-need-new',
        component: () => import('./views/needs/RaiseNeed.vue'),
        meta: { title: 'lists.mine.newTitle', tab: 'h5-home' },
      },
      {
        path: '/requests/new',
        name: 'h5-request-new',
        component: () => import('./views/requests/RequestSubmit.vue'),
        meta: { title: 'requests.mine.new', tab: 'h5-requests' },
      },
      {
        path: '/requests/:id(\\d+)',
        name: 'h5-request',
        component: () => import('./views/requests/MyRequest.vue'),
        props: true,
        meta: { title: 'requests.mine.title', tab: 'h5-requests' },
      },
      // 志愿服务: where the resident stands, the activities open to them, checking in and out at one,
      // their hours and certificate.
      {
        path: '/volunteer',
        name: 'h5-volunteer',
        component: () => import('./views/volunteer/VolunteerHome.vue'),
        meta: { title: 'volunteer.mine.title', tab: 'h5-me' },
      },
      {
        path: '/volunteer/activities',
        name: 'h5-volunteer-activities',
        component: () => import('./views/volunteer/MyActivities.vue'),
        meta: { title: 'volunteer.mine.activities', tab: 'h5-me' },
      },
      {
        path: '/volunteer/activities/:id(\\d+)/check',
        name: 'h5-volunteer-check',
        component: () => import('./views/volunteer/CheckIn.vue'),
        props: true,
        meta: { title: 'volunteer.check.title', tab: 'h5-me' },
      },
      {
        path: '/volunteer/hours',
        name: 'h5-volunteer-hours',
        component: () => import('./views/volunteer/MyHours.vue'),
        meta: { title: 'volunteer.mine.hours', tab: 'h5-me' },
      },
      { path: '/login', name: 'h5-login', component: () => import('./views/ResidentLogin.vue'), meta: { title: 'h5.login', public: true } },
      { path: '/:pathMatch(.*)*', redirect: '/' },
    ],
    scrollBehavior: () => ({ top: 0 }),
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
    if (to.meta.open) return true
    if (user.status === 'anonymous' || user.status === 'mustChange') return { name: 'h5-login' }
    return true
  })

  router.afterEach(setTitle)
  return router
}

function setTitle(to: RouteLocationNormalized): void {
  const title = typeof to.meta.title === 'string' ? i18n.global.t(to.meta.title) : ''
  document.title = `${title} - ${i18n.global.t('app.title')}`
}

/** The public pages served by the resident application outside /h5/: /verify and /verify/<number>. */
export function isPublicResidentPage(pathname: string): boolean {
  return pathname === '/verify' || pathname.startsWith('/verify/')
}

/** The router of the public check of a certificate: one page, no sign-in, no tabs. */
export function createVerifyRouter(history: RouterHistory = createWebHistory('/')): Router {
  const router = createRouter({
    history,
    routes: [
      {
        path: '/verify/:number?',
        name: 'h5-verify',
        component: () => import('./views/verify/CertificateVerify.vue'),
        props: true,
        meta: { title: 'volunteer.verify.title', public: true },
      },
      { path: '/:pathMatch(.*)*', redirect: '/verify/' },
    ],
    scrollBehavior: () => ({ top: 0 }),
  })
  router.afterEach(setTitle)
  return router
}
