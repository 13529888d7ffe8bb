// Browser tests of disaster incident reports (灾情报送; web/src/views/readiness):
//
// - the community worker of 畅家巷社区 (changjiaxiang) reports a flood on the console: a toll that
//   does not add up (injured, dead and missing together more than the people affected) is refused
//   before it is sent, the field saying why, as the server refuses it (checked through the API);
//   fixed, it is reported and its page shows it;
// - he corrects it (续报) from its page as the count firms up: the form shows the version read, the
//   report reaches version 2 with the new numbers, the list shows them and exports them to Excel;
// - the city official of 兰州市 (lanzhou) opens the totals of 酒泉路街道 for this year: 畅家巷社区's
//   line counts the flood, and opens the community's own totals, by kind;
// - the community worker registers drinking water that expires in a week (应急物资): the list marks
//   it as expiring, the workbench's to-do 物资即将过期 counts it and opens the expiry list, where
//   biscuits that expired three days ago come first and the water follows; at 360 px the list
//   does not scroll sideways;
// - he records a fire drill held today (应急演练): the list shows it and this year's count grows.
//
// run.mjs calls readinessSteps() after the indicator steps, before the city official (lanzhou) turns on
// one-time codes.
import { chinaDay, makeApi } from './page-api.mjs'
const STREET = { code: '620102001000', name: '酒泉路街道' }
const COMMUNITY = { code: '620102001001', name: '畅家巷社区' }
const PLACE = '畅家巷 12 号楼一带（浏览器测试）'
const WATER = '桶装水（浏览器测试）'
const EXPIRED = '压缩饼干（浏览器测试）'
const DRILL_PLACE = '畅家巷社区广场（浏览器测试）'
const PHONE = { width: 360, height: 740 }

