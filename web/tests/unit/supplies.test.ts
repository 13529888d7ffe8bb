// The supplies' and drills' pages (应急物资, 应急演练): which units keep supplies, the lists'
// filters as the address carries them, how an item's expiry reads, and the forms to and from the
// API's bodies (a drill held is not dated after today; a planned one may be).
import { describe, expect, it } from 'vitest'
import type { Supply } from '@/api/readiness'
import {
  drillBody,
  drillFilterFromQuery,
  emptyDrillForm,
  emptySupplyForm,
  expiryRowClass,
  expiryWords,
  heldInFuture,
  keepsSupplies,
  queryOfDrillFilter,
  queryOfSupplyFilter,
  supplyBody,
  supplyFilterFromQuery,
  supplyFormOf,
  supplyListQuery,
} from '@/utils/supplies'

const item: Supply = {
  id: 7,
  version: 2,
  unit: '620102001001',
  unitName: '畅家巷社区',
  name: '矿泉水',
  category: 'water',
  categoryLabel: '饮用水',
  quantity: 40,
  measure: '箱',
  place: '储藏室',
  expiresOn: null,
  expiry: 'none',
  daysLeft: null,
  note: '',
  updatedByName: 'changjiaxiang',
  createdAt: '2026-11-30T01:00:00.000Z',
  updatedAt: '2026-11-30T01:00:00.000Z',
}

describe('which units keep supplies and hold drills', () => {
  it('counties, townships, villages and communities; not the province, a city or a grid', () => {
    expect(keepsSupplies('620102000000')).toBe(true)
    expect(keepsSupplies('620102001000')).toBe(true)
    expect(keepsSupplies('620102001001')).toBe(true)
    expect(keepsSupplies('620000000000')).toBe(false)
    expect(keepsSupplies('620100000000')).toBe(false)
    expect(keepsSupplies('620102001001001')).toBe(false)
    expect(keepsSupplies('nonsense')).toBe(false)
  })
})

describe('the supplies list', () => {
  it('reads its filters from the address, leaving out what it does not know', () => {
    expect(supplyFilterFromQuery({ unit: '620102001001', category: 'water', expiry: 'expired' })).toEqual({ unit: '620102001001', category: 'water', expiry: 'expired' })
    expect(supplyFilterFromQuery({ unit: 'x', category: 'gold', expiry: 'soon' })).toEqual({ unit: '', category: '', expiry: '' })
    expect(queryOfSupplyFilter({ unit: '', category: 'food', expiry: '' })).toEqual({ unit: undefined, category: 'food', expiry: undefined })
  })

  it('asks for the working unit unless another is chosen', () => {
    expect(supplyListQuery({ unit: '', category: '', expiry: 'expiring' }, '620102001000')).toEqual({ unit: '620102001000', category: undefined, expiry: 'expiring' })
    expect(supplyListQuery({ unit: '620102001001', category: '', expiry: '' }, '620102001000').unit).toBe('620102001001')
  })

  it('colours expired and expiring rows and says how many days', () => {
    expect(expiryRowClass('expired')).toBe('supply-expired')
    expect(expiryRowClass('expiring')).toBe('supply-expiring')
    expect(expiryRowClass('ok')).toBe('')
    expect(expiryRowClass('none')).toBe('')
    expect(expiryWords({ expiry: 'expired', daysLeft: -10 })).toEqual({ key: 'expiredAgo', days: 10 })
    expect(expiryWords({ expiry: 'expiring', daysLeft: 12 })).toEqual({ key: 'expiresIn', days: 12 })
    expect(expiryWords({ expiry: 'expiring', daysLeft: 0 })).toEqual({ key: 'expiresToday', days: 0 })
    expect(expiryWords({ expiry: 'ok', daysLeft: 200 })).toBeNull()
    expect(expiryWords({ expiry: 'none', daysLeft: null })).toBeNull()
  })
})

describe('the supply form', () => {
  it('starts at the working unit only when it keeps supplies', () => {
    expect(emptySupplyForm('620102001001').unit).toBe('620102001001')
    expect(emptySupplyForm('620102001001001').unit).toBe('')
  })

  it('sends texts trimmed and no expiry date when there is none', () => {
    const form = { ...supplyFormOf(item), name: ' 矿泉水 ', measure: ' 箱 ' }
    const body = supplyBody(form)
    expect(body).toEqual({ unit: '620102001001', name: '矿泉水', category: 'water', quantity: 40, measure: '箱', place: '储藏室', note: '' })
    expect('expiresOn' in body).toBe(false)
    expect(supplyBody({ ...form, expiresOn: '2026-12-10', quantity: null })).toMatchObject({ expiresOn: '2026-12-10', quantity: 0 })
  })
})

describe('drills', () => {
  it('reads the filters from the address; a range only in order', () => {
    expect(drillFilterFromQuery({ scenario: 'fire', status: 'planned', from: '2026-01-01', to: '2026-12-31' })).toEqual({
      unit: '',
      scenario: 'fire',
      status: 'planned',
      range: ['2026-01-01', '2026-12-31'],
    })
    expect(drillFilterFromQuery({ scenario: 'zombies', status: 'maybe', from: '2026-12-31', to: '2026-01-01' })).toEqual({ unit: '', scenario: '', status: '', range: null })
    expect(queryOfDrillFilter({ unit: '', scenario: '', status: 'done', range: null })).toEqual({ unit: undefined, scenario: undefined, status: 'done', from: undefined, to: undefined })
  })

  it('a drill held is not dated after today in China; a planned one may be', () => {
    // 2026-11-30 20:00 UTC is already 1 December in China.
    const now = new Date('2026-11-30T20:00:00.000Z')
    expect(emptyDrillForm('620102001001', now).heldOn).toBe('2026-12-01')
    expect(heldInFuture({ heldOn: '2026-12-01', status: 'done' }, now)).toBe(false)
    expect(heldInFuture({ heldOn: '2026-12-02', status: 'done' }, now)).toBe(true)
    expect(heldInFuture({ heldOn: '2026-12-02', status: 'planned' }, now)).toBe(false)
  })

  it('sends the form trimmed, a cleared count as 0', () => {
    const form = { ...emptyDrillForm('620102001001', new Date('2026-11-30T01:00:00.000Z')), scenario: 'fire' as const, place: ' 广场 ', participants: null }
    expect(drillBody(form)).toEqual({
      unit: '620102001001',
      heldOn: '2026-11-30',
      status: 'done',
      scenario: 'fire',
      description: '',
      participants: 0,
      place: '广场',
      summary: '',
    })
  })
})
