// The map template's logic: datums, the tile setting, the legend's size and memory, places in
// words, and what the base map draws around a unit.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Polygon } from 'geojson'
import { areaPlan, basePlan, mapLabel, type UnitArea } from '@/map/base'
import { layOn, parseAreas, type LaidOn } from '@/map/areas'
import { convertGeometry, gcj02ToWgs84, outsideChina, wgs84ToGcj02 } from '@/map/datum'
import { nbsAdcode, type Boundaries } from '@/map/geo'
import {
  LEGEND_CLEAR_LEFT,
  LEGEND_MARGIN,
  coveredShare,
  legendFolded,
  legendMaxHeight,
  legendMaxWidth,
  rememberLegendFolded,
} from '@/map/legend'
import { discMask, mercator, nearestDot, parseColor, projectCounted, projectGroups, stampDots } from '@/map/dots'
import { labelWidth, spreadLabels } from '@/map/labels'
import { formatCoordinates, placeLabel } from '@/map/place'
import { displayDatum, forgetTileSetup, loadTileSetup, tileSetup } from '@/map/tiles'
import { i18n } from '@/locales'
import { configureClient } from '@/utils/request'
import { MemoryStorage, errorBody, startServer, type TestServer } from './helpers'

const data = (name: string) => readFileSync(fileURLToPath(new URL(`../../../data/${name}`, import.meta.url)), 'utf8')

describe('datums', () => {
  // The centroid file gives each point in both datums (converted by the data's authors, 1–2 m).
  const rows = data('gansu_city_county_centroids.csv').trim().split('\n')
  const header = rows[0]!.split(',')
  const col = (name: string) => header.indexOf(name)
  const points = rows.slice(1).map((line) => line.split(',').map((v, i) => (i >= col('seat_lng_gcj02') ? Number(v) : v)))

  it('takes GCJ-02 to WGS-84 as the data file does, within two metres', () => {
    expect(points).toHaveLength(101)
    for (const p of points) {
      const [lng, lat] = gcj02ToWgs84(p[col('centroid_lng_gcj02')] as number, p[col('centroid_lat_gcj02')] as number)
      expect(Math.abs(lng - (p[col('centroid_lng_wgs84')] as number))).toBeLessThan(2e-5)
      expect(Math.abs(lat - (p[col('centroid_lat_wgs84')] as number))).toBeLessThan(2e-5)
    }
  })

  it('moves points in Gansu by a few hundred metres, and back exactly', () => {
    const [lng, lat] = wgs84ToGcj02(103.8386, 36.0495) // 城关区's seat
    const metres = Math.hypot((lng - 103.8386) * 111_320 * Math.cos((36.05 * Math.PI) / 180), (lat - 36.0495) * 110_540)
    expect(metres).toBeGreaterThan(100)
    expect(metres).toBeLessThan(1000)
    const [backLng, backLat] = gcj02ToWgs84(lng, lat)
    expect(backLng).toBeCloseTo(103.8386, 8)
    expect(backLat).toBeCloseTo(36.0495, 8)
  })

  it('leaves points outside China as they are (the demo network lies in Monaco)', () => {
    expect(outsideChina(7.42, 43.73)).toBe(true)
    expect(wgs84ToGcj02(7.42, 43.73)).toEqual([7.42, 43.73])
    expect(gcj02ToWgs84(7.42, 43.73)).toEqual([7.42, 43.73])
  })

  it('converts every position of a polygon into a new geometry', () => {
    const square: Polygon = { type: 'Polygon', coordinates: [[[103.8, 36.0], [103.9, 36.0], [103.9, 36.1], [103.8, 36.0]]] }
    const moved = convertGeometry(square, 'gcj02', 'wgs84')
    expect(moved).not.toBe(square)
    expect(square.coordinates[0]![0]).toEqual([103.8, 36.0])
    expect(moved.coordinates[0]).toHaveLength(4)
    expect(moved.coordinates[0]![1]).toEqual(gcj02ToWgs84(103.9, 36.0))
    expect(convertGeometry(square, 'wgs84', 'wgs84')).toBe(square)
  })
})

