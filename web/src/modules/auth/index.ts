// Accounts and access (src/auth): the users within the caller's scope and the built-in roles.
import { Key, Lock, User } from '@element-plus/icons-vue'
import { formatChinaDateTime } from '@/utils/format'
import { countUsersShared } from '@/api/user'
import { defineModule } from '../types'
import zhCN from './locales/zh-CN'
import en from './locales/en'

export default defineModule({
  name: 'auth',
  group: 'system',
  routes: [
    {
      path: 'system/users',
      name: 'users',
      component: () => import('@/views/system/users/UserList.vue'),
      meta: { title: 'auth.user.title', icon: User, permission: 'auth:user:read', menu: { order: 10 } },
    },
    {
      path: 'system/roles',
      name: 'roles',
      component: () => import('@/views/system/roles/RoleList.vue'),
      meta: { title: 'auth.role.title', icon: Lock, permission: ['auth:user:read', 'auth:role:assign'], menu: { order: 20 } },
    },
    {
      path: 'system/api-keys',
      name: 'apiKeys',
      component: () => import('@/views/system/apikeys/ApiKeyList.vue'),
      meta: { title: 'auth.apiKey.title', icon: Key, permission: 'auth:apikey:manage', menu: { order: 25 } },
    },
  ],
  messages: { 'zh-CN': zhCN, en },
  // Accounts waiting for a role lead to the users list; grids nobody serves to the working unit's
  // page, where its grids and their workers are.
  todos: {
    'auth.accounts.roleless': { to: { name: 'users' } },
    'auth.grids.unstaffed': { to: { name: 'unit' } },
  },
  workbench: [
    {
      name: 'auth.accounts',
      component: () => import('@/views/system/cards/AccountsCard.vue'),
      prefetch: (code) => countUsersShared(code ?? undefined),
      permission: 'auth:user:read',
      order: { security_admin: 10, system_admin: 40 },
    },
  ],
  auditDetailRules: [
    {
      action: 'auth.apikey.revoke',
      pattern: /^its issuer was disabled$/,
      message: 'issuerDisabled',
      params: () => ({}),
    },
    {
      action: 'auth.login',
      pattern: /^(\d+) failed or refused sign-ins from (\S+) to (\S+) not recorded one by one; the last from (.+)$/,
      message: 'loginSummary',
      params: (m) => ({ n: m[1]!, from: formatChinaDateTime(m[2]), to: formatChinaDateTime(m[3]), source: m[4]! }),
    },
    {
      // A refused attempt, whatever the action, on an account that holds a role outside the caller's scope.
      result: 'refused',
      pattern: /^holds ([a-z_]+) at (\d+)$/,
      message: 'holdsRole',
      params: (m, labels) => ({ role: labels.role(m[1]!), unit: m[2]! }),
    },
  ],
})
