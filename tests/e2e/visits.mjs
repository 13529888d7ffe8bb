// Browser tests of home visits (入户走访; web/src/views/residents/Visit*.vue, ReferralList.vue,
// CareRules.vue), after the residents steps (tests/e2e/residents.mjs) registered 张小三 in 第一网格
// of 畅家巷社区:
//
// - the community worker (changjiaxiang) marks him 独居老人 (living alone: visited every month)
//   through the API;
// - the grid worker of 第一网格 (wangge1), on a phone (360×740), follows the to-do 本期未走访的关爱对象
//   to the visits due, opens the visit form from his card, loses the network (the browser is set
//   offline), submits: the visit is kept on the phone (待上传 1 条); the network back, it is sent by
//   itself and shows once in his 走访记录 (the API says 1 visit too), and he is no longer due;
// - the grid worker records a second visit that refers him for a 低保 assessment;
// - the grid worker records a third visit whose finding needs action: it opens a request (诉求) of
//   the category 路灯 (under 市政设施; the categories were kept on the phone, those asking a
//   required question are not offered); the reply links to the request, which opens, and his
//   走访记录 links to it too; the community worker (changjiaxiang) finds it in 诉求办理;
// - the community worker registers the need the first visit found (助餐) from 张小三's visits: the
//   need form starts from the visit (来自走访 <date>, 助餐配餐, 走访发现：助餐); the need's page
//   shows him masked and links back to the visit, marked on his page; registering it again is
//   refused at that line; 三项清单 › 需求清单 lists it (入户走访 · 走访 <date>, 张*三). The request's
//   page offers 登记为需求, which starts the form from the request;
// - a township account of 酒泉路街道 (made through the API by the province administrator) follows
//   its to-do to 走访转介, takes the referral up (受理) and grants it (办结, 已纳入);
// - the community worker sees it granted, and cannot decide it;
// - the province sets a group's visits to quarterly on 走访频次, and a city follows it;
// - the community registers an elderly woman in special hardship in 第一网格, not yet visited; the
//   monthly reminder runs as on the 20th (`shequ residents remind-visits`, as the daily job would;
//   on or after the 20th the server's own job may have reminded him already, and the command must
//   then not remind him twice), and the grid worker, on his phone, follows the to-do 未读消息 to
//   站内消息, finds the reminder counting his visits due, opens it and lands on the visits due; his
//   unread messages are one fewer and the top bar's to-do count follows by itself.
//
// run.mjs calls visitsSteps() with its harness after residentsSteps().
import { spawnSync } from 'node:child_process'
import { checkAccessibility } from './resident.mjs'
import { checkCharacter } from './residents.mjs'

const PERSON = { masked: '张*三' }
const COMMUNITY = '620102001001'
const GRID = '620102001001001' // 第一网格, served by wangge1
const REMINDER = 'residents.visits.reminder' // the kind of the monthly visit reminder (站内消息)
const TOWNSHIP = { code: '620102001000', name: '酒泉路街道' }
const PROVINCE = { code: '620000000000', name: '甘肃省' }
const TOWNSHIP_USER = { username: 'jiuquanlu-e2e', displayName: '酒泉路街道 民政助理', password: 'Jql@Township-2025!' }
const REFER_REASON = '老人住院，家中无人照料，收入低于低保标准'
const REQUEST_TEXT = '单元门口路灯不亮，老人夜间出入不便'
const GRANT_REASON = '经入户核查，家庭人均收入低于当地低保标准，予以纳入'

