// Browser tests of satisfaction surveys (满意度调查; web/src/views/surveys, web/src/h5/views/surveys,
// the answer form they share in web/src/components/survey):
//
// - the demo resident's account is not linked to the register at first (the run has no demo
//   register): her phone says so and whom to ask; the community then registers her and her husband;
// - the community worker of 畅家巷社区 (changjiaxiang) composes a survey on the console: a rating,
//   a single choice (是 / 否) and a text question shown only when 否 was chosen; a question left
//   without its text is refused by the builder before anything is sent; then it is published;
// - the demo resident (jumin1, 刘芳, linked to the register in 畅家巷社区) answers it on a phone
//   (360×740) from 我的社区: sending with the required questions skipped is refused on the page
//   (nothing sent), choosing 否 brings the conditional question, whose answer is then required too;
//   after sending, thanks; the survey is marked 已提交, its page says it was answered, and a second
//   answer sent anyway is refused by the server;
// - the community worker fills it in for her husband during a visit (代填), found by his ID number;
// - the results count both responses, read the mean rating with its 95% interval and say the
//   sample is too small; the Excel download is a workbook.
//
// run.mjs calls surveysSteps() with its harness.
import { checkAccessibility, checkCareMode, checkPhoneLayout } from './resident.mjs'
import { checkCharacter } from './residents.mjs'
import { makeApi } from './page-api.mjs'

const PHONE = { width: 360, height: 740 }
const TITLE = '社区服务满意度调查（浏览器测试）'
const QUESTIONS = {
  rating: '您对社区服务的总体满意度？',
  single: '您上次到社区办事是否一次办成？',
  text: '没有一次办成的原因是什么？',
}

const GRID = '620102001001001' // 第一网格 of 畅家巷社区
// The run's database has no demo register (--no-demo-province): the demo resident's entry (the
// phone of her account, jumin1) and her husband's are registered here, with sequence numbers no
// other step uses.
const LIU_FANG = { name: '刘芳', body: '62010219850214862', phone: '13993100104', relation: 'spouse' }
const ZHANG = { name: '张志强', body: '62010219820923871', phone: '', relation: 'head' }
const idOf = (person) => person.body + checkCharacter(person.body)

const state = { surveyId: 0 }

/**
 * The community registers the demo resident (with her account's phone) and her husband in a
 * household of 第一网格 at its place: `api` is signed in as the community worker. tests/e2e/needs.mjs
 * does the same when these steps have not run before it.
 */
export async function registerDemoHousehold(api, expect) {
  const household = await api('POST', '/api/v1/residents/households', { gridCode: GRID, address: '畅家巷8号楼1单元101室', lat: 36.0615, lon: 103.8345 })
  expect(household.status === 201, `a household: ${household.status} ${JSON.stringify(household.body)}`)
  for (const person of [ZHANG, LIU_FANG]) {
    const added = await api('POST', '/api/v1/residents/persons', {
      householdId: household.body.id,
      relation: person.relation,
      name: person.name,
      idNumber: idOf(person),
      ...(person.phone ? { phone: person.phone } : {}),
      ethnicity: '汉族',
      movedIn: '2012-05-01',
    })
    expect(added.status === 201, `${person.name}: ${added.status} ${JSON.stringify(added.body)}`)
  }
}

