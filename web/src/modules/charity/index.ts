// Charity ledgers (src/charity, 公益慈善台账): the funds of streets, villages and communities, each
// with its append-only ledger of money and goods given and given out, kept by the street and the
// community and read by the levels above; a mistake is undone by a reversing entry (冲正), and a
// donor's sealed name and phone are read in clear for a stated reason. The public page is on the
// resident pages (/h5/charity/<unit>). A menu group of its own, 公益慈善, beside 三项清单.
import { Wallet } from '@element-plus/icons-vue'
import { defineModule } from '../types'
import zhCN from './locales/zh-CN'
import en from './locales/en'

const READ = 'charity:entry:read'

export default defineModule({
  name: 'charity',
  group: 'charity',
  routes: [
    // ?unit= chooses whose funds are listed (the working unit's subtree by default).
    {
      path: 'charity/funds',
      name: 'charity-funds',
      component: () => import('@/views/charity/FundList.vue'),
      meta: { title: 'charity.funds.title', icon: Wallet, permission: READ, menu: { order: 10 } },
    },
    // One unit's fund: its totals, stock and ledger (?direction=&form= filter the ledger).
    {
      path: 'charity/funds/:unit(\\d{12})',
      name: 'charity-fund',
      component: () => import('@/views/charity/FundLedger.vue'),
      meta: { title: 'charity.ledger.title', permission: READ },
    },
  ],
  messages: { 'zh-CN': zhCN, en },
})
