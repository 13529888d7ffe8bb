// The charity pages (公益慈善台账): money between the fen the API speaks and the yuan people type and
// read (exactly, never through a float), which units keep a fund, the ledger's filters as the
// address carries them, the entry dialog to the API's body (and the server's reasons back at its
// fields), what an entry offers, the calls the pages make (the public ones too), the words for the
// server's codes, where the pages sit, and how the audit log names what the module writes.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { RouteRecordRaw } from 'vue-router'
import '@/router/types'
import {
  correctEntry,
  createEntry,
  getFund,
  getPublicFund,
  listEntries,
  listFunds,
  listPublicFunds,
  revealDonor,
  type CharityEntry,
} from '@/api/charity'
import { i18n } from '@/locales'
import { moduleRoutes } from '@/modules/registry'
import { buildMenu, type MenuEntry } from '@/router/menu'
import {
  ENTRY_FORM_FIELDS,
  amountFenOf,
  balanceOf,
  directionTag,
  emptyEntryForm,
  entryBody,
  entryFilterFromQuery,
  entryListQuery,
  fenToYuanText,
  formatYuan,
  holdsFund,
  mayCorrect,
  mayRevealDonor,
  queryOfEntryFilter,
  readYuan,
  signedFen,
  signedQuantity,
  stockKey,
  stockOf,
} from '@/utils/charity'
import { ApiError, configureClient } from '@/utils/request'
import { formRefusal } from '@/utils/volunteer'
import { auditActionLabel, auditObjectTypeLabel } from '@/views/system/audit/labels'
import { useCharityLabels } from '@/views/charity/useCharityLabels'
import { errorBody, mountComposable, startServer, type TestServer } from './helpers'

const READ = 'charity:entry:read'
const WRITE = 'charity:entry:write'
const REVEAL = 'charity:donor:reveal'

const gift: CharityEntry = {
  id: 31,
  unit: '620102001001',
  unitName: '畅家巷社区居委会',
  seq: 4,
  direction: 'income',
  directionLabel: '收入',
  form: 'money',
  formLabel: '资金',
  amountFen: 128050,
  item: '',
  quantity: 0,
  itemUnit: '',
  donorMasked: '张*三',
  donorPublic: '爱心人士',
  hasDonorPhone: true,
  purpose: '困难家庭冬季取暖',
  destination: '',
  occurredOn: '2026-12-01',
  correctsId: null,
  correctsSeq: null,
  correctedBy: null,
  correctedBySeq: null,
  note: '',
  balanceAfterFen: 328050,
  stockAfter: 0,
  recordedByName: 'changjiaxiang',
  createdAt: '2026-12-01T02:00:00.000Z',
}

afterEach(() => {
  i18n.global.locale.value = 'zh-CN'
})

