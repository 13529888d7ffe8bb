// Browser tests of the map template (web/src/components/MapPanel.vue) on the fifteen-minute circle
// page: the base map with and without a tile server, the legend (folds from the keyboard, is
// remembered, never covers more than a quarter of the map at 1,366×768 and 360×740), places named
// in words instead of coordinates, the demonstration-data banner, and an accessibility check.
//
// run.mjs calls mapSteps() with its harness. The run's server draws over the stand-in tile server
// (`serve --map-tiles`); for the maps as most deployments see them, offline, these steps start a
// second server without tiles on a copy of the demo database made before the first one started,
// under another host name (localhost), so that the two servers' session cookies stay apart.
import { checkAccessibility } from './resident.mjs'
import { startSecondServer } from './second-server.mjs'

const STREET = { code: '620102001000', name: '酒泉路街道' }
// Named on the base map by the demo's area of its homes (data/demo/monaco-areas.geojson), without
// the committee its statistical name ends in (畅家巷社区居委会).
const COMMUNITY_NAME = '畅家巷社区'
const WIDE = { width: 1366, height: 768 }
const PHONE = { width: 360, height: 740 }
// Coordinates as the console writes them ("43.73950° N, 7.42710° E"): never the name of a place.
const COORDINATES = /^\s*-?\d+\.\d+°\s*[NS],\s*-?\d+\.\d+°\s*[EW]\s*$/

// ---- what the page shows, measured in the page ------------------------------------------------------

/** The legend's box against the map's: the share of the map it covers, both boxes' sizes. */
function legendShare(page) {
  return page.evaluate(() => {
    const map = document.querySelector('[data-test=access-map] [data-test=map-panel-map]').getBoundingClientRect()
    const legend = document.querySelector('[data-test=access-map] [data-test=map-legend]').getBoundingClientRect()
    const w = Math.min(legend.right, map.right) - Math.max(legend.left, map.left)
    const h = Math.min(legend.bottom, map.bottom) - Math.max(legend.top, map.top)
    const zoom = document.querySelector('[data-test=access-map] .leaflet-control-zoom')?.getBoundingClientRect()
    const overZoom = zoom ? Math.min(legend.right, zoom.right) > Math.max(legend.left, zoom.left) && Math.min(legend.bottom, zoom.bottom) > Math.max(legend.top, zoom.top) : false
    return {
      share: w > 0 && h > 0 ? (w * h) / (map.width * map.height) : 0,
      legend: [Math.round(legend.width), Math.round(legend.height)],
      map: [Math.round(map.width), Math.round(map.height)],
      overZoom,
    }
  })
}

/** The base map's polygons and names that lie in the map's view, and the tiles drawn. */
function baseMap(page) {
  return page.evaluate(() => {
    const el = document.querySelector('[data-test=access-map] [data-test=map-panel-map]')
    const view = el.getBoundingClientRect()
    const inView = (r) => Math.min(r.right, view.right) - Math.max(r.left, view.left) > 4 && Math.min(r.bottom, view.bottom) - Math.max(r.top, view.top) > 4
    const paths = [...el.querySelectorAll('.leaflet-base-pane path, .leaflet-areas-pane path')]
    return {
      state: el.parentElement.dataset.state,
      paths: paths.length,
      pathsInView: paths.filter((p) => inView(p.getBoundingClientRect())).length,
      labelsInView: [...el.querySelectorAll('.map-base-label')].filter((l) => inView(l.getBoundingClientRect())).map((l) => l.textContent.trim()),
      tiles: [...el.querySelectorAll('img.leaflet-tile')].map((img) => ({ src: img.src, loaded: img.complete && img.naturalWidth > 0 })),
      attribution: el.querySelector('.leaflet-control-attribution')?.textContent ?? '',
    }
  })
}

