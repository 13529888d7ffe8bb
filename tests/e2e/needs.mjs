// Browser tests of a resident's own needs (我的需求; web/src/h5/views/needs) and of how staff meet
// them in the needs list (需求清单; web/src/views/lists/Need*.vue):
//
// - what the full demo holds and the run's database (init --no-demo-province) does not is put in
//   place as the demo does it, through the API: the resident in the register with her account's
//   phone and her home's place (as the surveys' steps register her, when they have not run before
//   these), the community's canteen (畅家巷社区老年食堂, lunch 11:00–13:00, near her home) and the
//   need she raised before (a leaking kitchen pipe);
// - the demo resident (jumin1, 刘芳 of 畅家巷社区's first grid), on a phone at 360×740, opens 我的需求
//   from 我的社区 and finds that need; she sends the form empty and reads the server's reasons at
//   their fields; she asks for lunch (助餐配餐, urgent, 11:00–13:00) and sees it listed as 待对接;
// - the community worker (changjiaxiang) follows the to-do of residents' needs to the needs list,
//   where it reads 居民提出 for 刘*, opens it and confirms the canteen the server proposes
//   (畅家巷社区老年食堂, lunch 11:00–13:00 nearby);
// - back on the phone, the resident sees her need matched with the canteen, in service.
//
// run.mjs calls needsSteps() after the surveys steps (which register her); --only needs runs them alone.
import { makeApi } from './page-api.mjs'
import { checkAccessibility, checkPhoneLayout } from './resident.mjs'
import { registerDemoHousehold } from './surveys.mjs'

const PHONE = { width: 360, height: 740 }
const RESIDENT = { username: 'jumin1', masked: '刘*' }
// As src/lists/module.cpp adds them to the demo.
const DEMO_NEED = { category: 'repair', urgency: 'normal', description: '厨房水管漏水，希望有人上门维修', fromHour: 9, toHour: 18 }
const CANTEEN = {
  unit: '620102001001',
  source: 'facility',
  name: '畅家巷社区老年食堂',
  category: 'meals',
  capacity: 40,
  fromHour: 11,
  toHour: 13,
  lat: 36.062,
  lon: 103.834,
  contact: '0931-8451201',
  note: '午餐 11:00—13:00，可送餐上门',
}
const LUNCH = {
  description: `腿脚不便，希望每天中午送餐上门（浏览器测试 ${Date.now().toString(36)}）`,
  category: '助餐配餐',
  hours: '11:00–13:00',
}

