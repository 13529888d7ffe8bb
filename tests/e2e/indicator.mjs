// Browser tests of the plan's indicators (web/src/views/indicator): the demo community worker of
// 畅家巷社区 enters last month's visits to the elderly in special hardship (indicator 12), a value
// above its denominator refused at its field first, and sees it on the dashboard; the county
// official of 城关区 approves it on the entry page; the worker finds it locked (no save offered,
// a change refused by the server); the official withdraws the approval and the worker corrects
// it, the history telling each step. The city official's dashboard shows the headline cards and
// ranks the counties, downloads the city's evaluation report as Excel and as PDF, and a county
// opens on a click. Nothing here depends on the demo's figures.
//
// run.mjs calls indicatorSteps() with its harness.
const COMMUNITY = { code: '620102001001', name: '畅家巷社区居委会' }
const VISITS = '12'
const STATUS_LABELS = ['达标', '进展正常', '有风险', '无数据']

/** Last month as the server names it (202611), as the entry page chooses by default. */
function lastMonth() {
  const now = new Date()
  const d = new Date(now.getFullYear(), now.getMonth() - 1, 1)
  return `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}`
}

export async function indicatorSteps(h) {
  const { page, base, step, screenshot, allow, expect, settle, consoleLogin, signOut, exportedFile } = h
  const period = lastMonth()
  const valueUrl = `/api/v1/indicators/${VISITS}/values/${COMMUNITY.code}/${period}`

  async function signInAs(username) {
    await signOut()
    await consoleLogin(page, base, username)
  }

  /** Opens the entry page from the side menu (动态监测 → 指标填报) with indicator 12 chosen. */
  async function openEntry() {
    const item = page.locator('[data-test=side-menu] .el-menu-item', { hasText: '指标填报' })
    if (!(await item.isVisible())) await page.locator('[data-test=side-menu] .el-sub-menu__title', { hasText: '动态监测' }).click()
    await item.click()
    await page.waitForURL((url) => url.pathname === '/indicator/entry')
    await page.click('[data-test=entry-indicator]')
    await page.locator('.el-select-dropdown__item:visible', { hasText: '特殊困难老人月探访率' }).first().click()
    await communityRow().waitFor()
    await settle(page)
  }

  function communityRow() {
    return page.locator('[data-test=entry-table] .el-table__row', { hasText: COMMUNITY.name })
  }

  async function state() {
    return communityRow().locator('[data-test=entry-state]').getAttribute('data-state')
  }

  async function enter(numerator, denominator) {
    const row = communityRow()
    await row.locator('[data-field=numerator] input').fill(String(numerator))
    await row.locator('[data-field=denominator] input').fill(String(denominator))
    await row.locator('[data-test=entry-save]').click()
  }

  await step('indicator: a community worker enters last month’s visits, a refused field first', async () => {
    await signInAs('changjiaxiang')
    await openEntry()
    const picked = await page.inputValue('[data-test=entry-period] input')
    expect(picked === `${period.slice(0, 4)}-${period.slice(4)}`, `the period offered is last month: ${picked}`)
    expect((await state()) === 'none', 'nothing entered yet')
    // A worker approves nothing, not even the community's own value.
    expect((await page.locator('[data-test=entry-approve]').count()) === 0, 'no approval offered to the worker')

    allow(400, valueUrl)
    await enter(12, 10)
    const error = communityRow().locator('[data-field=numerator] [data-test=entry-error]')
    await error.waitFor()
    expect((await error.textContent())?.includes('分母'), `the numerator's error: ${await error.textContent()}`)
    expect((await state()) === 'none', 'the refused value was not saved')
    expect((await communityRow().locator('[data-field=denominator] input').inputValue()) === '10', 'what was typed is kept')

    await enter(8, 10)
    await page.locator('.el-message', { hasText: '已保存' }).first().waitFor()
    await communityRow().locator('[data-test=entry-state][data-state=entered]').waitFor()
    expect((await communityRow().locator('[data-test=entry-state]').textContent())?.includes('已填报'), 'the state reads 已填报')
    expect(!(await communityRow().locator('[data-test=entry-error]').count()), 'the error is gone')
    await screenshot(page, 'indicator-entry-worker')
  })

  await step('indicator: the worker sees the value on the dashboard', async () => {
    await page.goto(`${base}/indicator/dashboard`)
    const card = page.locator(`[data-test=indicator-card-${VISITS}]`)
    await card.locator('[data-test=indicator-card-value]', { hasText: '80.0%' }).waitFor()
    expect((await card.getAttribute('data-status')) !== 'no_data', 'the card has a status')
    const status = (await card.locator('[data-test=indicator-card-status]').textContent())?.trim()
    expect(STATUS_LABELS.includes(status ?? ''), `the status label: ${status}`)
    expect((await page.locator('[data-test=indicator-cards] [data-status]').count()) === 11, 'eight headline cards and the three rates of requests')
    await settle(page)
    await screenshot(page, 'indicator-dashboard-worker')
  })

  await step('indicator: the county official approves it', async () => {
    await signInAs('chengguan')
    await openEntry()
    expect((await state()) === 'entered', 'the official sees the entered value')
    await communityRow().locator('[data-test=entry-approve]').click()
    await page.locator('.el-message', { hasText: '已审核' }).first().waitFor()
    await communityRow().locator('[data-test=entry-state][data-state=approved]').waitFor()
    await communityRow().locator('[data-test=entry-locked]').waitFor()
    await communityRow().locator('[data-test=entry-unapprove]').waitFor()
    await screenshot(page, 'indicator-entry-approved')
  })

  await step('indicator: the worker finds it locked, and a change is refused', async () => {
    await signInAs('changjiaxiang')
    await openEntry()
    expect((await state()) === 'approved', 'the worker sees it approved')
    await communityRow().locator('[data-test=entry-locked]').waitFor()
    expect((await communityRow().locator('[data-test=entry-save]').count()) === 0, 'no save offered on a locked value')
    expect(await communityRow().locator('[data-field=numerator] input').isDisabled(), 'the numerator cannot be typed in')
    // Past the page: the server refuses a change of an approved value.
    allow(409, valueUrl)
    const status = await page.evaluate(async (url) => {
      const me = await (await fetch('/api/v1/auth/me')).json()
      const entries = await (await fetch(`/api/v1/indicators/12/entries?unit=${me.user.unitCode}&period=${url.split('/').pop()}`)).json()
      const version = entries.items[0].value.version
      const r = await fetch(url, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'X-CSRF-Token': me.csrfToken },
        body: JSON.stringify({ numerator: 9, denominator: 10, version }),
      })
      return r.status
    }, valueUrl)
    expect(status === 409, `a change of an approved value answers ${status}`)
  })

  await step('indicator: the official withdraws the approval', async () => {
    await signInAs('chengguan')
    await openEntry()
    await communityRow().locator('[data-test=entry-unapprove]').click()
    await page.locator('.el-message', { hasText: '已撤销审核' }).first().waitFor()
    await communityRow().locator('[data-test=entry-state][data-state=entered]').waitFor()
    // No longer locked: the tag leaves (after its fade) and the save is offered again.
    await communityRow().locator('[data-test=entry-locked]').waitFor({ state: 'detached' })
  })

  await step('indicator: the worker corrects it and reads its history', async () => {
    await signInAs('changjiaxiang')
    await openEntry()
    await enter(9, 10)
    await page.locator('.el-message', { hasText: '已保存' }).first().waitFor()
    await communityRow().locator('[data-test=entry-state][data-state=entered]').waitFor()
    await page.waitForFunction(
      ([name]) => [...document.querySelectorAll('[data-test=entry-table] .el-table__row')].some((r) => r.textContent.includes(name) && r.querySelector('[data-field=numerator] input')?.value === '9'),
      [COMMUNITY.name],
    )
    await communityRow().locator('[data-test=entry-history]').click()
    const drawer = page.locator('[data-test=entry-history-table]')
    await drawer.locator('[data-test=history-action]').first().waitFor()
    const actions = await drawer.locator('[data-test=history-action]').evaluateAll((els) => els.map((e) => e.dataset.action))
    expect(JSON.stringify([...actions].sort()) === JSON.stringify(['approve', 'enter', 'enter', 'unapprove']), `the history's actions: ${actions.join(', ')}`)
    const changes = (await drawer.locator('[data-test=history-change]').allTextContents()).map((s) => s.replace(/\s+/g, ' '))
    expect(changes.some((c) => c.includes('8 / 10') && c.includes('→ 9 / 10')), `the correction reads before → after: ${changes.join(' | ')}`)
    expect((await drawer.textContent())?.includes('chengguan'), 'the approver is named')
    await screenshot(page, 'indicator-history')
    await page.keyboard.press('Escape')
  })

  await step('indicator: the city official’s dashboard ranks the counties and opens one', async () => {
    await signInAs('lanzhou')
    const item = page.locator('[data-test=side-menu] .el-menu-item', { hasText: '指标看板' })
    if (!(await item.isVisible())) await page.locator('[data-test=side-menu] .el-sub-menu__title', { hasText: '动态监测' }).click()
    await item.click()
    await page.waitForURL((url) => url.pathname.startsWith('/indicator/dashboard'))
    await page.locator('[data-test=indicator-unit-name]', { hasText: '兰州市' }).waitFor()
    await page.locator('[data-test=indicator-card-1] [data-test=indicator-card-value]').waitFor()
    const cards = await page.locator('[data-test=indicator-cards] [data-status]').count()
    expect(cards === 11, `headline cards and the rates of requests: ${cards}`)
    const rows = page.locator('[data-test=indicator-children] .el-table__row')
    await rows.first().waitFor()
    const count = await rows.count()
    expect(count >= 5, `the counties of 兰州市 are listed: ${count}`)
    const statuses = await page.locator('[data-test=indicator-child-status]').allTextContents()
    expect(statuses.every((s) => STATUS_LABELS.includes(s.trim())), `each county has a status: ${statuses.join(', ')}`)
    await page.locator('[data-test=map]').waitFor()
    await page.locator('[data-test=indicator-trend] canvas').waitFor()
    await settle(page)
    await screenshot(page, 'indicator-dashboard-city')
    // The city's evaluation report downloads as a workbook and as a PDF for printing.
    for (const [format, check] of [
      ['xlsx', (file) => file.isXlsx],
      ['pdf', (file) => file.bytes.subarray(0, 5).toString('latin1') === '%PDF-'],
    ]) {
      await page.click('[data-test=evaluation-report]')
      const file = await exportedFile(page, `[data-test=evaluation-report-${format}]:visible`)
      expect(file.name.endsWith(`.${format}`) && file.name.includes('兰州市'), `the report's name: ${file.name}`)
      expect(check(file), `the report is a ${format} file (${file.bytes.length} bytes)`)
      await settle(page)
    }
    // A county opens its own dashboard.
    const first = rows.first().locator('[data-test=indicator-child]')
    const name = (await first.textContent())?.trim() ?? ''
    await first.click()
    await page.waitForURL((url) => /^\/indicator\/dashboard\/6201\d{2}000000$/.test(url.pathname))
    await page.locator('[data-test=indicator-unit-name]', { hasText: name }).waitFor()
    await settle(page)
    // The steps after these start signed out.
    await signOut()
  })
}
