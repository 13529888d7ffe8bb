// Browser tests of the facility registry's pages (web/src/views/facility), as the demo community
// worker of 畅家巷社区 uses them: register a facility with the form (a field the server refuses
// first, then corrected, nothing typed lost), read its standards on the detail page, change it and
// read its history; import a small CSV with a bad row (its line and reason shown, nothing
// registered), then a good one (its rows in the list, filtered, sorted, exported); enter the
// community's base figures, change them and read their history, and see the standard that needs
// the households pass. Register an emergency shelter (its capacity asked for at the field first)
// and see it on the shelter assignment page. A grid worker is offered none of these pages.
//
// run.mjs calls facilitySteps() with its harness.
const COMMUNITY = { code: '620102001001', name: '畅家巷社区居委会' }
const FACILITY = { name: '畅家巷社区综合服务中心', renamed: '畅家巷社区党群服务中心' }
// An emergency shelter of 畅家巷社区 registered 3 km south of the demo's streets (Monaco's, laid on
// 酒泉路街道): not on the walking network, it takes nobody — what the shelter page must say — while
// a second one, where the full demo registers the community's (src/readiness/module.cpp), on the
// streets, takes the community's households within its walk.
const SHELTER = { name: '畅家巷社区应急避难场所', lat: 36.0300, lon: 103.8347, capacity: 200 }
const ON_STREETS = { name: '畅家巷小学操场应急避难场所', lat: 36.0626, lon: 103.83366, capacity: 900 }
const PHONE = { width: 360, height: 740 }
const HEADER = '单位代码,设施类型,名称,总建筑面积,居民活动区域面积,办公区域面积,商业和服务区域面积,占地面积,周一,周二,周三,周四,周五,周六,周日,服务项目,纬度,经度,状态,启用日期,停用日期,可容纳人数'
const WEEKDAYS = '08:00-18:00,08:00-18:00,08:00-18:00,08:00-18:00,08:00-18:00'
const CANTEEN = `${COMMUNITY.code},老年餐桌（助餐点）,畅家巷老年餐桌,120,80,10,10,,${WEEKDAYS},,,老年助餐,,,运营,2025-01-01,,`
const FITNESS = `${COMMUNITY.code},健身场地,畅家巷健身广场,60,50,0,0,300,${WEEKDAYS},06:00-22:00,06:00-22:00,文化体育,,,运营,2023-06-01,,`
// Line 3: a kind the catalogue does not have and a Monday that is not a range.
const BAD_ROW = `${COMMUNITY.code},无此类型,坏行,50,20,10,10,,25:00-26:00,,,,,,,,,,运营,2025-01-01,,`

function csv(...rows) {
  return Buffer.from(`${[HEADER, ...rows].join('\n')}\n`, 'utf8')
}

