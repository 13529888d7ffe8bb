// Browser tests of the resident pages (/h5/) on a 360×740 phone screen, in normal and care mode
// (长辈版), and of the grid workers and community office on the console's grid page; with an
// accessibility check (axe-core, run in the page) that fails a step on any serious or critical
// violation of WCAG 2.1 A/AA (GB/T 37668-2019) and of axe's best practices.
//
// run.mjs calls residentSteps() near the end of its run with its harness. The server under test
// must answer every endpoint the steps need (a route it lacks answers 404 without a session, where
// it would answer 401): a missing one fails the run.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const require = createRequire(path.join(root, 'web/package.json'))
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

const PHONE = { width: 360, height: 740 }
const COMMUNITY = { code: '620102001001', name: '畅家巷' }
const GRID_ONE = { code: '620102001001001', name: '第一网格' }
const GRID_TWO_NAME = '第二网格'
const GRID_THREE = { code: '620102001001003', name: '第三网格' }
const REVEAL_WORKER = { username: 'wangge3-e2e', displayName: '第三网格网格员 孙丽', phone: '13919310077', password: 'Wg3@Worker-2025!' }

/**
 * Whether the server under test answers a route of issue 11 yet: without a session, a route it
 * has answers 401 (or 403), one it lacks 404.
 */
async function hasRoute(base, route) {
  const response = await fetch(`${base}${route}`)
  return response.status !== 404
}

/**
 * Runs axe-core in the page (injected through the DevTools protocol, so the page's
 * Content-Security-Policy is not loosened) and fails on any serious or critical violation.
 * `part`: a selector to check only part of the page, or { exclude: selector } to leave one out.
 */
export async function checkAccessibility(page, what, part) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE)
  const violations = await page.evaluate(async (part) => {
    const context = typeof part === 'string' ? { include: [[part]] } : part?.exclude ? { exclude: [[part.exclude]] } : document
    const result = await window.axe.run(context, { resultTypes: ['violations'] })
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1, 3).join(' ').trim()}`),
    }))
  }, part ?? null)
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  if (serious.length) {
    const text = serious.map((v) => `${v.impact} ${v.id} (${v.help}):\n        ${v.nodes.join('\n        ')}`).join('\n      ')
    throw new Error(`accessibility of ${what}: ${serious.length} serious or critical violation(s)\n      ${text}`)
  }
  return violations
}

/** Care mode: body text ≥ 18 px everywhere on the page, every touch target ≥ 48 px high and wide. */
export async function checkCareMode(page, what) {
  const report = await page.evaluate(() => {
    const small = []
    const tiny = []
    const app = document.getElementById('app')
    const visible = (el) => {
      const r = el.getBoundingClientRect()
      const s = getComputedStyle(el)
      return r.width > 1 && r.height > 1 && r.bottom > 0 && s.visibility !== 'hidden' && s.display !== 'none'
    }
    for (const el of app.querySelectorAll('*')) {
      const text = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())
      if (text && visible(el) && parseFloat(getComputedStyle(el).fontSize) < 18) small.push(`${el.tagName.toLowerCase()}.${el.className}: ${getComputedStyle(el).fontSize} "${el.textContent.trim().slice(0, 20)}"`)
    }
    for (const el of app.querySelectorAll('a, button, select, textarea, input:not([type=radio]), label.h5-choice, [role=switch]')) {
      if (!visible(el)) continue
      const r = el.getBoundingClientRect()
      if (r.height < 48 || r.width < 48) tiny.push(`${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 20)}": ${Math.round(r.width)}×${Math.round(r.height)}`)
    }
    return { small, tiny, care: document.documentElement.classList.contains('h5-care') }
  })
  if (!report.care) throw new Error(`${what}: the page is not in care mode`)
  if (report.small.length) throw new Error(`${what}: text under 18 px in care mode:\n      ${report.small.slice(0, 8).join('\n      ')}`)
  if (report.tiny.length) throw new Error(`${what}: touch targets under 48 px in care mode:\n      ${report.tiny.slice(0, 8).join('\n      ')}`)
}