describe('money typed in yuan', () => {
  it('reads whole fen from the digits, never through a float', () => {
    expect(readYuan('1234.5')).toEqual({ ok: true, fen: 123450 })
    expect(readYuan('1,234.50')).toEqual({ ok: true, fen: 123450 })
    expect(readYuan('19.99')).toEqual({ ok: true, fen: 1999 })
    // 0.1 + 0.2 in binary is 0.30000000000000004; 1.005 × 100 is 100.49999999999999.
    expect(readYuan('0.3')).toEqual({ ok: true, fen: 30 })
    expect(readYuan('1.005')).toEqual({ ok: false, problem: 'decimals' })
    expect(readYuan('1.01')).toEqual({ ok: true, fen: 101 })
    expect(readYuan('4.35')).toEqual({ ok: true, fen: 435 })
    expect(readYuan('0')).toEqual({ ok: true, fen: 0 })
    expect(readYuan('.5')).toEqual({ ok: true, fen: 50 })
    expect(readYuan('12.')).toEqual({ ok: true, fen: 1200 })
    expect(readYuan('007')).toEqual({ ok: true, fen: 700 })
  })

  it('takes what people type around the number: ¥, 元, spaces, full-width digits', () => {
    expect(readYuan(' ¥ 80 ')).toEqual({ ok: true, fen: 8000 })
    expect(readYuan('￥1280元')).toEqual({ ok: true, fen: 128000 })
    expect(readYuan('８０．５')).toEqual({ ok: true, fen: 8050 })
    expect(readYuan('1，000')).toEqual({ ok: true, fen: 100000 })
  })

  it('says what is wrong with what is not an amount', () => {
    expect(readYuan('')).toEqual({ ok: false, problem: 'empty' })
    expect(readYuan('  ')).toEqual({ ok: false, problem: 'empty' })
    expect(readYuan('-5')).toEqual({ ok: false, problem: 'invalid' })
    expect(readYuan('1e3')).toEqual({ ok: false, problem: 'invalid' })
    expect(readYuan('12,34')).toEqual({ ok: false, problem: 'invalid' })
    expect(readYuan('五十')).toEqual({ ok: false, problem: 'invalid' })
    expect(readYuan('1.2.3')).toEqual({ ok: false, problem: 'invalid' })
    expect(readYuan('12345678901234')).toEqual({ ok: false, problem: 'tooLarge' })
    expect(readYuan('100.01', 10000)).toEqual({ ok: false, problem: 'tooLarge' })
    expect(readYuan('100', 10000)).toEqual({ ok: true, fen: 10000 })
  })

  it('writes fen as yuan with two decimals, to edit and to read', () => {
    expect(fenToYuanText(123450)).toBe('1234.50')
    expect(fenToYuanText(5)).toBe('0.05')
    expect(fenToYuanText(0)).toBe('0.00')
    expect(fenToYuanText(-1999)).toBe('-19.99')
    expect(formatYuan(123450)).toBe('¥1,234.50')
    expect(formatYuan(100000000)).toBe('¥1,000,000.00')
    expect(formatYuan(99)).toBe('¥0.99')
    expect(formatYuan(-5000)).toBe('-¥50.00')
  })

  it('reads back what it writes, for every amount of a cent step', () => {
    for (const fen of [0, 1, 9, 10, 99, 100, 101, 1999, 123456789, 9007199254740]) {
      expect(readYuan(fenToYuanText(fen))).toEqual({ ok: true, fen })
      expect(readYuan(formatYuan(fen))).toEqual({ ok: true, fen })
    }
  })

  it('makes the balance income less outgoing', () => {
    expect(balanceOf({ incomeFen: 500000, outgoingFen: 123456 })).toBe(376544)
  })
})

describe('funds and the ledger', () => {
  it('belong to a street or township, a village or a community', () => {
    expect(holdsFund('620102001000')).toBe(true)
    expect(holdsFund('620102001001')).toBe(true)
    expect(holdsFund('620102000000')).toBe(false)
    expect(holdsFund('620102001001001')).toBe(false)
    expect(holdsFund('')).toBe(false)
  })

  it('reads and writes its filters, leaving out what is empty and what the server does not know', () => {
    expect(entryFilterFromQuery({ direction: 'outgoing', form: 'goods' })).toEqual({ direction: 'outgoing', form: 'goods' })
    expect(entryFilterFromQuery({ direction: 'sideways', form: ['money', 'goods'] })).toEqual({ direction: '', form: 'money' })
    expect(queryOfEntryFilter({ direction: 'income', form: '' })).toEqual({ direction: 'income', form: undefined })
    // The unit's own fund, not its villages' and communities'.
    expect(entryListQuery('620102001000', { direction: '', form: 'goods' })).toEqual({ fund: '620102001000', direction: undefined, form: 'goods' })
  })

  it('shows what went out with a minus, goods with their counting unit', () => {
    expect(signedFen(gift)).toBe(128050)
    expect(signedFen({ direction: 'outgoing', amountFen: 5000 })).toBe(-5000)
    expect(signedQuantity({ direction: 'outgoing', quantity: 5, itemUnit: '袋' })).toBe('-5 袋')
    expect(signedQuantity({ direction: 'income', quantity: 20, itemUnit: '' })).toBe('+20')
    expect(directionTag('income')).toBe('success')
    expect(directionTag('outgoing')).toBe('warning')
  })

  it('reverses an entry once, never a reversal, for those who record', () => {
    expect(mayCorrect(gift, true)).toBe(true)
    expect(mayCorrect(gift, false)).toBe(false)
    expect(mayCorrect({ correctsId: null, correctedBy: 40 }, true)).toBe(false)
    expect(mayCorrect({ correctsId: 31, correctedBy: null }, true)).toBe(false)
  })

  it('reveals a donor who gave a name or a phone, to those who may', () => {
    expect(mayRevealDonor(gift, true)).toBe(true)
    expect(mayRevealDonor(gift, false)).toBe(false)
    expect(mayRevealDonor({ donorMasked: '', hasDonorPhone: false }, true)).toBe(false)
    expect(mayRevealDonor({ donorMasked: '', hasDonorPhone: true }, true)).toBe(true)
  })
})

