import { describe, expect, it } from 'vitest'
import { cityAdcode, codeLevel, codePrefix, countyAdcode, isWithin, scopeRoots, unitCodeOfAdcode } from '@/utils/codes'

describe('division codes', () => {
  it('reads the level from the code', () => {
    expect(codeLevel('620000000000')).toBe(1)
    expect(codeLevel('620100000000')).toBe(2)
    expect(codeLevel('620102000000')).toBe(3)
    expect(codeLevel('620102001000')).toBe(4)
    expect(codeLevel('620102001001')).toBe(5)
    expect(codeLevel('620102001001001')).toBe(6)
    expect(codePrefix('620102001000')).toBe('620102001')
  })

  it('tells whether a unit lies in a subtree', () => {
    expect(isWithin('620102001001', '620100000000')).toBe(true)
    expect(isWithin('620102001001001', '620102001001')).toBe(true)
    expect(isWithin('620102001001', '620102001001')).toBe(true)
    expect(isWithin('620103001001', '620102000000')).toBe(false)
    expect(isWithin('620102001002', '620102001001')).toBe(false)
  })

  it('finds the enclosing county and city', () => {
    expect(countyAdcode('620102001001')).toBe('620102')
    expect(countyAdcode('620100000000')).toBeNull()
    expect(cityAdcode('620102001001')).toBe('620100')
    expect(cityAdcode('620000000000')).toBeNull()
    expect(unitCodeOfAdcode('620881')).toBe('620881000000')
  })

  it('reduces role units to the roots of the scope', () => {
    expect(scopeRoots(['620102001001', '620100000000', '620102000000'])).toEqual(['620100000000'])
    expect(scopeRoots(['620102000000', '620200000000', '620102000000'])).toEqual(['620200000000', '620102000000'])
    expect(scopeRoots([])).toEqual([])
  })
})