describe('the tile setting', () => {
  const tiles = { url: 'https://tiles.example.org/{z}/{x}/{y}.png', attribution: '© 天地图 <GS(2024)1234号>', datum: 'wgs84', maxZoom: 18 }

  it('draws offline without a tile server', () => {
    expect(tileSetup({ tiles: null })).toBeNull()
    expect(tileSetup(null)).toBeNull()
    expect(displayDatum(null)).toBe('wgs84')
  })

  it('draws the tiles the server names, its attribution as text', () => {
    const setup = tileSetup({ tiles })
    expect(setup).toEqual({
      url: tiles.url,
      attribution: '© 天地图 &lt;GS(2024)1234号&gt;',
      maxNativeZoom: 18,
      datum: 'wgs84',
    })
    expect(displayDatum(tileSetup({ tiles: { ...tiles, datum: 'gcj02' } }))).toBe('gcj02')
  })

  it('refuses a setting it could only draw wrongly', () => {
    expect(tileSetup({ tiles: { ...tiles, url: 'https://tiles.example.org/{z}/{x}.png' } })).toBeNull()
    expect(tileSetup({ tiles: { ...tiles, url: 'ftp://tiles.example.org/{z}/{x}/{y}.png' } })).toBeNull()
    expect(tileSetup({ tiles: { ...tiles, datum: 'bd09' } })).toBeNull()
  })

  it('keeps the deepest zoom within the map’s', () => {
    expect(tileSetup({ tiles: { ...tiles, maxZoom: 22 } })?.maxNativeZoom).toBe(19)
    expect(tileSetup({ tiles: { ...tiles, maxZoom: 0 } })?.maxNativeZoom).toBe(1)
  })

  describe('read from the server', () => {
    let server: TestServer
    beforeAll(async () => {
      server = await startServer()
    })
    afterAll(() => server.close())
    beforeEach(() => {
      server.seen.length = 0
      forgetTileSetup()
      configureClient({ baseUrl: server.url, language: 'zh-CN', hooks: {} })
    })

    it('asks once for every map of the page', async () => {
      server.handle(() => ({ status: 200, body: { tiles } }))
      const [a, b] = await Promise.all([loadTileSetup(), loadTileSetup()])
      expect(a?.url).toBe(tiles.url)
      expect(b).toBe(a)
      expect(await loadTileSetup()).toBe(a)
      expect(server.seen.map((s) => s.url)).toEqual(['/api/v1/map/settings'])
    })

    it('draws offline when the setting cannot be read, and asks again for the next map', async () => {
      server.handle(() => ({ status: 503, body: errorBody('unavailable', '服务暂不可用') }))
      expect(await loadTileSetup()).toBeNull()
      server.handle(() => ({ status: 200, body: { tiles: null } }))
      expect(await loadTileSetup()).toBeNull()
      expect(server.seen).toHaveLength(2)
    })
  })
})

describe('the legend', () => {
  beforeEach(() => {
    globalThis.localStorage = new MemoryStorage()
  })

  // The maps of the circle page at 1,366×768 and on a 360×740 phone.
  const maps = [
    { width: 720, height: 520 },
    { width: 318, height: 520 },
    { width: 200, height: 150 },
  ]

  it('covers at most a quarter of the map, whatever its width', () => {
    for (const map of maps) {
      const maxWidth = legendMaxWidth(map)
      // Clear of the zoom buttons on the left.
      expect(maxWidth).toBeLessThanOrEqual(map.width - 2 * LEGEND_MARGIN - LEGEND_CLEAR_LEFT)
      for (const width of [60, 120, maxWidth]) {
        const height = legendMaxHeight(map, width)
        expect(height).toBeGreaterThan(0)
        expect(height).toBeLessThanOrEqual(map.height - 2 * LEGEND_MARGIN)
        const share = coveredShare({ left: 10, top: 10, width, height }, { left: 0, top: 0, ...map })
        expect(share, `${width}×${height} on ${map.width}×${map.height}`).toBeLessThanOrEqual(0.25)
      }
    }
  })

  it('lets a narrow legend grow taller, up to the map less its margins', () => {
    const map = { width: 720, height: 520 }
    expect(legendMaxHeight(map, 300)).toBe(312)
    expect(legendMaxHeight(map, 100)).toBe(500)
    expect(legendMaxHeight({ width: 0, height: 520 }, 100)).toBe(0)
  })

  it('measures the part of the legend that lies on the map', () => {
    const map = { left: 100, top: 100, width: 400, height: 200 }
    expect(coveredShare({ left: 100, top: 100, width: 200, height: 100 }, map)).toBe(0.25)
    expect(coveredShare({ left: 400, top: 250, width: 200, height: 100 }, map)).toBeCloseTo(0.0625)
    expect(coveredShare({ left: 0, top: 0, width: 50, height: 50 }, map)).toBe(0)
  })

  it('is open until folded, and the device remembers it per map', () => {
    expect(legendFolded('access.circle')).toBe(false)
    rememberLegendFolded('access.circle', true)
    expect(legendFolded('access.circle')).toBe(true)
    expect(legendFolded('org.units')).toBe(false)
    expect(localStorage.getItem('shequ.map.legend.access.circle')).toBe('folded')
    rememberLegendFolded('access.circle', false)
    expect(legendFolded('access.circle')).toBe(false)
  })
})

