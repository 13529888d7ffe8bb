// Browser tests of the bought services (政府购买社区服务; web/src/views/services):
//
// - the street (jiuquanlu, township administrator of 酒泉路街道) opens 服务清单 from the menu and
//   sees the demo's two contracts: 居家养老上门服务 evaluated, 社区助餐配送服务 running;
// - the street adds a contract in the dialog: an end before the start is refused by the server,
//   whose reason shows at the end date; with the end put right, the contract's page shows it with
//   its amount to the fen;
// - the county (chengguan) registers a community organisation; the street, which never contracted
//   it and cannot read the county's register, finds it in the dialog by typing part of its name
//   (with its kind and area) and contracts it;
// - the street follows its to-do to the contracts awaiting their evaluation and evaluates the
//   demo's counselling contract: the grade shows as the score is typed and is kept;
// - the community worker of 畅家巷 (changjiaxiang) records a service on the running contract for
//   their community: the records and the people served go up by it; voided with a reason, the
//   record stays struck through with the reason and the figures go back;
// - the community registers a resource of the three lists taken from the facility registry
//   (畅家巷社区居委会党群服务中心): the facility the demo's nursery is taken from shows as taken
//   already, the name is the registry's; the resources list marks it 设施登记;
// - the evaluated contract shows its score, its grade (88, 良好) and the satisfaction measured by
//   城关区's survey, with its interval; its provider's page shows the contract and the evaluation.
//
// run.mjs calls servicesSteps() after the charity and projects steps; --only services runs them
// alone. The run's database has no module's demo data (--no-demo-province), so these steps start
// a server of their own on the whole demo (second-server.mjs), in a page of their own.
import { chinaDay, makeApi } from './page-api.mjs'
import { makeDemoDatabase, startSecondServer } from './second-server.mjs'

const EVALUATED = { title: '居家养老上门服务', score: 88, grade: '良好', provider: '兰州市城关区幸福家园社会工作服务中心' }
const RUNNING = { title: '社区助餐配送服务' }
// Ended, awaiting its evaluation, without a survey.
const DUE = { title: '社区心理疏导服务', score: '75', grade: '合格', comment: '个案辅导记录完整，小组活动次数偏少（浏览器测试）' }
const COMMUNITY = { code: '620102001001', name: '畅家巷' }
const NEW = {
  title: `老年人助浴服务（浏览器测试 ${Date.now().toString(36)}）`,
  provider: '城关区颐养社区服务协会',
  category: '养老照护',
  content: '为失能半失能老人上门助浴，每月 2 次',
  targetText: '全年为 40 位失能半失能老人助浴',
  targetPeople: '960',
  amount: '86400.50',
  funding: '区级财政',
}
// Registered by the county for these steps: the street has never contracted it.
const NEIGHBOURS = {
  name: `城关区邻里守望社区服务社（浏览器测试 ${Date.now().toString(36)}）`,
  search: '邻里守望',
  kind: 'community_organisation',
  kindLabel: '社区社会组织',
  area: '620102000000',
  areaName: '城关区',
  contactName: '王敏',
  contactPhone: '13993190041',
  services: '邻里互助、独居老人探访',
}
const VISITS = {
  title: `独居老人探访服务（浏览器测试 ${Date.now().toString(36)}）`,
  category: '养老照护',
  content: '每周上门探访独居老人并记录其需求',
  targetText: '辖区 30 位独居老人每周探访 1 次',
  targetPeople: '1500',
  amount: '24000',
  funding: '街道财政',
}
// The facility the community takes a resource from, and the one the demo's nursery (托育点) is taken from.
const HALL = { name: '畅家巷社区居委会党群服务中心', search: '党群', kindLabel: '社区综合服务设施', category: '文体活动' }
const NURSERY = '畅家巷社区居委会托育点'
const RECORD = { place: '畅家巷社区日间照料中心', content: `配送午餐并测量血压（浏览器测试 ${Date.now().toString(36)}）`, people: '25' }
const VOID_REASON = '重复登记（浏览器测试）'

