import { describe, expect, it } from 'vitest'
import { BARE_UNIT_CODE, personParts, personText, unitFullPath, unitPathText, unitTrail } from '@/utils/unit-label'

const community = {
  code: '620102001001',
  name: '畅家巷社区居委会',
  path: [
    { code: '620100000000', name: '兰州市' },
    { code: '620102000000', name: '城关区' },
    { code: '620102001000', name: '酒泉路街道' },
  ],
}

describe('unit labels', () => {
  it('shows the last two levels above the unit', () => {
    expect(unitPathText(community)).toBe('城关区 › 酒泉路街道 › 畅家巷社区居委会')
    expect(unitTrail(community, 2)).toEqual(['酒泉路街道', '畅家巷社区居委会'])
    expect(unitFullPath(community)).toBe('兰州市 › 城关区 › 酒泉路街道 › 畅家巷社区居委会')
  })

  it('shows a province, a city or a unit without a path by its name alone', () => {
    expect(unitPathText({ code: '620000000000', name: '甘肃省', path: [] })).toBe('甘肃省')
    expect(unitPathText({ code: '620100000000', name: '兰州市' })).toBe('兰州市')
  })

  it('knows a bare unit code', () => {
    expect(BARE_UNIT_CODE.test('620102001001')).toBe(true)
    expect(BARE_UNIT_CODE.test('620102001001001')).toBe(true)
    expect(BARE_UNIT_CODE.test('6201020010011')).toBe(false)
    expect(BARE_UNIT_CODE.test('畅家巷 620102001001')).toBe(false)
  })
})

describe('person labels', () => {
  it('names a person by display name, then user name and unit', () => {
    const p = { username: 'changjiaxiang', displayName: '畅家巷社区 张丽', unitName: '畅家巷社区居委会' }
    expect(personParts(p)).toEqual({ name: '畅家巷社区 张丽', details: ['changjiaxiang', '畅家巷社区居委会'] })
    expect(personText(p)).toBe('畅家巷社区 张丽（changjiaxiang · 畅家巷社区居委会）')
    expect(personText(p, (x) => ` (${x})`)).toBe('畅家巷社区 张丽 (changjiaxiang · 畅家巷社区居委会)')
  })

  it('falls back to the user name, without repeating it', () => {
    expect(personParts({ username: 'system', displayName: null, unitName: null })).toEqual({ name: 'system', details: [] })
    expect(personText({ username: 'audit', displayName: '  ' })).toBe('audit')
  })
})
