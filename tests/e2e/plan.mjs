// Browser tests of the plan tasks (年度任务清单和工作台账; web/src/views/plan):
//
// - the province (admin) issues a task to 城关区 on the console, for the year of yesterday (China
//   time), due at its end;
// - the county (chengguan) breaks it down for two streets of 城关区: 酒泉路街道, due when the task
//   is, and 张掖路街道, due yesterday (the server takes a deadline already past, as a task entered
//   late would have; what makes it late is the server's own clock, which the browser test cannot
//   move). A breakdown due after its parent is refused by the server at its field;
// - a township account of 酒泉路街道 (made through the API by the province) reports the task done
//   with a photo made here (a real PNG): the report awaits review with its thumbnail, and its
//   reporter is not offered to decide it;
// - the county follows the to-do 进展待审核 to the pending reports, opens the task, approves the
//   report: the task is done;
// - the county's workbench counts the street's task past its deadline (to-do plan.tasks.late),
//   which opens the task list filtered to the late, the task in red;
// - the roll-up of 城关区 counts 酒泉路街道's task done and 张掖路街道's late, and exports the
//   ledger: a workbook that names the task.
//
// run.mjs calls planSteps() after the approval settings of warnings and before the lockout, which
// locks the county official out.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { deflateSync, inflateRawSync } from 'node:zlib'
import { chinaDay, makeApi } from './page-api.mjs'

const COUNTY = { code: '620102000000', name: '城关区' }
const STREET = { code: '620102001000', name: '酒泉路街道' }
const OTHER = { code: '620102002000', name: '张掖路街道' }
const TITLE = '社区综合服务设施补短板（浏览器测试）'
const STREET_USER = { username: 'jiuquanlu-plan', displayName: '酒泉路街道 任务联络员', password: 'Jql@Plan-2025!' }
const OTHER_USER = { username: 'zhangyelu-plan', displayName: '张掖路街道 任务联络员', password: 'Zyl@Plan-2025!' }
const REPORT_TEXT = '两个社区综合服务设施改造完成并投入使用（浏览器测试）'

// ---- a real photo: a 48×32 PNG of two colours --------------------------------------------------------
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(bytes) {
  let c = 0xffffffff
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
function pngChunk(type, data) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}
function makePng(width, height) {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bit depth
  header[9] = 2 // truecolour
  const rows = []
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3)
    for (let x = 0; x < width; x++) {
      const left = x < width / 2
      row.set(left ? [0xc0, 0x39, 0x2b] : [0x27, 0xae, 0x60], 1 + x * 3)
    }
    rows.push(row)
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.concat(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
}

// ---- what a workbook holds: its files, read from the zip's central directory ----------------------------
function unzip(bytes) {
  const files = new Map()
  let end = bytes.length - 22
  while (end >= 0 && bytes.readUInt32LE(end) !== 0x06054b50) end--
  if (end < 0) throw new Error('not a zip file')
  const count = bytes.readUInt16LE(end + 10)
  let at = bytes.readUInt32LE(end + 16)
  for (let i = 0; i < count; i++) {
    if (bytes.readUInt32LE(at) !== 0x02014b50) throw new Error('a broken central directory')
    const method = bytes.readUInt16LE(at + 10)
    const size = bytes.readUInt32LE(at + 20)
    const nameLength = bytes.readUInt16LE(at + 28)
    const extraLength = bytes.readUInt16LE(at + 30)
    const commentLength = bytes.readUInt16LE(at + 32)
    const local = bytes.readUInt32LE(at + 42)
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8')
    const dataAt = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28)
    const data = bytes.subarray(dataAt, dataAt + size)
    files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data))
    at += 46 + nameLength + extraLength + commentLength
  }
  return files
}

