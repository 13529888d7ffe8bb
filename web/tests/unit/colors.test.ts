import { describe, expect, it } from 'vitest'
import { legendSteps, rampColor, reachColor, shareBackground, typeColor } from '@/map/colors'

describe('the red → green scale', () => {
  it('runs from red through yellow to green, clamped', () => {
    expect(rampColor(0)).toBe('#d73027')
    expect(rampColor(0.5)).toBe('#fee08b')
    expect(rampColor(1)).toBe('#1a9850')
    expect(rampColor(-3)).toBe('#d73027')
    expect(rampColor(7)).toBe('#1a9850')
    expect(rampColor(Number.NaN)).toBe('#d73027')
  })

  it('colours a residence by the basic types it reaches', () => {
    expect(reachColor(0, 9)).toBe('#d73027')
    expect(reachColor(9, 9)).toBe('#1a9850')
    expect(reachColor(3, 9)).not.toBe(reachColor(4, 9))
    // No basic types: nothing is missing.
    expect(reachColor(0, 0)).toBe('#1a9850')
  })

  it('gets greener step by step', () => {
    const green = (hex: string) => parseInt(hex.slice(3, 5), 16)
    const red = (hex: string) => parseInt(hex.slice(1, 3), 16)
    const upper = [5, 6, 7, 8, 9].map((n) => reachColor(n, 9))
    for (let i = 1; i < upper.length; i++) expect(red(upper[i]!)).toBeLessThan(red(upper[i - 1]!))
    const lower = [0, 1, 2, 3, 4].map((n) => reachColor(n, 9))
    for (let i = 1; i < lower.length; i++) expect(green(lower[i]!)).toBeGreaterThan(green(lower[i - 1]!))
  })

  it('tints table cells lightly, and leaves "no residences" plain', () => {
    expect(shareBackground(null)).toBe('')
    const cell = shareBackground(0)
    expect(cell).toMatch(/^#[0-9a-f]{6}$/)
    // Lighter than the scale itself: every channel at least as high.
    const channels = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16))
    channels(cell).forEach((c, i) => expect(c).toBeGreaterThanOrEqual(channels(rampColor(0))[i]!))
  })
})

describe('legend', () => {
  it('lists every count up to ten types', () => {
    const steps = legendSteps(9)
    expect(steps.map((s) => s.value)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(steps[0]?.color).toBe('#d73027')
    expect(steps[9]?.color).toBe('#1a9850')
    expect(legendSteps(0).map((s) => s.value)).toEqual([0])
  })

  it('spreads six counts over more types, 0 and the top included', () => {
    const values = legendSteps(23).map((s) => s.value)
    expect(values).toHaveLength(6)
    expect(values[0]).toBe(0)
    expect(values[5]).toBe(23)
    expect([...values].sort((a, b) => a - b)).toEqual(values)
  })
})

describe('type colours', () => {
  it('are distinct for twelve types, then repeat', () => {
    const colours = Array.from({ length: 12 }, (_, i) => typeColor(i))
    expect(new Set(colours).size).toBe(12)
    expect(typeColor(12)).toBe(typeColor(0))
    expect(typeColor(-1)).toBe(typeColor(11))
  })
})
