// The console's route table: the frame's own pages (home, sign-in, errors) and every module's
// (src/modules/<name>/index.ts).
import type { RouteRecordRaw } from 'vue-router'
import { HomeFilled } from '@element-plus/icons-vue'
import Layout from '@/layout/Layout.vue'
import { moduleRoutes } from '@/modules/registry'

/** Routes inside the console frame; the menu is built from these. */
export const layoutChildren: RouteRecordRaw[] = [
  {
    path: '',
    name: 'home',
    // The workbench: every signed-in account has one, with the cards its roles get.
    component: () => import('@/views/home/WorkbenchPage.vue'),
    meta: { title: 'menu.home', icon: HomeFilled, menu: { order: 0 } },
  },
  ...moduleRoutes,
  {
    path: '403',
    name: 'forbidden',
    component: () => import('@/views/error/ForbiddenPage.vue'),
    meta: { title: 'menu.forbidden' },
  },
  {
    path: ':pathMatch(.*)*',
    name: 'notFound',
    component: () => import('@/views/error/NotFoundPage.vue'),
    meta: { title: 'menu.notFound' },
  },
]

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/login/LoginPage.vue'),
    meta: { title: 'login.title', public: true },
  },
  {
    // Standalone (no menu): reached when the password expired, or from the user menu.
    path: '/password',
    name: 'password',
    component: () => import('@/views/login/ChangePassword.vue'),
    meta: { title: 'menu.password' },
  },
  {
    // Standalone too: the one-time code (second factor), from the user menu, or forced when the
    // server holds an administrator to it (403 with details[totp]).
    path: '/totp',
    name: 'totp',
    component: () => import('@/views/login/TotpSetup.vue'),
    meta: { title: 'menu.totp' },
  },
  {
    path: '/unavailable',
    name: 'unavailable',
    component: () => import('@/views/error/UnavailablePage.vue'),
    meta: { title: 'error.unavailable', public: true },
  },
  {
    path: '/',
    component: Layout,
    children: layoutChildren,
  },
]