export async function planSteps(h) {
  const { page, base, step, screenshot, allow, expect, settle, consoleLogin, signOut, passwords, exportedFile } = h
  const api = makeApi(page)
  const yesterday = chinaDay(-1)
  // The year of yesterday: the late task's deadline falls in the year of the task it comes from.
  const year = Number(yesterday.slice(0, 4))
  const state = { task: 0, streetTask: 0, otherTask: 0 }
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'shequ-e2e-plan-'))
  const photo = path.join(tmp, 'site.png')
  writeFileSync(photo, makePng(48, 32))

  async function pickOption(selector, text) {
    await page.locator(selector).click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: text }).first().click()
  }
  async function fillDate(field, date) {
    const input = page.locator(`[data-test=plan-task-form] [data-field=${field}] input`).first()
    await input.fill(date)
    await input.press('Enter')
    await page.locator('[data-test=plan-task-form-page] .card-header').click()
  }
  /** Follows a to-do of the top bar's list. */
  async function followTodo(code) {
    await page.goto(`${base}/`)
    await settle(page)
    await page.click('[data-test=todo-bell]')
    const todo = page.locator(`[data-test=todo-item][data-todo="${code}"]`)
    await todo.waitFor()
    await todo.locator('button').click()
  }

  try {
    await step('plan: the province issues a task to 城关区', async () => {
      await signOut()
      await consoleLogin(page, base, 'admin')
      // The township accounts of the two streets, made by the province.
      for (const [user, unit] of [[STREET_USER, STREET], [OTHER_USER, OTHER]]) {
        const created = await api('POST', '/api/v1/users', { ...user, unitCode: unit.code, roles: [{ role: 'township_admin', unitCode: unit.code }] })
        expect(created.status === 201 || created.status === 200, `the account of ${unit.name}: ${created.status} ${JSON.stringify(created.body)}`)
        passwords.set(user.username, user.password)
      }
      await page.goto(`${base}/plan/tasks`)
      await page.locator('[data-test=plan-task-list]').waitFor()
      await page.click('[data-test=plan-task-create]')
      await page.waitForURL((url) => url.pathname === '/plan/tasks/new')
      await page.locator('[data-test=plan-task-form]').waitFor()
      await page.locator('[data-test=plan-task-form] [data-field=unit] .el-select__wrapper').click()
      await page.keyboard.type(COUNTY.name)
      await page.locator('.el-select-dropdown__item:visible', { hasText: COUNTY.name }).first().click()
      await pickOption('[data-test=plan-task-year]', String(year))
      await pickOption('[data-test=plan-task-section]', '专栏4')
      await page.fill('input[data-test=plan-task-title-input]', TITLE)
      await page.fill('textarea[data-test=plan-task-target-input]', '年内完成 2 个社区综合服务设施改造')
      const value = page.locator('[data-test=plan-task-target-value] input')
      await value.fill('2')
      await value.blur()
      await page.fill('input[data-test=plan-task-target-unit]', '个')
      await fillDate('deadline', `${year}-12-31`)
      await page.fill('input[data-test=plan-task-responsible-input]', '王强')
      await settle(page)
      await screenshot(page, 'plan-task-issue')
      await page.click('[data-test=plan-task-submit]')
      await page.waitForURL((url) => /^\/plan\/tasks\/\d+$/.test(url.pathname))
      state.task = Number(new URL(page.url()).pathname.split('/').pop())
      await page.locator('[data-test=plan-detail-title]', { hasText: TITLE }).waitFor()
      expect((await page.locator('[data-test=plan-detail-unit]').getAttribute('data-code')) === COUNTY.code, 'owned by 城关区')
      expect((await page.locator('[data-test=plan-detail-issuer]').textContent())?.includes('甘肃省'), 'issued by the province')
      expect((await page.locator('[data-test=plan-detail-state]').getAttribute('data-state')) === 'not_started', 'not started yet')
      // The province issued it: it is not its task to break down or report on.
      expect((await page.locator('[data-test=plan-detail-breakdown]').count()) === 0, 'the province does not break the county task down')
      expect((await page.locator('[data-test=plan-report-form]').count()) === 0, 'nor report on it')
      await settle(page)
      await screenshot(page, 'plan-task-issued')
    })

    await step('plan: the county breaks the task down for two streets, one due yesterday', async () => {
      expect(state.task > 0, 'a task to break down')
      await signOut()
      await consoleLogin(page, base, 'chengguan')
      await page.goto(`${base}/plan/tasks`)
      const row = page.locator('[data-test=plan-task-table] .el-table__body tr', { has: page.locator(`[data-test=plan-task-title][data-id="${state.task}"]`) }).first()
      await row.waitFor()
      await row.locator('[data-test=plan-task-title]').click()
      await page.waitForURL((url) => url.pathname === `/plan/tasks/${state.task}`)

      const breakDown = async (unit, deadline, responsible) => {
        await page.click('[data-test=plan-detail-breakdown]')
        await page.waitForURL((url) => url.pathname === `/plan/tasks/${state.task}/breakdown`)
        await page.locator('[data-test=plan-breakdown-lead]').waitFor()
        // The year and the deadline are the parent's to start with; the hint names its deadline.
        expect((await page.locator('[data-test=plan-deadline-hint]').textContent())?.includes(`${year}-12-31`), 'the hint names the parent deadline')
        await pickOption('[data-test=plan-task-unit]', unit.name)
        if (deadline) await fillDate('deadline', deadline)
        await page.fill('input[data-test=plan-task-responsible-input]', responsible)
        await settle(page)
        await page.click('[data-test=plan-task-submit]')
        await page.waitForURL((url) => url.pathname === `/plan/tasks/${state.task}`)
        await page.locator(`[data-test=plan-children] [data-test=plan-child-unit][data-code="${unit.code}"]`).waitFor()
      }
      await breakDown(STREET, null, '李华')
      await screenshot(page, 'plan-task-broken-down')
      await breakDown(OTHER, yesterday, '赵敏')
      const children = (await api('GET', `/api/v1/plan/tasks/${state.task}`)).body.children
      state.streetTask = children.find((c) => c.unit === STREET.code)?.id ?? 0
      state.otherTask = children.find((c) => c.unit === OTHER.code)?.id ?? 0
      expect(state.streetTask > 0 && state.otherTask > 0, `both streets have their task: ${JSON.stringify(children)}`)
      const other = page.locator('[data-test=plan-children] .el-table__body tr', { has: page.locator(`[data-test=plan-child-unit][data-code="${OTHER.code}"]`) })
      expect((await other.locator('[data-test=plan-child-state]').getAttribute('data-state')) === 'late', "张掖路街道's task, due yesterday, is late")
      // A breakdown due after its parent: the date picker offers no later day; the server refuses it at the deadline.
      allow(400, '/api/v1/plan/tasks')
      allow(422, '/api/v1/plan/tasks')
      const later = await api('POST', '/api/v1/plan/tasks', {
        unit: OTHER.code, year, section: 'column4', title: TITLE, targetText: '太晚', deadline: `${year + 1}-01-15`, responsibleName: '赵敏', parentId: state.task,
      })
      expect(later.status >= 400 && later.status < 500 && later.body?.details?.some((d) => d.field === 'deadline'), `refused at the deadline: ${later.status} ${JSON.stringify(later.body)}`)
      await settle(page)
      await screenshot(page, 'plan-task-children')
    })

    await step('plan: 酒泉路街道 reports the task done with a photo', async () => {
      expect(state.streetTask > 0, "a street's task")
      await signOut()
      await consoleLogin(page, base, STREET_USER.username)
      await page.goto(`${base}/plan/tasks/${state.streetTask}`)
      await page.locator('[data-test=plan-report-form]').waitFor()
      // The county's task it comes from is outside the street's scope: named by its unit, not linked.
      expect((await page.locator('[data-test=plan-detail-parent-hidden]').textContent())?.includes(COUNTY.name), 'broken down by 城关区')
      await page.fill('textarea[data-test=plan-report-text]', REPORT_TEXT)
      const progress = page.locator('[data-test=plan-report-progress] input')
      await progress.fill('100')
      await progress.blur()
      await page.setInputFiles('[data-test=plan-report-files]', photo)
      await page.locator('[data-test=plan-report-pick]').waitFor()
      await settle(page)
      await screenshot(page, 'plan-report-form')
      await page.click('[data-test=plan-report-submit]')
      const report = page.locator('[data-test=plan-report][data-state=submitted]').first()
      await report.waitFor()
      expect((await report.locator('[data-test=plan-report-text-value]').textContent())?.includes(REPORT_TEXT), 'the report says what was done')
      const thumb = report.locator('[data-test=plan-evidence-photo] img')
      await thumb.waitFor({ state: 'attached' })
      await thumb.scrollIntoViewIfNeeded()
      await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await thumb.elementHandle())
      expect((await page.locator('[data-test=plan-evidence-failures]').count()) === 0, 'the photo was taken')
      // The reporter holds plan:report:decide at the street, but never decides their own report.
      expect((await report.locator('[data-test=plan-report-approve]').count()) === 0, 'the reporter is not offered to approve')
      await page.locator('[data-test=plan-report-pending]').waitFor()
      await settle(page)
      await screenshot(page, 'plan-report-submitted')
    })

    await step('plan: the county follows the to-do to the report and approves it', async () => {
      await signOut()
      await consoleLogin(page, base, 'chengguan')
      await followTodo('plan.reports.pending')
      await page.waitForURL((url) => url.pathname === '/plan/reports/pending')
      const row = page.locator('[data-test=plan-pending-table] .el-table__body tr', { has: page.locator(`[data-test=plan-pending-task][data-task="${state.streetTask}"]`) }).first()
      await row.waitFor()
      expect((await row.locator('[data-test=plan-pending-evidence]').textContent())?.trim() === '1', 'with its photo')
      await settle(page)
      await screenshot(page, 'plan-pending')
      await row.locator('[data-test=plan-pending-task]').click()
      await page.waitForURL((url) => url.pathname === `/plan/tasks/${state.streetTask}`)
      // The county's own task it was broken down from is a click away.
      expect((await page.locator('[data-test=plan-detail-parent]').getAttribute('data-id')) === String(state.task), 'the parent task is linked')
      const report = page.locator('[data-test=plan-report][data-state=submitted]').first()
      await report.locator('[data-test=plan-evidence-photo] img').waitFor({ state: 'attached' })
      await report.locator('[data-test=plan-report-approve]').click()
      const dialog = page.locator('.el-dialog[data-test=plan-decision-dialog]')
      await dialog.waitFor()
      await dialog.locator('textarea[data-test=plan-decision-note]').fill('佐证充分，同意')
      await dialog.locator('[data-test=plan-decision-confirm]').click()
      await dialog.waitFor({ state: 'hidden' })
      await page.locator('[data-test=plan-report][data-state=approved]').first().waitFor()
      await page.locator('[data-test=plan-detail-state][data-state=done]').waitFor()
      expect((await page.locator('[data-test=plan-detail-progress]').getAttribute('data-progress')) === '100', 'the task is at 100 %')
      await settle(page)
      await screenshot(page, 'plan-report-approved')
    })

    await step("plan: the late street task is a to-do on the county's workbench", async () => {
      const todos = await api('GET', '/api/v1/workbench/todos')
      const late = todos.body?.items?.find((i) => i.code === 'plan.tasks.late')
      expect(late && late.count >= 1, `the county counts a late task: ${JSON.stringify(todos.body)}`)
      await followTodo('plan.tasks.late')
      await page.waitForURL((url) => url.pathname === '/plan/tasks' && url.searchParams.get('state') === 'late')
      const row = page.locator('[data-test=plan-task-table] .el-table__body tr', { has: page.locator(`[data-test=plan-task-title][data-id="${state.otherTask}"]`) }).first()
      await row.waitFor()
      const tag = row.locator('[data-test=plan-task-state]')
      expect((await tag.getAttribute('data-state')) === 'late', 'late')
      expect(await tag.evaluate((el) => el.classList.contains('el-tag--danger')), 'in red')
      expect((await row.locator('[data-test=plan-task-deadline]').textContent())?.trim() === yesterday, 'due yesterday')
      // Only the late are listed.
      const states = await page.locator('[data-test=plan-task-table] [data-test=plan-task-state]').evaluateAll((tags) => tags.map((t) => t.getAttribute('data-state')))
      expect(states.length > 0 && states.every((s) => s === 'late'), `the late only: ${states}`)
      await settle(page)
      await screenshot(page, 'plan-tasks-late')
    })

    await step('plan: the roll-up of 城关区 counts the streets and the ledger exports', async () => {
      await page.goto(`${base}/plan/rollup/${COUNTY.code}?year=${year}`)
      await page.locator('[data-test=plan-rollup-unit-name]', { hasText: COUNTY.name }).waitFor()
      // The demo's own tasks of this year count too (its late task of 张掖路街道 among them): the
      // figures shown are the server's, which count ours.
      const expected = (await api('GET', `/api/v1/plan/rollup?unit=${COUNTY.code}&year=${year}`)).body
      const street = expected?.children?.find((c) => c.unit === STREET.code)
      const other = expected?.children?.find((c) => c.unit === OTHER.code)
      expect(street?.done >= 1 && other?.late >= 1 && expected.own.tasks >= 1, `the server counts our tasks: ${JSON.stringify({ street, other, own: expected?.own })}`)
      const line = (code) => page.locator('[data-test=plan-rollup-children] .el-table__body tr', { has: page.locator(`[data-test=plan-rollup-child][data-code="${code}"]`) })
      await line(STREET.code).waitFor()
      expect((await line(STREET.code).locator('[data-test=plan-rollup-done]').textContent())?.trim() === String(street.done), "酒泉路街道's done")
      expect((await line(OTHER.code).locator('[data-test=plan-rollup-late]').textContent())?.trim() === String(other.late), "张掖路街道's late")
      expect((await page.locator('[data-test=plan-rollup-total-tasks]').textContent())?.includes(String(expected.total.tasks)), 'the total')
      // The ledger of the county's own tasks names the task issued to it.
      await page.locator('[data-test=plan-ledger-table] [data-test=plan-ledger-title]', { hasText: TITLE }).waitFor()
      await settle(page)
      await screenshot(page, 'plan-rollup')
      const file = await exportedFile(page, '[data-test=plan-ledger-export]')
      expect(file.isXlsx, `the ledger is a workbook: ${file.name}`)
      const files = unzip(file.bytes)
      const text = [...files.entries()].filter(([name]) => name.startsWith('xl/')).map(([, data]) => data.toString('utf8')).join('\n')
      expect(text.includes(TITLE), `the ledger names the task (${[...files.keys()].join(', ')})`)
      // A street's own roll-up, one click down: its late tasks, ours among them.
      await line(OTHER.code).locator('[data-test=plan-rollup-child]').click()
      await page.waitForURL((url) => url.pathname === `/plan/rollup/${OTHER.code}`)
      await page.locator('[data-test=plan-rollup-unit-name]', { hasText: OTHER.name }).waitFor()
      await page.locator('[data-test=plan-rollup-total-late]', { hasText: String(other.late) }).waitFor()
      await settle(page)
      await signOut()
    })
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
}
