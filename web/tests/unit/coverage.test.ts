import { describe, expect, it } from 'vitest'
import type { CoverageRow, ServiceType } from '@/api/access'
import {
  allBasicShare,
  busiestType,
  facilityCount,
  formatShare,
  orderTypes,
  reachedOf,
  shareOf,
  typeShare,
  weakestType,
} from '@/utils/coverage'

const types: ServiceType[] = [
  { key: 'fitness', name: '健身场所', basic: false, facilities: 2 },
  { key: 'pharmacy', name: '药店', basic: true, facilities: 12 },
  { key: 'fresh_market', name: '菜市场', basic: true, facilities: 3 },
  { key: 'childcare', name: '托育', basic: false, facilities: 1 },
  { key: 'health', name: '社区卫生服务站', basic: true, facilities: 4 },
]

const total: CoverageRow = {
  code: '620102001000',
  name: '酒泉路街道',
  level: 4,
  residences: 1234,
  reached: { pharmacy: 1000, fresh_market: 600, health: 900, fitness: 100 },
  reachedAllBasic: 500,
}

describe('shares', () => {
  it('are reached / residences, none without residences', () => {
    expect(shareOf(250, 300)).toBeCloseTo(0.8333, 4)
    expect(shareOf(0, 0)).toBeNull()
    expect(shareOf(5, -1)).toBeNull()
    expect(shareOf(400, 300)).toBe(1)
  })

  it('are formatted with one decimal, "—" without residences', () => {
    expect(formatShare(250, 300)).toBe('83.3%')
    expect(formatShare(0, 300)).toBe('0.0%')
    expect(formatShare(300, 300)).toBe('100.0%')
    expect(formatShare(0, 0)).toBe('—')
  })

  it('count a type the row does not list as not reached', () => {
    expect(reachedOf(total, 'childcare')).toBe(0)
    expect(typeShare(total, 'childcare')).toBe(0)
    expect(typeShare(total, 'pharmacy')).toBeCloseTo(1000 / 1234)
    expect(allBasicShare(total)).toBeCloseTo(500 / 1234)
    expect(allBasicShare({ ...total, residences: 0 })).toBeNull()
  })
})

describe('types', () => {
  it('put basic types first, keeping the server order within each group', () => {
    expect(orderTypes(types).map((t) => t.key)).toEqual(['pharmacy', 'fresh_market', 'health', 'fitness', 'childcare'])
    expect(orderTypes([])).toEqual([])
  })

  it('start with the basic type the fewest residences reach', () => {
    expect(weakestType({ types, total })).toBe('fresh_market')
    // A basic type no row lists is reached by nobody.
    expect(weakestType({ types: [...types, { key: 'parcel_post', name: '快递', basic: true, facilities: 0 }], total })).toBe('parcel_post')
    // No basic types: the first one; no types: none.
    expect(weakestType({ types: types.filter((t) => !t.basic), total })).toBe('fitness')
    expect(weakestType({ types: [], total })).toBeNull()
  })

  it('count facilities, all or the basic ones', () => {
    expect(facilityCount(types)).toBe(22)
    expect(facilityCount(types, true)).toBe(19)
  })
})

describe('busiestType', () => {
  const type = (key: string, facilities: number, basic = true): ServiceType => ({ key: key as ServiceType['key'], name: key, basic, facilities })
  it('opens on the type with the most facilities, basic first on a tie', () => {
    expect(busiestType([type('print', 0), type('shop', 12, false), type('clinic', 3)])?.key).toBe('shop')
    expect(busiestType([type('shop', 3, false), type('clinic', 3)])?.key).toBe('clinic')
    expect(busiestType([type('print', 0)])).toBeNull()
  })
})
