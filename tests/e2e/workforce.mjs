// Browser tests of the community workers' pages (社区工作者队伍与培训, ADR 0030;
// web/src/views/workforce). The e2e database has no workforce roster: the county official
// (chengguan) registers two workers of 畅家巷 — first with a wrong check character, a post the
// community does not have and a start tomorrow, all refused by the server and shown at their
// fields at once — then a secretary and a full-time worker. The secretary takes up a children's
// director post and leaves it the same day; the qualification changes without the phone being
// sent. The roster finds the secretary exactly by ID number. 培训达标 lists both as still needing
// training, in words. A county course is created; the secretary is enrolled and recorded as having
// completed it; a class list with three bad rows is refused with each line and reason and nothing
// recorded, then one naming the other worker is imported. 培训达标 then lists nobody. The
// community worker (changjiaxiang) reads the roster and is offered no registration.
//
// run.mjs calls workforceSteps() with its harness, before the step that locks chengguan out.
import { chinaDay } from './page-api.mjs'

const GROUP = '基层治理'
const COMMUNITY = '畅家巷社区'
const SECRETARY = { name: '张建国', masked: '张*国', phone: '13800001234', idBody: '62010219850312123' }
const WORKER = { name: '李秀英', masked: '李*英', phone: '13900005678', idBody: '62010219900708246' }
const COURSE = { title: '社区工作者能力提升培训班', hours: 16 }

/** The check character of GB 11643 (ISO 7064 MOD 11-2) for 17 digits. */
function checkCharacter(body) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i], 0)
  return '10X98765432'[sum % 11]
}

const idNumber = (person) => `${person.idBody}${checkCharacter(person.idBody)}`

