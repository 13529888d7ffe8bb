// Bought services (src/services, 政府购买社区服务): the contracts a county, township, village or
// community signs with social organisations for community services, the service delivered under
// each, recorded as it goes and voided with a reason when mistaken, and the evaluation once the
// period has ended (a score, its grade, the figures and the linked survey's satisfaction kept as
// they were); the providers' record across their contracts. A menu group of its own, 购买服务.
import { Suitcase, Tickets } from '@element-plus/icons-vue'
import { defineModule } from '../types'
import zhCN from './locales/zh-CN'
import en from './locales/en'

const READ = 'services:contract:read'

export default defineModule({
  name: 'services',
  group: 'bought',
  routes: [
    // ?unit=&year=&organisation=&phase= filter the list (the evaluations' to-do opens it so).
    {
      path: 'services/contracts',
      name: 'services-contracts',
      component: () => import('@/views/services/ContractList.vue'),
      meta: { title: 'services.contracts.title', icon: Tickets, permission: READ, menu: { order: 10 } },
    },
    {
      path: 'services/contracts/:id(\\d+)',
      name: 'services-contract',
      component: () => import('@/views/services/ContractDetail.vue'),
      meta: { title: 'services.detail.title', permission: READ },
    },
    // ?unit= chooses whose providers are listed.
    {
      path: 'services/providers',
      name: 'services-providers',
      component: () => import('@/views/services/ProviderList.vue'),
      meta: { title: 'services.providers.title', icon: Suitcase, permission: READ, menu: { order: 20 } },
    },
    {
      path: 'services/providers/:id(\\d+)',
      name: 'services-provider',
      component: () => import('@/views/services/ProviderDetail.vue'),
      meta: { title: 'services.provider.title', permission: READ },
    },
  ],
  messages: { 'zh-CN': zhCN, en },
  todos: {
    'services.evaluation.due': { to: { name: 'services-contracts', query: { phase: 'ended' } } },
  },
})