export async function visitsSteps(h) {
  const { page, base, step, screenshot, allow, expect, settle, consoleLogin, signOut, passwords, shequ, database } = h

  /** A call of the signed-in account from the page (its session and CSRF token). */
  async function api(method, path, body) {
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

  async function elMessage(text) {
    await page.locator('.el-message', { hasText: text }).first().waitFor({ timeout: 10_000 })
  }

  /** Opens a page of a group of the side menu (基层治理 unless told) (a wide window). */
  async function openMenu(title, group = '基层治理') {
    await page.locator('[data-test=side-menu] .el-menu-item').first().waitFor()
    const item = page.locator('[data-test=side-menu] .el-menu-item', { hasText: title })
    if (!(await item.isVisible())) await page.locator('[data-test=side-menu] .el-sub-menu__title', { hasText: group }).click()
    await item.click()
  }

  /** Follows a to-do of the top bar's bell to its page. */
  async function followTodo(code) {
    await page.click('[data-test=todo-bell]')
    const item = page.locator(`[data-test=todo-item][data-todo="${code}"]`)
    await item.waitFor()
    await item.locator('button').click()
  }

  /** No sideways scrolling of the whole page at a phone's width. */
  async function fitsPhone(what) {
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    expect(width <= 360, `${what}: no sideways scrolling at 360 px (content is ${width} px wide)`)
  }

  /**
   * Checks accessibility once the page is still: the pointer away and no transition running (a
   * choice just made fades to its colours, and axe would measure it half way).
   */
  async function accessibleWhenStill(what) {
    await page.mouse.move(0, 0)
    await page.waitForFunction(() => document.getAnimations().every((a) => !(a instanceof CSSTransition) || a.playState !== 'running'))
    await checkAccessibility(page, what)
  }

  /** Answers the four questions of the visit form. */
  async function answer(form) {
    for (const [group, choice] of [
      ['visit-met', '本人'],
      ['visit-health', '一般'],
      ['visit-living', '较差'],
      ['visit-safety', '无'],
    ]) {
      await form.locator(`[data-test=${group}] .el-radio-button`, { hasText: choice }).click()
    }
  }

  let personId = 0

  await step('visits: the community worker marks 张小三 as living alone', async () => {
    await signOut()
    await page.setViewportSize({ width: 1366, height: 860 })
    await consoleLogin(page, base, 'changjiaxiang')
    const people = await api('GET', `/api/v1/residents/persons?unit=${COMMUNITY}&page=1&pageSize=50`)
    const person = people.body?.items?.find((p) => p.name === PERSON.masked)
    expect(person, `张小三 registered by the residents steps: ${JSON.stringify(people.body)}`)
    personId = person.id
    const tags = [...person.tags.map((t) => ({ key: t.key, detail: t.detail })), { key: 'living_alone' }]
    const patched = await api('PATCH', `/api/v1/residents/persons/${personId}`, { version: person.version, tags })
    expect(patched.status === 200, `tagged: ${patched.status} ${JSON.stringify(patched.body)}`)
    // Never visited: due this month.
    const due = await api('GET', `/api/v1/residents/visits/overdue?unit=${COMMUNITY}`)
    const target = due.body?.items?.find((t) => t.person.id === personId)
    expect(target?.everyMonths === 1 && target.lastVisit === null, `due: ${JSON.stringify(due.body)}`)
  })

  await step('visits: a visit recorded offline on a phone is sent once back online', async () => {
    await signOut()
    await page.setViewportSize({ width: 360, height: 740 })
    await consoleLogin(page, base, 'wangge1')
    await followTodo('residents.visits.overdue')
    await page.waitForURL((url) => url.pathname === '/residents/visits/overdue')
    const card = page.locator('[data-test=overdue-cards] [data-test=overdue-row]', { hasText: PERSON.masked })
    await card.waitFor()
    const text = (await card.textContent()) ?? ''
    expect(text.includes('每月') && text.includes('从未走访') && text.includes('独居老人') && text.includes('第一网格'), `the card: ${text}`)
    await settle(page)
    await fitsPhone('the visits due')
    await accessibleWhenStill('the visits due at 360 px')
    await screenshot(page, 'visits-overdue-360')

    await card.locator('[data-test=overdue-record]').click()
    await page.waitForURL((url) => url.pathname === `/residents/persons/${personId}/visit`)
    const form = page.locator('[data-test=visit-form]')
    await form.waitFor()
    await page.locator('[data-test=visit-heading]', { hasText: PERSON.masked }).waitFor()
    await settle(page)
    // Large enough for a thumb: every choice at least 44 px high.
    const heights = await form.locator('.el-radio-button__inner').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height))
    expect(heights.length === 11 && heights.every((px) => px >= 44), `the choices' heights: ${heights.join(', ')}`)
    // Nothing submitted without the four answers.
    await page.click('[data-test=visit-submit]')
    await page.locator('[data-test=visit-form-error]').waitFor()
    expect((await page.locator('[data-field=met] .el-form-item__error').textContent())?.trim() === '请选择', 'whom the visit met is asked for')

    // The network goes: the visit is kept on the phone.
    await page.context().setOffline(true)
    // Should the browser not know it is offline, the one failed call is expected.
    allow(0, `/api/v1/residents/persons/${personId}/visits`)
    try {
      await answer(form)
      await form.locator('[data-test=visit-needs] .el-checkbox', { hasText: '助餐' }).click()
      await form.locator('[data-test=visit-note]').fill('老人独居，身体一般，厨房灶具老化')
      await page.click('[data-test=visit-submit]')
      await page.locator('[data-test=visit-queued]').waitFor()
      await page.locator('[data-test=visit-queue-pending]', { hasText: '待上传 1 条' }).waitFor()
      const kept = await page.evaluate(() => JSON.parse(localStorage.getItem('shequ.residents.visits.queue.wangge1') ?? '[]'))
      expect(kept.length === 1 && kept[0].personId === personId && /^[0-9a-f]{32}$/.test(kept[0].key), `kept on the phone: ${JSON.stringify(kept)}`)
      await fitsPhone('the visit kept offline')
      await screenshot(page, 'visit-offline-360')
    } finally {
      await page.context().setOffline(false)
    }
    // Back online: sent by itself.
    await page.locator('[data-test=visit-uploaded]').waitFor({ timeout: 40_000 })
    await elMessage('已上传 1 条走访记录')
    await page.locator('[data-test=visit-queue]').waitFor({ state: 'detached' })
    expect((await page.evaluate(() => localStorage.getItem('shequ.residents.visits.queue.wangge1'))) === null, 'nothing left on the phone')

    await page.click('[data-test=visit-to-person]')
    await page.waitForURL((url) => url.pathname === `/residents/persons/${personId}`)
    const rows = page.locator('[data-test=visit-list] .visit-row')
    await rows.first().waitFor()
    await settle(page)
    expect((await rows.count()) === 1, `visits shown: ${await rows.count()}`)
    const row = (await rows.first().textContent()) ?? ''
    expect(row.includes('本人') && row.includes('助餐') && row.includes('灶具老化'), `the visit: ${row}`)
    const visits = await api('GET', `/api/v1/residents/persons/${personId}/visits`)
    expect(visits.body?.total === 1, `the server keeps 1 visit: ${JSON.stringify(visits.body)}`)
    await page.locator('[data-test=person-visits]').scrollIntoViewIfNeeded()
    await screenshot(page, 'person-visits-360')

    // Visited this month: no longer due.
    const due = await api('GET', '/api/v1/residents/visits/overdue')
    expect(!due.body?.items?.some((t) => t.person.id === personId), `still due: ${JSON.stringify(due.body)}`)
  })

  await step('visits: a visit refers 张小三 for a 低保 assessment', async () => {
    await page.click('[data-test=person-record-visit]')
    await page.waitForURL((url) => url.pathname === `/residents/persons/${personId}/visit`)
    const form = page.locator('[data-test=visit-form]')
    await form.waitFor()
    await page.locator('[data-test=visit-heading]', { hasText: PERSON.masked }).waitFor()
    await answer(form)
    await form.locator('[data-test=visit-refer-switch]').click()
    await form.locator('[data-test=visit-refer-kind] .el-radio-button', { hasText: '低保审核' }).click()
    await form.locator('[data-test=visit-refer-reason]').fill(REFER_REASON)
    await fitsPhone('the visit form with a referral')
    await accessibleWhenStill('the visit form at 360 px')
    await screenshot(page, 'visit-referral-360')
    await page.click('[data-test=visit-submit]')
    await elMessage('已记录走访，并转介乡镇（街道）审核')
    await page.waitForURL((url) => url.pathname === `/residents/persons/${personId}`)
    const rows = page.locator('[data-test=visit-list] .visit-row')
    await page.waitForFunction(() => document.querySelectorAll('[data-test=visit-list] .visit-row').length === 2)
    expect((await rows.count()) === 2, 'two visits')
    await settle(page)
  })

  let requestId = 0
  let trackingCode = ''

  await step('visits: a finding that needs action opens a request (诉求) with the visit', async () => {
    await page.click('[data-test=person-record-visit]')
    await page.waitForURL((url) => url.pathname === `/residents/persons/${personId}/visit`)
    const form = page.locator('[data-test=visit-form]')
    await form.waitFor()
    await page.locator('[data-test=visit-heading]', { hasText: PERSON.masked }).waitFor()
    // The categories were kept on the phone (for this account) when the form opened online.
    await page.waitForFunction(() => (localStorage.getItem('shequ.residents.visits.catalogue.wangge1') ?? '').includes('municipal.streetlight'))
    await answer(form)
    await form.locator('[data-test=visit-safety] .el-radio-button', { hasText: '发现隐患' }).click()
    await form.locator('[data-test=visit-request-switch]').click()
    // Nothing submitted without the category and what needs doing.
    await page.click('[data-test=visit-submit]')
    await page.locator('[data-test=visit-form-error]').waitFor()
    const categoryError = (await form.locator('[data-field=requestCategory] .el-form-item__error').textContent())?.trim()
    expect(categoryError === '请选择', `the category is asked for: ${categoryError}`)
    const descriptionError = (await form.locator('[data-field=requestDescription] .el-form-item__error').textContent())?.trim() ?? ''
    expect(descriptionError.includes('需要办理的事项'), `what needs doing is asked for: ${descriptionError}`)

    // 路灯 under 市政设施; a category asking a required question (供暖不热, 电梯故障) is not offered.
    await form.locator('[data-test=visit-request-category] .el-select__wrapper').click()
    const dropdown = page.locator('.el-select-dropdown:visible')
    await dropdown.locator('.el-select-group__title', { hasText: '市政设施' }).waitFor()
    const offered = (await dropdown.locator('.el-select-dropdown__item').allTextContents()).map((s) => s.trim())
    expect(offered.includes('路灯') && !offered.includes('供暖不热') && !offered.includes('电梯故障'), `the categories offered: ${offered.join(', ')}`)
    await dropdown.locator('.el-select-dropdown__item').filter({ hasText: /^\s*路灯\s*$/ }).click()
    await dropdown.waitFor({ state: 'hidden' })
    await form.locator('[data-test=visit-request-description]').fill(REQUEST_TEXT)
    await fitsPhone('the visit form with a request')
    await accessibleWhenStill('the visit form with a request at 360 px')
    await screenshot(page, 'visit-request-360')

    await page.click('[data-test=visit-submit]')
    await page.locator('[data-test=visit-recorded]').waitFor()
    const link = page.locator('[data-test=visit-recorded] [data-test=visit-request-link]')
    const href = (await link.getAttribute('href')) ?? ''
    const match = /\/requests\/list\/(\d+)$/.exec(href)
    expect(match, `the reply links to the request: ${href}`)
    requestId = Number(match[1])
    const visits = await api('GET', `/api/v1/residents/persons/${personId}/visits`)
    expect(visits.body?.total === 3 && visits.body.items[0]?.requestId === requestId, `the visit names the request: ${JSON.stringify(visits.body?.items?.[0])}`)
    const opened = await api('GET', `/api/v1/requests/${requestId}`)
    const kase = opened.body?.case
    expect(
      opened.status === 200 && kase.category.code === 'municipal.streetlight' && kase.channel === 'patrol' && kase.description === REQUEST_TEXT && kase.grid?.code === '620102001001001',
      `the request opened: ${opened.status} ${JSON.stringify(kase)}`,
    )
    expect(kase.contactName === '' && kase.contactPhone === '', 'the request does not name the person')
    trackingCode = kase.trackingCode
    await settle(page)
    await fitsPhone('the visit recorded with a request')
    await accessibleWhenStill('the visit recorded with a request at 360 px')
    await screenshot(page, 'visit-request-recorded-360')

    // The link opens the request.
    await link.click()
    await page.waitForURL((url) => url.pathname === `/requests/list/${requestId}`)
    await page.locator('[data-test=request-description]', { hasText: REQUEST_TEXT }).waitFor()
    await settle(page)

    // The person's visits link to it.
    await page.goto(`${base}/residents/persons/${personId}`)
    const rowLink = page.locator('[data-test=visit-list] [data-test=visit-request-link]')
    await rowLink.first().waitFor()
    expect((await rowLink.count()) === 1, `one visit links to a request: ${await rowLink.count()}`)
    expect((await rowLink.getAttribute('href'))?.endsWith(`/requests/list/${requestId}`), `the visit's link: ${await rowLink.getAttribute('href')}`)
    await settle(page)
  })

  await step('visits: the community finds the request the visit opened', async () => {
    await signOut()
    await page.setViewportSize({ width: 1366, height: 860 })
    await consoleLogin(page, base, 'changjiaxiang')
    await openMenu('诉求办理', '社区服务')
    await page.waitForURL((url) => url.pathname === '/requests/list')
    const row = page.locator('[data-test=request-table] .el-table__row', { hasText: trackingCode })
    await row.waitFor()
    const text = (await row.textContent()) ?? ''
    expect(text.includes('路灯'), `the request in the community's list: ${text}`)
    await settle(page)
    await screenshot(page, 'visit-request-community')
    // Its page, from the community's side: the request of the visit, on the patrol channel.
    await row.locator('[data-test=request-code]').click()
    await page.waitForURL((url) => url.pathname === `/requests/list/${requestId}`)
    await page.locator('[data-test=request-description]', { hasText: REQUEST_TEXT }).waitFor()
    await settle(page)
  })

  await step('visits: the community registers the need a visit found, once', async () => {
    const visits = await api('GET', `/api/v1/residents/persons/${personId}/visits`)
    const found = visits.body?.items?.filter((v) => v.needs.length > 0) ?? []
    expect(found.length === 1 && found[0].needs.join() === 'meals', `one visit found a need, 助餐: ${JSON.stringify(visits.body)}`)
    const visit = found[0]
    const reference = `走访 ${visit.visitedOn}`

    /** 登记需求 on the visit that found 助餐, the only visit that offers it. */
    async function registerFromVisit() {
      const offers = page.locator('[data-test=visit-list] .visit-row', { has: page.locator('[data-test=visit-register-need]') })
      await offers.first().waitFor()
      expect((await offers.count()) === 1 && ((await offers.textContent()) ?? '').includes('助餐'), 'only the visit that found 助餐 offers 登记需求')
      await offers.locator('[data-test=visit-register-need]').click()
      await page.waitForURL((url) => url.pathname === '/lists/needs/new' && url.searchParams.get('visit') === String(visit.id))
      await page.locator('[data-test=need-finding]', { hasText: `来自走访 ${visit.visitedOn}` }).waitFor()
      await page.locator('[data-test=need-grid] .el-select__selected-item', { hasText: '第一网格' }).first().waitFor()
      // 助餐 is a need for meals.
      await page.locator('[data-test=need-category-input] .el-select__selected-item', { hasText: '助餐配餐' }).first().waitFor()
      const description = await page.inputValue('[data-test=need-description-input]')
      expect(description === '走访发现：助餐', `described as found: ${description}`)
      expect((await page.locator('[data-test=need-source-input]').count()) === 0, 'the source is said, not asked')
    }

    await page.goto(`${base}/residents/persons/${personId}`)
    await registerFromVisit()
    await settle(page)
    await screenshot(page, 'visit-need-form')
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/lists/needs') && r.request().method() === 'POST'),
      page.click('[data-test=need-submit]'),
    ])
    expect(created.status() === 201, `registered: ${created.status()}`)
    const sent = created.request().postDataJSON()
    expect(sent.visitId === visit.id && sent.personId === personId && !('lat' in sent), `the visit and the person sent, no point: ${JSON.stringify(sent)}`)
    const need = await created.json()
    await page.waitForURL((url) => url.pathname === `/lists/needs/${need.id}`)
    expect((await page.locator('[data-test=need-detail-person]').textContent())?.trim() === PERSON.masked, `for ${PERSON.masked}`)
    const back = page.locator('[data-test=need-fields] [data-test=need-finding]')
    expect((await back.textContent())?.trim() === reference, `the reference: ${await back.textContent()}`)
    await settle(page)
    await screenshot(page, 'visit-need-detail')

    // Back to the visit, marked on his page; registering it again is refused at that line.
    await back.click()
    await page.waitForURL((url) => url.pathname === `/residents/persons/${personId}` && url.searchParams.get('visit') === String(visit.id))
    await page.locator('[data-test=visit-list] .visit-linked', { hasText: '助餐' }).waitFor()
    await registerFromVisit()
    allow(400, '/api/v1/lists/needs')
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/lists/needs') && r.request().method() === 'POST'),
      page.click('[data-test=need-submit]'),
    ])
    expect(refused.status() === 400, `registered again: ${refused.status()}`)
    const reason = (await refused.json()).details?.find((d) => d.field === 'visitId')?.reason ?? ''
    const shown = page.locator('[data-field=source] .el-form-item__error')
    await shown.waitFor()
    expect(reason !== '' && (await shown.textContent())?.trim() === reason, `the refusal at 来源: "${await shown.textContent()}" (${reason})`)
    await settle(page)
    await screenshot(page, 'visit-need-refused')

    // In 三项清单 › 需求清单: from a home visit, for him, with the visit's date.
    await openMenu('需求清单', '三项清单')
    await page.waitForURL((url) => url.pathname === '/lists/needs')
    const row = page.locator('[data-test=need-table] .el-table__body tr', { hasText: '走访发现：助餐' })
    await row.waitFor()
    expect((await row.count()) === 1, `listed once: ${await row.count()}`)
    const source = (await row.locator('[data-test=need-source]').textContent())?.replace(/\s+/g, ' ').trim()
    expect(source === `入户走访 · ${reference}`, `where it came from: ${source}`)
    expect((await row.locator('[data-test=need-person]').textContent())?.trim() === PERSON.masked, `for ${PERSON.masked}`)
    await settle(page)
    await screenshot(page, 'visit-need-list')

    // The request's page starts the form from the request.
    await page.goto(`${base}/requests/list/${requestId}`)
    await page.click('[data-test=request-register-need]')
    await page.waitForURL((url) => url.pathname === '/lists/needs/new' && url.searchParams.get('request') === String(requestId))
    await page.locator('[data-test=need-finding]', { hasText: `来自诉求 ${trackingCode}` }).waitFor()
    expect((await page.inputValue('[data-test=need-description-input]')) === REQUEST_TEXT, 'described as the request')
    await page.locator('[data-test=need-grid] .el-select__selected-item', { hasText: '第一网格' }).first().waitFor()
    await page.click('[data-test=need-cancel]')
    await page.waitForURL((url) => url.pathname === `/requests/list/${requestId}`)
    await settle(page)
  })

  await step('visits: the township takes the referral up and grants it', async () => {
    await signOut()
    await page.setViewportSize({ width: 1366, height: 860 })
    await consoleLogin(page, base, 'admin')
    const created = await api('POST', '/api/v1/users', {
      ...TOWNSHIP_USER,
      unitCode: TOWNSHIP.code,
      roles: [{ role: 'township_admin', unitCode: TOWNSHIP.code }],
    })
    expect(created.status === 201 || created.status === 200, `the township account: ${created.status} ${JSON.stringify(created.body)}`)
    passwords.set(TOWNSHIP_USER.username, TOWNSHIP_USER.password)
    await settle(page)

    await signOut()
    await consoleLogin(page, base, TOWNSHIP_USER.username)
    await followTodo('residents.referrals.open')
    await page.waitForURL((url) => url.pathname === '/residents/referrals')
    const row = page.locator('[data-test=referral-table] .el-table__body-wrapper tbody tr', { hasText: PERSON.masked }).first()
    await row.locator('[data-test=referral-status]', { hasText: '已转介' }).waitFor()
    expect((await row.locator('[data-test=referral-kind]').textContent())?.trim() === '低保审核', 'a 低保 assessment')
    expect((await row.textContent())?.includes(REFER_REASON), 'the hardship found')
    await settle(page)
    await accessibleWhenStill('the referrals of the township')
    await screenshot(page, 'referrals-township')

    // 受理: under assessment.
    await page.locator('[data-test=referral-table] [data-test=referral-accept]').first().click()
    const dialog = page.locator('.el-dialog[data-test=referral-dialog]')
    await dialog.waitFor()
    await dialog.locator('[data-test=referral-confirm]').click()
    await elMessage('已受理，转入审核')
    await dialog.waitFor({ state: 'hidden' })
    await row.locator('[data-test=referral-status]', { hasText: '审核中' }).waitFor()
    await settle(page)

    // 办结: granted, with the grounds (none given first: asked for).
    await page.locator('[data-test=referral-table] [data-test=referral-decide]').first().click()
    await dialog.waitFor()
    await dialog.locator('[data-test=referral-status] .el-radio-button', { hasText: '已纳入' }).click()
    await dialog.locator('[data-test=referral-confirm]').click()
    await dialog.locator('[data-field=reason] .el-form-item__error', { hasText: '请说明结果和理由' }).waitFor()
    await dialog.locator('[data-test=referral-reason]').fill(GRANT_REASON)
    await screenshot(page, 'referral-decide')
    await dialog.locator('[data-test=referral-confirm]').click()
    await elMessage('已办结：已纳入')
    await dialog.waitFor({ state: 'hidden' })
    await row.locator('[data-test=referral-status]', { hasText: '已纳入' }).waitFor()
    expect((await row.textContent())?.includes(GRANT_REASON), 'the grounds shown')
    expect(!(await page.locator('[data-test=referral-table] [data-test=referral-decide]').count()), 'nothing left to decide')
    await settle(page)
  })

  await step('visits: the community worker sees the referral granted', async () => {
    await signOut()
    await consoleLogin(page, base, 'changjiaxiang')
    await openMenu('走访转介')
    await page.waitForURL((url) => url.pathname === '/residents/referrals')
    const row = page.locator('[data-test=referral-table] .el-table__body-wrapper tbody tr', { hasText: PERSON.masked }).first()
    await row.locator('[data-test=referral-status]', { hasText: '已纳入' }).waitFor()
    expect(!(await page.locator('[data-test=referral-accept], [data-test=referral-decide]').count()), 'the community does not decide')
    // Filtered by state.
    await page.locator('[data-test=referral-filter-status] .el-select__wrapper').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: '审核中' }).click()
    await page.click('[data-test=list-search]')
    await page.locator('[data-test=referral-list] .el-empty', { hasText: '没有该状态的转介' }).waitFor()
    await settle(page)
    await screenshot(page, 'referrals-community')
  })

  await step('visits: the province sets who is visited how often', async () => {
    await signOut()
    await consoleLogin(page, base, 'admin')
    // The menu leads to the working unit's rules; the province's own are at its code.
    await page.locator('[data-test=side-menu] .el-menu-item').first().waitFor()
    expect(await page.locator('[data-test=side-menu] .el-menu-item', { hasText: '走访频次' }).count(), 'the menu offers 走访频次')
    await page.goto(`${base}/residents/care-rules/${PROVINCE.code}`)
    await page.locator('[data-test=care-rules-unit]', { hasText: PROVINCE.name }).waitFor()
    const setAt = page.locator('[data-test=care-rule-set-at-empty_nest]')
    await setAt.waitFor()
    expect((await setAt.textContent())?.trim() === '系统默认', `空巢老人 by default: ${await setAt.textContent()}`)
    await page.locator('[data-test=care-rule-empty_nest] .el-radio-button', { hasText: '每季度' }).click()
    await page.click('[data-test=care-rules-save]')
    await elMessage('已保存走访频次')
    await page.locator('[data-test=care-rule-set-at-empty_nest]', { hasText: '本级设置' }).waitFor()
    const rules = await api('GET', `/api/v1/residents/care-rules/${PROVINCE.code}`)
    const emptyNest = rules.body?.items?.find((r) => r.tag === 'empty_nest')
    expect(emptyNest?.everyMonths === 3 && emptyNest.setAt === PROVINCE.code, `the province's rule: ${JSON.stringify(emptyNest)}`)
    // A city follows it where it sets nothing of its own.
    const city = await api('GET', '/api/v1/residents/care-rules/620100000000')
    const inCity = city.body?.items?.find((r) => r.tag === 'empty_nest')
    expect(inCity?.everyMonths === 3 && inCity.setAt === PROVINCE.code, `the city follows the province: ${JSON.stringify(inCity)}`)
    await settle(page)
    await accessibleWhenStill('the visit frequency')
    await screenshot(page, 'care-rules-province')
  })

  await step('visits: the grid worker is reminded of a target not yet visited this month', async () => {
    await signOut()
    await page.setViewportSize({ width: 1366, height: 860 })
    await consoleLogin(page, base, 'changjiaxiang')
    const home = await api('POST', '/api/v1/residents/households', { gridCode: GRID, address: '城关区畅家巷 16 号楼 1 单元 101 室' })
    expect(home.status === 201, `the household: ${home.status} ${JSON.stringify(home.body)}`)
    const body = '62010219400214302'
    const made = await api('POST', '/api/v1/residents/persons', {
      householdId: home.body.id,
      relation: 'head',
      name: '孙桂英',
      idNumber: body + checkCharacter(body),
      ethnicity: '汉族',
      movedIn: '2010-03-01',
      tags: [{ key: 'special_hardship_elderly' }],
    })
    expect(made.status === 201, `the target: ${made.status} ${JSON.stringify(made.body)}`)

    // What the grid worker has before the reminder runs: his targets due (孙桂英 at least, and
    // whatever the demo and the steps above left unvisited this period), and whether this month's
    // reminder is there already. The server's daily job reminds from the 20th: a run on or after
    // the 20th may have left it when the server started.
    await signOut()
    await page.setViewportSize({ width: 360, height: 740 })
    await consoleLogin(page, base, 'wangge1')
    const chinaMonth = (at) => new Date(new Date(at).getTime() + 8 * 3600_000).toISOString().slice(0, 7)
    const now = new Date(Date.now() + 8 * 3600_000).toISOString()
    const month = now.slice(0, 7)
    const remindersOf = (reply) => (reply.body?.items ?? []).filter((m) => m.kind === REMINDER && chinaMonth(m.createdAt) === month)
    const todosBefore = await api('GET', '/api/v1/workbench/todos')
    const due = todosBefore.body?.items?.find((i) => i.code === 'residents.visits.overdue')?.count ?? 0
    expect(due >= 1, `wangge1 has targets due, 孙桂英 among them: ${JSON.stringify(todosBefore.body)}`)
    const inboxBefore = await api('GET', '/api/v1/inbox?page=1&pageSize=50')
    expect(inboxBefore.status === 200, `wangge1's messages: ${inboxBefore.status} ${JSON.stringify(inboxBefore.body)}`)
    const already = remindersOf(inboxBefore).length > 0

    // As the daily job does from the 20th of the month.
    const run = spawnSync(shequ, ['residents', 'remind-visits', '--database', database, '--date', `${month}-20`], {
      encoding: 'utf8',
      env: { ...process.env, SHEQU_LANG: 'en', LANG: 'en_US.UTF-8' },
    })
    expect(run.status === 0, `shequ residents remind-visits: exit ${run.status}\n${run.stdout}\n${run.stderr}`)
    const said = /^reminded (\d+) accounts\b/m.exec(run.stdout ?? '')
    expect(said, `the reminder says how many accounts it reminded: ${JSON.stringify(run.stdout)}`)
    const reminded = Number(said[1])
    // Once a month: a reminder already there is not left again; otherwise wangge1 is reminded now.
    if (!already) expect(reminded >= 1, `wangge1 has ${due} targets due and no reminder this month, yet: ${run.stdout}`)
    const inboxAfter = await api('GET', '/api/v1/inbox?page=1&pageSize=50')
    const reminders = remindersOf(inboxAfter)
    const by = already ? 'left by the daily job' : 'left by the command'
    expect(reminders.length === 1, `one reminder this month for wangge1 (${by}): ${JSON.stringify(inboxAfter.body)}`)
    expect(reminders[0].readAt === null && inboxAfter.body.unread >= 1, `the reminder is unread: ${JSON.stringify(inboxAfter.body)}`)
    // Left now, as of the 20th not yet passed, it counts what his list of visits due counts.
    const exact = !already && Number(now.slice(8, 10)) < 20
    const expectedTitle = exact ? `走访提醒：本期还有 ${due} 位关爱对象未走访` : null

    // The to-do list of the top bar leads to the messages.
    await page.reload()
    await settle(page)
    await page.click('[data-test=todo-bell]')
    const todo = page.locator('[data-test=todo-item][data-todo="inbox.unread"]')
    await todo.waitFor()
    const todoText = (await todo.textContent()) ?? ''
    expect(todoText.includes('未读消息'), `the to-do is named 未读消息: ${todoText}`)
    await todo.locator('button').click()
    await page.waitForURL((url) => url.pathname === '/inbox')
    const message = page.locator(`[data-test=inbox-row][data-kind="${REMINDER}"]`)
    await message.waitFor()
    const title = (await message.locator('[data-test=inbox-title]').textContent())?.trim()
    if (expectedTitle) expect(title === expectedTitle, `the reminder: ${title}, expected ${expectedTitle}`)
    else expect(/^走访提醒：本期还有 \d+ 位关爱对象未走访$/.test(title ?? ''), `the reminder: ${title}`)
    expect((await message.getAttribute('data-read')) === '0', 'the reminder shows unread')
    await settle(page)
    await fitsPhone('the messages')
    await accessibleWhenStill('the messages at 360 px')
    await screenshot(page, 'inbox-reminder-360')

    // Opening it marks it read and lands on the visits due, 孙桂英 among them.
    await message.locator('[data-test=inbox-open]').click()
    await page.waitForURL((url) => url.pathname === '/residents/visits/overdue')
    await page.locator('[data-test=overdue-cards] [data-test=overdue-row]', { hasText: '孙*英' }).waitFor()
    await settle(page)
    // (Other messages may wait for him, the demo's warnings among them: one fewer is unread.)
    const inbox = await api('GET', '/api/v1/inbox?page=1&pageSize=50')
    expect(inbox.body?.unread === inboxAfter.body.unread - 1 && remindersOf(inbox)[0]?.readAt, `read: ${JSON.stringify(inbox.body)}`)
    // The top bar counted again by itself (the page said what it changed), without the bell opened.
    const todosAfter = await api('GET', '/api/v1/workbench/todos')
    await page.waitForFunction(
      (total) => document.querySelector('[data-test=todo-count]')?.textContent?.trim().replace(/,/g, '') === String(total),
      todosAfter.body.total,
    )
    await page.click('[data-test=todo-bell]')
    await page.waitForFunction(
      (unread) => document.querySelector('[data-test=todo-item][data-todo="inbox.unread"] .el-tag')?.textContent?.trim() === String(unread),
      inbox.body.unread,
    )
    await settle(page)
    await screenshot(page, 'inbox-read-todos-360')
    await page.click('[data-test=todo-bell]')
    await page.locator('[data-test=todo-list]').waitFor({ state: 'hidden' })
  })
}
