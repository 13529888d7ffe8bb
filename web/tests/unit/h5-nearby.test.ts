// 我的社区's services nearby: what is within the walk and what is not, and distances in words.
import { describe, expect, it } from 'vitest'
import { distanceText, nearbyView } from '@/h5/nearby'

const facility = (name: string, minutes: number, distanceMetres: number, place: string | null = null) => ({ name, minutes, distanceMetres, place })

describe('nearbyView', () => {
  it('lists the types with facilities, nearest first, and names the types without, basic ones first', () => {
    const view = nearbyView({
      types: [
        { type: 'convenience_store', label: '便利店', basic: true, facilities: [facility('Total', 1, 24, 'Rue Principale 附近'), facility('Vival', 13, 801)] },
        { type: 'print_shop', label: '图文打印', basic: true, facilities: [] },
        { type: 'elderly_care', label: '养老服务', basic: false, facilities: [] },
        { type: 'pharmacy', label: '药店', basic: true, facilities: [facility('', 2, 130)] },
        { type: 'repair', label: '维修点', basic: true, facilities: [] },
      ] as never,
    })
    expect(view.reached.map((t) => [t.label, t.nearest.name, t.others.length])).toEqual([
      ['便利店', 'Total', 1],
      ['药店', '', 0],
    ])
    expect(view.missing).toEqual(['图文打印', '维修点', '养老服务'])
  })

  it('has nothing to list when the network does not know the community', () => {
    expect(nearbyView({ types: [] })).toEqual({ reached: [], missing: [] })
  })
})

describe('distanceText', () => {
  it('says metres under a kilometre and kilometres from there', () => {
    expect(distanceText(480, 'zh-CN')).toBe('480 米')
    expect(distanceText(999.6, 'zh-CN')).toBe('1.0 公里')
    expect(distanceText(1000, 'zh-CN')).toBe('1.0 公里')
    expect(distanceText(1249, 'en')).toBe('1.2 km')
    expect(distanceText(24, 'en')).toBe('24 m')
  })
})