export async function readinessSteps(h) {
  const { page, base, step, screenshot, allow, expect, settle, consoleLogin, signOut, exportedFile } = h
  const api = makeApi(page)
  const state = { id: 0 }

  /** Types a number into an el-input-number of the incident form and leaves the box. */
  async function setNumber(field, value) {
    const box = page.locator(`[data-test=incident-${field}] input`)
    await box.fill(String(value))
    await box.blur()
  }
  const fieldError = (field) => page.locator(`[data-test=incident-form] [data-field=${field}] .el-form-item__error`)

  await step('readiness: a flood whose toll does not add up is refused at its field, then reported', async () => {
    await signOut()
    await consoleLogin(page, base, 'changjiaxiang')
    await page.goto(`${base}/readiness/incidents`)
    await page.locator('[data-test=incident-list]').waitFor()
    await page.click('[data-test=incident-create]')
    await page.waitForURL((url) => url.pathname === '/readiness/incidents/new')
    const form = page.locator('[data-test=incident-form]')
    await form.waitFor()
    // The working unit reports by default, shown by name.
    await page.locator('[data-test=incident-unit] .el-select__selected-item', { hasText: COMMUNITY.name }).first().waitFor()
    await page.click('[data-test=incident-kind]')
    await page.locator('.el-select-dropdown__item:visible', { hasText: '洪涝' }).click()
    await page.fill('input[data-test=incident-place-input]', PLACE)
    await setNumber('affected', 10)
    await setNumber('injured', 6)
    await setNumber('dead', 3)
    await setNumber('missing', 2)
    await setNumber('housesDamaged', 4)
    await page.fill('textarea[data-test=incident-needs-input]', '帐篷 20 顶，饮用水')
    // Each is among the affected, but together (11) they are more: said at 受灾人数, as soon as typed.
    await fieldError('affected').filter({ hasText: '受伤、死亡、失踪人数之和（11）不能多于受灾人数（10）' }).waitFor()
    const sent = []
    const note = (request) => request.method() === 'POST' && request.url().endsWith('/api/v1/readiness/incidents') && sent.push(request.url())
    page.on('request', note)
    await page.click('[data-test=incident-submit]')
    await settle(page)
    page.off('request', note)
    expect(sent.length === 0, 'a toll that does not add up is not sent')
    expect(new URL(page.url()).pathname === '/readiness/incidents/new', 'the form stays')
    await screenshot(page, 'incident-toll-refused')
    // The server refuses the same toll, at the same field.
    allow(400, '/api/v1/readiness/incidents')
    const refused = await api('POST', '/api/v1/readiness/incidents', {
      unit: COMMUNITY.code, kind: 'flood', occurredAt: new Date(Date.now() - 3_600_000).toISOString(), place: PLACE,
      affected: 10, injured: 6, dead: 3, missing: 2, housesDamaged: 4, needs: '',
    })
    expect(refused.status === 400 && refused.body?.details?.some((d) => d.field === 'affected'), `the server refuses it at affected: ${JSON.stringify(refused.body)}`)
    // One too many at its own field.
    await setNumber('missing', 11)
    await fieldError('missing').filter({ hasText: '失踪人数（11）不能多于受灾人数（10）' }).waitFor()
    // Fixed: 12 affected, among them 6 injured, 3 dead, 2 missing.
    await setNumber('missing', 2)
    await setNumber('affected', 12)
    await page.waitForFunction(() => document.querySelectorAll('[data-test=incident-form] .el-form-item.is-error').length === 0)
    await page.click('[data-test=incident-submit]')
    await page.waitForURL((url) => /^\/readiness\/incidents\/\d+$/.test(url.pathname))
    state.id = Number(new URL(page.url()).pathname.split('/').pop())
    await page.locator('[data-test=incident-version][data-version="1"]').waitFor()
    expect((await page.locator('[data-test=incident-detail-affected]').textContent())?.trim() === '12', 'the page shows 12 affected')
    expect((await page.locator('[data-test=incident-detail-unit]').textContent())?.includes(COMMUNITY.name), 'reported by the community')
    await settle(page)
    await screenshot(page, 'incident-reported')
  })

  await step('readiness: the community corrects the report (续报), lists and exports it', async () => {
    expect(state.id > 0, 'a report to correct')
    await page.click('[data-test=incident-detail-correct]')
    await page.waitForURL((url) => url.pathname === `/readiness/incidents/${state.id}/correct`)
    await page.locator('[data-test=incident-correct-lead][data-version="1"]').waitFor()
    await page.locator('[data-test=incident-unit-fixed]', { hasText: COMMUNITY.name }).waitFor()
    expect((await page.locator('[data-test=incident-affected] input').inputValue()) === '12', 'the form holds the report as read')
    await setNumber('affected', 15)
    await setNumber('injured', 7)
    await settle(page)
    await screenshot(page, 'incident-correction')
    await page.click('[data-test=incident-submit]')
    await page.waitForURL((url) => url.pathname === `/readiness/incidents/${state.id}`)
    await page.locator('[data-test=incident-version][data-version="2"]', { hasText: '第 2 版' }).waitFor()
    expect((await page.locator('[data-test=incident-detail-affected]').textContent())?.trim() === '15', 'now 15 affected')
    expect((await page.locator('[data-test=incident-detail-injured]').textContent())?.trim() === '7', 'now 7 injured')
    // A correction at the version read before is someone else's since: refused (409).
    const { body: now } = await api('GET', `/api/v1/readiness/incidents/${state.id}`)
    const fields = ['unit', 'kind', 'occurredAt', 'place', 'affected', 'injured', 'dead', 'missing', 'housesDamaged', 'needs']
    allow(409, `/api/v1/readiness/incidents/${state.id}`)
    const again = await api('PUT', `/api/v1/readiness/incidents/${state.id}`, { ...Object.fromEntries(fields.map((f) => [f, now[f]])), version: 1 })
    expect(again.status === 409, `a stale version is refused: ${again.status} ${JSON.stringify(again.body)}`)

    // The list, filtered by kind in the address, shows the report as last corrected.
    await page.goto(`${base}/readiness/incidents?kind=flood`)
    const row = page.locator('[data-test=incident-table] .el-table__body tr', { has: page.locator('[data-test=incident-place]', { hasText: PLACE }) }).first()
    await row.waitFor()
    expect((await row.locator('[data-test=incident-affected]').textContent())?.trim() === '15', 'the list shows 15 affected')
    expect((await row.locator('[data-test=incident-kind]').getAttribute('data-kind')) === 'flood', 'a flood')
    const file = await exportedFile(page)
    expect(file.isXlsx, `the export is a workbook: ${file.name}`)
    await settle(page)
    await screenshot(page, 'incident-list')
  })

  await step('readiness: the city sees the flood in the totals of 酒泉路街道 under 畅家巷社区', async () => {
    await signOut()
    await consoleLogin(page, base, 'lanzhou')
    await page.goto(`${base}/readiness/summary/${STREET.code}`)
    await page.locator('[data-test=incident-summary-unit-name]', { hasText: STREET.name }).waitFor()
    const expected = await api('GET', `/api/v1/readiness/incidents/summary?unit=${STREET.code}`)
    const line = expected.body?.children?.find((c) => c.unit === COMMUNITY.code)
    expect(line && line.incidents >= 1 && line.affected >= 15 && line.injured >= 7, `the community's line counts the flood: ${JSON.stringify(line)}`)
    expect(expected.body.children.length >= 5, `every community of the street is listed: ${expected.body.children.length}`)
    const row = page.locator('[data-test=incident-summary-children] .el-table__body tr', { has: page.locator(`[data-test=incident-summary-child][data-code="${COMMUNITY.code}"]`) })
    await row.waitFor()
    expect((await row.locator('[data-test=incident-summary-affected]').textContent())?.trim() === String(line.affected), 'the line shows its people affected')
    expect((await row.locator('[data-test=incident-summary-injured]').textContent())?.trim() === String(line.injured), 'and its injured')
    // This year up to today, as the server's default.
    const range = page.locator('[data-test=incident-summary-range]')
    expect((await range.getAttribute('data-from')) === expected.body.from && (await range.getAttribute('data-to')) === expected.body.to, 'the period is this year up to today')
    await page.locator('[data-test=incident-summary-kinds] [data-test=incident-summary-kind][data-kind=flood]').waitFor()
    await settle(page)
    await screenshot(page, 'incident-summary-street')
    // The community's own totals, by kind.
    await row.locator('[data-test=incident-summary-child]').click()
    await page.waitForURL((url) => url.pathname === `/readiness/summary/${COMMUNITY.code}`)
    await page.locator('[data-test=incident-summary-unit-name]', { hasText: COMMUNITY.name }).waitFor()
    await page.locator('[data-test=incident-summary-kinds] [data-test=incident-summary-kind][data-kind=flood]').waitFor()
    await settle(page)
    await screenshot(page, 'incident-summary-community')
    await signOut()
  })

  await step('readiness: water expiring in a week is registered and heads the expiry list after the expired', async () => {
    await signOut()
    await consoleLogin(page, base, 'changjiaxiang')
    // Biscuits that expired three days ago, registered through the API.
    const expired = await api('POST', '/api/v1/readiness/supplies', {
      unit: COMMUNITY.code, name: EXPIRED, category: 'food', quantity: 5, measure: '箱', place: '', note: '', expiresOn: chinaDay(-3),
    })
    expect(expired.status === 201 && expired.body.expiry === 'expired', `expired biscuits: ${expired.status} ${JSON.stringify(expired.body)}`)
    await page.goto(`${base}/readiness/supplies`)
    await page.locator('[data-test=supply-list]').waitFor()
    await page.click('[data-test=supply-create]')
    await page.waitForURL((url) => url.pathname === '/readiness/supplies/new')
    await page.locator('[data-test=supply-form]').waitFor()
    await page.locator('[data-test=supply-unit] .el-select__selected-item', { hasText: COMMUNITY.name }).first().waitFor()
    await page.fill('input[data-test=supply-name-input]', WATER)
    await page.click('[data-test=supply-category]')
    await page.locator('.el-select-dropdown__item:visible', { hasText: '饮用水' }).click()
    const quantity = page.locator('[data-test=supply-quantity-input] input')
    await quantity.fill('12')
    await quantity.blur()
    await page.fill('input[data-test=supply-measure-input]', '桶')
    await page.fill('input[data-test=supply-place-input]', '社区服务站储藏室')
    const expires = page.locator('[data-test=supply-form] [data-field=expiresOn] input')
    await expires.fill(chinaDay(7))
    await expires.press('Enter')
    await page.locator('[data-test=supply-form-page] .card-header').click()
    await page.click('[data-test=supply-submit]')
    await page.waitForURL((url) => url.pathname === '/readiness/supplies')
    const row = page.locator('[data-test=supply-table] .el-table__body tr', { has: page.locator('[data-test=supply-name]', { hasText: WATER }) }).first()
    await row.waitFor()
    expect((await row.locator('[data-test=supply-name]').getAttribute('data-expiry')) === 'expiring', 'the list marks it as expiring')
    expect((await row.locator('[data-test=supply-expires]').textContent())?.trim() === chinaDay(7), 'expiring in a week')
    await settle(page)
    await screenshot(page, 'supply-list')

    // The workbench's to-do counts it and opens the expiry list: the expired first, then the soonest.
    await page.goto(`${base}/`)
    await page.click('[data-test=todo-bell]')
    const todo = page.locator('[data-test=todo-item][data-todo="readiness.supplies.expiring"]')
    await todo.waitFor()
    await todo.locator('button').click()
    await page.waitForURL((url) => url.pathname === '/readiness/supplies/expiring')
    const list = page.locator('[data-test=supply-expiring-table]')
    const mine = list.locator('.el-table__body tr', { has: page.locator('[data-test=supply-name]', { hasText: WATER }) }).first()
    await mine.waitFor()
    const states = await list.locator('.el-table__body tr [data-test=supply-name]').evaluateAll((names) => names.map((n) => n.getAttribute('data-expiry')))
    expect(states[0] === 'expired', `the expired come first: ${states}`)
    const names = (await list.locator('.el-table__body tr [data-test=supply-name]').allTextContents()).map((n) => n.trim())
    expect(names.indexOf(EXPIRED) >= 0 && names.indexOf(EXPIRED) < names.indexOf(WATER), `the biscuits before the water: ${names}`)
    const after = await api('GET', `/api/v1/readiness/supplies/expiring?unit=${COMMUNITY.code}`)
    const dates = after.body.items.map((i) => i.expiresOn)
    expect(dates.every((d, i) => i === 0 || dates[i - 1] <= d), `the soonest first: ${dates}`)
    expect(after.body.items.some((i) => i.name === WATER), 'the new water is on it')
    await settle(page)
    await screenshot(page, 'supply-expiring')

    // On a phone: no sideways scrolling.
    const desk = page.viewportSize()
    await page.setViewportSize(PHONE)
    try {
      await page.goto(`${base}/readiness/supplies`)
      await page.locator('[data-test=supply-table]').waitFor()
      await settle(page)
      const width = await page.evaluate(() => document.documentElement.scrollWidth)
      expect(width <= PHONE.width, `the supplies: no sideways scrolling at 360 px (content is ${width} px wide)`)
      await screenshot(page, 'supply-list-360')
    } finally {
      if (desk) await page.setViewportSize(desk)
    }
  })

  await step('readiness: the community records a fire drill held today', async () => {
    await page.goto(`${base}/readiness/drills`)
    await page.locator('[data-test=drill-list]').waitFor()
    const count = page.locator('[data-test=drill-this-year]')
    await count.waitFor()
    const doneBefore = Number(await count.getAttribute('data-done'))
    await page.click('[data-test=drill-create]')
    await page.waitForURL((url) => url.pathname === '/readiness/drills/new')
    await page.locator('[data-test=drill-form]').waitFor()
    await page.locator('[data-test=drill-unit] .el-select__selected-item', { hasText: COMMUNITY.name }).first().waitFor()
    await page.click('[data-test=drill-scenario-input]')
    await page.locator('.el-select-dropdown__item:visible', { hasText: '消防' }).click()
    await page.fill('input[data-test=drill-description-input]', '高层住宅火灾疏散')
    const people = page.locator('[data-test=drill-participants-input] input')
    await people.fill('85')
    await people.blur()
    await page.fill('input[data-test=drill-place-input]', DRILL_PLACE)
    await page.fill('textarea[data-test=drill-summary-input]', '用时 7 分钟完成疏散')
    await page.click('[data-test=drill-submit]')
    await page.waitForURL((url) => url.pathname === '/readiness/drills')
    const row = page.locator('[data-test=drill-table] .el-table__body tr', { hasText: DRILL_PLACE }).first()
    await row.waitFor()
    expect((await row.locator('[data-test=drill-status]').getAttribute('data-status')) === 'done', 'held')
    expect((await row.locator('[data-test=drill-participants]').textContent())?.trim() === '85', '85 people')
    await page.locator(`[data-test=drill-this-year][data-done="${doneBefore + 1}"]`).waitFor()
    await settle(page)
    await screenshot(page, 'drill-list')
    await signOut()
  })
}
