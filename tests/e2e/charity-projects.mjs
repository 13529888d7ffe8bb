// Browser tests of the charity ledgers (公益慈善台账; web/src/views/charity, the public page
// web/src/h5/views/charity) and the projects (民生项目; web/src/views/lists/Project*.vue, the resident
// pages web/src/h5/views/projects):
//
// - the community worker of 畅家巷社区 (changjiaxiang) records a donation of money typed in yuan with
//   the donor's name and mobile and the name to show, then an outgoing with its purpose and
//   destination: the balance moves by both to the fen; the donor reads masked in the ledger and in
//   clear once a reason is given; the ledger exports as a workbook;
// - an outgoing beyond the balance is refused by the server, whose reason the dialog shows;
// - the public page of the fund, read on a phone without signing in, shows a balance equal to its
//   income less its outgoing, the same as the console's, and the name the donor chose, never theirs;
// - the worker registers a project, reports its progress and publishes it; the resident (jumin1)
//   finds it from 我的社区 and comments on it; the worker follows the to-do to the comments to
//   review and publishes it with a reply; the public project page, read without signing in, shows
//   the comment and the reply.
//
// run.mjs calls charityProjectsSteps() after the plan steps; --only charity-projects runs them alone.
import { checkAccessibility, checkPhoneLayout } from './resident.mjs'
import { chinaDay, makeApi } from './page-api.mjs'

const COMMUNITY = { code: '620102001001', name: '畅家巷' }
const PHONE = { width: 360, height: 740 }
const DONOR = { name: '张三丰', phone: '13812345678', shown: '爱心居民（浏览器测试）' }
const DESTINATION = '畅家巷社区 5 户困难家庭（浏览器测试）'
const PROJECT = {
  title: `畅家巷 3 号院加装电梯（浏览器测试 ${Date.now().toString(36)}）`,
  summary: '3 号院 2 个单元加装电梯，含井道、轿厢和无障碍坡道',
  budget: '1280000.50',
  beneficiaries: '136',
}
const COMMENT = '施工期间能否避开午休时间？（浏览器测试）'
const REPLY = '已转施工单位，中午 12 点至 14 点停工'