export async function surveysSteps(h) {
  const { context, page, base, step, screenshot, watch, allow, expect, settle, consoleLogin, signOut, passwords, demoPassword, exportedFile } = h
  const api = makeApi(page)

  async function phoneLogin(phone, username) {
    await phone.goto(`${base}/h5/`)
    await phone.waitForURL((url) => url.pathname === '/h5/login')
    await phone.fill('[data-test=h5-username]', username)
    await phone.fill('[data-test=h5-password]', passwords.get(username) ?? demoPassword)
    await phone.click('[data-test=h5-login-submit]')
    await phone.waitForURL((url) => url.pathname === '/h5/')
  }

  async function withPhone(fn) {
    await context.clearCookies()
    const phone = await context.newPage()
    watch(phone, 'h5')
    try {
      await phone.setViewportSize(PHONE)
      await fn(phone)
    } finally {
      await phone.close()
      await context.clearCookies()
    }
  }

  await step('surveys: a resident whose account the register does not know is told so, and whom to ask', async () => {
    await withPhone(async (phone) => {
      await phoneLogin(phone, 'jumin1')
      await phone.click('[data-test=h5-surveys-entry]')
      await phone.waitForURL((url) => url.pathname === '/h5/surveys')
      await phone.locator('[data-test=h5-surveys-not-linked]', { hasText: '尚未与社区居民登记信息关联' }).waitFor()
      await settle(phone)
      await checkPhoneLayout(phone, expect, 'the surveys of an account not linked')
      await screenshot(phone, 'survey-not-linked-360')
    })
    // The community registers her (with her account's phone) and her husband.
    await signOut()
    await consoleLogin(page, base, 'changjiaxiang')
    await registerDemoHousehold(api, expect)
    await signOut()
  })

  /** The question card of the builder at `index` (0-based). */
  const editor = (index) => page.locator(`[data-test=survey-question-editor][data-index="${index}"]`)

  await step('surveys: the community composes a survey with a rating, a choice and a conditional question, and publishes it', async () => {
    await signOut()
    await page.setViewportSize({ width: 1366, height: 860 })
    await consoleLogin(page, base, 'changjiaxiang')
    await page.goto(`${base}/surveys`)
    await page.locator('[data-test=survey-list]').waitFor()
    await settle(page)
    await page.click('[data-test=survey-create]')
    await page.waitForURL((url) => url.pathname === '/surveys/new')
    const form = page.locator('[data-test=survey-form]')
    await form.waitFor()
    // The working unit owns it, and its whole area is the target.
    await page.locator('[data-test=survey-target-units] .el-checkbox.is-checked', { hasText: '（全部）' }).waitFor()
    await page.fill('input[data-test=survey-title-input]', TITLE)
    await page.fill('textarea[data-test=survey-description-input]', '请花两分钟告诉我们您对社区服务的评价。')

    // 1: the rating the new survey starts with.
    await editor(0).locator('input[data-test=survey-question-title]').fill(QUESTIONS.rating)
    // 2: a single choice.
    await page.click('[data-test=survey-question-add-single]')
    await editor(1).locator('input[data-test=survey-question-title]').fill(QUESTIONS.single)
    await editor(1).locator('input[data-test=survey-option-input][data-index="0"]').fill('是')
    await editor(1).locator('input[data-test=survey-option-input][data-index="1"]').fill('否')
    // 3: a text, shown only when 2 was answered 否 (the only earlier choice question offered).
    await page.click('[data-test=survey-question-add-text]')
    const third = editor(2)
    await third.locator('[data-test=survey-condition-mode] .el-radio[data-mode=only-if]').click()
    await third.locator('[data-test=survey-condition-question]').click()
    const offered = (await page.locator('.el-select-dropdown__item:visible').allTextContents()).map((s) => s.trim())
    expect(offered.length === 1 && offered[0].includes(QUESTIONS.single), `only the earlier choice question is offered: ${offered.join(' | ')}`)
    await page.locator('.el-select-dropdown__item:visible').first().click()
    await third.locator('[data-test=survey-condition-options] .el-checkbox', { hasText: '否' }).click()

    // The third question has no text yet: the builder says so at it, and sends nothing.
    const posts = []
    const record = (request) => request.method() !== 'GET' && request.url().includes('/api/v1/surveys') && posts.push(request.url())
    page.on('request', record)
    await page.click('[data-test=survey-publish]')
    await third.locator('[data-test=survey-question-error-title]', { hasText: '请填写题目' }).waitFor()
    await page.locator('[data-test=survey-form-error]').waitFor()
    page.off('request', record)
    expect(posts.length === 0, `nothing is sent while a question lacks its text: ${posts.join(', ')}`)
    await third.locator('input[data-test=survey-question-title]').fill(QUESTIONS.text)
    await third.locator('[data-test=survey-question-error-title]').waitFor({ state: 'detached' })
    await settle(page)
    await checkAccessibility(page, 'the survey builder')
    await screenshot(page, 'survey-builder')

    await page.click('[data-test=survey-publish]')
    await page.locator('.el-message-box__btns .el-button--primary').click()
    await page.waitForURL((url) => /^\/surveys\/\d+$/.test(url.pathname))
    state.surveyId = Number(new URL(page.url()).pathname.split('/').pop())
    await page.locator('[data-test=survey-detail-status][data-status=open]', { hasText: '进行中' }).waitFor()
    const saved = await api('GET', `/api/v1/surveys/${state.surveyId}`)
    const qs = saved.body?.questions ?? []
    expect(qs.length === 3 && qs.map((q) => q.kind).join() === 'rating,single,text', `the questions saved: ${JSON.stringify(qs)}`)
    const no = qs[1].options.find((o) => o.label === '否')
    expect(qs[2].showIf?.question === qs[1].id && qs[2].showIf.options.length === 1 && qs[2].showIf.options[0] === no?.id, `the condition saved: ${JSON.stringify(qs[2].showIf)}`)
    expect(saved.body.questionsVersion === 1 && saved.body.versions.length === 1, `published as version 1: ${JSON.stringify(saved.body.versions)}`)
    await page.locator('[data-test=survey-detail-condition]', { hasText: '仅当第 2 题选择“否”时显示' }).waitFor()
    await settle(page)
    await checkAccessibility(page, "a survey's page")
    await screenshot(page, 'survey-detail')
    await signOut()
  })

  await step('surveys: at 360 px the demo resident answers; conditional and required questions work on the page', async () => {
    expect(state.surveyId > 0, 'the survey of the first step was published')
    await withPhone(async (phone) => {
      await phoneLogin(phone, 'jumin1')
      const entry = phone.locator('[data-test=h5-surveys-entry]')
      await entry.locator('[data-test=h5-surveys-awaiting]', { hasText: '份待填写' }).waitFor()
      await entry.click()
      await phone.waitForURL((url) => url.pathname === '/h5/surveys')
      const item = phone.locator(`[data-test=h5-survey-item][data-id="${state.surveyId}"]`)
      await item.locator('[data-test=h5-survey-awaits]').waitFor()
      await settle(phone)
      await checkPhoneLayout(phone, expect, 'the surveys')
      await checkAccessibility(phone, 'the surveys at 360 px')
      await item.locator('a').click()
      await phone.waitForURL((url) => url.pathname === `/h5/surveys/${state.surveyId}`)
      const form = phone.locator('[data-test=survey-answer-form]')
      await form.waitFor()
      const shown = () => form.locator('[data-test=survey-question]').evaluateAll((els) => els.map((e) => e.dataset.kind).join())
      expect((await shown()) === 'rating,single', `the conditional question is hidden at first: ${await shown()}`)
      // In care mode (长辈版) too: large text and large targets.
      await phone.click('[data-test=h5-care-toggle]')
      await checkCareMode(phone, 'a survey in care mode')
      await phone.click('[data-test=h5-care-toggle]')

      // Sending with the required questions skipped: refused on the page, nothing sent.
      const sent = []
      const record = (request) => request.method() === 'POST' && request.url().includes('/answer') && sent.push(request.url())
      phone.on('request', record)
      await phone.click('[data-test=survey-answer-submit]')
      await phone.locator('[data-test=survey-answer-missing]', { hasText: '还有 2 道题' }).waitFor()
      expect((await form.locator('[data-test=survey-question-error]').count()) === 2, 'each required question says so')

      // Five large stars; 否 brings the conditional question, which is required in turn.
      const star = form.locator('[data-test=survey-rating-4]')
      const box = await star.boundingBox()
      expect(box && box.height >= 48 && box.width >= 44, `a star is large enough to tap: ${JSON.stringify(box)}`)
      await star.click()
      await form.locator('[data-test=survey-rating-meaning]', { hasText: '4 分：满意' }).waitFor()
      const single = form.locator('[data-test=survey-question][data-kind=single]')
      await single.locator('[data-test=survey-option]', { hasText: '否' }).click()
      await form.locator('[data-test=survey-question][data-kind=text]').waitFor()
      expect((await shown()) === 'rating,single,text', `the conditional question appears: ${await shown()}`)
      await single.locator('[data-test=survey-option]', { hasText: '是' }).click()
      await form.locator('[data-test=survey-question][data-kind=text]').waitFor({ state: 'detached' })
      await single.locator('[data-test=survey-option]', { hasText: '否' }).click()
      const text = form.locator('[data-test=survey-question][data-kind=text]')
      await text.locator('[data-test=survey-question-error]', { hasText: '必答' }).waitFor()
      expect(sent.length === 0, `nothing was sent yet: ${sent.join(', ')}`)
      phone.off('request', record)
      await settle(phone)
      await checkPhoneLayout(phone, expect, 'a survey being answered')
      await checkAccessibility(phone, 'a survey being answered at 360 px')
      await screenshot(phone, 'survey-answer-360')

      await text.locator('textarea[data-test=survey-text]').fill('材料要求没有一次告知，跑了两次。')
      await phone.click('[data-test=survey-answer-submit]')
      await phone.locator('[data-test=h5-survey-thanks]', { hasText: '感谢您的参与' }).waitFor()
      await settle(phone)
      await screenshot(phone, 'survey-thanks-360')

      // Answered: marked so in the list, its page says so, and the server refuses a second answer.
      await phone.goto(`${base}/h5/surveys`)
      await phone.locator(`[data-test=h5-survey-item][data-id="${state.surveyId}"] [data-test=h5-survey-answered]`, { hasText: '已提交' }).waitFor()
      await phone.goto(`${base}/h5/surveys/${state.surveyId}`)
      await phone.locator('[data-test=h5-survey-already]', { hasText: '不能重复填写' }).waitFor()
      expect((await phone.locator('[data-test=survey-answer-form]').count()) === 0, 'no form for a survey answered')
      for (const status of [400, 403, 409, 422]) allow(status, `/api/v1/surveys/mine/${state.surveyId}/answer`)
      const again = await makeApi(phone)('POST', `/api/v1/surveys/mine/${state.surveyId}/answer`, {
        answers: [{ question: 'q1', rating: 5 }],
      })
      expect(again.status >= 400 && again.status < 500, `a second answer is refused: ${again.status} ${JSON.stringify(again.body)}`)
    })
  })

  await step('surveys: the community fills it in for her husband during a visit (代填)', async () => {
    await page.setViewportSize({ width: 1366, height: 860 })
    await consoleLogin(page, base, 'changjiaxiang')
    await page.goto(`${base}/surveys/${state.surveyId}`)
    await page.locator('[data-test=survey-detail-responses][data-responses="1"]').waitFor()
    await page.click('[data-test=survey-collect]')
    const dialog = page.locator('[data-test=survey-collect-dialog]')
    // The residents of the working unit are listed; her husband is found by his ID number.
    await dialog.locator('[data-test=survey-collect-people] .el-table__body tr').first().waitFor()
    await settle(page)
    await dialog.locator('input[data-test=survey-collect-exact-input]').fill(idOf(ZHANG))
    await dialog.locator('[data-test=survey-collect-find]').click()
    const found = dialog.locator('[data-test=survey-collect-people] .el-table__body tr', { hasText: '张*强' })
    await found.waitFor()
    expect((await dialog.locator('[data-test=survey-collect-people] .el-table__body tr').count()) === 1, 'exactly him')
    await found.locator('[data-test=survey-collect-choose]').click()
    const form = dialog.locator('[data-test=survey-answer-form]')
    await form.waitFor()
    await form.locator('[data-test=survey-rating-5]').click()
    await form.locator('[data-test=survey-question][data-kind=single] [data-test=survey-option]', { hasText: '是' }).click()
    await settle(page)
    await screenshot(page, 'survey-collect')
    await dialog.locator('[data-test=survey-answer-submit]').click()
    await dialog.locator('[data-test=survey-collect-done]').waitFor()
    await dialog.locator('.el-dialog__headerbtn').click()
    await page.locator('[data-test=survey-detail-responses][data-responses="2"]').waitFor()
  })

  await step('surveys: the results count the responses and read the rating with its interval; the Excel export', async () => {
    await page.click('[data-test=survey-results-link]')
    await page.waitForURL((url) => url.pathname === `/surveys/${state.surveyId}/results`)
    const results = await api('GET', `/api/v1/surveys/${state.surveyId}/results`)
    const r = results.body
    expect(results.status === 200 && r.responses === 2, `the server counts both responses: ${JSON.stringify(r).slice(0, 300)}`)
    const rating = r.questions.find((q) => q.kind === 'rating')?.rating
    expect(rating?.n === 2 && Math.abs(rating.mean - 4.5) < 1e-9, `the ratings 4 and 5: ${JSON.stringify(rating)}`)
    await page.locator('[data-test=survey-stat-responses]', { hasText: '2' }).waitFor()
    const shownRating = page.locator('[data-test=survey-result-question][data-kind=rating] [data-test=survey-result-rating]')
    const fixed = (x) => (Math.round(x * 10) / 10).toFixed(1)
    const expected =
      rating.low === null ? `${fixed(rating.mean)} 分（仅 2 人作答` : `${fixed(rating.mean)} 分（95% 置信区间 ${fixed(rating.low)}–${fixed(rating.high)}，2 人作答）`
    await shownRating.waitFor()
    const text = (await shownRating.textContent())?.trim() ?? ''
    expect(text.startsWith(expected), `the mean with its interval: ${text} (expected ${expected})`)
    // Two answers that differ by a point give a wide interval: read with caution.
    await page.locator('[data-test=survey-result-question][data-kind=rating] [data-test=survey-result-caution]', { hasText: '样本太少' }).waitFor()
    // The choice: one 是 and one 否, each half of the answers.
    const single = page.locator('[data-test=survey-result-question][data-kind=single]')
    for (const label of ['是', '否']) {
      const option = single.locator('[data-test=survey-result-option]', { hasText: label })
      expect((await option.getAttribute('data-count')) === '1', `${label}: ${await option.textContent()}`)
      expect((await option.textContent())?.includes('50.0%'), `${label} is half: ${await option.textContent()}`)
    }
    await page.locator('[data-test=survey-result-question][data-kind=text] [data-test=survey-result-texts]', { hasText: '跑了两次' }).waitFor()
    await settle(page)
    await checkAccessibility(page, "a survey's results")
    await screenshot(page, 'survey-results')

    const file = await exportedFile(page, '[data-test=survey-results-export]')
    expect(file.isXlsx, `the export is an Excel workbook: ${file.name} (${file.bytes.length} bytes)`)
    expect(file.name.endsWith('.xlsx'), `the file's name: ${file.name}`)
    await signOut()
  })
}
