// Browser tests of the import of household registers (居民导入; web/src/views/residents/
// ResidentImport.vue), as the demo community worker of 畅家巷社区 (changjiaxiang), after the residents
// steps (tests/e2e/residents.mjs) registered two households there:
//
// - downloads the template (居民导入模板.xlsx);
// - a file that is neither .xlsx nor CSV is named at the file chooser and not sent;
// - uploads a CSV encoded in GB18030 with two households, one row with a wrong ID check character
//   and one duplicating the ID number of another row: the import is refused, both problems are
//   listed with their line numbers, and nothing is written (the household count is unchanged);
// - uploads the corrected file: imported, 2 户 5 人, and the two households appear in 户信息;
// - opens the refused import from the past imports at 360 px: no sideways scrolling, accessible.
//
// The ID numbers are made up in 城关区 (620102) with sequences 5xx (the demo data uses 9xx); their
// GB 11643 check characters are computed here.
//
// run.mjs calls residentsImportSteps() with its harness right after residentsSteps().
import { checkAccessibility } from './resident.mjs'

const COMMUNITY = { code: '620102001001', name: '畅家巷社区' }
const GRIDS = { first: '620102001001001', second: '620102001001002' }

const HEADER = [
  '户编号', '网格编码', '住址', '户类型', '经度', '纬度', '姓名', '公民身份号码', '与户主关系',
  '联系电话', '民族', '户籍类型', '迁入日期', '人群标签', '残疾类别', '残疾等级',
]

/** The check character of a citizen ID number (GB 11643-1999, ISO 7064 MOD 11-2). */
function checkCharacter(body) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i], 0)
  return '10X98765432'[sum % 11]
}

const id = (body) => body + checkCharacter(body)

// Two households: three people in 第一网格 (no care groups, so that the visit steps' lists stay
// theirs), two in 第二网格 (an older couple, one with a disability). Line 1 of the file is the header.
const PEOPLE = [
  { hh: '1', grid: GRIDS.first, address: '城关区畅家巷 40 号楼 1 单元 501 室', type: '家庭户', name: '李建国', id: id('62010219650412501'), relation: '户主', phone: '13912340501', ethnicity: '汉族', registration: '户籍人口', movedIn: '2015-06-01' },
  { hh: '1', name: '王秀英', id: id('62010219670823502'), relation: '配偶', ethnicity: '汉族', registration: '户籍人口', movedIn: '2015-06-01' },
  { hh: '1', name: '李明', id: id('62010219920105503'), relation: '子女', ethnicity: '汉族', registration: '户籍人口', movedIn: '2015-06-01' },
  { hh: '2', grid: GRIDS.second, address: '城关区畅家巷 52 号楼 3 单元 102 室', type: '家庭户', name: '赵德明', id: id('62010219450318505'), relation: '户主', ethnicity: '回族', registration: '户籍人口', movedIn: '2001-03-15', tags: '特困老人、空巢老人' },
  { hh: '2', name: '钱桂兰', id: id('62010219480720506'), relation: '配偶', ethnicity: '回族', registration: '常住人口（户籍在外）', movedIn: '2001-03-15', tags: '残疾人', disabilityKind: '肢体残疾', disabilityGrade: '2' },
]
// The lines of the two bad rows in the refused file: 李明 with a wrong check character, 钱桂兰 with
// 李建国's ID number (line 2).
const WRONG_CHECK_LINE = 4
const DUPLICATE_LINE = 6

function row(p) {
  return [p.hh, p.grid ?? '', p.address ?? '', p.type ?? '', '', '', p.name, p.id, p.relation, p.phone ?? '', p.ethnicity, p.registration, p.movedIn, p.tags ?? '', p.disabilityKind ?? '', p.disabilityGrade ?? '']
}

function csvText(people) {
  const cell = (v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)
  return [HEADER, ...people.map(row)].map((cells) => cells.map(cell).join(',')).join('\r\n') + '\r\n'
}

/**
 * Text as GB18030 bytes. Node has no GB18030 encoder (and iconv-lite is not installed), but its
 * TextDecoder reads GB18030: the two-byte codes of GBK, decoded once, give the table to encode with.
 * Every character of these files is in GBK; one that is not throws.
 */