/** A phone page at 360×740 that has not scrolled sideways and uses no console UI library. */
export async function checkPhoneLayout(phone, expect, what) {
  const width = await phone.evaluate(() => document.documentElement.scrollWidth)
  expect(width <= PHONE.width, `${what}: no sideways scrolling at 360 px (content is ${width} px wide)`)
  const elementPlus = await phone.evaluate(() => document.querySelectorAll('[class^="el-"]').length)
  expect(elementPlus === 0, `${what}: the resident pages do not use the console UI library`)
}

export async function residentSteps(h) {
  const { context, page, base, step, screenshot, watch, expect, settle, consoleLogin, passwords, demoPassword, exportedFile } = h
  const routes = {
    myCommunity: await hasRoute(base, '/api/v1/me/community'),
    gridWorkers: await hasRoute(base, `/api/v1/org/units/${COMMUNITY.code}/grid-workers`),
    office: await hasRoute(base, `/api/v1/org/units/${COMMUNITY.code}/office`),
  }
  // The server under test must answer every route these steps need: a missing one fails the run
  // rather than leaving steps out.
  for (const [what, present] of Object.entries(routes)) {
    if (!present) throw new Error(`e2e: the server under test does not answer ${what}`)
  }
  const password = (user) => passwords.get(user) ?? demoPassword

  async function phoneLogin(phone, username) {
    await phone.goto(`${base}/h5/`)
    await phone.waitForURL((url) => url.pathname === '/h5/login')
    await phone.fill('[data-test=h5-username]', username)
    await phone.fill('[data-test=h5-password]', password(username))
    await phone.click('[data-test=h5-login-submit]')
    await phone.waitForURL((url) => url.pathname === '/h5/')
  }

  async function phoneLogout(phone) {
    await phone.click('[data-test=h5-tab-h5-me]')
    await phone.click('[data-test=h5-logout]')
    await phone.waitForURL((url) => url.pathname === '/h5/login')
  }

  async function withPhone(fn) {
    const phone = await context.newPage()
    watch(phone, 'h5')
    try {
      await phone.setViewportSize(PHONE)
      await fn(phone)
    } finally {
      await phone.close()
      // A step that failed half-way must not leave the next one signed in.
      await context.clearCookies()
    }
  }

  // 1. A community worker on the resident pages: 我的社区, the tabs, 即将开通, 我的, care mode.
  await step('resident pages at 360 px: tabs, 我的社区, 我的, accessible', async () => {
    await withPhone(async (phone) => {
        await phone.goto(`${base}/h5/`)
      await phone.waitForURL((url) => url.pathname === '/h5/login')
      expect((await phone.getAttribute('html', 'lang')) === 'zh-CN', 'the resident pages are in Chinese')
      await checkAccessibility(phone, 'the resident sign-in page')
      await phoneLogin(phone, 'changjiaxiang')
      await phone.locator('[data-test=h5-community-name]', { hasText: COMMUNITY.name }).waitFor()
      await settle(phone)
      const grids = await phone.textContent('[data-test=h5-grids]')
      expect(['第一网格', '第二网格', '第三网格'].every((g) => grids?.includes(g)), `the community's grids: ${grids}`)
      await phone.locator('[data-test=h5-office]').waitFor()
      const tabs = await phone.locator('[data-test=h5-tabs] a').allTextContents()
      expect(tabs.map((t) => t.trim()).join(',') === '我的社区,办事,诉求,我的', `the tabs: ${tabs}`)
      expect((await phone.getAttribute('[data-test=h5-tab-h5-home]', 'aria-current')) === 'page', 'the current tab is marked for screen readers')
      await checkPhoneLayout(phone, expect, '我的社区')
      await checkAccessibility(phone, '我的社区')
      await screenshot(phone, 'resident-360')

      // A tab whose module has not landed says so honestly (诉求: tests/e2e/requests.mjs).
      for (const [tab, title] of [['h5-services', '办事']]) {
        await phone.click(`[data-test=h5-tab-${tab}]`)
        await phone.locator('[data-test=h5-soon]', { hasText: '即将开通' }).waitFor()
        expect((await phone.textContent('[data-test=h5-title]'))?.trim() === title, `the title of ${title}`)
        await checkAccessibility(phone, `the ${title} tab`)
      }
      await screenshot(phone, 'resident-coming-soon')

      // 我的: the account, care mode, the language.
      await phone.click('[data-test=h5-tab-h5-me]')
      await phone.locator('[data-test=h5-me-name]', { hasText: '张丽' }).waitFor()
      await checkAccessibility(phone, '我的')
      // Keyboard: Tab reaches the care-mode switch and Space turns it on.
      const care = phone.locator('[data-test=h5-care-switch]')
      expect((await care.getAttribute('aria-checked')) === 'false', 'care mode starts off')
      let reached = false
      for (let i = 0; i < 20 && !reached; i++) {
        await phone.keyboard.press('Tab')
        reached = await care.evaluate((el) => el === document.activeElement)
      }
      expect(reached, 'the care-mode switch is reached with the Tab key')
      await phone.keyboard.press('Space')
      expect((await care.getAttribute('aria-checked')) === 'true', 'Space switches care mode on')
      await checkCareMode(phone, '我的 in care mode')
      await checkAccessibility(phone, '我的 in care mode')
      await screenshot(phone, 'resident-me-care')

      // Remembered on the device: after a reload, and on 我的社区.
      await phone.reload()
      await phone.locator('[data-test=h5-care-switch][aria-checked=true]').waitFor()
      await phone.click('[data-test=h5-tab-h5-home]')
      await phone.locator('[data-test=h5-community-name]', { hasText: COMMUNITY.name }).waitFor()
      await settle(phone)
      await checkPhoneLayout(phone, expect, '我的社区 in care mode')
      await checkCareMode(phone, '我的社区 in care mode')
      await checkAccessibility(phone, '我的社区 in care mode')
      await screenshot(phone, 'resident-360-care')
      await phone.click('[data-test=h5-tab-h5-services]')
      await phone.locator('[data-test=h5-soon]').waitFor()
      await checkCareMode(phone, '办事 in care mode')
      await checkAccessibility(phone, '办事 in care mode')

      // English, and back.
      await phone.click('[data-test=h5-tab-h5-me]')
      await phone.click('[data-test=h5-lang-en]')
      await phone.locator('[data-test=h5-tabs] a', { hasText: 'Community' }).waitFor()
      expect((await phone.getAttribute('html', 'lang')) === 'en', 'the page says it is in English')
      await checkAccessibility(phone, 'Me, in English and care mode')
      await phone.click('[data-test=h5-lang-zh-CN]')
      await phone.locator('[data-test=h5-tabs] a', { hasText: '我的社区' }).waitFor()

      // Care mode off again, and signed out; the sign-in page in care mode passes too.
      await phone.click('[data-test=h5-care-switch]')
      expect(!(await phone.evaluate(() => document.documentElement.classList.contains('h5-care'))), 'care mode switched off')
      await phone.click('[data-test=h5-care-toggle]')
      await phoneLogout(phone)
      await checkCareMode(phone, 'the sign-in page in care mode')
      await checkAccessibility(phone, 'the sign-in page in care mode')
      await phone.click('[data-test=h5-care-toggle]')
    })
  })

  // 2. An official chooses a community by searching a street: the street opens its communities.
  await step('resident pages: a street found opens its communities', async () => {
    await withPhone(async (phone) => {
      await phoneLogin(phone, 'admin')
      await phone.locator('[data-test=h5-chooser]').waitFor()
      await phone.fill('[data-test=h5-search]', h.street.name.slice(0, 3))
      await phone.click('[data-test=h5-search-submit]')
      await phone.locator('[data-test=h5-results] a', { hasText: h.street.name }).click()
      await phone.waitForURL((url) => url.pathname === `/h5/units/${h.street.code}`)
      await phone.locator('[data-test=h5-browse-name]', { hasText: h.street.name }).waitFor()
      await settle(phone)
      await checkPhoneLayout(phone, expect, 'the street')
      await checkAccessibility(phone, "a street's communities")
      await screenshot(phone, 'resident-street')
      await phone.locator('[data-test=h5-browse-list] button', { hasText: h.village.name }).click()
      await phone.locator('[data-test=h5-community-name]', { hasText: h.village.name }).waitFor()
      const villageGrids = await phone.textContent('[data-test=h5-grids]')
      expect(villageGrids?.includes(h.grids.renamed) && !villageGrids.includes(h.grids.retired), `the village's grids: ${villageGrids}`)
      await phoneLogout(phone)
    })
  })

  // 3. The demo resident: the office to call, their grid worker to call.
  {
    await step('the demo resident sees the office and the grid worker', async () => {
      await withPhone(async (phone) => {
        await phoneLogin(phone, 'jumin1')
        await phone.locator('[data-test=h5-community-name]', { hasText: COMMUNITY.name }).waitFor()
        const call = phone.locator('[data-test=h5-office-call]')
        expect(/^tel:\d{7,}$/.test((await call.getAttribute('href')) ?? ''), `the office phone is a tel: link: ${await call.getAttribute('href')}`)
        expect(((await phone.textContent('[data-test=h5-office-address]')) ?? '').trim().length > 0, 'the office address')
        expect(((await phone.textContent('[data-test=h5-office-hours]')) ?? '').trim().length > 0, 'the opening hours')
        expect((await phone.textContent('[data-test=h5-my-grid]'))?.includes(GRID_ONE.name), 'the resident’s grid')
        const worker = phone.locator('[data-test=h5-workers] li').first()
        expect((await worker.textContent())?.includes('赵军'), `the grid worker: ${await worker.textContent()}`)
        expect(((await worker.locator('a').getAttribute('href')) ?? '').startsWith('tel:'), 'the grid worker’s work phone is a tel: link')
        expect((await phone.locator('[data-test=h5-grids]').count()) === 0, 'a resident is not shown the grid list')
        // 身边的服务: the nearest places of each kind within 15 minutes' walk, as the server
        // finds them; the demo network says it is demo data.
        const nearby = await phone.evaluate(async () => (await fetch('/api/v1/me/nearby')).json())
        const reached = nearby.types.filter((t) => t.facilities.length > 0)
        expect(nearby.located && reached.length > 0, `the server finds services near the community: ${JSON.stringify(nearby).slice(0, 200)}`)
        const section = phone.locator('[data-test=h5-nearby]')
        await section.waitFor()
        expect((await section.getAttribute('data-demo')) === String(nearby.demo), 'the section knows whether the data is demo data')
        expect(nearby.demo === true, 'the e2e network is imported as demo data')
        expect((await phone.locator('[data-test=h5-nearby-demo]').textContent())?.includes('演示数据'), 'the demo-data notice')
        const shown = await phone.locator('[data-test=h5-nearby-types] > li').evaluateAll((lis) => lis.map((li) => li.dataset.type))
        expect(JSON.stringify(shown) === JSON.stringify(reached.map((t) => t.type)), `the kinds listed: ${shown}`)
        const first = reached[0]
        const nearest = (await phone.locator(`[data-test=h5-nearby-types] > li[data-type="${first.type}"] [data-test=h5-nearby-nearest]`).textContent()) ?? ''
        expect(nearest.includes(first.facilities[0].name || first.label) && /步行(约 \d+ 分钟|\s*1 分钟以内)/.test(nearest), `the nearest ${first.label}: ${nearest}`)
        const missing = nearby.types.filter((t) => t.facilities.length === 0)
        expect(missing.length > 0, 'the demo network lacks some kinds (print shops are rarely mapped)')
        expect((await phone.textContent('[data-test=h5-nearby-missing]'))?.includes(missing[0].label), 'the kinds with none nearby')
        await checkPhoneLayout(phone, expect, 'the resident’s 我的社区')
        await checkAccessibility(phone, 'the resident’s 我的社区')
        await screenshot(phone, 'resident-jumin1')
        await phone.click('[data-test=h5-care-toggle]')
        await checkCareMode(phone, 'the resident’s 我的社区 in care mode')
        await checkAccessibility(phone, 'the resident’s 我的社区 in care mode')
        await screenshot(phone, 'resident-jumin1-care')
        await phone.click('[data-test=h5-care-toggle]')
        await phoneLogout(phone)
      })
    })
  }

  // 4. The console's grid page: grid workers and the office, for the community worker; accessible.
  await step('grid page: grid workers, the community office, accessible', async () => {
    await consoleLogin(page, base, 'changjiaxiang')
    await page.goto(`${base}/org/unit/${COMMUNITY.code}`)
    const table = page.locator('[data-test=grid-table]')
    await table.locator('.el-table__row', { hasText: GRID_ONE.name }).waitFor()
    await page.locator('[data-test=office-card]').waitFor()
    await settle(page)
    await checkAccessibility(page, 'the grid page')
    // The grid list is a list page: sorted by a clicked header, fitting its area at 1,366 px.
    {
      const names = async () => (await table.locator('.el-table__body tr td:first-child').allTextContents()).map((n) => n.trim())
      const header = table.locator('.el-table__header th', { hasText: '网格名称' })
      await header.click()
      expect((await names()).join(',') === '第二网格,第三网格,第一网格', `grids by name (pinyin): ${await names()}`)
      await header.click()
      expect((await names()).join(',') === '第一网格,第三网格,第二网格', `grids by name, descending: ${await names()}`)
      await table.locator('.el-table__header th', { hasText: '网格员' }).click()
      expect((await names())[2] === GRID_ONE.name, `the grid with a worker comes last by number of workers: ${await names()}`)
      await table.locator('.el-table__header th', { hasText: '网格员' }).click()
      await table.locator('.el-table__header th', { hasText: '网格员' }).click()
      const fits = await table.locator('.el-scrollbar__wrap').first().evaluate((w) => w.scrollWidth <= w.clientWidth + 1)
      expect(fits, 'the grid table fits its area')
      // The grids and their workers download as workbooks.
      for (const selector of ['[data-test=grids] [data-test=list-export]', '[data-test=grid-workers-export]']) {
        const file = await exportedFile(page, selector)
        expect(file.isXlsx, `${selector}: ${file.name}, ${file.bytes.subarray(0, 4).toString('hex')}`)
      }
    }

    {
      const rowOne = table.locator('.el-table__row', { hasText: GRID_ONE.name })
      await rowOne.locator('[data-test=grid-worker]', { hasText: '赵军' }).waitFor()
      const masked = (await rowOne.locator('[data-test=grid-worker-phone]').first().textContent())?.trim()
      expect(masked === '—' || /^\d{3}\*{4}\d{4}$/.test(masked ?? ''), `the mobile is masked, or none: ${masked}`)
      await screenshot(page, 'grid-workers')

      // Assign the worker to a second grid with a work phone, then remove them again.
      const rowTwo = table.locator('.el-table__row', { hasText: GRID_TWO_NAME })
      await rowTwo.locator('[data-test=grid-worker-assign]').click()
      const dialog = page.locator('.el-dialog[data-test=assign-dialog]')
      await dialog.waitFor()
      await dialog.locator('[data-test=assign-worker]').click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: '赵军' }).click()
      await dialog.locator('[data-test=assign-work-phone]').fill('0931-8888002')
      await checkAccessibility(page, 'the assign dialog', '.el-dialog[data-test=assign-dialog]')
      await dialog.locator('[data-test=assign-save]').click()
      await rowTwo.locator('[data-test=grid-worker]', { hasText: '0931-8888002' }).waitFor()
      await rowTwo.locator('[data-test=grid-worker-remove]').click()
      await page.locator('.el-message-box__btns .el-button--primary').click()
      await rowTwo.locator('[data-test=grid-workers-none]').waitFor()

      // Revealing is for holders of auth:user:unmask only.
      const reveal = rowOne.locator('[data-test=grid-worker-reveal]')
      const me = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).json())
      const mayReveal = me.permissions?.includes('auth:user:unmask')
      expect((await reveal.count()) === (mayReveal && masked !== '—' ? 1 : 0), `查看 is offered exactly when the account may reveal a mobile on record (${mayReveal}, ${masked})`)
    }

    {
      await page.click('[data-test=office-edit]')
      const dialog = page.locator('.el-dialog[data-test=office-dialog]')
      await dialog.waitFor()
      await dialog.locator('[data-test=office-address-input]').fill('城关区酒泉路畅家巷 12 号')
      await dialog.locator('[data-test=office-phone-input]').fill('0931-8888000')
      await dialog.locator('[data-test=office-hours-input]').fill('周一至周六 8:30-12:00 14:30-18:00')
      await dialog.locator('[data-test=office-save]').click()
      await page.locator('[data-test=office-card]', { hasText: '周一至周六' }).waitFor()
    }
    await page.click('[data-test=user-menu]')
    await page.click('[data-test=logout]')
    await page.waitForURL((url) => url.pathname === '/login')
  })

  // 5. Revealing a worker's mobile with a reason, as an account that holds auth:user:unmask.
  {
    await step('grid page: a grid worker’s mobile revealed with a reason', async () => {
      await consoleLogin(page, base, 'admin')
      await page.goto(`${base}/org/unit/${COMMUNITY.code}`)
      // The page (its map's boundaries among it) loads whole before the next visit replaces it.
      await settle(page)
      // A grid worker with a mobile on record: a new account holding the role on the third grid,
      // assigned to it through the API.
      const assigned = await page.evaluate(async ({ grid, worker }) => {
        const me = await (await fetch('/api/v1/auth/me')).json()
        const headers = { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrfToken }
        const created = await fetch('/api/v1/users', {
          method: 'POST',
          headers,
          body: JSON.stringify({ ...worker, unitCode: grid, roles: [{ role: 'grid_worker', unitCode: grid }] }),
        })
        const user = await created.json()
        if (!created.ok) return `create: ${created.status} ${JSON.stringify(user)}`
        const put = await fetch(`/api/v1/org/grids/${grid}/workers/${user.id}`, { method: 'PUT', headers, body: '{}' })
        const answer = await put.text() // read whole, so that leaving the page aborts nothing
        return put.ok ? '' : `assign: ${put.status} ${answer}`
      }, { grid: GRID_THREE.code, worker: REVEAL_WORKER })
      expect(assigned === '', `the worker with a mobile: ${assigned}`)
      await page.goto(`${base}/org/unit/${COMMUNITY.code}`)
      const rowOne = page.locator('[data-test=grid-table] .el-table__row', { hasText: GRID_THREE.name })
      const worker = rowOne.locator('[data-test=grid-worker]', { hasText: REVEAL_WORKER.displayName })
      await worker.waitFor()
      expect((await worker.locator('[data-test=grid-worker-phone]').textContent())?.trim() === '139****0077', 'the mobile is masked')
      await rowOne.locator('[data-test=grid-worker-reveal]').click()
      const dialog = page.locator('.el-dialog[data-test=reveal-dialog]')
      await dialog.locator('[data-test=reveal-reason]').fill('核实第一网格走访情况')
      await dialog.locator('[data-test=reveal-confirm]').click()
      await worker.locator('[data-test=grid-worker-phone]', { hasText: '139 1931 0077' }).waitFor()
      await screenshot(page, 'grid-worker-revealed')
      await page.click('[data-test=user-menu]')
      await page.click('[data-test=logout]')
      await page.waitForURL((url) => url.pathname === '/login')
    })
  }
}
