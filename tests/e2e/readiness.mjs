// Browser tests of disaster incident reports (灾情报送; web/src/views/readiness):
//
// - the community worker of 畅家巷社区 (changjiaxiang) reports a flood on the console: a toll that
//   does not add up (injured, dead and missing together more than the people affected) is refused
//   before it is sent, the field saying why, as the server refuses it (checked through the API);
//   fixed, it is reported and its page shows it;
// - he corrects it (续报) from its page as the count firms up: the form shows the version read, the
//   report reaches version 2 with the new numbers, the list shows them and exports them to Excel;
// - the city official of 兰州市 (lanzhou) opens the totals of 酒泉路街道 for this year: 畅家巷社区's
//   line counts the flood, and opens the community's own totals, by kind.
//
// run.mjs calls readinessSteps() after the indicator steps, before the city official (lanzhou) turns on
// one-time codes.
const STREET = { code: '620102001000', name: '酒泉路街道' }
const COMMUNITY = { code: '620102001001', name: '畅家巷社区' }
const PLACE = '畅家巷 12 号楼一带（浏览器测试）'

/** A fetch in the page as the signed-in user (the CSRF token from /auth/me). */
function makeApi(page) {
  return async function api(method, path, body) {
    return page.evaluate(
      async ({ method, path, body }) => {
        const me = await (await fetch('/api/v1/auth/me')).json()
        const response = await fetch(path, {
          method,
          headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrfToken },
          body: body === undefined ? undefined : JSON.stringify(body),
        })
        const text = await response.text()
        return { status: response.status, body: text ? JSON.parse(text) : null }
      },
      { method, path, body },
    )
  }
}

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
}