export async function workforceSteps(h) {
  const { page, base, step, screenshot, allow, expect, settle, consoleLogin, signOut, exportedFile } = h
  const today = chinaDay()
  let secretaryId = 0

  async function openMenu(title) {
    await page.locator('[data-test=side-menu] .el-menu-item').first().waitFor()
    // By its whole title: 培训 is part of 培训达标.
    const item = page.locator('[data-test=side-menu] .el-menu-item').filter({ hasText: new RegExp(`^\\s*${title}\\s*$`) })
    if (!(await item.isVisible())) await page.locator('[data-test=side-menu] .el-sub-menu__title', { hasText: GROUP }).click()
    await item.click()
  }

  async function elMessage(text) {
    await page.locator('.el-message', { hasText: text }).first().waitFor({ timeout: 10_000 })
  }

  async function fieldError(scope, field) {
    const error = scope.locator(`[data-field="${field}"] .el-form-item__error`)
    await error.waitFor()
    return (await error.textContent())?.trim() ?? ''
  }

  /** Types part of a unit's name into a unit picker and takes the first unit offered. */
  async function pickUnit(scope, field, text) {
    await scope.locator(`[data-field="${field}"] .el-select__wrapper`).click()
    await page.keyboard.type(text)
    await page.locator('.el-select-dropdown__item:visible', { hasText: text }).first().click()
  }

  async function pickOption(selector, text) {
    await page.locator(selector).click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: text }).first().click()
  }

  async function fillDate(scope, field, date) {
    const input = scope.locator(`[data-field="${field}"] input`).first()
    await input.fill(date)
    await input.press('Enter')
  }

  async function register(person, position, first = false) {
    await page.click('[data-test=worker-register]')
    const dialog = page.locator('[data-test=worker-register-dialog]')
    const form = dialog.locator('[data-test=worker-register-form]')
    await pickUnit(form, 'unit', COMMUNITY)
    await dialog.locator('[data-test=worker-name-input]').fill(person.name)
    await dialog.locator('[data-test=worker-phone-input]').fill(person.phone)
    if (first) {
      // A wrong check character, a township's post at a community and a start tomorrow: the
      // server says all three at once, each at its field.
      const wrong = `${person.idBody}${checkCharacter(person.idBody) === '0' ? '1' : '0'}`
      await dialog.locator('[data-test=worker-id-input]').fill(wrong)
      await pickOption('[data-test=worker-position-input]', '未成年人保护工作专干')
      await fillDate(form, 'startedOn', chinaDay(1))
      allow(400, '/api/v1/workforce/workers')
      await dialog.locator('[data-test=worker-register-save]').click()
      expect((await fieldError(form, 'idNumber')).length > 0, 'the wrong ID number, at its field')
      expect((await fieldError(form, 'position')).includes('乡镇'), 'the post the community does not have, at its field')
      expect((await fieldError(form, 'startedOn')).includes('不能晚于今天'), 'the start tomorrow, at its field')
      await dialog.locator('[data-test=worker-register-error]', { hasText: '请按提示更正' }).waitFor()
      await screenshot(page, 'workforce-register-refused')
      await fillDate(form, 'startedOn', today)
    }
    await dialog.locator('[data-test=worker-id-input]').fill(idNumber(person))
    await pickOption('[data-test=worker-position-input]', position)
    await dialog.locator('[data-test=worker-register-save]').click()
    await elMessage(`已登记社区工作者 ${person.masked}`)
    await page.waitForURL((url) => /^\/workforce\/workers\/\d+$/.test(url.pathname))
    await page.locator('[data-test=worker-detail-name]', { hasText: person.masked }).waitFor()
    return Number(new URL(page.url()).pathname.split('/').pop())
  }

  await step('workforce: the county registers community workers; every wrong field at once first', async () => {
    await signOut()
    await consoleLogin(page, base, 'chengguan')
    await openMenu('社区工作者')
    await page.waitForURL((url) => url.pathname === '/workforce/workers')
    await page.locator('[data-test=worker-list] .el-empty').waitFor()
    secretaryId = await register(SECRETARY, '党组织书记', true)
    await page.locator('[data-test=post-position]', { hasText: '党组织书记' }).waitFor()
    await page.goto(`${base}/workforce/workers`)
    await register(WORKER, '专职社区工作者')
    await page.goto(`${base}/workforce/workers`)
    const rows = page.locator('[data-test=worker-table] .el-table__body tr')
    await rows.nth(1).waitFor()
    const text = (await page.locator('[data-test=worker-table]').textContent()) ?? ''
    expect(text.includes(SECRETARY.masked) && text.includes(WORKER.masked), `both workers listed: ${text}`)
    expect(!text.includes(SECRETARY.name) && !text.includes(SECRETARY.phone) && !text.includes(idNumber(SECRETARY)), 'names, phones and ID numbers masked')
    await screenshot(page, 'workforce-roster')
  })

  await step('workforce: a post is taken up and left; the details change without sending the phone', async () => {
    await page.goto(`${base}/workforce/workers/${secretaryId}`)
    await page.click('[data-test=worker-start-post]')
    const dialog = page.locator('[data-test=post-start-dialog]')
    await pickOption('[data-test=post-start-position]', '儿童主任')
    await dialog.locator('[data-test=post-start-save]').click()
    await elMessage(`${SECRETARY.masked} 已任职“儿童主任”`)
    const row = page.locator('[data-test=worker-post-table] .el-table__body tr', { hasText: '儿童主任' })
    await row.locator('[data-test=post-state]', { hasText: '在任' }).waitFor()
    await row.locator('[data-test=post-end]').click()
    const end = page.locator('[data-test=post-end-dialog]')
    expect((await end.locator('[data-field=endedOn] input').inputValue()) === today, 'leaving today is offered')
    await end.locator('[data-test=post-end-confirm]').click()
    await elMessage(`${SECRETARY.masked} 已离任“儿童主任”`)
    await row.locator('[data-test=post-state]', { hasText: '已离任' }).waitFor()
    await row.locator('[data-test=post-ended-on]', { hasText: today }).waitFor()
    expect((await row.locator('[data-test=post-end]').count()) === 0, 'an ended post cannot be ended again')

    // The phone left empty is kept (it is only shown masked); the qualification comes with its certificate.
    const sent = []
    const record = (request) => request.method() === 'PUT' && request.url().includes('/api/v1/workforce/workers/') && sent.push(request.postDataJSON())
    page.on('request', record)
    try {
      await page.click('[data-test=worker-edit]')
      const change = page.locator('[data-test=worker-change-dialog]')
      await pickOption('[data-test=worker-change-qualification]', '助理社会工作师')
      await change.locator('[data-test=worker-change-certificate]').fill('ZS-2026-0001')
      await change.locator('[data-test=worker-change-save]').click()
      await elMessage(`已保存 ${SECRETARY.masked} 的信息`)
    } finally {
      page.off('request', record)
    }
    expect(sent.length === 1 && !('phone' in sent[0]) && sent[0].certificateNumber === 'ZS-2026-0001', `the change sent: ${JSON.stringify(sent)}`)
    await page.locator('[data-test=worker-detail-qualification]', { hasText: '助理社会工作师' }).waitFor()
    await page.locator('[data-test=worker-detail-phone]', { hasText: '138****1234' }).waitFor()
    await settle(page)
    await screenshot(page, 'workforce-worker')
  })

  await step('workforce: the roster finds a worker exactly by ID number, in a POST body', async () => {
    await page.goto(`${base}/workforce/workers`)
    await page.locator('[data-test=worker-table] .el-table__body tr').nth(1).waitFor()
    const urls = []
    const record = (request) => urls.push(request.url())
    page.on('request', record)
    try {
      // Half a number: said at the box, nothing sent.
      await page.fill('[data-test=worker-exact-input]', idNumber(SECRETARY).slice(0, 10))
      await page.click('[data-test=worker-exact-search]')
      await page.locator('[data-test=worker-exact] .el-form-item__error', { hasText: '18 位' }).waitFor()
      await page.fill('[data-test=worker-exact-input]', idNumber(SECRETARY))
      await page.click('[data-test=worker-exact-search]')
      await page.locator('[data-test=worker-exact-notice]').waitFor()
      await page.waitForFunction(() => document.querySelectorAll('[data-test=worker-table] .el-table__body tr').length === 1)
    } finally {
      page.off('request', record)
    }
    const text = (await page.locator('[data-test=worker-table]').textContent()) ?? ''
    expect(text.includes(SECRETARY.masked) && !text.includes(WORKER.masked), `the exact result: ${text}`)
    expect(!urls.some((u) => u.includes(SECRETARY.idBody)), `the ID number stays out of URLs: ${urls.join(', ')}`)
    await screenshot(page, 'workforce-exact')
    await page.click('[data-test=worker-exact-clear]')
    await page.locator('[data-test=worker-table] .el-table__body tr').nth(1).waitFor()
  })

  await step('workforce: training needs say in words who still needs what', async () => {
    await openMenu('培训达标')
    await page.waitForURL((url) => url.pathname === '/workforce/training-needs')
    const secretary = page.locator('[data-test=needs-table] .el-table__body tr', { hasText: SECRETARY.masked })
    await secretary.locator('[data-test=need-item][data-need=county_training]', { hasText: '县级及以上培训' }).waitFor()
    const worker = page.locator('[data-test=needs-table] .el-table__body tr', { hasText: WORKER.masked })
    await worker.locator('[data-test=need-item][data-need=biennial_training]', { hasText: '近两年未参加培训' }).waitFor()
    await screenshot(page, 'workforce-needs')
  })

  await step('workforce: a county course; a worker enrolled and recorded; a class list refused row by row, then imported', async () => {
    await openMenu('培训')
    await page.waitForURL((url) => url.pathname === '/workforce/courses')
    await page.click('[data-test=course-create]')
    const dialog = page.locator('[data-test=course-create-dialog]')
    // The working county organises; a county course by default.
    await dialog.locator('[data-field=organiser] .el-select__selected-item', { hasText: '城关区' }).first().waitFor()
    await dialog.locator('[data-test=course-level] .is-active[data-level=county]').waitFor()
    await dialog.locator('[data-test=course-title-input]').fill(COURSE.title)
    await dialog.locator('[data-test=course-hours] input').fill(String(COURSE.hours))
    await dialog.locator('[data-test=course-create-save]').click()
    await elMessage(`已创建培训班“${COURSE.title}”`)
    await page.waitForURL((url) => /^\/workforce\/courses\/\d+$/.test(url.pathname))
    const courseId = Number(new URL(page.url()).pathname.split('/').pop())
    await page.locator('[data-test=course-detail-phase]', { hasText: '进行中' }).waitFor()

    // Enrolled from the community's roster, then recorded as completed on the row.
    await page.click('[data-test=course-enrol]')
    const attendance = page.locator('[data-test=attendance-dialog]')
    await pickUnit(attendance, 'unit', COMMUNITY)
    await pickOption('[data-test=attendance-worker]', SECRETARY.masked)
    await attendance.locator('[data-test=attendance-save]').click()
    await elMessage(`${SECRETARY.masked} 已报名`)
    const row = page.locator('[data-test=participant-table] .el-table__body tr', { hasText: SECRETARY.masked })
    await row.locator('[data-test=participant-not-completed]').waitFor()
    await row.locator('[data-test=participant-record]').click()
    await attendance.locator('[data-test=attendance-preset]', { hasText: SECRETARY.masked }).waitFor()
    await attendance.locator('[data-test=attendance-save]').click()
    await elMessage(`已登记 ${SECRETARY.masked} 结业`)
    await row.locator('[data-test=participant-completed]', { hasText: today }).waitFor()
    await row.locator('[data-test=participant-hours]', { hasText: `${COURSE.hours} 学时` }).waitFor()

    // The template is a workbook.
    const template = await exportedFile(page, '[data-test=attendance-template]')
    expect(template.isXlsx, `the template is an .xlsx workbook: ${template.name}`)

    // Three bad rows: recorded already, a number on no roster, a name not the roster's.
    const unknown = '62010219700101001'
    const bad = [
      '身份证号,姓名,结业日期,学时',
      `${idNumber(SECRETARY)},${SECRETARY.name},${today},${COURSE.hours}`,
      `${unknown}${checkCharacter(unknown)},王五,${today},8`,
      `${idNumber(WORKER)},李秀兰,${today},8`,
    ].join('\n')
    const upload = page.locator('[data-test=attendance-upload] input[type=file]')
    await upload.setInputFiles({ name: '参训记录.csv', mimeType: 'text/csv', buffer: Buffer.from(bad, 'utf8') })
    allow(400, `/api/v1/workforce/courses/${courseId}/attendance/import`)
    await page.click('[data-test=attendance-import-run]')
    await page.locator('[data-test=attendance-import-refused]', { hasText: '3 行有误' }).waitFor()
    const problems = page.locator('[data-test=attendance-import-errors] .el-table__body tr')
    expect((await problems.count()) === 3, `three problems listed: ${await problems.count()}`)
    const lines = (await problems.allTextContents()).map((t) => t.trim())
    expect(lines[0]?.startsWith('2') && lines[0].includes('结业'), `line 2, recorded already: ${lines[0]}`)
    expect(lines[1]?.startsWith('3') && lines[1].includes('名册中没有'), `line 3, on no roster: ${lines[1]}`)
    expect(lines[2]?.startsWith('4') && lines[2].includes('姓名与名册不一致'), `line 4, the name: ${lines[2]}`)
    await page.locator('[data-test=course-detail-counts]', { hasText: '结业 1 人' }).waitFor()
    await screenshot(page, 'workforce-import-refused')

    const good = ['身份证号,姓名,结业日期,学时', `${idNumber(WORKER)},${WORKER.name},${today},`].join('\n')
    await upload.setInputFiles({ name: '参训记录.csv', mimeType: 'text/csv', buffer: Buffer.from(good, 'utf8') })
    await page.click('[data-test=attendance-import-run]')
    await page.locator('[data-test=attendance-import-done]', { hasText: '已登记 1 人结业' }).waitFor()
    await page.locator('[data-test=course-detail-counts]', { hasText: '结业 2 人' }).waitFor()
    const imported = page.locator('[data-test=participant-table] .el-table__body tr', { hasText: WORKER.masked })
    await imported.locator('[data-test=participant-hours]', { hasText: `${COURSE.hours} 学时` }).waitFor()
    await settle(page)
    await screenshot(page, 'workforce-course')
  })

  await step('workforce: nobody still needs training; the community reads the roster without registering', async () => {
    await openMenu('培训达标')
    await page.waitForURL((url) => url.pathname === '/workforce/training-needs')
    await page.locator('[data-test=needs-list] .el-empty', { hasText: '没有仍需完成培训的社区工作者' }).waitFor()
    await page.goto(`${base}/workforce/workers/${secretaryId}`)
    const training = page.locator('[data-test=worker-training-table] .el-table__body tr', { hasText: COURSE.title })
    await training.locator('[data-test=training-hours]', { hasText: `${COURSE.hours} 学时` }).waitFor()

    await signOut()
    await consoleLogin(page, base, 'changjiaxiang')
    await openMenu('社区工作者')
    await page.waitForURL((url) => url.pathname === '/workforce/workers')
    await page.locator('[data-test=worker-table] .el-table__body tr').nth(1).waitFor()
    expect((await page.locator('[data-test=worker-register]').count()) === 0, 'the community reads the roster and registers nobody')
    await page.goto(`${base}/workforce/workers/${secretaryId}`)
    await page.locator('[data-test=worker-detail-name]', { hasText: SECRETARY.masked }).waitFor()
    expect((await page.locator('[data-test=worker-edit], [data-test=worker-start-post], [data-test=post-end]').count()) === 0, 'no changes offered')
    await screenshot(page, 'workforce-community')
    await signOut()
  })
}
