import { describe, expect, it } from 'vitest'
import type { CoverageRow, ServiceType } from '@/api/access'
import { i18n } from '@/locales'
import {
  allBasicCount,
  allBasicShare,
  basisMark,
  busiestType,
  countBasis,
  facilityCount,
  formatCounted,
  formatShare,
  orderTypes,
  peopleReachedOf,
  reachedOf,
  shareOf,
  typeCount,
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
  households: 0,
  people: 0,
  peopleReached: {},
  peopleReachedAllBasic: 0,
}

// A community whose homes are all located households: 410 homes, 1,234 people living in them.
const registered: CoverageRow = {
  code: '620102001001',
  name: '畅家巷社区居委会',
  level: 5,
  residences: 410,
  reached: { pharmacy: 400, fresh_market: 100 },
  reachedAllBasic: 90,
  households: 410,
  people: 1234,
  peopleReached: { pharmacy: 1200, fresh_market: 617 },
  peopleReachedAllBasic: 300,
}

// A street whose communities are partly registered: 1,644 homes, 410 of them households.
const mixed: CoverageRow = {
  ...total,
  residences: 1644,
  reached: { pharmacy: 1400 },
  reachedAllBasic: 590,
  households: 410,
  people: 1234,
  peopleReached: { pharmacy: 1200 },
  peopleReachedAllBasic: 300,
}

const zh = (key: string, params: Record<string, unknown> = {}) => i18n.global.t(key, params, { locale: 'zh-CN' })
const en = (key: string, params: Record<string, unknown> = {}) => i18n.global.t(key, params, { locale: 'en' })

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

describe('rows of located households', () => {
  it('are counted by people where every home is a household', () => {
    expect(countBasis(registered)).toBe('people')
    expect(typeCount(registered, 'pharmacy')).toEqual({ reached: 1200, of: 1234, byPeople: true })
    expect(typeShare(registered, 'pharmacy')).toBeCloseTo(1200 / 1234)
    expect(formatCounted(typeCount(registered, 'fresh_market'))).toBe('50.0%')
    expect(formatCounted(allBasicCount(registered))).toBe('24.3%')
    expect(allBasicShare(registered)).toBeCloseTo(300 / 1234)
    // A type no one reaches, though the homes' figure would say otherwise were it listed.
    expect(peopleReachedOf(registered, 'childcare')).toBe(0)
    expect(formatCounted(typeCount(registered, 'childcare'))).toBe('0.0%')
    expect(basisMark(registered)).toEqual({ label: 'access.byPeople', hint: 'access.byPeopleHint' })
    expect(zh(basisMark(registered)!.label)).toBe('按居民计')
  })

  it('are counted by homes where none is located, as before', () => {
    expect(countBasis(total)).toBe('homes')
    expect(typeCount(total, 'pharmacy')).toEqual({ reached: 1000, of: 1234, byPeople: false })
    expect(formatCounted(typeCount(total, 'pharmacy'))).toBe('81.0%')
    expect(formatCounted(allBasicCount(total))).toBe('40.5%')
    expect(basisMark(total)).toBeNull()
    // No homes at all: nothing to share.
    expect(formatCounted(allBasicCount({ ...total, residences: 0, reachedAllBasic: 0 }))).toBe('—')
  })

  it('keep the homes of a partly registered total, and say that part is counted by buildings', () => {
    expect(countBasis(mixed)).toBe('mixed')
    expect(typeCount(mixed, 'pharmacy')).toEqual({ reached: 1400, of: 1644, byPeople: false })
    expect(allBasicShare(mixed)).toBeCloseTo(590 / 1644)
    const mark = basisMark(mixed)
    expect(mark?.label).toBe('access.byHomesMixed')
    expect(zh(mark!.label)).toBe('部分按住宅计')
    expect(zh(mark!.hint)).toContain('住宅建筑')
    expect(en(mark!.hint)).toContain('buildings of the map')
  })

  it('show the residents with their households', () => {
    expect(zh('access.residentsCell', { p: '1,234', h: '410' })).toBe('1,234 人 · 410 户')
    expect(zh('access.shareOfPeople', { reached: '1,200', total: '1,234' })).toBe('按居民计：1,200 / 1,234 人')
    expect(zh('access.peopleValue', { n: '1,234', h: '410' })).toBe('1,234 人（410 户）')
    expect(en('access.residentsCell', { p: '1,234', h: '410' })).toBe('1,234 · 410 households')
    // A gap whose homes include located households names the people living in them.
    expect(zh('access.gapTooltipPeople', { n: '12', type: '药店', p: '30' })).toBe('服务缺口：12 处居住点无法到达药店，其中登记住户居民 30 人')
  })

  it('pick the weakest type by the same measure', () => {
    // Fresh food is the weaker by homes (100 of 410) and by people (617 of 1,234).
    expect(weakestType({ types: types.filter((t) => t.key !== 'health'), total: registered })).toBe('fresh_market')
    // Where the people say otherwise than the homes, the people decide.
    const flipped = { ...registered, peopleReached: { pharmacy: 100, fresh_market: 1200 } }
    expect(weakestType({ types: types.filter((t) => t.key !== 'health'), total: flipped })).toBe('pharmacy')
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