export async function servicesSteps(h) {
  const { context, step, screenshot, watch, allow, expect, settle, demoPassword } = h
  const server = await startSecondServer({ ...h, ...makeDemoDatabase({ ...h, name: 'services' }), name: 'services' })
  const base = server.base
  const page = await context.newPage()
  watch(page, 'services')
  try {
    await steps()
  } finally {
    await page.close()
    await server.stop()
    // Its sessions were this server's: cookies are kept per host, not per port, and the groups after
    // it use the same host.
    await context.clearCookies()
  }

  /**
   * Signs `username` in on this server, whoever was signed in before, and lands on `landing`: not
   * the workbench, whose figures of the whole demo province the server is still counting after
   * its start.
   */
  async function signIn(username, landing) {
    // Signed out from the page where the last step left off (the login page would send whoever is
    // signed in to the workbench).
    if (page.url().startsWith(base) && (await page.locator('[data-test=user-menu]').isVisible())) {
      await page.click('[data-test=user-menu]')
      await page.click('[data-test=logout]')
      await page.waitForURL((url) => url.pathname === '/login')
    }
    await page.goto(`${base}/login?redirect=${encodeURIComponent(landing)}`)
    await page.fill('[data-test=login-username]', username)
    await page.fill('[data-test=login-password]', demoPassword)
    await page.click('[data-test=login-submit]')
    await page.waitForURL((url) => url.pathname === landing, { timeout: 15_000 })
    await settle(page)
  }

  async function steps() {
    const api = makeApi(page)
    const contractDialog = page.locator('.el-dialog[data-test=services-contract-dialog]')
    const state = { evaluated: 0 }

    async function pickOption(selector, text) {
      await page.locator(selector).click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: text }).first().click()
    }

    async function setDate(field, value) {
      const input = contractDialog.locator(`[data-field=${field}] input`).first()
      await input.fill(value)
      await input.press('Enter')
    }

    /** The contract's figures as its page shows them. */
    async function figures() {
      const n = async (name) => Number(await page.locator(`[data-test=services-contract-${name}]`).getAttribute('data-n'))
      return { records: await n('records'), people: await n('people') }
    }

    /** Opens a contract of the list by its title. */
    async function openContract(title) {
      await page.locator('[data-test=services-contract-open]', { hasText: title }).first().click()
      await page.waitForURL((url) => /^\/services\/contracts\/\d+$/.test(url.pathname))
      await page.locator('[data-test=services-contract-title]', { hasText: title }).waitFor()
      await settle(page)
      return Number(new URL(page.url()).pathname.split('/').pop())
    }

    await step('services: the street opens 服务清单 from the menu and sees the demo contracts', async () => {
      await signIn('jiuquanlu', '/services/providers')
      await page.locator('[data-test=side-menu] .el-menu-item').first().waitFor()
      const item = page.locator('[data-test=side-menu] .el-menu-item', { hasText: '服务清单' })
      if (!(await item.isVisible())) await page.locator('[data-test=side-menu] .el-sub-menu__title', { hasText: '购买服务' }).click()
      await item.click()
      await page.waitForURL((url) => url.pathname === '/services/contracts')
      const table = page.locator('[data-test=services-contract-table]')
      const row = (title) => table.locator('.el-table__body tr', { hasText: title }).first()
      await row(EVALUATED.title).waitFor()
      await row(RUNNING.title).waitFor()
      expect((await row(EVALUATED.title).locator('[data-test=services-contract-phase]').textContent())?.trim() === '已评估', 'the home care contract is evaluated')
      expect((await row(RUNNING.title).locator('[data-test=services-contract-phase]').textContent())?.trim() === '服务中', 'the meals contract is running')
      expect((await row(EVALUATED.title).textContent())?.includes(EVALUATED.provider), 'with its provider')
      const progress = (await row(RUNNING.title).locator('[data-test=services-contract-progress]').textContent()) ?? ''
      expect(/\d+ \/ \d+ 人次/.test(progress), `the people served against the target: ${progress}`)
      await settle(page)
      await screenshot(page, 'services-contracts')
    })

    await step("services: a contract whose end comes before its start shows the server's reason at the end; put right, it is added", async () => {
      allow(400, '/api/v1/services/contracts')
      await page.click('[data-test=services-contract-create]')
      await contractDialog.waitFor()
      await contractDialog.locator('[data-test=services-contract-unit]', { hasText: '酒泉路街道' }).waitFor()
      await pickOption('[data-test=services-contract-dialog] [data-test=services-contract-provider-input]', NEW.provider)
      await contractDialog.locator('input[data-test=services-contract-title-input]').fill(NEW.title)
      await pickOption('[data-test=services-contract-dialog] [data-test=services-contract-category-input]', NEW.category)
      await contractDialog.locator('textarea[data-test=services-contract-content-input]').fill(NEW.content)
      await contractDialog.locator('textarea[data-test=services-contract-target-text-input]').fill(NEW.targetText)
      const people = contractDialog.locator('[data-test=services-contract-target-people-input] input')
      await people.fill(NEW.targetPeople)
      await people.blur()
      await contractDialog.locator('input[data-test=services-contract-amount-input]').fill(NEW.amount)
      await contractDialog.locator('input[data-test=services-contract-funding-input]').fill(NEW.funding)
      await setDate('startsOn', chinaDay(0))
      await setDate('endsOn', chinaDay(-10))
      await contractDialog.locator('.el-dialog__header').click()

      const [refused] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/v1/services/contracts') && r.request().method() === 'POST'),
        contractDialog.locator('[data-test=services-contract-submit]').click(),
      ])
      expect(refused.status() === 400, `refused with 400: ${refused.status()}`)
      const body = await refused.json()
      const reason = body.details?.find((d) => d.field === 'endsOn')?.reason
      expect(reason, `the server names the end date: ${JSON.stringify(body)}`)
      const atEnd = contractDialog.locator('[data-field=endsOn] .el-form-item__error')
      await atEnd.waitFor()
      expect((await atEnd.textContent())?.trim() === reason, `the reason at the end date: ${await atEnd.textContent()} (${reason})`)
      await settle(page)
      await screenshot(page, 'services-contract-refused')

      await setDate('endsOn', chinaDay(180))
      await contractDialog.locator('.el-dialog__header').click()
      await contractDialog.locator('[data-test=services-contract-submit]').click()
      await contractDialog.waitFor({ state: 'hidden' })
      await page.waitForURL((url) => /^\/services\/contracts\/\d+$/.test(url.pathname))
      await page.locator('[data-test=services-contract-title]', { hasText: NEW.title }).waitFor()
      expect((await page.locator('[data-test=services-contract-detail-amount]').getAttribute('data-fen')) === '8640050', 'the amount to the fen')
      expect((await page.locator('[data-test=services-contract-detail-amount]').textContent())?.trim() === '¥86,400.50', 'the amount in yuan')
      expect((await page.locator('[data-test=services-contract-detail-phase]').textContent())?.trim() === '服务中', 'running from today')
      expect((await page.textContent('[data-test=services-contract-fields]'))?.includes(NEW.provider), 'with its provider')
      await settle(page)
      await screenshot(page, 'services-contract-added')
    })

    await step('services: the street finds by its name a county organisation it never contracted, and contracts it', async () => {
      // The county registers it in the volunteers module; the street reads none of the county's register.
      await signIn('chengguan', '/services/providers')
      const registered = await api('POST', '/api/v1/volunteer/organisations', {
        name: NEIGHBOURS.name,
        kind: NEIGHBOURS.kind,
        area: NEIGHBOURS.area,
        contactName: NEIGHBOURS.contactName,
        contactPhone: NEIGHBOURS.contactPhone,
        services: NEIGHBOURS.services,
      })
      expect(registered.status === 201, `the organisation registered: ${registered.status} ${JSON.stringify(registered.body)}`)

      await signIn('jiuquanlu', '/services/contracts')
      const providing = await api('GET', '/api/v1/services/providers?pageSize=200')
      expect(providing.status === 200 && !providing.body.items.some((p) => p.name === NEIGHBOURS.name), 'not one of the street’s providers yet')
      await page.click('[data-test=services-contract-create]')
      await contractDialog.waitFor()
      await contractDialog.locator('[data-test=services-contract-unit]', { hasText: '酒泉路街道' }).waitFor()
      const provider = contractDialog.locator('[data-test=services-contract-provider-input]')
      await provider.click()
      const [searched] = await Promise.all([
        page.waitForResponse((r) => r.url().includes('/api/v1/services/providers/candidates') && new URL(r.url()).searchParams.get('q') === NEIGHBOURS.search),
        provider.locator('input').fill(NEIGHBOURS.search),
      ])
      expect(new URL(searched.url()).searchParams.get('unit') === '620102001000', `the street's candidates: ${searched.url()}`)
      const option = page.locator('.el-select-dropdown__item:visible', { hasText: NEIGHBOURS.name })
      await option.waitFor()
      const shown = (await option.textContent()) ?? ''
      expect(shown.includes(NEIGHBOURS.kindLabel) && shown.includes(NEIGHBOURS.areaName), `with its kind and area: ${shown}`)
      await settle(page)
      await screenshot(page, 'services-contract-candidates')
      await option.click()
      expect((await provider.textContent())?.includes(NEIGHBOURS.name), 'the organisation chosen')

      await contractDialog.locator('input[data-test=services-contract-title-input]').fill(VISITS.title)
      await pickOption('[data-test=services-contract-dialog] [data-test=services-contract-category-input]', VISITS.category)
      await contractDialog.locator('textarea[data-test=services-contract-content-input]').fill(VISITS.content)
      await contractDialog.locator('textarea[data-test=services-contract-target-text-input]').fill(VISITS.targetText)
      const people = contractDialog.locator('[data-test=services-contract-target-people-input] input')
      await people.fill(VISITS.targetPeople)
      await people.blur()
      await contractDialog.locator('input[data-test=services-contract-amount-input]').fill(VISITS.amount)
      await contractDialog.locator('input[data-test=services-contract-funding-input]').fill(VISITS.funding)
      await setDate('startsOn', chinaDay(0))
      await setDate('endsOn', chinaDay(90))
      await contractDialog.locator('.el-dialog__header').click()
      const [saved] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/v1/services/contracts') && r.request().method() === 'POST'),
        contractDialog.locator('[data-test=services-contract-submit]').click(),
      ])
      expect(saved.status() === 201, `contracted: ${saved.status()}`)
      expect(saved.request().postDataJSON().organisationId === registered.body.id, 'the organisation registered is the provider')
      await contractDialog.waitFor({ state: 'hidden' })
      await page.locator('[data-test=services-contract-title]', { hasText: VISITS.title }).waitFor()
      expect((await page.textContent('[data-test=services-contract-fields]'))?.includes(NEIGHBOURS.name), 'with its provider')
      await settle(page)
      await screenshot(page, 'services-contract-new-provider')
    })

    await step('services: the street follows the to-do to the contract awaiting its evaluation and evaluates it', async () => {
      await page.click('[data-test=todo-bell]')
      const todo = page.locator('[data-test=todo-item][data-todo="services.evaluation.due"]')
      await todo.waitFor()
      await todo.locator('button').click()
      await page.waitForURL((url) => url.pathname === '/services/contracts' && url.searchParams.get('phase') === 'ended')
      await page.locator('[data-test=services-contract-table] .el-table__body tr', { hasText: DUE.title }).first().waitFor()
      const phases = (await page.locator('[data-test=services-contract-phase]').allTextContents()).map((p) => p.trim())
      expect(phases.length > 0 && phases.every((p) => p === '待评估'), `only the contracts awaiting their evaluation: ${phases.join(', ')}`)
      await openContract(DUE.title)

      await page.click('[data-test=services-contract-evaluate]')
      const dialog = page.locator('.el-dialog[data-test=services-evaluation-dialog]')
      await dialog.waitFor()
      const score = dialog.locator('[data-test=services-evaluation-score] input')
      await score.fill(DUE.score)
      await score.blur()
      // The grade the score gives, before it is sent.
      expect((await dialog.locator('[data-test=services-evaluation-grade]').textContent())?.trim() === DUE.grade, `${DUE.score} is ${DUE.grade}`)
      await dialog.locator('textarea[data-test=services-evaluation-comment]').fill(DUE.comment)
      await settle(page)
      await screenshot(page, 'services-evaluation')
      await dialog.locator('[data-test=services-evaluation-submit]').click()
      await dialog.waitFor({ state: 'hidden' })
      const panel = page.locator('[data-test=services-evaluation]')
      await panel.waitFor()
      expect((await panel.locator('[data-test=services-evaluation-score-shown]').textContent())?.trim() === DUE.score, 'the score kept')
      expect((await panel.locator('[data-test=services-evaluation-grade-shown]').textContent())?.trim() === DUE.grade, 'the grade kept')
      expect((await panel.locator('[data-test=services-evaluation-satisfaction]').textContent())?.includes('未关联满意度调查'), 'no survey linked')
      expect((await page.locator('[data-test=services-contract-detail-phase]').textContent())?.trim() === '已评估', 'evaluated')
      expect(!(await page.locator('[data-test=services-contract-evaluate]').isVisible()), 'evaluated once')
      expect(!(await page.locator('[data-test=services-contract-edit]').isVisible()), 'no change once evaluated')
    })

    await step('services: the community records a service on the running contract and voids it with a reason', async () => {
      await signIn('changjiaxiang', '/services/contracts')
      await page.locator('[data-test=services-contract-table]').waitFor()
      // A community worker reads and records, and adds no contract.
      expect(!(await page.locator('[data-test=services-contract-create]').isVisible()), 'no 新增合同 for the community worker')
      await openContract(RUNNING.title)
      expect(!(await page.locator('[data-test=services-contract-edit]').isVisible()), 'no 修改 for the community worker')
      const before = await figures()

      await page.click('[data-test=services-record-create]')
      const dialog = page.locator('.el-dialog[data-test=services-record-dialog]')
      await dialog.waitFor()
      // Their own community, within the street's contract.
      await dialog.locator('[data-test=services-record-unit]', { hasText: COMMUNITY.name }).waitFor()
      await dialog.locator('input[data-test=services-record-place]').fill(RECORD.place)
      await dialog.locator('textarea[data-test=services-record-content]').fill(RECORD.content)
      const people = dialog.locator('[data-test=services-record-people] input')
      await people.fill(RECORD.people)
      await people.blur()
      await settle(page)
      await screenshot(page, 'services-record')
      await dialog.locator('[data-test=services-record-submit]').click()
      await dialog.waitFor({ state: 'hidden' })
      await page.locator(`[data-test=services-contract-records][data-n="${before.records + 1}"]`).waitFor()
      const recorded = await figures()
      expect(recorded.people === before.people + Number(RECORD.people), `the people served go up by ${RECORD.people}: ${JSON.stringify({ before, recorded })}`)
      const row = page.locator('[data-test=services-record-table] .el-table__body tr', { hasText: RECORD.content }).first()
      await row.waitFor()
      expect((await row.textContent())?.includes(COMMUNITY.name), 'recorded for the community')

      await row.locator('[data-test=services-record-void]').click()
      const voiding = page.locator('.el-dialog[data-test=services-void-dialog]')
      await voiding.waitFor()
      await voiding.locator('input[data-test=reason-input]').fill(VOID_REASON)
      await voiding.locator('[data-test=reason-confirm]').click()
      await voiding.waitFor({ state: 'hidden' })
      await page.locator(`[data-test=services-contract-records][data-n="${before.records}"]`).waitFor()
      expect((await figures()).people === before.people, 'the people served go back')
      const voided = page.locator('[data-test=services-record-table] .el-table__body tr', { hasText: RECORD.content }).first()
      await voided.locator('[data-test=services-record-voided]').waitFor()
      expect((await voided.locator('[data-test=services-record-void-reason]').textContent())?.includes(VOID_REASON), 'with the reason')
      const struck = await voided.locator('[data-test=services-record-content-shown]').evaluate((el) => getComputedStyle(el).textDecorationLine)
      expect(struck.includes('line-through'), `struck through: ${struck}`)
      expect(!(await voided.locator('[data-test=services-record-void]').isVisible()), 'voided once')
      await settle(page)
      await screenshot(page, 'services-record-voided')
    })

    await step('services: the community registers a resource taken from the facility registry; the list marks it', async () => {
      // Signed in as the community worker since the step before.
      await page.goto(`${base}/lists/resources`)
      await page.locator('[data-test=resource-table]').waitFor()
      await page.click('[data-test=resource-create]')
      await page.waitForURL((url) => url.pathname === '/lists/resources/new')
      const form = page.locator('[data-test=resource-form]')
      await form.locator('[data-test=resource-unit]', { hasText: COMMUNITY.name }).waitFor()
      // Typed in by hand for a stationed unit: nothing to take from the registry.
      await pickOption('[data-test=resource-source-input]', '驻区单位')
      expect((await form.locator('[data-test=resource-origin-input]').count()) === 0, 'no 取自登记 for a stationed unit')

      const [offered] = await Promise.all([
        page.waitForResponse((r) => r.url().includes('/api/v1/lists/resources/origins')),
        pickOption('[data-test=resource-source-input]', '服务设施'),
      ])
      const asked = new URL(offered.url()).searchParams
      expect(asked.get('unit') === COMMUNITY.code && asked.get('source') === 'facility', `the community's facilities: ${offered.url()}`)
      const origin = form.locator('[data-test=resource-origin-input]')
      await origin.click()
      // The demo's nursery is a resource already.
      const nursery = page.locator('.el-select-dropdown__item:visible', { hasText: NURSERY })
      await nursery.waitFor()
      await nursery.locator('[data-test=resource-origin-taken]', { hasText: '已登记为资源' }).waitFor()
      await origin.locator('input').fill(HALL.search)
      const hall = page.locator('.el-select-dropdown__item:visible', { hasText: HALL.name })
      await hall.waitFor()
      await nursery.waitFor({ state: 'hidden' })
      expect(((await hall.textContent()) ?? '').includes(HALL.kindLabel), 'with its kind')
      expect((await hall.locator('[data-test=resource-origin-taken]').count()) === 0, 'not a resource yet')
      const hallId = Number(await hall.getAttribute('data-id'))
      await settle(page)
      await screenshot(page, 'resource-origins')
      await hall.click()
      // The name is the registry's.
      const name = form.locator('input[data-test=resource-name-input]')
      expect((await name.inputValue()) === HALL.name && (await name.isDisabled()), 'the name taken from the registry')
      await pickOption('[data-test=resource-category-input]', HALL.category)
      const [made] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/v1/lists/resources') && r.request().method() === 'POST'),
        form.locator('[data-test=resource-submit]').click(),
      ])
      expect(made.status() === 201, `registered: ${made.status()}`)
      const sent = made.request().postDataJSON()
      expect(hallId > 0 && sent.facilityId === hallId && sent.name === '', `the facility sent, the name left to the server: ${JSON.stringify(sent)}`)
      expect((await made.json()).name === HALL.name, 'named by the server after the facility')
      await page.waitForURL((url) => url.pathname === '/lists/resources')
      const row = page.locator('[data-test=resource-table] .el-table__body tr', { hasText: HALL.name }).first()
      await row.waitFor()
      expect(((await row.locator('[data-test=resource-registered]').textContent()) ?? '').trim() === '设施登记', 'marked as taken from the facility registry')
      expect((await row.locator('[data-test=resource-unavailable]').count()) === 0, 'its facility open')
      const demo = page.locator('[data-test=resource-table] .el-table__body tr', { hasText: NURSERY }).first()
      expect(((await demo.locator('[data-test=resource-registered]').textContent()) ?? '').trim() === '设施登记', 'the demo nursery too')
      await settle(page)
      await screenshot(page, 'resource-registered')
    })

    await step('services: the evaluated contract shows its grade and satisfaction; its provider page shows its record', async () => {
      await page.goto(`${base}/services/contracts`)
      await page.locator('[data-test=services-contract-table]').waitFor()
      state.evaluated = await openContract(EVALUATED.title)
      const panel = page.locator('[data-test=services-evaluation]')
      await panel.waitFor()
      expect((await panel.locator('[data-test=services-evaluation-score-shown]').textContent())?.trim() === String(EVALUATED.score), 'the score')
      expect((await panel.locator('[data-test=services-evaluation-grade-shown]').textContent())?.trim() === EVALUATED.grade, 'the grade')
      const satisfaction = (await panel.locator('[data-test=services-evaluation-satisfaction]').textContent()) ?? ''
      const kept = (await api('GET', `/api/v1/services/contracts/${state.evaluated}`)).body?.evaluation?.satisfaction
      expect(kept && kept.responses > 0, `the demo's survey was answered: ${JSON.stringify(kept)}`)
      expect(satisfaction.includes(`${kept.responses} 人作答`) && satisfaction.includes('分'), `the mean and its responses: ${satisfaction}`)
      expect(kept.low === null || satisfaction.includes('95% 置信区间'), `with its interval: ${satisfaction}`)
      // No evaluation twice, no records on an evaluated contract.
      expect(!(await page.locator('[data-test=services-contract-evaluate]').isVisible()), 'evaluated once')
      expect(!(await page.locator('[data-test=services-record-create]').isVisible()), 'no records once evaluated')
      await settle(page)
      await screenshot(page, 'services-evaluated')

      await page.click('[data-test=services-contract-provider-link]')
      await page.waitForURL((url) => /^\/services\/providers\/\d+$/.test(url.pathname))
      await page.locator('[data-test=services-provider-name]', { hasText: EVALUATED.provider }).waitFor()
      await page.locator(`[data-test=services-provider-contract][data-id="${state.evaluated}"]`).waitFor()
      const evaluations = page.locator('[data-test=services-provider-evaluation-table] .el-table__body tr', { hasText: EVALUATED.title }).first()
      await evaluations.waitFor()
      expect((await evaluations.locator('[data-test=services-provider-evaluation-grade]').textContent())?.trim() === EVALUATED.grade, 'the grade on the provider page')
      await settle(page)
      await screenshot(page, 'services-provider')
    })
  }
}