describe('places', () => {
  it('names a place by the server’s words, coordinates as the detail', () => {
    expect(placeLabel('Boulevard des Moulins 附近', 43.7395, 7.4271)).toEqual({
      primary: 'Boulevard des Moulins 附近',
      secondary: '43.73950° N, 7.42710° E',
      named: true,
    })
  })

  it('falls back to the coordinates when the server found no name', () => {
    for (const place of [null, undefined, '', '  ']) {
      expect(placeLabel(place, 36.0612, 103.8345)).toEqual({ primary: '36.06120° N, 103.83450° E', secondary: null, named: false })
    }
  })

  it('writes the hemisphere, not a sign', () => {
    expect(formatCoordinates(-33.8688, -151.2093)).toBe('33.86880° S, 151.20930° W')
    expect(formatCoordinates(Number.NaN, 1)).toBe('')
  })
})

describe('the base map', () => {
  const cities = JSON.parse(data('gansu_cities_datav_gcj02.geojson')) as Boundaries
  const counties = JSON.parse(data('gansu_counties_datav_gcj02.geojson')) as Boundaries
  const roles = (code: string) => {
    const plan = basePlan(code, cities, counties)
    const of = (role: string) => plan.parts.filter((p) => p.role === role).map((p) => nbsAdcode(p.feature))
    return { plan, focus: of('focus'), member: of('member'), outline: of('outline'), context: of('context') }
  }

  it('shows the province as its cities', () => {
    const { plan, member, focus } = roles('620000000000')
    expect(member).toHaveLength(14)
    expect(focus).toEqual([])
    expect(plan.frame).toHaveLength(14)
    expect(plan.parts.every((p) => p.labelled)).toBe(true)
  })

  it('shows a street inside its county, among the city’s other counties and the other cities', () => {
    const { plan, focus, member, outline, context } = roles('620102001000')
    expect(focus).toEqual(['620102'])
    expect(member).toHaveLength(7) // 兰州市 has eight counties
    expect(member.every((c) => c.startsWith('6201'))).toBe(true)
    expect(outline).toEqual(['620100'])
    expect(context).toHaveLength(13)
    expect(plan.enclosingName).toBe('城关区')
    expect(plan.frame.map(nbsAdcode)).toEqual(['620102'])
    expect(plan.frameClose).toBe(true)
    // Drawn from the context up: the unit's own edge is not hidden by its neighbours'.
    const order = plan.parts.map((p) => p.role)
    expect(order.indexOf('focus')).toBeGreaterThan(order.lastIndexOf('context'))
  })

  it('shows a city as itself around its counties, and 兰州新区 as its city', () => {
    const city = roles('620100000000')
    expect(city.focus).toEqual(['620100'])
    expect(city.member).toHaveLength(8)
    expect(city.plan.enclosingName).toBeNull()
    const newArea = roles('620171000000')
    expect(newArea.focus).toEqual(['620100'])
    expect(newArea.plan.enclosingName).toBe('兰州市')
  })

  const band = (code: string, west: number): UnitArea => ({
    type: 'Feature',
    properties: { code },
    geometry: { type: 'Polygon', coordinates: [[[west, 43.7], [west + 0.01, 43.7], [west + 0.01, 43.8], [west, 43.7]]] },
  })
  const areas = ['620102001001', '620102001002', '620102001003', '620102002001'].map((c, i) => band(c, 7.4 + i / 100))

  it('draws the areas below a street, and a community among its neighbours', () => {
    expect(areaPlan('620102001000', areas).map((p) => [p.area.properties.code, p.role])).toEqual([
      ['620102001001', 'member'],
      ['620102001002', 'member'],
      ['620102001003', 'member'],
    ])
    expect(areaPlan('620102001002', areas).map((p) => [p.area.properties.code, p.role])).toEqual([
      ['620102001001', 'context'],
      ['620102001003', 'context'],
      ['620102001002', 'focus'],
    ])
    expect(areaPlan('620102000000', areas)).toHaveLength(4)
    expect(areaPlan('620103000000', areas)).toEqual([])
  })

  it('reads the demonstration’s areas: every band named by a community of 酒泉路街道', () => {
    const demo = parseAreas(JSON.parse(data('demo/monaco-areas.geojson')))
    expect(demo.map((a) => a.properties.code)).toEqual(['620102001001', '620102001002', '620102001003', '620102001004', '620102001005'])
    expect(areaPlan('620102001000', demo).every((p) => p.role === 'member')).toBe(true)
    expect(parseAreas({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [0, 0] } }] })).toEqual([])
  })

  it('lays the demonstration’s bands where the import lays the streets, at their width on the ground', () => {
    const file = JSON.parse(data('demo/monaco-areas.geojson')) as { laidOn: LaidOn }
    expect(file.laidOn).toEqual({ from: [7.4, 43.73], to: [103.835, 36.0608] })
    const before = parseAreas(JSON.parse(data('demo/monaco-areas.geojson')))
    const laid = layOn(before, file.laidOn)
    const corners = (a: UnitArea) => (a.geometry as Polygon).coordinates[0]!
    // Every corner in Gansu; the point `from` of 畅家巷's band lands on `to`, among the demo grids.
    for (const area of laid) for (const [lon = 0, lat = 0] of corners(area)) expect(lon > 92 && lon < 109 && lat > 32 && lat < 43).toBe(true)
    const [first] = laid
    const xs = corners(first!).map(([lon]) => lon!)
    expect(Math.min(...xs) < 103.835 && 103.835 < Math.max(...xs)).toBe(true)
    // A band's width in metres, before and after: the same to 0.1 %.
    const width = (a: UnitArea) => {
      const [[west, lat], [east]] = corners(a) as [number[], number[]]
      return (east! - west!) * Math.cos((lat! * Math.PI) / 180) * 111_320
    }
    before.forEach((band, i) => expect(Math.abs(width(laid[i]!) / width(band) - 1)).toBeLessThan(1e-3))
    expect(corners(laid[0]!)[0]![1]).toBeCloseTo(43.68 - 43.73 + 36.0608, 9)
  })
})