export async function facilitySteps(h) {
  const { page, base, step, screenshot, allow, expect, settle, consoleLogin, signOut, exportedFile } = h

  /** Opens a page of the 社区服务 group from the side menu. */
  async function openMenu(title) {
    const item = page.locator('[data-test=side-menu] .el-menu-item', { hasText: title })
    if (!(await item.isVisible())) await page.locator('[data-test=side-menu] .el-sub-menu__title', { hasText: '社区服务' }).click()
    await item.click()
  }

  async function choose(selectLocator, option) {
    await selectLocator.click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click()
  }

  /** Types a number into an Element Plus number box (applied when it loses focus). */
  async function number(scope, field, value) {
    const input = scope.locator(`[data-field=${field}] input`)
    await input.fill(String(value))
    await input.press('Tab')
  }

  async function fieldError(scope, field) {
    const error = scope.locator(`[data-field="${field}"] .el-form-item__error`)
    await error.waitFor()
    return (await error.textContent())?.trim() ?? ''
  }

  /** The result and the value shown for one standard on the detail page. */
  async function standard(key) {
    const tag = page.locator(`[data-test=facility-standard][data-key=${key}]`)
    await tag.waitFor()
    return {
      result: await tag.getAttribute('data-result'),
      value: (await page.locator(`[data-test=facility-standard-value][data-key=${key}]`).textContent())?.trim(),
      row: (await tag.locator('xpath=ancestor::tr').textContent()) ?? '',
    }
  }

  let detailPath = ''

  await step('facility: register one with the form, a refused field first', async () => {
    await signOut()
    await consoleLogin(page, base, 'changjiaxiang')
    await openMenu('设施列表')
    await page.waitForURL((url) => url.pathname === '/facility/list')
    // Nothing is registered in the demo yet: the list says so.
    await page.locator('[data-test=facility-list] .el-empty', { hasText: '尚未登记服务设施' }).waitFor()
    await page.click('[data-test=facility-create]')
    await page.waitForURL((url) => url.pathname === '/facility/list/new')
    const form = page.locator('[data-test=facility-form]')
    // A new facility belongs to the working unit, shown with its path.
    await form.locator('[data-field=unitCode]', { hasText: COMMUNITY.name.slice(0, 3) }).waitFor()
    await choose(form.locator('[data-field=type] .el-select__wrapper'), '社区综合服务设施')
    await page.fill('[data-test=facility-name-input]', FACILITY.name)
    const opened = form.locator('[data-field=openedOn] input')
    await opened.fill('2024-05-01')
    await opened.press('Enter')
    await number(form, 'floorArea', 800)
    // More activity area than floor area: the server refuses it at its field.
    await number(form, 'activityArea', 900)
    await number(form, 'officeArea', 100)
    await number(form, 'serviceArea', 50)
    await page.fill('[data-test=facility-hours-mon]', '8:00-12:00 14:00-18:00')
    await page.click('[data-test=facility-copy-weekdays]')
    expect((await page.inputValue('[data-test=facility-hours-fri]')) === '8:00-12:00 14:00-18:00', 'Monday copied to Friday')
    await page.fill('[data-test=facility-hours-sat]', '09:00-17:00')
    for (const service of ['老年助餐', '卫生健康', '文化体育']) await form.locator('.el-checkbox', { hasText: service }).click()
    await number(form, 'lat', 36.0611)
    await number(form, 'lon', 103.8343)
    allow(400, '/api/v1/facilities')
    await page.click('[data-test=facility-save]')
    const reason = await fieldError(form, 'activityArea')
    expect(reason.includes('不能大于总建筑面积'), `the reason at the activity area: ${reason}`)
    await page.locator('[data-test=facility-form-error]').waitFor()
    // Nothing typed is lost.
    expect((await page.inputValue('[data-test=facility-name-input]')) === FACILITY.name, 'the name is kept')
    expect((await page.inputValue('[data-test=facility-hours-sat]')) === '09:00-17:00', 'the hours are kept')
    expect((await form.locator('[data-field=lat] input').inputValue()).startsWith('36.0611'), 'the location is kept')
    await screenshot(page, 'facility-form-error')
    await number(form, 'activityArea', 560)
    await page.click('[data-test=facility-save]')
    await page.waitForURL((url) => /^\/facility\/list\/\d+$/.test(url.pathname))
    detailPath = new URL(page.url()).pathname
    await page.locator('[data-test=facility-detail-name]', { hasText: FACILITY.name }).waitFor()
  })

  await step('facility: the detail page shows the standards with their numbers', async () => {
    await page.goto(`${base}${detailPath}`)
    await page.locator('[data-test=facility-detail-name]', { hasText: FACILITY.name }).waitFor()
    const activity = await standard('activityShare')
    expect(activity.result === 'pass' && activity.value === '70 %', `activity area 560 of 800 m²: ${JSON.stringify(activity)}`)
    // Closed on Sunday: the shortest day is 0 h, and the note names it.
    const hours = await standard('openHours')
    expect(hours.result === 'fail' && hours.value === '0 h' && hours.row.includes('周日'), `open hours: ${JSON.stringify(hours)}`)
    // No households entered yet for the community.
    const households = await standard('areaPer100Households')
    expect(households.result === 'no_data' && households.row.includes('缺少数据'), `area per 100 households: ${JSON.stringify(households)}`)
    // The menu shows where the page belongs.
    expect((await page.locator('[data-test=side-menu] .el-menu-item.is-active').textContent())?.includes('设施列表'), 'the list is the active menu entry')
    const sunday = await page.textContent('[data-test=facility-hours-day][data-day=sun]')
    expect(sunday?.trim() === '不开放', `Sunday: ${sunday}`)
    const monday = await page.textContent('[data-test=facility-hours-day][data-day=mon]')
    expect(monday?.trim() === '08:00-12:00, 14:00-18:00', `Monday: ${monday}`)
    const services = await page.textContent('[data-test=facility-services]')
    expect(services?.includes('老年助餐') && services.includes('文化体育'), `services: ${services}`)
    // Its unit with its path, and its place on the map.
    const unit = await page.locator('[data-test=facility-fields] [data-test=unit-label]').textContent()
    expect(unit?.includes('酒泉路街道') && unit.includes(COMMUNITY.name), `the unit with its path: ${unit}`)
    await page.locator('[data-test=map-panel-facility\\.detail] path.leaflet-interactive').first().waitFor()
    await page.locator('[data-test=map-panel-facility\\.detail] .leaflet-tooltip', { hasText: FACILITY.name }).waitFor()
    await settle(page)
    await screenshot(page, 'facility-detail')
  })

  await step('facility: change it and read the history', async () => {
    await page.click('[data-test=facility-detail-edit]')
    await page.waitForURL((url) => url.pathname === `${detailPath}/edit`)
    const form = page.locator('[data-test=facility-form]')
    await page.locator('[data-test=facility-name-input]').waitFor()
    expect((await page.inputValue('[data-test=facility-hours-mon]')) === '08:00-12:00, 14:00-18:00', 'the form shows the hours kept')
    await page.fill('[data-test=facility-name-input]', FACILITY.renamed)
    await page.fill('[data-test=facility-hours-sun]', '09:00-17:00')
    await number(form, 'floorArea', 820)
    await page.click('[data-test=facility-save]')
    await page.waitForURL((url) => url.pathname === detailPath)
    await page.locator('[data-test=facility-detail-name]', { hasText: FACILITY.renamed }).waitFor()
    const hours = await standard('openHours')
    expect(hours.result === 'pass' && hours.value === '8 h', `open every day now: ${JSON.stringify(hours)}`)
    const entries = page.locator('[data-test=change-entry]')
    await entries.nth(1).waitFor()
    expect((await entries.count()) === 2, `two history entries: ${await entries.count()}`)
    // Newest first: the change, by whom, each field before → after.
    const change = entries.first()
    expect((await change.locator('[data-test=change-who]').textContent())?.trim() === 'changjiaxiang', 'who changed it')
    const name = change.locator('[data-test=change-field][data-field=name]')
    expect((await name.locator('[data-test=change-before]').textContent())?.trim() === FACILITY.name, 'the name before')
    expect((await name.locator('[data-test=change-after]').textContent())?.trim() === FACILITY.renamed, 'the name after')
    const area = change.locator('[data-test=change-field][data-field=floorArea]')
    expect((await area.textContent())?.includes('800 平方米') && (await area.textContent())?.includes('820 平方米'), `the area: ${await area.textContent()}`)
    const week = (await change.locator('[data-test=change-field][data-field=hours] [data-test=change-after]').textContent()) ?? ''
    expect(week.includes('周一至周五 08:00-12:00, 14:00-18:00') && week.includes('周六至周日 09:00-17:00'), `the hours after: ${week}`)
    expect((await change.locator('[data-test=change-field]').count()) === 3, 'only the three fields changed are listed')
    await entries.nth(1).locator('.el-tag', { hasText: '登记' }).waitFor()
    await screenshot(page, 'facility-history')
  })

  await step('facility: a change saved by someone else first keeps what was typed', async () => {
    await page.goto(`${base}${detailPath}/edit`)
    const form = page.locator('[data-test=facility-form]')
    await page.locator('[data-test=facility-name-input]').waitFor()
    await settle(page)
    // Opened afresh: its kind by name, not by key.
    const kind = await form.locator('[data-field=type] .el-select__wrapper').textContent()
    expect(kind?.trim() === '社区综合服务设施', `the kind on a fresh edit page: ${kind}`)
    // Meanwhile the facility is changed elsewhere (the same account in another tab): its land area.
    await page.evaluate(async (id) => {
      const me = await (await fetch('/api/v1/auth/me')).json()
      const { facility } = await (await fetch(`/api/v1/facilities/${id}`)).json()
      const { id: _id, unit: _unit, createdAt: _created, updatedAt: _updated, ...fields } = facility
      const saved = await fetch(`/api/v1/facilities/${id}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrfToken },
        body: JSON.stringify({ ...fields, landArea: 1200 }),
      })
      if (!saved.ok) throw new Error(`the change elsewhere: HTTP ${saved.status}`)
    }, detailPath.split('/').pop())
    await number(form, 'officeArea', 120)
    allow(409, '/api/v1/facilities/')
    await page.click('[data-test=facility-save]')
    await page.locator('[data-test=facility-form-error]', { hasText: '已被他人修改' }).waitFor()
    expect((await form.locator('[data-field=officeArea] input').inputValue()) === '120.00', 'the office area typed is kept')
    await screenshot(page, 'facility-conflict')
    // The latest version replaces the form; the change is made again on it.
    await page.click('[data-test=facility-reload]')
    await page.waitForFunction(() => document.querySelector('[data-test=facility-form] [data-field=landArea] input')?.value === '1200.00')
    expect((await form.locator('[data-field=officeArea] input').inputValue()) === '100.00', 'the latest office area')
    await number(form, 'officeArea', 120)
    await page.click('[data-test=facility-save]')
    await page.waitForURL((url) => url.pathname === detailPath)
    const entries = page.locator('[data-test=change-entry]')
    await entries.nth(3).waitFor()
    const office = entries.first().locator('[data-test=change-field][data-field=officeArea]')
    expect((await office.textContent())?.includes('100 平方米') && (await office.textContent())?.includes('120 平方米'), `the office area: ${await office.textContent()}`)
    const land = entries.nth(1).locator('[data-test=change-field][data-field=landArea]')
    expect((await land.textContent())?.includes('1,200 平方米'), `the land area changed elsewhere: ${await land.textContent()}`)
  })

  await step('facility: an import with a bad row says where and why, then a good one registers', async () => {
    await openMenu('导入设施')
    await page.waitForURL((url) => url.pathname === '/facility/import')
    const template = await exportedFile(page, '[data-test=facility-template]')
    expect(template.isXlsx, `the template is an Excel workbook: ${template.name}`)
    const input = page.locator('[data-test=facility-upload] input[type=file]')
    await input.setInputFiles({ name: 'facilities-bad.csv', mimeType: 'text/csv', buffer: csv(CANTEEN, BAD_ROW) })
    allow(400, '/api/v1/facilities/import')
    await page.click('[data-test=facility-import-run]')
    const errors = page.locator('[data-test=facility-import-errors] .el-table__row')
    await errors.first().waitFor()
    const rows = await errors.allTextContents()
    expect(rows.some((r) => r.startsWith('3') && r.includes('设施类型') && r.includes('没有这种设施类型')), `the kind on line 3: ${rows.join(' | ')}`)
    expect(rows.some((r) => r.startsWith('3') && r.includes('周一')), `Monday on line 3: ${rows.join(' | ')}`)
    expect(rows.every((r) => r.startsWith('3')), `only line 3 is wrong: ${rows.join(' | ')}`)
    expect((await page.textContent('[data-test=facility-import-refused]'))?.includes('未导入'), 'nothing was imported')
    await screenshot(page, 'facility-import-refused')
    // Another file replaces the one chosen.
    await input.setInputFiles({ name: 'facilities.csv', mimeType: 'text/csv', buffer: csv(CANTEEN, FITNESS) })
    expect(!(await page.locator('[data-test=facility-import-errors]').isVisible()), 'the old report goes with the old file')
    await page.click('[data-test=facility-import-run]')
    await page.locator('[data-test=facility-import-done]', { hasText: '已登记 2 处设施' }).waitFor()
    await screenshot(page, 'facility-import-done')
    await page.click('[data-test=facility-import-to-list]')
    await page.waitForURL((url) => url.pathname === '/facility/list')
    const names = page.locator('[data-test=facility-table] [data-test=facility-name]')
    await names.nth(2).waitFor()
    const listed = await names.allTextContents()
    for (const n of [FACILITY.renamed, '畅家巷老年餐桌', '畅家巷健身广场']) expect(listed.includes(n), `${n} listed: ${listed.join(', ')}`)
    expect(listed.length === 3, `three facilities: ${listed.join(', ')}`)
  })

  await step('facility: the list filters, sorts and exports', async () => {
    await page.goto(`${base}/facility/list`)
    const names = page.locator('[data-test=facility-table] [data-test=facility-name]')
    await names.nth(2).waitFor()
    // Units with their path.
    const unit = await page.locator('[data-test=facility-table] [data-test=unit-label]').first().textContent()
    expect(unit?.includes('酒泉路街道 › '), `the unit with its path: ${unit}`)
    // By floor area, smallest first, then largest first.
    const header = page.locator('[data-test=facility-table] th', { hasText: '总建筑面积' })
    await header.click()
    await page.waitForFunction(() => document.querySelector('[data-test=facility-table] [data-test=facility-name]')?.textContent === '畅家巷健身广场')
    await header.click()
    await page.waitForFunction((n) => document.querySelector('[data-test=facility-table] [data-test=facility-name]')?.textContent === n, FACILITY.renamed)
    // By kind.
    await choose(page.locator('[data-test=facility-filter-type]'), '老年餐桌（助餐点）')
    await page.click('[data-test=list-search]')
    await page.waitForFunction(() => document.querySelectorAll('[data-test=facility-table] [data-test=facility-name]').length === 1)
    expect((await names.first().textContent()) === '畅家巷老年餐桌', 'the canteen alone')
    const file = await exportedFile(page)
    expect(file.isXlsx, `the export is an Excel workbook: ${file.name}`)
    // By part of the name, and nothing found.
    await page.click('[data-test=list-reset]')
    await page.fill('[data-test=facility-filter-q]', '没有这个')
    await page.click('[data-test=list-search]')
    await page.locator('[data-test=facility-list] .el-empty', { hasText: '没有符合条件的设施' }).waitFor()
    await page.fill('[data-test=facility-filter-q]', '健身')
    await page.click('[data-test=list-search]')
    await page.waitForFunction(() => document.querySelectorAll('[data-test=facility-table] [data-test=facility-name]').length === 1)
    expect((await names.first().textContent()) === '畅家巷健身广场', 'found by name')
    await screenshot(page, 'facility-list')
  })

  await step('facility: base figures by year, changed, with their history', async () => {
    await openMenu('基础数据')
    await page.waitForURL((url) => url.pathname.startsWith('/facility/figures'))
    await page.locator('[data-test=facility-figures-list] .el-empty').waitFor()
    await page.click('[data-test=facility-figures-add]')
    const dialog = page.locator('[data-test=facility-figures-dialog]')
    await dialog.locator('[data-field=households] input').waitFor()
    const year = (await dialog.locator('[data-test=figures-year]').textContent())?.trim()
    for (const [field, value] of [['households', 2000], ['residents', 6000], ['urbanResidents', 7000], ['buildingArea', 52000], ['childcarePlaces', 40], ['childcareAffordable', 30]]) {
      await number(dialog, field, value)
    }
    allow(400, '/api/v1/facilities/figures/')
    await page.click('[data-test=figures-save]')
    const reason = await fieldError(dialog, 'urbanResidents')
    expect(reason.includes('不能多于常住人口'), `the reason at the urban residents: ${reason}`)
    expect((await dialog.locator('[data-field=households] input').inputValue()) === '2000', 'what was typed is kept')
    await number(dialog, 'urbanResidents', 5800)
    await page.click('[data-test=figures-save]')
    await dialog.waitFor({ state: 'hidden' })
    const table = page.locator('[data-test=facility-figures-table]')
    await table.locator('.el-table__row', { hasText: '2,000' }).waitFor()
    expect((await table.locator('.el-table__row').first().textContent())?.startsWith(year ?? '-'), `the year entered: ${year}`)
    // Changed: the households of the year.
    await page.click('[data-test=figures-edit]')
    await number(dialog, 'households', 2400)
    await page.click('[data-test=figures-save]')
    await dialog.waitFor({ state: 'hidden' })
    await table.locator('[data-test=figures-households]', { hasText: '2,400' }).waitFor()
    await page.click('[data-test=figures-history]')
    const drawer = page.locator('[data-test=facility-figures-history]')
    const change = drawer.locator('[data-test=change-entry]').first()
    await drawer.locator('[data-test=change-entry]').nth(1).waitFor()
    const households = change.locator('[data-test=change-field][data-field=households]')
    expect((await households.locator('[data-test=change-before]').textContent())?.trim() === '2,000', 'households before')
    expect((await households.locator('[data-test=change-after]').textContent())?.trim() === '2,400', 'households after')
    await screenshot(page, 'facility-figures')
    await drawer.locator('.el-drawer__close-btn').click()
    await drawer.waitFor({ state: 'hidden' })
    // The standard that needs the households: 820 m² for 2,400 households is 34.2 m² per 100.
    await page.goto(`${base}${detailPath}`)
    const area = await standard('areaPer100Households')
    expect(area.result === 'pass' && area.value === '34.2 m²', `area per 100 households: ${JSON.stringify(area)}`)
  })

  await step('facility: in English', async () => {
    await page.goto(`${base}/facility/list`)
    await page.click('[data-test=language-switch]')
    await page.click('[data-test=language-en]')
    await page.locator('[data-test=facility-list] .card-header', { hasText: 'Facilities' }).waitFor()
    // The kinds come from the server in the language asked for.
    await page.locator('[data-test=facility-table] td', { hasText: 'Canteen for the elderly' }).first().waitFor()
    const head = await page.locator('[data-test=facility-table] thead').textContent()
    expect(head?.includes('Kind') && head.includes('Floor area'), `the columns in English: ${head}`)
    await screenshot(page, 'facility-list-en')
    await page.click('[data-test=language-switch]')
    await page.click('[data-test=language-zh-CN]')
    await page.locator('[data-test=facility-list] .card-header', { hasText: '设施列表' }).waitFor()
  })

  await step('facility: an emergency shelter needs its capacity, and shows on the shelter assignment', async () => {
    await page.goto(`${base}/facility/list/new`)
    const form = page.locator('[data-test=facility-form]')
    await form.locator('[data-field=unitCode]', { hasText: COMMUNITY.name.slice(0, 3) }).waitFor()
    await choose(form.locator('[data-field=type] .el-select__wrapper'), '应急避难场所')
    await page.fill('[data-test=facility-name-input]', SHELTER.name)
    const opened = form.locator('[data-field=openedOn] input')
    await opened.fill('2020-06-01')
    await opened.press('Enter')
    await number(form, 'floorArea', 600)
    await number(form, 'lat', SHELTER.lat)
    await number(form, 'lon', SHELTER.lon)
    // Without its capacity: refused at the field, in the server's words, nothing typed lost.
    allow(400, '/api/v1/facilities')
    await page.click('[data-test=facility-save]')
    const reason = await fieldError(form, 'capacity')
    expect(reason.includes('应急避难场所须填写可容纳人数'), `the reason at the capacity: ${reason}`)
    expect(new URL(page.url()).pathname === '/facility/list/new', 'still on the form')
    expect((await page.inputValue('[data-test=facility-name-input]')) === SHELTER.name, 'the name is kept')
    await screenshot(page, 'facility-shelter-capacity-required')
    // The server says the same when asked without it (the form's rule aside).
    const register = (shelter) => page.evaluate(async (shelter) => {
      const me = await (await fetch('/api/v1/auth/me')).json()
      const week = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }
      const body = { unitCode: '620102001001', type: 'emergency_shelter', name: shelter.name, floorArea: 600, activityArea: 0, officeArea: 0, serviceArea: 0, hours: week, services: [], status: 'open', openedOn: '2020-06-01', lat: shelter.lat, lon: shelter.lon, capacity: shelter.capacity }
      const r = await fetch('/api/v1/facilities', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrfToken }, body: JSON.stringify(body) })
      return { status: r.status, body: await r.json() }
    }, shelter)
    const refused = await register({ ...SHELTER, capacity: undefined })
    const fields = JSON.stringify(refused.body)
    expect(refused.status === 400 && fields.includes('capacity') && fields.includes('应急避难场所须填写可容纳人数'), `the server's refusal: ${refused.status} ${fields}`)
    await number(form, 'capacity', SHELTER.capacity)
    await page.click('[data-test=facility-save]')
    await page.waitForURL((url) => /^\/facility\/list\/\d+$/.test(url.pathname))
    await page.locator('[data-test=facility-detail-name]', { hasText: SHELTER.name }).waitFor()
    const capacity = (await page.textContent('[data-test=facility-fields] [data-test=facility-capacity]'))?.trim()
    expect(capacity === '200 人', `the capacity on the detail page: ${capacity}`)
    const second = await register(ON_STREETS)
    expect(second.status === 201, `the shelter on the streets registered: ${second.status} ${JSON.stringify(second.body)}`)

    // Its unit's shelter assignment, from the detail page.
    await page.click('[data-test=facility-shelter-link]')
    await page.waitForURL((url) => url.pathname === `/access/shelters/${COMMUNITY.code}`)
    const row = page.locator('[data-test=shelters-table] .el-table__row', { hasText: SHELTER.name })
    await row.waitFor()
    expect((await row.locator('[data-test=shelter-capacity]').textContent())?.trim() === '200 人', 'its capacity in the table')
    // Not on the walking network: it takes nobody, and says why.
    await row.locator('[data-test=shelter-off-network]', { hasText: '不在步行网络上' }).waitFor()
    expect((await row.locator('[data-test=shelter-placed]').textContent())?.trim() === '0 人', 'nobody placed there')
    expect((await row.locator('[data-test=shelter-fill]').textContent())?.includes('0%'), 'filled 0 %')
    await page.locator('[data-test=shelters-demo-tag]').waitFor()
    // Said first, above the figures: the shelter is not on the walking network, and takes nobody.
    const note = (await page.textContent('[data-test=shelters-off-network-note]')) ?? ''
    expect(note.includes('不在步行网络上') && note.includes(SHELTER.name) && note.includes('不安置任何人'), `the note on the shelter off the network: ${note}`)
    const reply = await page.evaluate(async (code) => (await fetch(`/api/v1/access/shelters?unit=${code}`)).json(), COMMUNITY.code)
    const total = reply.total
    expect(reply.shelters.some((x) => x.name === SHELTER.name && x.onNetwork === false && x.capacity === SHELTER.capacity), `the shelter off the network: ${JSON.stringify(reply.shelters)}`)
    // The shelter on the streets takes the community's households within its walk.
    const demo = reply.shelters.find((x) => x.name === ON_STREETS.name)
    expect(demo?.onNetwork === true && demo.placedHere > 0, `the shelter on the streets takes people: ${JSON.stringify(reply.shelters)}`)
    expect(total.homes > 0 && total.placedPeople >= demo.placedHere && total.placedPeople <= total.people, `the totals: ${JSON.stringify(total)}`)
    await page.locator('[data-test=shelters-table] .el-table__row', { hasText: ON_STREETS.name }).locator('[data-test=shelter-placed]', { hasText: `${demo.placed.toLocaleString('zh-CN')} 人` }).waitFor()
    // The headline: who is placed, of how many, as the server counts them.
    const placed = (await page.textContent('[data-test=shelters-stat-placed]')) ?? ''
    expect(placed.includes(`${total.placedPeople.toLocaleString('zh-CN')} / ${total.people.toLocaleString('zh-CN')} 人`), `the people placed: ${placed}`)
    const leftOut = (await page.textContent('[data-test=shelters-stat-left-out]')) ?? ''
    expect(leftOut.includes(`15 分钟内无避难场所 ${total.beyondHomes.toLocaleString('zh-CN')} 处`), `the homes left out: ${leftOut}`)
    const cells = await page.locator('[data-test=shelters-left-out-table] .el-table__row').allTextContents()
    expect((cells.length > 0) === (total.beyondHomes + total.fullHomes > 0), `the homes left out listed: ${cells.slice(0, 3).join(' | ')}`)
    // The map draws the homes and the shelter.
    const map = page.locator('[data-test=shelter-map]')
    await page.waitForFunction((n) => document.querySelector('[data-test=shelter-map]')?.getAttribute('data-homes') === String(n), reply.homes.length)
    expect((await map.getAttribute('data-shelters')) === String(reply.shelters.length), 'the shelters drawn')
    await settle(page)
    await screenshot(page, 'shelters')

    // At 360 px, opened on a phone: the map above the tables, nothing wider than the screen (the
    // tables scroll).
    await page.setViewportSize(PHONE)
    try {
      await page.goto(`${base}/access/shelters/${COMMUNITY.code}`)
      await row.waitFor()
      await page.waitForFunction((n) => document.querySelector('[data-test=shelter-map]')?.getAttribute('data-homes') === String(n), reply.homes.length)
      await settle(page)
      const layout = await page.evaluate(() => ({
        width: document.documentElement.scrollWidth,
        map: document.querySelector('[data-test=shelter-map]')?.getBoundingClientRect().top ?? -1,
        table: document.querySelector('[data-test=shelters-table]')?.getBoundingClientRect().top ?? -1,
      }))
      expect(layout.width <= PHONE.width, `no sideways scrolling at 360 px (content is ${layout.width} px wide)`)
      expect(layout.map >= 0 && layout.map < layout.table, `the map above the table: ${JSON.stringify(layout)}`)
      await page.locator('[data-test=shelters-off-network-note]').scrollIntoViewIfNeeded()
      await screenshot(page, 'shelters-phone')
    } finally {
      await page.setViewportSize({ width: 1366, height: 860 })
    }

    // In English.
    await page.click('[data-test=language-switch]')
    await page.click('[data-test=language-en]')
    await row.locator('[data-test=shelter-off-network]', { hasText: 'Not on the walking network' }).waitFor()
    expect((await page.textContent('[data-test=shelters-stat-left-out]'))?.includes('no shelter within the walk'), 'the headline in English')
    await page.click('[data-test=language-switch]')
    await page.click('[data-test=language-zh-CN]')
    await row.locator('[data-test=shelter-off-network]', { hasText: '不在步行网络上' }).waitFor()
  })

  await step('facility: a grid worker is offered no facility page', async () => {
    await signOut()
    await consoleLogin(page, base, 'wangge1')
    const menu = (await page.textContent('[data-test=side-menu]')) ?? ''
    // 社区服务 holds the requests pages for the grid worker (tests/e2e/requests.mjs), none of the facility pages.
    expect(!menu.includes('设施列表') && !menu.includes('导入设施') && !menu.includes('基础数据'), `the grid worker's menu: ${menu}`)
    await page.goto(`${base}/facility/list`)
    await page.waitForURL((url) => url.pathname === '/403')
    await settle(page)
    await signOut()
  })

}