export async function needsSteps(h) {
  const { context, page, base, step, screenshot, watch, allow, expect, settle, consoleLogin, signOut, passwords, demoPassword } = h
  const state = { need: 0 }

  /** A phone page of its own signed in as the resident (whoever was signed in signed out), closed after `fn`. */
  async function asResident(fn) {
    await context.clearCookies()
    const phone = await context.newPage()
    watch(phone, 'h5')
    try {
      await phone.setViewportSize(PHONE)
      await phone.goto(`${base}/h5/`)
      await phone.waitForURL((url) => url.pathname === '/h5/login')
      await phone.fill('[data-test=h5-username]', RESIDENT.username)
      await phone.fill('[data-test=h5-password]', passwords.get(RESIDENT.username) ?? demoPassword)
      await phone.click('[data-test=h5-login-submit]')
      await phone.waitForURL((url) => url.pathname === '/h5/')
      await fn(phone)
      await phone.click('[data-test=h5-tab-h5-me]')
      await phone.click('[data-test=h5-logout]')
      await phone.waitForURL((url) => url.pathname === '/h5/login')
    } finally {
      await phone.close()
    }
  }

  /** 我的需求, from 我的社区. */
  async function openMyNeeds(phone) {
    await phone.click('[data-test=h5-needs-entry]')
    await phone.waitForURL((url) => url.pathname === '/h5/needs')
    await phone.locator('[data-test=h5-needs]').waitFor()
  }

  const text = async (locator) => ((await locator.textContent()) ?? '').trim()

  await step('needs: the resident in the register, the canteen and the need raised before, as in the demo', async () => {
    let linked = false
    await asResident(async (phone) => {
      const surveys = await makeApi(phone)('GET', '/api/v1/surveys/mine')
      expect(surveys.status === 200, `her surveys: ${surveys.status}`)
      linked = surveys.body.linked
    })
    await consoleLogin(page, base, 'changjiaxiang')
    const api = makeApi(page)
    if (!linked) await registerDemoHousehold(api, expect)
    const meals = await api('GET', `/api/v1/lists/resources?unit=${CANTEEN.unit}&category=meals&pageSize=100`)
    expect(meals.status === 200, `the resources: ${meals.status}`)
    if (!meals.body.items.some((r) => r.name === CANTEEN.name)) {
      const made = await api('POST', '/api/v1/lists/resources', CANTEEN)
      expect(made.status === 201, `the canteen registered: ${made.status} ${JSON.stringify(made.body)}`)
    }
    await signOut()
    await asResident(async (phone) => {
      const asHer = makeApi(phone)
      const mine = await asHer('GET', '/api/v1/lists/my-needs')
      expect(mine.status === 200, `her needs: ${mine.status}`)
      if (!mine.body.items.some((n) => n.description === DEMO_NEED.description)) {
        const raised = await asHer('POST', '/api/v1/lists/my-needs', DEMO_NEED)
        expect(raised.status === 201, `the pipe raised: ${raised.status} ${JSON.stringify(raised.body)}`)
      }
    })
  })

  await step("needs: the resident finds her need on 我的需求; an empty form shows the server's reasons at its fields", async () => {
    await asResident(async (phone) => {
      await openMyNeeds(phone)
      const demo = phone.locator('[data-test=h5-need]', { hasText: DEMO_NEED.description })
      await demo.waitFor()
      expect((await text(demo.locator('[data-test=h5-need-category]'))) === '维修服务', 'the pipe is a repair')
      expect((await text(demo.locator('[data-test=h5-need-status]'))) === '待对接', 'the demo need waits to be matched')
      await settle(phone)
      await checkPhoneLayout(phone, expect, '我的需求')
      await checkAccessibility(phone, '我的需求')
      await screenshot(phone, 'needs-h5-mine')

      await phone.click('[data-test=h5-need-new]')
      await phone.waitForURL((url) => url.pathname === '/h5/needs/new')
      await phone.locator('[data-test=h5-need-form]').waitFor()
      allow(400, '/api/v1/lists/my-needs')
      const [response] = await Promise.all([
        phone.waitForResponse((r) => r.url().endsWith('/api/v1/lists/my-needs') && r.request().method() === 'POST'),
        phone.click('[data-test=h5-need-submit]'),
      ])
      expect(response.status() === 400, `an empty form is refused with 400: ${response.status()}`)
      const details = (await response.json()).details ?? []
      const fields = details.map((d) => d.field)
      expect(fields.includes('category') && fields.includes('description'), `the server names the category and the description: ${fields.join(', ')}`)
      await phone.locator('[data-test=h5-need-error]').waitFor()
      // Each reason at its own field (two reasons for one field are shown joined).
      for (const d of details) {
        const shown = await text(phone.locator(`[data-field="${d.field}"] .h5-field-error`))
        expect(shown.includes(d.reason), `the reason at ${d.field}: "${d.reason}" (shown: "${shown}")`)
      }
      expect((await phone.getAttribute('[data-test=h5-need-category-input]', 'aria-invalid')) === 'true', 'the category is marked invalid')
      await settle(phone)
      await checkPhoneLayout(phone, expect, 'the refused form')
      await checkAccessibility(phone, 'the refused form')
      await screenshot(phone, 'needs-h5-refused')
    })
  })

  await step('needs: the resident asks for lunch, urgent, 11:00–13:00, and sees it 待对接', async () => {
    await asResident(async (phone) => {
      await openMyNeeds(phone)
      await phone.click('[data-test=h5-need-new]')
      await phone.locator('[data-test=h5-need-form]').waitFor()
      await phone.selectOption('[data-test=h5-need-category-input]', { label: LUNCH.category })
      await phone.check('[data-test=h5-need-urgency-urgent]')
      await phone.fill('[data-test=h5-need-description-input]', LUNCH.description)
      await phone.selectOption('[data-test=h5-need-from-input]', { label: '11:00' })
      await phone.selectOption('[data-test=h5-need-to-input]', { label: '13:00' })
      await screenshot(phone, 'needs-h5-form')
      const [response] = await Promise.all([
        phone.waitForResponse((r) => r.url().endsWith('/api/v1/lists/my-needs') && r.request().method() === 'POST'),
        phone.click('[data-test=h5-need-submit]'),
      ])
      expect(response.status() === 201, `raised: ${response.status()}`)
      state.need = (await response.json()).id
      await phone.locator('[data-test=h5-need-done]').waitFor()
      // Her phone is in the register with her household's place: nobody needs to ask where she lives.
      expect((await phone.locator('[data-test=h5-need-unlocated]').count()) === 0, 'no address to confirm')
      await checkAccessibility(phone, 'the need sent')
      await phone.click('[data-test=h5-need-to-list]')
      await phone.waitForURL((url) => url.pathname === '/h5/needs')
      const mine = phone.locator(`[data-test=h5-need][data-id="${state.need}"]`)
      await mine.waitFor()
      expect((await phone.locator('[data-test=h5-need]').first().getAttribute('data-id')) === String(state.need), 'the newest first')
      expect((await text(mine.locator('[data-test=h5-need-category]'))) === LUNCH.category, 'for meals')
      expect((await text(mine.locator('[data-test=h5-need-status]'))) === '待对接', 'waiting to be matched')
      expect((await text(mine.locator('[data-test=h5-need-urgent]'))) === '紧急', 'urgent')
      expect((await text(mine.locator('[data-test=h5-need-hours]'))) === LUNCH.hours, 'at lunchtime')
      expect((await text(mine.locator('[data-test=h5-need-description]'))) === LUNCH.description, 'as she wrote it')
      await settle(phone)
      await checkPhoneLayout(phone, expect, 'the need listed')
      await screenshot(phone, 'needs-h5-raised')
    })
  })

  await step('needs: the community follows the to-do, sees 居民提出 for 刘*, and confirms the canteen proposed', async () => {
    expect(state.need > 0, 'a need raised')
    await context.clearCookies()
    await consoleLogin(page, base, 'changjiaxiang')
    await page.click('[data-test=todo-bell]')
    const todo = page.locator('[data-test=todo-item][data-todo="lists.needs.raised"]')
    await todo.waitFor()
    await todo.locator('button').click()
    await page.waitForURL((url) => url.pathname === '/lists/needs' && url.searchParams.get('status') === 'open')
    const row = page.locator('[data-test=need-table] .el-table__body tr', { hasText: LUNCH.description })
    await row.waitFor()
    const rowText = await text(row)
    expect(rowText.includes('居民提出'), `from a resident: ${rowText}`)
    expect((await text(row.locator('[data-test=need-person]'))) === RESIDENT.masked, `for ${RESIDENT.masked}`)
    await settle(page)
    await screenshot(page, 'needs-console-list')

    await row.locator('[data-test=need-open]').click()
    await page.waitForURL((url) => url.pathname === `/lists/needs/${state.need}`)
    await page.locator('[data-test=need-detail-status][data-status=open]').waitFor()
    expect((await text(page.locator('[data-test=need-detail-person]'))) === RESIDENT.masked, 'the need is for 刘*')
    expect((await text(page.locator('[data-test=need-fields]'))).includes('居民提出'), 'raised by the resident')
    const proposal = page.locator('[data-test=proposal-table] .el-table__body tr', { hasText: CANTEEN.name }).first()
    await proposal.waitFor()
    await settle(page)
    await screenshot(page, 'needs-console-proposals')
    await proposal.locator('[data-test=proposal-confirm]').click()
    await page.locator('.el-message-box__btns .el-button--primary').click()
    await page.locator('[data-test=need-detail-status][data-status=matched]').waitFor()
    await page.locator('[data-test=match-resource]', { hasText: CANTEEN.name }).waitFor()
    await settle(page)
    await screenshot(page, 'needs-console-matched')
    await signOut()
  })

  await step('needs: the resident sees her need matched with the canteen', async () => {
    expect(state.need > 0, 'a need raised')
    await asResident(async (phone) => {
      await openMyNeeds(phone)
      const mine = phone.locator(`[data-test=h5-need][data-id="${state.need}"]`)
      await mine.waitFor()
      expect((await text(mine.locator('[data-test=h5-need-status]'))) === '已对接', 'matched')
      const match = mine.locator('[data-test=h5-need-match]')
      expect((await text(match.locator('[data-test=h5-need-match-resource]'))) === CANTEEN.name, `with ${CANTEEN.name}`)
      expect((await text(match.locator('[data-test=h5-need-match-outcome]'))) === '服务中', 'in service')
      await settle(phone)
      await checkPhoneLayout(phone, expect, 'the need matched')
      await checkAccessibility(phone, 'the need matched')
      await screenshot(phone, 'needs-h5-matched')
    })
  })
}