function gb18030(text) {
  const decoder = new TextDecoder('gb18030')
  const codes = new Map()
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue
      const ch = decoder.decode(Uint8Array.of(hi, lo))
      if (ch.length === 1 && ch !== '\ufffd' && !codes.has(ch)) codes.set(ch, [hi, lo])
    }
  }
  const bytes = []
  for (const ch of text) {
    const cp = ch.codePointAt(0)
    if (cp < 0x80) bytes.push(cp)
    else if (codes.has(ch)) bytes.push(...codes.get(ch))
    else throw new Error(`no GB18030 two-byte code for ${ch}`)
  }
  const buffer = Buffer.from(bytes)
  if (decoder.decode(buffer) !== text) throw new Error('the GB18030 bytes do not read back as the text')
  return buffer
}

export async function residentsImportSteps(h) {
  const { page, base, step, screenshot, expect, settle, consoleLogin, signOut, exportedFile } = h

  const bad = PEOPLE.map((p, i) => {
    if (i + 2 === WRONG_CHECK_LINE) return { ...p, id: p.id.slice(0, 17) + (p.id[17] === '0' ? '1' : '0') }
    if (i + 2 === DUPLICATE_LINE) return { ...p, id: PEOPLE[0].id }
    return p
  })
  const badFile = gb18030(csvText(bad))
  const goodFile = gb18030(csvText(PEOPLE))
  // Really GB18030, not UTF-8.
  expect(!goodFile.equals(Buffer.from(csvText(PEOPLE), 'utf8')), 'the file is not UTF-8')

  /** Opens a page of the 基层治理 group from the side menu. */
  async function openMenu(title) {
    await page.locator('[data-test=side-menu] .el-menu-item').first().waitFor()
    const item = page.locator('[data-test=side-menu] .el-menu-item', { hasText: title })
    if (!(await item.isVisible())) await page.locator('[data-test=side-menu] .el-sub-menu__title', { hasText: '基层治理' }).click()
    await item.click()
  }

  /** The count 户信息 shows in its header (共 N 条). */
  async function householdTotal() {
    const total = page.locator('[data-test=household-total]')
    await total.waitFor()
    await page.waitForFunction(() => !document.querySelector('[data-test=household-list] [data-test=loading-mask]'))
    const text = (await total.textContent()) ?? ''
    const n = Number(/共\s*(\d+)\s*条/.exec(text)?.[1])
    expect(Number.isInteger(n), `the household count: ${text}`)
    return n
  }

  /** The problems listed, as "line field: reason". */
  async function problems() {
    const cells = page.locator('[data-test=import-result] [data-test=import-problem]')
    await cells.first().waitFor()
    return cells.evaluateAll((els) =>
      els.map((el) => ({
        line: Number(el.getAttribute('data-line')),
        field: el.getAttribute('data-field'),
        text: (el.closest('tr') ?? el).textContent.trim(),
      })),
    )
  }

  /** Chooses a file and starts the import; waits until the page shows how it ended. */
  async function importFile(name, buffer, mimeType = 'text/csv') {
    await page.locator('[data-test=import-upload] input[type=file]').setInputFiles({ name, mimeType, buffer })
    await page.locator('[data-test=import-upload] .el-upload-list__item', { hasText: name }).waitFor()
    const [started] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/v1/residents/imports?') && r.request().method() === 'POST'),
      page.click('[data-test=import-run]'),
    ])
    expect(started.status() === 202, `the import is accepted to run later: HTTP ${started.status()}`)
    const result = page.locator('[data-test=import-result]:not([data-state=queued]):not([data-state=running])')
    await result.waitFor({ timeout: 60_000 })
    return result.getAttribute('data-state')
  }

  let before = 0

  await step('residents import: the template; a GB18030 file with two bad rows is refused and writes nothing', async () => {
    await signOut()
    await page.setViewportSize({ width: 1366, height: 860 })
    await consoleLogin(page, base, 'changjiaxiang')
    await openMenu('户信息')
    await page.waitForURL((url) => url.pathname === '/residents/households')
    before = await householdTotal()

    await openMenu('居民导入')
    await page.waitForURL((url) => url.pathname === '/residents/import')
    // The community worker's own community is chosen.
    await page.locator('[data-test=import-unit]', { hasText: COMMUNITY.name }).waitFor()
    const template = await exportedFile(page, '[data-test=import-template]')
    expect(template.isXlsx, `the template is an Excel workbook: ${template.name}`)
    expect(template.name === '居民导入模板.xlsx', `the template's name: ${template.name}`)

    // Neither .xlsx nor CSV: named at the file chooser, nothing sent.
    await page.locator('[data-test=import-upload] input[type=file]').setInputFiles({ name: '居民.txt', mimeType: 'text/plain', buffer: Buffer.from('x') })
    await page.locator('[data-test=import-file-error]', { hasText: '只能导入 .xlsx 或 .csv 文件' }).waitFor()
    expect(await page.locator('[data-test=import-run]').isDisabled(), 'nothing to send')

    const state = await importFile('居民-有误.csv', badFile)
    expect(state === 'refused', `refused: ${state}`)
    const banner = (await page.textContent('[data-test=import-refused-title]'))?.trim()
    expect(banner === '文件有 2 处问题，未导入任何数据，请修改后重新导入', `the banner: ${banner}`)
    const listed = await problems()
    const wrong = listed.find((p) => p.line === WRONG_CHECK_LINE)
    const duplicate = listed.find((p) => p.line === DUPLICATE_LINE)
    const all = listed.map((p) => p.text).join(' | ')
    expect(listed.length === 2, `two problems: ${all}`)
    expect(wrong?.field === '公民身份号码', `the wrong check character on line ${WRONG_CHECK_LINE}: ${all}`)
    expect(duplicate?.field === '公民身份号码' && duplicate.text.includes('2'), `the duplicate on line ${DUPLICATE_LINE} names line 2: ${all}`)
    // The past imports list it.
    await page.locator('[data-test=import-history] [data-test=import-history-state]', { hasText: '未导入' }).first().waitFor()
    await settle(page)
    await checkAccessibility(page, 'the refused import')
    await screenshot(page, 'residents-import-refused')

    // Nothing was written.
    await openMenu('户信息')
    await page.waitForURL((url) => url.pathname === '/residents/households')
    const after = await householdTotal()
    expect(after === before, `no household written: ${before} before, ${after} after`)
  })

  await step('residents import: the corrected file imports 2 户 5 人; they appear in 户信息', async () => {
    await openMenu('居民导入')
    await page.waitForURL((url) => url.pathname === '/residents/import')
    const state = await importFile('居民.csv', goodFile)
    expect(state === 'imported', `imported: ${state}`)
    const done = (await page.textContent('[data-test=import-done]')) ?? ''
    expect(done.includes('导入完成：2 户 5 人'), `the summary: ${done}`)
    await page.locator('[data-test=import-history] [data-test=import-history-state]', { hasText: '已导入' }).first().waitFor()
    await settle(page)
    await screenshot(page, 'residents-import-done')

    await page.click('[data-test=import-to-households]')
    await page.waitForURL((url) => url.pathname === '/residents/households' && url.searchParams.get('unit') === COMMUNITY.code)
    const after = await householdTotal()
    expect(after === before + 2, `two households more: ${before} before, ${after} after`)
    const rows = page.locator('[data-test=household-table] .el-table__body-wrapper tbody tr')
    const texts = await rows.allTextContents()
    expect(texts.some((t) => t.includes('第一网格') && t.includes('3 人')), `3 people in 第一网格: ${texts.join(' | ')}`)
    expect(texts.some((t) => t.includes('第二网格') && t.includes('2 人')), `2 people in 第二网格: ${texts.join(' | ')}`)
    await settle(page)
  })

  await step('residents import at 360 px: a past import shows its problems, no sideways scrolling', async () => {
    await page.setViewportSize({ width: 360, height: 740 })
    try {
      await page.goto(`${base}/residents/import`)
      const refused = page.locator('[data-test=import-history-rows] [data-test=import-history-row]', { hasText: '未导入' })
      await refused.first().click()
      await page.locator('[data-test=import-result][data-state=refused]').waitFor()
      await page.waitForURL((url) => /^\d+$/.test(url.searchParams.get('import') ?? ''))
      const lines = await page.locator('[data-test=import-problem-line]').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-line'))))
      expect(JSON.stringify(lines) === JSON.stringify([WRONG_CHECK_LINE, DUPLICATE_LINE]), `a card per bad line: ${lines.join(', ')}`)
      await settle(page)
      const width = await page.evaluate(() => document.documentElement.scrollWidth)
      expect(width <= 360, `no sideways scrolling at 360 px (content is ${width} px wide)`)
      await checkAccessibility(page, 'the import page at 360 px')
      await screenshot(page, 'residents-import-360')
    } finally {
      await page.setViewportSize({ width: 1366, height: 860 })
    }
  })
}
