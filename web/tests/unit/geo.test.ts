// The map's data and the rule that picks what to highlight, checked against the shipped files.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { focusFor, nbsAdcode, parseCentroids, type Boundaries } from '@/map/geo'

const data = (name: string) => readFileSync(fileURLToPath(new URL(`../../../data/${name}`, import.meta.url)), 'utf8')
const cities = JSON.parse(data('gansu_cities_datav_gcj02.geojson')) as Boundaries
const counties = JSON.parse(data('gansu_counties_datav_gcj02.geojson')) as Boundaries
const centroids = parseCentroids(data('gansu_city_county_centroids.csv'))
const countyCodes = new Set(counties.features.map(nbsAdcode))
const divisions = data('gansu_divisions_nbs2022.csv')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split(','))

describe('boundary data', () => {
  it('has every city and every county of the NBS division list, but 兰州新区', () => {
    const cityCodes = new Set(cities.features.map(nbsAdcode))
    const nbsCities = divisions.filter((d) => d[2] === '2').map((d) => d[0]!.slice(0, 6))
    expect(nbsCities).toHaveLength(14)
    for (const c of nbsCities) expect(cityCodes.has(c), c).toBe(true)
    const missing = divisions
      .filter((d) => d[2] === '3')
      .map((d) => d[0]!.slice(0, 6))
      .filter((c) => !countyCodes.has(c))
    expect(missing).toEqual(['620171'])
  })

  it('has a centroid for every polygon', () => {
    expect(centroids).toHaveLength(101)
    const byCode = new Set(centroids.map((c) => c.code))
    for (const f of [...cities.features, ...counties.features]) expect(byCode.has(nbsAdcode(f)), nbsAdcode(f)).toBe(true)
    const chengguan = centroids.find((c) => c.code === '620102')
    expect(chengguan?.name).toBe('城关区')
    expect(chengguan?.lng).toBeCloseTo(103.876, 2)
    expect(chengguan?.lat).toBeCloseTo(36.074, 2)
  })

  it('uses the current code for 华亭 and 嘉峪关', () => {
    expect(countyCodes.has('620881')).toBe(true)
    expect(countyCodes.has('620824')).toBe(false)
    expect(countyCodes.has('620201')).toBe(true)
  })
})

describe('what the map highlights', () => {
  it('draws the cities for the province', () => {
    expect(focusFor('620000000000', countyCodes)).toEqual({ layer: 'cities', cityPrefix: null, highlight: null, enclosing: false })
  })
  it('highlights a city among its counties', () => {
    expect(focusFor('620100000000', countyCodes)).toEqual({ layer: 'counties', cityPrefix: '6201', highlight: '620100', enclosing: false })
  })
  it('highlights a county', () => {
    expect(focusFor('620102000000', countyCodes)).toMatchObject({ highlight: '620102', enclosing: false })
    expect(focusFor('620881000000', countyCodes)).toMatchObject({ cityPrefix: '6208', highlight: '620881' })
  })
  it('highlights the enclosing county of a township, village or grid', () => {
    expect(focusFor('620102001000', countyCodes)).toMatchObject({ highlight: '620102', enclosing: true })
    expect(focusFor('620102001001', countyCodes)).toMatchObject({ highlight: '620102', enclosing: true })
    expect(focusFor('620102001001001', countyCodes)).toMatchObject({ highlight: '620102', enclosing: true })
    expect(focusFor('620201001001', countyCodes)).toMatchObject({ highlight: '620201', enclosing: true })
  })
  it('falls back to the city where a county has no polygon', () => {
    expect(focusFor('620171000000', countyCodes)).toMatchObject({ highlight: '620100', enclosing: true })
  })
})