describe('the entry dialog', () => {
  const today = '2026-12-05'

  it('sends money income with its donor, the phone as digits, no goods and no destination', () => {
    const form = {
      ...emptyEntryForm('620102001001', 'income' as const, today),
      amount: '1,280.50',
      donorName: ' 张三 ',
      donorPhone: '138 1234-5678',
      donorPublic: ' 爱心人士 ',
      purpose: '困难家庭取暖 ',
      destination: 'left over from a switch',
      item: '大米',
    }
    const amount = amountFenOf(form)
    expect(amount).toEqual({ ok: true, fen: 128050 })
    expect(entryBody(form, 128050)).toEqual({
      unit: '620102001001',
      direction: 'income',
      form: 'money',
      amountFen: 128050,
      item: '',
      quantity: 0,
      itemUnit: '',
      donorName: '张三',
      donorPhone: '13812345678',
      donorPublic: '爱心人士',
      purpose: '困难家庭取暖',
      destination: '',
      occurredOn: today,
    })
  })

  it('sends an outgoing of goods with its item, its purpose and destination, and no donor', () => {
    const form = {
      ...emptyEntryForm('620102001001', 'outgoing' as const, today),
      form: 'goods' as const,
      item: '大米',
      itemUnit: '袋',
      quantity: 5,
      donorName: '张三',
      purpose: '春节慰问',
      destination: '畅家巷社区 5 户困难家庭',
    }
    // Goods carry an estimated value, which may be left out.
    expect(amountFenOf(form)).toEqual({ ok: true, fen: 0 })
    expect(entryBody(form, 0)).toMatchObject({ form: 'goods', item: '大米', itemUnit: '袋', quantity: 5, donorName: '', donorPhone: '', donorPublic: '', destination: '畅家巷社区 5 户困难家庭' })
    expect(amountFenOf({ form: 'money', amount: '' })).toEqual({ ok: false, problem: 'empty' })
  })

  it('picks the goods to give from the stock, an item counted two ways kept apart', () => {
    const stock = [
      { item: '大米', itemUnit: '袋', quantity: 12 },
      { item: '大米', itemUnit: '斤', quantity: 40 },
    ]
    expect(stockKey(stock[0]!)).not.toBe(stockKey(stock[1]!))
    expect(stockOf(stock, ' 大米', '斤')).toBe(stock[1])
    expect(stockOf(stock, '面粉', '袋')).toBeNull()
  })

  it("shows the server's reasons at their fields: the amount at the amount", () => {
    const error = new ApiError(400, {
      code: 'invalid_argument',
      message: '参数不合法',
      details: [
        { field: 'amountFen', reason: '支出后余额不能为负（当前余额 ¥120.00）' },
        { field: 'destination', reason: '不能含有手机号码' },
      ],
    })
    const refusal = formRefusal(error, ENTRY_FORM_FIELDS)
    expect(refusal.fields).toEqual({ amountFen: '支出后余额不能为负（当前余额 ¥120.00）', destination: '不能含有手机号码' })
    expect(refusal.atFields).toBe(true)
  })
})