export async function charityProjectsSteps(h) {
  const { context, page, base, step, screenshot, watch, allow, expect, settle, consoleLogin, signOut, passwords, demoPassword, exportedFile } = h
  const api = makeApi(page)
  const state = { balance: 0, income: 0, outgoing: 0, project: 0 }
  const dialog = page.locator('.el-dialog[data-test=charity-entry-dialog]')
  const fen = async (locator) => Number(await locator.getAttribute('data-fen'))

  async function pickOption(selector, text) {
    await page.locator(selector).click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: text }).first().click()
  }

  /** Opens 登记收入 or 登记支出 and fills the money form; `fields` by data-test suffix. */
  async function fillEntry(button, fields) {
    await page.click(`[data-test=${button}]`)
    await dialog.waitFor()
    for (const [name, value] of Object.entries(fields)) await dialog.locator(`input[data-test=charity-entry-${name}]`).fill(value)
  }

  /** The ledger's figures once they show `balance`. */
  async function ledgerShows(balance) {
    await page.locator(`[data-test=charity-ledger-balance][data-fen="${balance}"]`).waitFor()
    return {
      balance: await fen(page.locator('[data-test=charity-ledger-balance]')),
      income: await fen(page.locator('[data-test=charity-ledger-income]')),
      outgoing: await fen(page.locator('[data-test=charity-ledger-outgoing]')),
    }
  }

  /** A phone page of its own, signed in as nobody (the console page signed out first), or as `username`. */
  async function withPhone(fn) {
    const phone = await context.newPage()
    watch(phone, 'h5')
    try {
      await phone.setViewportSize(PHONE)
      await fn(phone)
    } finally {
      await phone.close()
    }
  }

  await step('charity: the community records a donation and an outgoing; the donor is masked, then revealed', async () => {
    await signOut()
    await consoleLogin(page, base, 'changjiaxiang')
    // The community may have no fund yet: its ledger says so until the first entry.
    allow(404, `/api/v1/charity/funds/${COMMUNITY.code}`)
    const before = await api('GET', `/api/v1/charity/funds/${COMMUNITY.code}`)
    expect(before.status === 200 || before.status === 404, `the fund before: ${before.status}`)
    state.balance = before.body?.fund?.balanceFen ?? 0
    await page.goto(`${base}/charity/funds`)
    await page.locator('[data-test=charity-fund-list]').waitFor()
    await page.click('[data-test=charity-own-ledger]')
    await page.waitForURL((url) => url.pathname === `/charity/funds/${COMMUNITY.code}`)
    await page.locator('[data-test=charity-ledger-unit]', { hasText: COMMUNITY.name }).waitFor()

    // 1,280.50 yuan as a person types it: 128,050 fen.
    await fillEntry('charity-record-income', { amount: '1,280.50', 'donor-name': DONOR.name, 'donor-phone': DONOR.phone, 'donor-public': DONOR.shown, purpose: '困难家庭冬季取暖' })
    await settle(page)
    await screenshot(page, 'charity-income')
    await dialog.locator('[data-test=charity-entry-submit]').click()
    await dialog.waitFor({ state: 'hidden' })
    let shown = await ledgerShows(state.balance + 128050)

    await fillEntry('charity-record-outgoing', { amount: '300', purpose: '冬季取暖补贴', destination: DESTINATION })
    await dialog.locator('[data-test=charity-entry-submit]').click()
    await dialog.waitFor({ state: 'hidden' })
    shown = await ledgerShows(state.balance + 128050 - 30000)
    expect(shown.balance === shown.income - shown.outgoing, `the balance is income less outgoing: ${JSON.stringify(shown)}`)
    Object.assign(state, shown)

    // The newest first: the outgoing, then the gift, whose donor reads masked.
    const rows = page.locator('[data-test=charity-entry-table] .el-table__body tr')
    expect((await rows.first().locator('[data-test=charity-entry-direction]').getAttribute('data-direction')) === 'outgoing', 'the outgoing first')
    expect((await rows.first().locator('[data-test=charity-entry-amount]').textContent())?.trim() === '-¥300.00', 'the outgoing as -¥300.00')
    const gift = rows.nth(1)
    expect((await gift.locator('[data-test=charity-entry-amount]').textContent())?.trim() === '¥1,280.50', 'the gift as ¥1,280.50')
    const masked = (await gift.locator('[data-test=charity-donor-masked]').textContent())?.trim()
    expect(masked && masked !== DONOR.name && masked.startsWith('张') && masked.includes('*'), `the donor masked: ${masked}`)
    expect(!(await page.locator('[data-test=charity-entry-table]').textContent())?.includes(DONOR.phone), 'no phone in the ledger')

    // 查看: the name and phone in clear, for a reason.
    await gift.locator('[data-test=charity-donor-reveal]').click()
    const reveal = page.locator('.el-dialog[data-test=charity-reveal-dialog]')
    await reveal.waitFor()
    await reveal.locator('input[data-test=reason-input]').fill('寄送捐赠票据')
    await reveal.locator('[data-test=reason-confirm]').click()
    await reveal.waitFor({ state: 'hidden' })
    const clear = (await gift.locator('[data-test=charity-donor-revealed]').textContent()) ?? ''
    expect(clear.includes(DONOR.name) && clear.includes('138 1234 5678'), `the donor in clear: ${clear}`)
    await settle(page)
    await screenshot(page, 'charity-ledger')
    // The ledger as filtered, as a workbook.
    const file = await exportedFile(page)
    expect(file.isXlsx, `the ledger exports as a workbook: ${file.name}`)
  })

  await step("charity: an outgoing beyond the balance shows the server's reason", async () => {
    expect(state.balance > 0, 'a balance to exceed')
    allow(400, '/api/v1/charity/entries')
    const beyond = `${Math.floor(state.balance / 100) + 1000}.00`
    await fillEntry('charity-record-outgoing', { amount: beyond, purpose: '超额支出', destination: DESTINATION })
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/charity/entries') && r.request().method() === 'POST'),
      dialog.locator('[data-test=charity-entry-submit]').click(),
    ])
    expect(response.status() === 400, `refused with 400: ${response.status()}`)
    const body = await response.json()
    const reasons = [body.message, ...(body.details ?? []).map((d) => d.reason)].filter(Boolean)
    // At the amount when the server names it, else above the fields: in the dialog either way.
    const said = await page
      .waitForFunction(
        (reasons) => {
          const text = document.querySelector('.el-dialog[data-test=charity-entry-dialog]')?.textContent ?? ''
          return reasons.find((r) => text.includes(r)) ?? false
        },
        reasons.filter((r) => r !== body.message || !body.details?.length),
        { timeout: 5_000 },
      )
      .then((found) => found.jsonValue())
      .catch(async () => (await dialog.textContent()) ?? '')
    expect(reasons.includes(said), `the dialog says the server's reason (${reasons.join(' / ')}): ${said}`)
    const atAmount = (await dialog.locator('[data-field=amountFen] .el-form-item__error').textContent().catch(() => ''))?.trim()
    expect(!body.details?.some((d) => d.field === 'amountFen') || atAmount === said, `at the amount: ${atAmount}`)
    await settle(page)
    await screenshot(page, 'charity-outgoing-refused')
    await dialog.locator('.el-dialog__footer button', { hasText: '取消' }).click()
    await dialog.waitFor({ state: 'hidden' })
    // Nothing moved.
    await ledgerShows(state.balance)
  })

  await step('charity: the public page, without signing in, balances income against outgoing', async () => {
    await signOut()
    await withPhone(async (phone) => {
      await phone.goto(`${base}/h5/charity/${COMMUNITY.code}`)
      await phone.locator('[data-test=h5-charity-unit]', { hasText: COMMUNITY.name }).waitFor()
      expect(new URL(phone.url()).pathname === `/h5/charity/${COMMUNITY.code}`, `not sent to sign in: ${phone.url()}`)
      const balance = await fen(phone.locator('[data-test=h5-charity-balance]'))
      const income = await fen(phone.locator('[data-test=h5-charity-income]'))
      const outgoing = await fen(phone.locator('[data-test=h5-charity-outgoing]'))
      expect(balance === income - outgoing, `the balance is income less outgoing: ${balance} = ${income} − ${outgoing}`)
      expect(balance === state.balance && income === state.income && outgoing === state.outgoing, `the console's figures: ${JSON.stringify(state)}`)
      const entries = (await phone.textContent('[data-test=h5-charity-entries]')) ?? ''
      expect(entries.includes(DONOR.shown) && entries.includes(DESTINATION), 'the name shown and the destination')
      expect(!entries.includes(DONOR.name) && !entries.includes(DONOR.phone), "never the donor's real name or phone")
      await settle(phone)
      await checkPhoneLayout(phone, expect, 'the charity page')
      await checkAccessibility(phone, 'the charity page')
      await screenshot(phone, 'charity-public')
    })
  })

  await step('projects: the community registers a project, reports progress and publishes it', async () => {
    await consoleLogin(page, base, 'changjiaxiang')
    await page.goto(`${base}/lists/projects`)
    await page.locator('[data-test=project-list]').waitFor()
    await page.click('[data-test=project-create]')
    await page.waitForURL((url) => url.pathname === '/lists/projects/new')
    await page.locator('[data-test=project-form]').waitFor()
    await page.fill('input[data-test=project-title-input]', PROJECT.title)
    await pickOption('[data-test=project-category-input]', '老旧小区改造')
    await page.fill('textarea[data-test=project-summary-input]', PROJECT.summary)
    await page.fill('input[data-test=project-budget-input]', PROJECT.budget)
    await pickOption('[data-test=project-funding-input]', '财政资金')
    const end = page.locator('[data-test=project-form] [data-field=endOn] input').first()
    await end.fill(chinaDay(120))
    await end.press('Enter')
    await page.locator('[data-test=project-form-page] .card-header').click()
    const served = page.locator('[data-test=project-beneficiaries-input] input')
    await served.fill(PROJECT.beneficiaries)
    await served.blur()
    await settle(page)
    await screenshot(page, 'project-form')
    await page.click('[data-test=project-submit]')
    await page.waitForURL((url) => /^\/lists\/projects\/\d+$/.test(url.pathname))
    state.project = Number(new URL(page.url()).pathname.split('/').pop())
    await page.locator('[data-test=project-detail-title]', { hasText: PROJECT.title }).waitFor()
    expect((await fen(page.locator('[data-test=project-detail-budget]'))) === 128000050, 'the budget to the fen')

    await page.click('[data-test=project-report]')
    const report = page.locator('.el-dialog[data-test=project-report-dialog]')
    await report.waitFor()
    const progress = report.locator('[data-test=project-report-progress] input')
    await progress.fill('30')
    await progress.blur()
    await report.locator('textarea[data-test=project-report-text]').fill('设计方案经居民议事会通过，井道开挖')
    await report.locator('[data-test=project-report-send]').click()
    await report.waitFor({ state: 'hidden' })
    await page.locator('[data-test=project-detail-progress][data-progress="30"]').waitFor()
    await page.locator('[data-test=project-detail-status][data-status=in_progress]').waitFor()

    await page.click('[data-test=project-publish]')
    await page.locator('.el-message-box__btns .el-button--primary').click()
    await page.locator('[data-test=project-detail-published][data-published=true]').waitFor()
    await settle(page)
    await screenshot(page, 'project-published')
    await signOut()
  })

  await step('projects: the resident finds it from 我的社区 and comments; the comment awaits review', async () => {
    await withPhone(async (phone) => {
      await phone.goto(`${base}/h5/`)
      await phone.waitForURL((url) => url.pathname === '/h5/login')
      await phone.fill('[data-test=h5-username]', 'jumin1')
      await phone.fill('[data-test=h5-password]', passwords.get('jumin1') ?? demoPassword)
      await phone.click('[data-test=h5-login-submit]')
      await phone.waitForURL((url) => url.pathname === '/h5/')
      await phone.click('[data-test=h5-projects-entry]')
      await phone.waitForURL((url) => url.pathname === '/h5/projects')
      await phone.click(`[data-test=h5-project-item][data-id="${state.project}"] a`)
      await phone.waitForURL((url) => url.pathname === `/h5/projects/${state.project}`)
      await phone.locator('[data-test=h5-project-title]', { hasText: PROJECT.title }).waitFor()
      await phone.locator('[data-test=h5-project-progress][data-progress="30"]').first().waitFor()
      await phone.fill('[data-test=h5-project-comment-input]', COMMENT)
      await phone.click('[data-test=h5-project-comment-submit]')
      await phone.locator('[data-test=h5-project-comment-sent]').waitFor()
      await phone.locator('[data-test=h5-my-comment][data-state=pending]', { hasText: COMMENT }).waitFor()
      // Not shown to the public until reviewed.
      expect(!((await phone.textContent('[data-test=h5-project-comments]')) ?? '').includes(COMMENT), 'the comment awaits review')
      await settle(phone)
      await checkPhoneLayout(phone, expect, 'the project page')
      await checkAccessibility(phone, 'the project page')
      await screenshot(phone, 'project-h5-commented')
      await phone.click('[data-test=h5-tab-h5-me]')
      await phone.click('[data-test=h5-logout]')
      await phone.waitForURL((url) => url.pathname === '/h5/login')
    })
  })

  await step('projects: the community follows the to-do, publishes the comment with a reply; the public page shows it', async () => {
    await consoleLogin(page, base, 'changjiaxiang')
    await page.click('[data-test=todo-bell]')
    const todo = page.locator('[data-test=todo-item][data-todo="lists.comments.pending"]')
    await todo.waitFor()
    await todo.locator('button').click()
    await page.waitForURL((url) => url.pathname === '/lists/comments' && url.searchParams.get('state') === 'pending')
    const row = page.locator('[data-test=comment-table] .el-table__body tr', { hasText: COMMENT }).first()
    await row.waitFor()
    await row.locator('[data-test=comment-publish]').click()
    const decision = page.locator('.el-dialog[data-test=comment-decision-dialog]')
    await decision.waitFor()
    await decision.locator('textarea[data-test=comment-decision-note]').fill(REPLY)
    await decision.locator('[data-test=comment-decision-confirm]').click()
    await decision.waitFor({ state: 'hidden' })
    await settle(page)
    await screenshot(page, 'project-comment-published')
    const published = await api('GET', `/api/v1/lists/projects/${state.project}`)
    expect(published.body?.comments?.some((c) => c.body === COMMENT && c.state === 'published' && c.reply === REPLY), `published with its reply: ${JSON.stringify(published.body?.comments)}`)
    await signOut()

    await withPhone(async (phone) => {
      await phone.goto(`${base}/h5/projects/${state.project}`)
      const comment = phone.locator('[data-test=h5-project-comment]', { hasText: COMMENT })
      await comment.waitFor()
      expect((await comment.locator('[data-test=h5-project-comment-reply]').textContent())?.includes(REPLY), 'with the reply')
      await phone.locator('[data-test=h5-project-sign-in]').waitFor()
      await settle(phone)
      await checkAccessibility(phone, 'the public project page')
      await screenshot(phone, 'project-h5-public')
    })
  })
}