describe('names on the map', () => {
  it('leaves out the committee a unit’s statistical name ends in', () => {
    expect(mapLabel('畅家巷社区居委会')).toBe('畅家巷社区')
    expect(mapLabel('红沟村民委员会')).toBe('红沟村')
    expect(mapLabel('某某社区居民委员会')).toBe('某某社区')
    expect(mapLabel('忠和村委会')).toBe('忠和村')
    expect(mapLabel('城关区')).toBe('城关区')
    expect(mapLabel('居委会')).toBe('居委会')
  })
})

describe('names that would overlap', () => {
  const box = (x: number, y = 100) => ({ x, y, width: 60, height: 18 })

  it('stay where they are when they do not', () => {
    expect(spreadLabels([box(0), box(100), box(200)])).toEqual([0, 0, 0])
  })

  it('move up and down by whole label heights, the first in order staying put', () => {
    // Five names 30 px apart, as the demo's narrow communities side by side.
    const shifts = spreadLabels([box(0), box(30), box(60), box(90), box(120)])
    expect(shifts[0]).toBe(0)
    expect(shifts[1]).toBe(20)
    expect(shifts[2]).toBe(-20)
    const moved = [0, 30, 60, 90, 120].map((x, i) => ({ ...box(x), y: 100 + shifts[i]! }))
    for (let i = 0; i < moved.length; i++) {
      for (let j = i + 1; j < moved.length; j++) {
        const [a, b] = [moved[i]!, moved[j]!]
        const apart = Math.abs(a.x - b.x) >= 60 || Math.abs(a.y - b.y) >= 18
        expect(apart, `${i} and ${j}`).toBe(true)
      }
    }
  })

  it('measures a name by its characters, without the page', () => {
    expect(labelWidth('畅家巷社区')).toBe(5 * 12 + 8)
    expect(labelWidth('308 处')).toBe(Math.ceil(4 * 7.2 + 12 + 8))
  })

  it('gives up after a few tries rather than wander off', () => {
    const crowd = Array.from({ length: 10 }, () => box(0))
    const shifts = spreadLabels(crowd, 2, 2)
    expect(shifts.slice(0, 5)).toEqual([0, 20, -20, 40, -40])
    expect(shifts.slice(5)).toEqual([0, 0, 0, 0, 0])
  })
})