export async function mapSteps(h) {
  const { context, page, base, step, screenshot, watch, allow, expect, settle, consoleLogin, tiles } = h

  /** The circle page of the street, loaded: table, map with its residences, base map, gaps. */
  async function openCircle(p, origin) {
    const started = Date.now()
    await p.goto(`${origin}/access/circle/${STREET.code}`)
    await p.locator('[data-test=access-unit-name]', { hasText: STREET.name }).waitFor()
    await p.locator('[data-test=coverage-table] .el-table__row').first().waitFor()
    await p.locator('[data-test=access-map] :not([data-state=loading]) > [data-test=map-panel-map] canvas').first().waitFor()
    await p.locator('[data-test=access-map] .leaflet-areas-pane path').first().waitFor()
    const loaded = Date.now() - started
    await p.locator('[data-test=access-gaps][data-type]').waitFor({ timeout: 30_000 })
    await settle(p)
    return loaded
  }

  // 1. Over the configured tile server: the tiles drawn come from it, the base map's boundaries
  //    over them; an earlier siting run's sites are named by place.
  await step('the circle map over the configured tile server, sites named by place', async () => {
    allow(401, '/api/v1/auth/')
    await consoleLogin(page, base, 'admin')
    await settle(page)
    await page.setViewportSize(WIDE)
    await openCircle(page, base)
    const settings = await page.evaluate(async () => (await fetch('/api/v1/map/settings')).json())
    expect(settings.tiles?.url === `${tiles.allowed}/{z}/{x}/{y}.png`, `the server's tile setting: ${JSON.stringify(settings)}`)
    await page.waitForFunction(() => [...document.querySelectorAll('[data-test=access-map] img.leaflet-tile')].some((i) => i.complete && i.naturalWidth > 0))
    const shown = await baseMap(page)
    expect(shown.state === 'tiles', `the map draws over tiles: ${shown.state}`)
    expect(shown.tiles.length > 0 && shown.tiles.every((t) => t.src.startsWith(`${tiles.allowed}/`)), `tiles from the configured server: ${shown.tiles.slice(0, 3).map((t) => t.src).join(', ')}`)
    expect(shown.pathsInView > 0, `the base map's boundaries over the tiles: ${shown.pathsInView} of ${shown.paths}`)
    expect(shown.attribution.includes('OpenStreetMap'), `the data's attribution: ${shown.attribution}`)

    // The run of step 11, reopened: each site by the street it is on, its coordinates beside.
    await page.locator('[data-test=siting-earlier-run]').first().click()
    const places = page.locator('[data-test=siting-sites] [data-test=siting-place]')
    await places.first().waitFor()
    const named = await places.evaluateAll((els) => els.map((e) => ({ text: e.textContent.trim(), named: e.dataset.named })))
    expect(named.length === 2 && named.every((p) => p.named === 'true' && p.text && !/\d+\.\d+°/.test(p.text)), `sites named by place: ${JSON.stringify(named)}`)
    const detail = await page.locator('[data-test=siting-sites] .location').first().textContent()
    expect(/° N, .*° E/.test(detail ?? ''), `the coordinates as a detail: ${detail}`)
    // A site's popup on the map says the same.
    await page.locator('[data-test=siting-sites] .el-table__row').first().click()
    const popup = page.locator('[data-test=access-map] .leaflet-popup [data-test=map-popup-place]')
    await popup.waitFor()
    expect((await popup.textContent())?.trim() === named[0].text, `the site's popup: ${await popup.textContent()}`)
    await settle(page)
    await page.locator('[data-test=access-map]').scrollIntoViewIfNeeded()
    await screenshot(page, 'circle-map-tiles')
    await page.click('[data-test=user-menu]')
    await page.click('[data-test=logout]')
    await page.waitForURL((url) => url.pathname === '/login')
  })

  // 2. Offline, as most deployments: the base map, the demonstration banner, the legend, places,
  //    on a wide screen and a phone, and accessible.
  const server = await startSecondServer({ ...h, database: h.offline.database, network: h.offline.network, name: 'offline' })
  const offline = await context.newPage()
  watch(offline, 'offline')
  try {
    await step('the circle map offline: base map, demo banner, legend, places', async () => {
      allow(401, '/api/v1/auth/me')
      await offline.setViewportSize(WIDE)
      await offline.goto(`${server.base}/login`)
      await offline.fill('[data-test=login-username]', 'admin')
      await offline.fill('[data-test=login-password]', h.demoPassword)
      await offline.click('[data-test=login-submit]')
      await offline.waitForURL((url) => url.pathname === '/', { timeout: 15_000 })
      await settle(offline)

      const loaded = await openCircle(offline, server.base)
      // Again, as a user coming back to it.
      const again = await openCircle(offline, server.base)
      console.log(`e2e: circle page load (ms): first ${loaded}, again ${again}`)

      await offline.locator('[data-test=access-map]').scrollIntoViewIfNeeded()
      await screenshot(offline, 'circle-map-offline')
      const shown = await baseMap(offline)
      expect(shown.state === 'offline' && shown.tiles.length === 0, `no tiles without a tile server: ${shown.state}, ${shown.tiles.length}`)
      expect(shown.pathsInView > 0, `the base map is drawn in view: ${shown.pathsInView} of ${shown.paths} polygons`)
      expect(shown.labelsInView.includes(COMMUNITY_NAME), `the communities are named on the map: ${shown.labelsInView.join(', ')}`)

      // The demonstration data says so, on the map and beside the unit's name.
      const banner = offline.locator('[data-test=access-map] [data-test=map-demo-banner]')
      await banner.waitFor()
      expect((await banner.textContent())?.includes('演示数据'), `the banner: ${await banner.textContent()}`)
      await offline.locator('[data-test=access-demo-tag]', { hasText: '演示数据' }).waitFor()

      // A gap clicked on the map (the largest in view, clear of the legend and the zoom buttons):
      // named by the street it is near, its coordinates as a detail.
      await offline.locator('[data-test=access-map]').scrollIntoViewIfNeeded()
      const target = await offline.evaluate(() => {
        const root = document.querySelector('[data-test=access-map]')
        const view = root.querySelector('[data-test=map-panel-map]').getBoundingClientRect()
        const blocked = [...root.querySelectorAll('[data-test=map-legend], .leaflet-control-zoom')].map((e) => e.getBoundingClientRect())
        for (const gap of root.querySelectorAll('path.access-gap')) {
          const r = gap.getBoundingClientRect()
          const [x, y] = [r.left + r.width / 2, r.top + r.height / 2]
          if (x < view.left + 20 || x > view.right - 20 || y < view.top + 20 || y > view.bottom - 40) continue
          if (blocked.some((b) => x >= b.left && x <= b.right && y >= b.top && y <= b.bottom)) continue
          // What a click there reaches: this gap, or a facility drawn over it.
          const hit = document.elementFromPoint(x, y)
          if (hit === gap) return { x, y }
        }
        return null
      })
      expect(target, 'a gap in view that a click reaches')
      await offline.mouse.click(target.x, target.y)
      const place = offline.locator('[data-test=access-map] .leaflet-popup [data-test=map-popup-place]')
      await place.waitFor()
      const text = (await place.textContent())?.trim() ?? ''
      expect((await place.getAttribute('data-named')) === 'true' && text && !COORDINATES.test(text), `the gap's place: ${text}`)
      const detail = (await offline.locator('[data-test=access-map] .leaflet-popup .map-popup-detail').textContent())?.trim() ?? ''
      expect(COORDINATES.test(detail), `the gap's coordinates as a detail: ${detail}`)
      await offline.locator('[data-test=access-map] .leaflet-popup-close-button').click()

      // The legend: open, at most a quarter of the map, clear of the zoom buttons.
      const toggle = offline.locator('[data-test=access-map] [data-test=map-legend-toggle]')
      const open = await legendShare(offline)
      expect((await toggle.getAttribute('aria-expanded')) === 'true', 'the legend is open at first')
      expect(open.legend[0] > 100 && open.legend[1] > 100, `the open legend shows its content: ${open.legend}`)
      expect(open.share <= 0.25, `the open legend covers ${(open.share * 100).toFixed(1)} % of the ${open.map} map`)
      expect(!open.overZoom, 'the legend leaves the zoom buttons free')
      expect((await offline.locator('[data-test=access-legend-type]').count()) > 0, 'the legend lists the facility types')
      // The page and its map; the frame around it (menu, top bar) has steps of its own.
      await checkAccessibility(offline, 'the circle page with its map', '[data-test=access-circle]')

      // Folded from the keyboard, and still folded when the page comes back.
      await toggle.focus()
      await offline.keyboard.press('Enter')
      expect((await toggle.getAttribute('aria-expanded')) === 'false', 'Enter folds the legend')
      expect(!(await offline.locator('[data-test=access-map] [data-test=map-legend-body]').isVisible()), 'the folded legend hides its content')
      const folded = await legendShare(offline)
      expect(folded.share > 0 && folded.share < open.share, `the folded legend is smaller: ${folded.legend}`)
      await openCircle(offline, server.base)
      expect((await toggle.getAttribute('aria-expanded')) === 'false', 'the device remembers the folded legend')
      await screenshot(offline, 'circle-map-legend-folded')
      await toggle.focus()
      await offline.keyboard.press('Space')
      expect((await toggle.getAttribute('aria-expanded')) === 'true', 'Space unfolds it')

      // A layer switched off in the legend leaves the map.
      const gaps = () => offline.locator('[data-test=access-map] path.access-gap').count()
      expect((await gaps()) > 0, 'the gaps are drawn')
      await offline.locator('[data-test=access-legend-gaps]').click()
      expect((await gaps()) === 0, 'switched off, the gaps leave the map')
      await offline.locator('[data-test=access-legend-gaps]').click()
      expect((await gaps()) > 0, 'switched on, they come back')
    })

    await step('the circle map on a phone: the legend within a quarter of the map', async () => {
      await offline.setViewportSize(PHONE)
      await openCircle(offline, server.base)
      const toggle = offline.locator('[data-test=access-map] [data-test=map-legend-toggle]')
      await offline.locator('[data-test=access-map]').scrollIntoViewIfNeeded()
      for (const state of ['open', 'folded']) {
        const expanded = (await toggle.getAttribute('aria-expanded')) === 'true'
        expect(expanded === (state === 'open'), `the legend is ${state}`)
        const measured = await legendShare(offline)
        expect(measured.legend[0] > 0 && measured.legend[1] > 0, `the legend is shown: ${measured.legend}`)
        expect(measured.share <= 0.25, `the ${state} legend covers ${(measured.share * 100).toFixed(1)} % of the ${measured.map} map`)
        expect(!measured.overZoom, `the ${state} legend leaves the zoom buttons free`)
        await screenshot(offline, `circle-map-phone-${state}`)
        await toggle.click()
      }
      await offline.locator('[data-test=access-map] [data-test=map-demo-banner]').waitFor()
      await checkAccessibility(offline, 'the circle page on a phone', '[data-test=access-circle]')
    })
  } finally {
    await offline.close()
    await server.stop()
  }
}