describe('the calls of the charity pages', () => {
  let server: TestServer
  const notified: string[] = []

  beforeAll(async () => {
    server = await startServer()
    configureClient({ baseUrl: server.url, language: 'zh-CN', csrfToken: 'csrf-1', hooks: { notify: (m) => notified.push(m) } })
  })
  afterAll(() => server.close())
  beforeEach(() => {
    server.seen.length = 0
    notified.length = 0
  })

  it('list funds and entries by their filters, leaving out what is empty', async () => {
    server.handle(() => ({ status: 200, body: { items: [], total: 0 } }))
    await listFunds({ page: 1, pageSize: 20 })
    await listFunds({ unit: '620102001000', page: 2, pageSize: 50 })
    await listEntries({ unit: '620102001001', page: 1, pageSize: 20 })
    await listEntries({ fund: '620102001001', direction: 'outgoing', form: 'goods', page: 1, pageSize: 20 })
    expect(server.seen.map((s) => s.url)).toEqual([
      '/api/v1/charity/funds?page=1&pageSize=20',
      '/api/v1/charity/funds?unit=620102001000&page=2&pageSize=50',
      '/api/v1/charity/entries?unit=620102001001&page=1&pageSize=20',
      '/api/v1/charity/entries?fund=620102001001&direction=outgoing&form=goods&page=1&pageSize=20',
    ])
  })

  it('record, reverse and reveal with the CSRF token, leaving refusals to the dialogs', async () => {
    server.handle((req) => ({ status: req.url.endsWith('/donor') ? 200 : 201, body: req.url.endsWith('/donor') ? { name: '张三', phone: '13812345678' } : gift }))
    await getFund('620102001001').catch(() => null)
    await createEntry(entryBody({ ...emptyEntryForm('620102001001', 'income', '2026-12-01'), amount: '1280.50' }, 128050))
    await correctEntry(31, '金额录入错误')
    const donor = await revealDonor(31, '寄送捐赠票据')
    expect(donor).toEqual({ name: '张三', phone: '13812345678' })
    expect(server.seen.map((s) => `${s.method} ${s.url} ${s.method === 'POST' ? s.headers['x-csrf-token'] : ''}`.trim())).toEqual([
      'GET /api/v1/charity/funds/620102001001',
      'POST /api/v1/charity/entries csrf-1',
      'POST /api/v1/charity/entries/31/correction csrf-1',
      'POST /api/v1/charity/entries/31/donor csrf-1',
    ])
    expect(JSON.parse(server.seen[2]!.body)).toEqual({ reason: '金额录入错误' })
  })

  it("leave an outgoing beyond the balance to the dialog: the server's reason comes back, not shown twice", async () => {
    server.handle(() => ({ status: 400, body: errorBody('invalid_argument', '余额不足：当前余额 ¥120.00，支出 ¥500.00') }))
    const answer = await createEntry(entryBody({ ...emptyEntryForm('620102001001', 'outgoing', '2026-12-01'), amount: '500', purpose: '慰问', destination: '困难家庭' }, 50000)).catch((e: unknown) => e)
    expect(answer).toBeInstanceOf(ApiError)
    expect((answer as ApiError).message).toBe('余额不足：当前余额 ¥120.00，支出 ¥500.00')
    expect(notified).toEqual([])
  })

  it('read the public funds and a page of a fund for anyone', async () => {
    server.handle(() => ({ status: 200, body: { items: [] } }))
    await listPublicFunds('620102001000')
    await getPublicFund('620102001001', { page: 2, pageSize: 20 })
    expect(server.seen.map((s) => s.url)).toEqual([
      '/api/v1/public/charity/funds?unit=620102001000',
      '/api/v1/public/charity/funds/620102001001?page=2&pageSize=20',
    ])
  })
})

describe('the words of the charity pages', () => {
  it("name the server's codes in the reader's language, an unknown one by the server's label", () => {
    const { result: labels, unmount } = mountComposable(() => useCharityLabels(), [i18n])
    expect(labels.direction('income')).toBe('收入')
    expect(labels.form('goods')).toBe('物资')
    expect(labels.form('services', '服务')).toBe('服务')
    i18n.global.locale.value = 'en'
    expect(labels.direction('outgoing')).toBe('Outgoing')
    unmount()
  })

  it('label their audit entries and the personal data they reveal', () => {
    expect(auditActionLabel('charity.entry.correct')).toBe('冲正慈善收支')
    expect(auditActionLabel('charity.donor.reveal')).toBe('查看捐赠人信息')
    expect(auditObjectTypeLabel('charity_entry')).toBe('慈善收支记录')
  })
})

describe('the charity pages in the console', () => {
  const page = { render: () => null }
  const routes: RouteRecordRaw[] = [{ path: '', component: page, meta: { title: 'menu.home', menu: { order: 0 }, permission: 'org:unit:read' } }, ...moduleRoutes]
  const group = (menu: MenuEntry[]) => menu.find((e) => 'group' in e && e.group === 'charity')

  it('are guarded by the module permissions', () => {
    const byName = new Map(moduleRoutes.map((r) => [String(r.name), r]))
    expect(byName.get('charity-funds')?.meta?.permission).toBe(READ)
    expect(byName.get('charity-fund')?.meta?.permission).toBe(READ)
  })

  it('sit in a 公益慈善 group of their own, after 三项清单', () => {
    const menu = buildMenu(routes, ['org:unit:read', READ, WRITE, REVEAL, 'lists:need:read'])
    const found = group(menu)
    expect(found && 'children' in found ? found.children.map((c) => c.path) : []).toEqual(['/charity/funds'])
    expect(i18n.global.t(found!.title)).toBe('公益慈善')
    const groups = menu.flatMap((e) => ('group' in e ? [e.group] : []))
    expect(groups.indexOf('charity')).toBe(groups.indexOf('lists') + 1)
    expect(group(buildMenu(routes, ['org:unit:read']))).toBeUndefined()
  })
})