describe('many dots on one canvas', () => {
  const blank = (width: number, height: number) => ({ width, height, data: new Uint8ClampedArray(width * height * 4) })
  const at = (img: ReturnType<typeof blank>, x: number, y: number) => [...img.data.slice((y * img.width + x) * 4, (y * img.width + x) * 4 + 4)]

  it('stamps a round dot of the colour and opacity asked, smooth at its edge', () => {
    const mask = discMask(3)
    expect(mask.size).toBe(6)
    expect(mask.coverage[0]).toBe(0) // a corner lies outside the disc
    expect(mask.coverage[2 * 6 + 2]).toBe(1)
    const img = blank(20, 20)
    // One dot at pixel (10, 10): x = 10 / scale with scale 100 and no offset.
    stampDots(img, new Float64Array([0.1, 0.1]), 100, 0, 0, mask, parseColor('#d73027'), 0.85)
    expect(at(img, 10, 10)).toEqual([215, 48, 39, Math.round(0.85 * 255)])
    expect(at(img, 0, 0)).toEqual([0, 0, 0, 0])
    expect(at(img, 7, 7)[3]).toBe(0)
  })

  it('paints a later dot over an earlier one, and leaves out those off the canvas', () => {
    const mask = discMask(3)
    const img = blank(20, 20)
    stampDots(img, new Float64Array([0.1, 0.1, 5, 5, -1, 0.1]), 100, 0, 0, mask, parseColor('#1a9850'), 0.85)
    stampDots(img, new Float64Array([0.1, 0.1]), 100, 0, 0, mask, parseColor('#d73027'), 0.85)
    const [r, g, , a] = at(img, 10, 10)
    expect(r).toBeGreaterThan(180) // mostly red, a little green through it
    expect(g).toBeGreaterThan(48)
    expect(a).toBeGreaterThan(Math.round(0.85 * 255))
  })

  it('reads the palette’s colours', () => {
    expect(parseColor('#1a9850')).toEqual([26, 152, 80])
    expect(parseColor('nonsense')).toEqual([0, 0, 0])
  })

  it('projects as Leaflet does (Web Mercator, 256 pixels at zoom 0)', () => {
    expect(mercator(0, 0)).toEqual([0.5, 0.5])
    expect(mercator(0, -180)[0]).toBe(0)
    // Leaflet: L.CRS.EPSG3857.latLngToPoint([43.7384, 7.4246], 15) = (2.15725e6, 1.49555e6) roughly.
    const [x, y] = mercator(43.7384, 7.4246)
    const scale = 256 * 2 ** 15
    expect(x * scale).toBeCloseTo(((7.4246 + 180) / 360) * scale, 6)
    const phi = (43.7384 * Math.PI) / 180
    expect(y * scale).toBeCloseTo(scale / 2 - (scale / (2 * Math.PI)) * Math.log(Math.tan(Math.PI / 4 + phi / 2)), 4)
    expect(mercator(90, 0)[1]).toBeCloseTo(0, 6)
  })

  it('groups the points by their third number, each projected after the datum conversion', () => {
    // [lat, lon, types reached]; 5 is out of range (3 groups) and counts as the last group.
    const points = [
      [43.73, 7.42, 2],
      [43.74, 7.41, 0],
      [43.75, 7.43, 2],
      [43.76, 7.44, 5],
    ]
    const shifted: [number, number][] = []
    const groups = projectGroups(points, 3, (lat, lon) => {
      shifted.push([lat, lon])
      return [lat + 1, lon + 2]
    })
    expect(shifted).toHaveLength(4)
    expect(groups.map((g) => g.length)).toEqual([2, 0, 6])
    const projected = (lat: number, lon: number) => mercator(lat + 1, lon + 2)
    expect([...groups[0]!]).toEqual(projected(43.74, 7.41))
    expect([...groups[2]!]).toEqual([...projected(43.73, 7.42), ...projected(43.75, 7.43), ...projected(43.76, 7.44)])
  })

  it('reads the group of homes with a count of people as of any other home', () => {
    // [lat, lon, types reached, people]: a household of 3, a building of the map (0).
    const groups = projectGroups([[43.73, 7.42, 1, 3], [43.74, 7.41, 0, 0]], 2, (lat, lon) => [lat, lon])
    expect([...groups[0]!]).toEqual(mercator(43.74, 7.41))
    expect([...groups[1]!]).toEqual(mercator(43.73, 7.42))
  })

  it('finds the household a click lands on, with how many live there, and no building', () => {
    const points = [
      [43.73, 7.42, 1, 0],
      [43.74, 7.41, 0, 3],
      [43.75, 7.43, 2, 0],
      [43.76, 7.44, 5, 1],
    ]
    const counted = projectCounted(points, (lat, lon) => [lat + 1, lon + 2])
    expect([...counted.count]).toEqual([3, 1])
    expect([...counted.index]).toEqual([1, 3])
    expect([...counted.xy]).toEqual([...mercator(44.74, 9.41), ...mercator(44.76, 9.44)])
    // At zoom 17 a pixel is 1 / (256 · 2^17) of the square: a click 4 px off the dot finds it,
    // one 20 px off does not; a building under the click is never a household.
    const scale = 256 * 2 ** 17
    const [x, y] = mercator(44.74, 9.41)
    expect(nearestDot(counted.xy, x + 4 / scale, y, 6 / scale)).toBe(0)
    expect(nearestDot(counted.xy, x + 20 / scale, y, 6 / scale)).toBe(-1)
    const [bx, by] = mercator(44.73, 9.42)
    expect(nearestDot(counted.xy, bx, by, 6 / scale)).toBe(-1)
    expect(nearestDot(new Float64Array(0), x, y, 1)).toBe(-1)
    // What the popup of the first says: the count, nothing else.
    const popup = (locale: 'zh-CN' | 'en') => i18n.global.t('access.householdPopup', { n: counted.count[0] }, { locale })
    expect(popup('zh-CN')).toBe('登记住户：3 人')
    expect(popup('en')).toBe('Registered household of 3')
  })

  it('paints a dot over empty pixels as over painted ones (the shortcut for empty pixels agrees)', () => {
    const mask = discMask(3)
    const empty = blank(20, 20)
    stampDots(empty, new Float64Array([0.1, 0.1]), 100, 0, 0, mask, parseColor('#d73027'), 0.85)
    // Over a fully transparent but "painted" pixel the general formula gives the same colour.
    const faint = blank(20, 20)
    for (let i = 3; i < faint.data.length; i += 4) faint.data[i] = 1
    stampDots(faint, new Float64Array([0.1, 0.1]), 100, 0, 0, mask, parseColor('#d73027'), 0.85)
    for (const [x, y] of [[10, 10], [8, 10], [10, 12]] as const) {
      at(empty, x, y).forEach((v, i) => expect(Math.abs(v - at(faint, x, y)[i]!)).toBeLessThanOrEqual(1))
    }
    expect(at(empty, 10, 10)).toEqual([215, 48, 39, Math.round(0.85 * 255)])
  })
})
