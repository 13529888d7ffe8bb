// Browser tests of the residents pages (实有人口; web/src/views/residents), as the demo community
// worker of 畅家巷社区 (changjiaxiang) uses them at 1,366 px: register a household in 第一网格 and a
// person in it (a made-up ID number whose GB 11643 check character is computed here; a wrong one
// first, which the form hints at); see them masked in the list (张*三, 620***********…), found
// exactly by the ID number (sent in a POST body, never in a URL); show the ID number in clear on
// the person's page for a reason (a reason too short refused at its field first), and export the
// record as a file; then register the same ID number in a second household and see the server's
// message, which names the community, at the ID-number field. The people list (filtered by a
// group) and the households list download as workbooks with their filters; an exact search's result
// does not.
//
// run.mjs calls residentsSteps() with its harness; the run starts without any resident
// (`shequ init --demo --no-demo-province`).
import { checkAccessibility } from './resident.mjs'

const COMMUNITY = { code: '620102001001', name: '畅家巷社区居委会' }
const PERSON = { name: '张小三', masked: '张*三', phone: '13912345678', body: '62010219900307123', born: '1990-03-07' }
const HOUSEHOLDS = [
  { grid: '第一网格', address: '城关区畅家巷 12 号楼 2 单元 301 室' },
  { grid: '第二网格', address: '城关区畅家巷 28 号楼 1 单元 502 室' },
]

/** The check character of a citizen ID number (GB 11643-1999, ISO 7064 MOD 11-2). */
export function checkCharacter(body) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i], 0)
  return '10X98765432'[sum % 11]
}

export async function residentsSteps(h) {
  const { page, base, step, screenshot, allow, expect, settle, consoleLogin, signOut, exportedFile, timeLoad, pageTime } = h
  const idNumber = PERSON.body + checkCharacter(PERSON.body)
  // A wrong check character: any other.
  const wrongId = PERSON.body + (checkCharacter(PERSON.body) === '0' ? '1' : '0')
  const maskedId = `${idNumber.slice(0, 3)}${'*'.repeat(11)}${idNumber.slice(-4)}`

  /** Opens a page of the 基层治理 group from the side menu. */
  async function openMenu(title) {
    await page.locator('[data-test=side-menu] .el-menu-item').first().waitFor()
    const item = page.locator('[data-test=side-menu] .el-menu-item', { hasText: title })
    if (!(await item.isVisible())) await page.locator('[data-test=side-menu] .el-sub-menu__title', { hasText: '基层治理' }).click()
    await item.click()
  }

  async function fieldError(scope, field) {
    const error = scope.locator(`[data-field="${field}"] .el-form-item__error`)
    await error.waitFor()
    return (await error.textContent())?.trim() ?? ''
  }

  async function elMessage(text) {
    await page.locator('.el-message', { hasText: text }).first().waitFor({ timeout: 10_000 })
  }

  /**
   * Registers a household in a grid from the households list; waits on its page. Returns the
   * grids the dialog offered.
   */
  async function registerHousehold({ grid, address }) {
    await page.click('[data-test=household-register]')
    const dialog = page.locator('[data-test=household-dialog]')
    await dialog.locator('[data-test=household-form]').waitFor()
    await dialog.locator('[data-field=gridCode] .el-select__wrapper').click()
    const option = page.locator('.el-select-dropdown__item:visible', { hasText: grid }).first()
    await option.waitFor()
    const offered = (await page.locator('.el-select-dropdown__item:visible').allTextContents()).map((g) => g.trim())
    await option.click()
    await page.fill('[data-test=household-address-input]', address)
    await page.click('[data-test=household-save]')
    await elMessage('已登记户')
    await page.waitForURL((url) => /^\/residents\/households\/\d+$/.test(url.pathname))
    await page.locator('[data-test=household-heading]').waitFor()
    await settle(page)
    return offered
  }

  /** Fills the 登记居民 dialog of a household's page. */
  async function fillPerson(dialog, id) {
    await dialog.locator('[data-test=person-form]').waitFor()
    await page.fill('[data-test=person-name]', PERSON.name)
    await page.fill('[data-test=person-id-number]', id)
    await page.fill('[data-test=person-phone]', PERSON.phone)
    await page.fill('[data-test=person-ethnicity]', '汉族')
  }

  let personPath = ''

  await step('residents: register a household in 第一网格', async () => {
    await signOut()
    await page.setViewportSize({ width: 1366, height: 860 })
    await consoleLogin(page, base, 'changjiaxiang')
    await openMenu('户信息')
    await page.waitForURL((url) => url.pathname === '/residents/households')
    // Nobody is registered in the run's database yet: the list says so.
    await page.locator('[data-test=household-list] .el-empty', { hasText: '本辖区尚未登记户' }).waitFor()
    // The grids offered are the working community's.
    const grids = await registerHousehold(HOUSEHOLDS[0])
    expect(JSON.stringify(grids) === JSON.stringify(['第一网格', '第二网格', '第三网格']), `the grids offered: ${grids.join(', ')}`)
    // Its address is masked down to the street.
    const address = (await page.textContent('[data-test=household-detail-address]'))?.trim() ?? ''
    expect(address.endsWith('****') && !address.includes('301'), `the address is masked: ${address}`)
    await page.locator('[data-test=household-detail] .el-empty', { hasText: '该户尚无居民' }).waitFor()
  })

  await step('residents: register a person; the list shows them masked', async () => {
    await page.click('[data-test=person-register]')
    const dialog = page.locator('[data-test=person-dialog]')
    await fillPerson(dialog, wrongId)
    // A hint as typed, not a refusal: the server decides.
    const hint = (await page.textContent('[data-test=person-id-hint]'))?.trim()
    expect(hint?.includes('校验码'), `the hint at a wrong check character: ${hint}`)
    await page.fill('[data-test=person-id-number]', idNumber)
    const facts = (await page.textContent('[data-test=person-id-facts]'))?.trim()
    expect(facts?.includes(PERSON.born) && facts.includes('男'), `what the ID number says: ${facts}`)
    // The first person of the household is its head; a community worker may set the sensitive groups.
    const relation = (await dialog.locator('[data-field=relation] .el-select__placeholder').textContent())?.trim()
    expect(relation === '户主', `the relation offered first: ${relation}`)
    expect(await dialog.locator('[data-test=tag-picker] .el-checkbox', { hasText: '社区矫正对象' }).isVisible(), 'the sensitive groups are offered')
    await dialog.locator('[data-test=tag-picker] .el-checkbox', { hasText: '低保对象' }).click()
    await page.click('[data-test=person-save]')
    await elMessage(`已登记居民 ${PERSON.masked}`)
    await dialog.waitFor({ state: 'hidden' })
    const member = page.locator('[data-test=household-detail] [data-test=resident-table] .el-table__row').first()
    await member.locator('[data-test=resident-name]', { hasText: PERSON.masked }).waitFor()

    await openMenu('居民信息')
    await page.waitForURL((url) => url.pathname === '/residents/persons')
    const row = page.locator('[data-test=resident-list] [data-test=resident-table] .el-table__row').first()
    await row.locator('[data-test=resident-name]', { hasText: PERSON.masked }).waitFor()
    const shownId = (await row.locator('[data-test=resident-id-number]').textContent())?.trim()
    expect(shownId === maskedId, `the ID number is masked: ${shownId}, expected ${maskedId}`)
    const phone = (await row.locator('[data-test=resident-phone]').textContent())?.trim()
    expect(phone === '139****5678', `the phone is masked: ${phone}`)
    const text = (await row.textContent()) ?? ''
    expect(text.includes('第一网格') && text.includes('户主') && text.includes('低保对象') && text.includes(PERSON.born), `the row: ${text}`)
    expect(!text.includes(idNumber) && !text.includes(PERSON.name), 'nothing in clear in the list')
    await settle(page)
    await checkAccessibility(page, 'the residents list')
    await screenshot(page, 'residents-list')
    pageTime('residents list', await timeLoad(page, `${base}/residents/persons`, () => row.locator('[data-test=resident-name]').waitFor()))
    await settle(page)

    // Found exactly by the ID number, which travels in a POST body only.
    const urls = []
    const record = (request) => urls.push(request.url())
    page.on('request', record)
    try {
      await page.fill('[data-test=resident-exact-input]', idNumber)
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/v1/residents/persons/search') && r.request().method() === 'POST'),
        page.click('[data-test=resident-exact-search]'),
      ])
      await page.locator('[data-test=resident-exact-notice]').waitFor()
      await page.waitForFunction(() => !document.querySelector('[data-test=resident-list] [data-test=loading-mask]'))
      expect((await page.locator('[data-test=resident-list] [data-test=resident-table] .el-table__row').count()) === 1, 'one resident found')
      expect(urls.some((u) => u.endsWith('/api/v1/residents/persons/search')), `the search was asked: ${urls.join(', ')}`)
      expect(!urls.some((u) => u.includes(idNumber)), 'the ID number is in no URL')
      // An exact search's result has no Excel twin.
      expect(await page.locator('[data-test=resident-list] [data-test=list-export]').isDisabled(), 'no export of an exact search')
    } finally {
      page.off('request', record)
    }
    await page.click('[data-test=resident-exact-clear]')
    await page.locator('[data-test=resident-exact-notice]').waitFor({ state: 'detached' })
    await settle(page)

    // 导出 Excel: the list as filtered (a group), as a workbook; the server masks and audits it.
    await page.locator('[data-test=resident-filter-tag] .el-select__wrapper').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: '低保对象' }).click()
    await page.click('[data-test=resident-list] [data-test=list-search]')
    await row.locator('[data-test=resident-name]', { hasText: PERSON.masked }).waitFor()
    await settle(page)
    const asked = page.waitForRequest((r) => r.url().includes('/api/v1/residents/persons.xlsx'))
    const people = await exportedFile(page, '[data-test=resident-list] [data-test=list-export]')
    const url = new URL((await asked).url())
    expect(people.isXlsx && people.name.endsWith('.xlsx'), `the residents export: ${people.name}, ${people.bytes.subarray(0, 4).toString('hex')}`)
    expect(url.searchParams.get('tag') === 'subsistence' && url.searchParams.get('unit') === COMMUNITY.code, `the export's filters: ${url.search}`)
    expect(!url.search.includes('page'), `no paging in the export: ${url.search}`)
    await page.click('[data-test=resident-list] [data-test=list-reset]')
    await settle(page)
  })

  await step('residents: show the ID number in clear for a reason, and export the record', async () => {
    await page.locator('[data-test=resident-list] [data-test=resident-name]', { hasText: PERSON.masked }).first().click()
    await page.waitForURL((url) => /^\/residents\/persons\/\d+$/.test(url.pathname))
    personPath = new URL(page.url()).pathname
    const id = Number(personPath.split('/').pop())
    const shown = page.locator('[data-test=person-idNumber]')
    await shown.waitFor()
    expect((await shown.textContent())?.trim() === maskedId, `masked on the page: ${await shown.textContent()}`)
    await page.locator('[data-test=person-history] .el-table__row', { hasText: '第一网格' }).waitFor()

    await page.click('[data-test=person-reveal-idNumber]')
    const dialog = page.locator('[data-test=reveal-dialog]')
    // Too short a reason: refused by the server, at the reason.
    allow(400, `/api/v1/residents/persons/${id}/reveal`)
    await dialog.locator('[data-test=reason-input]').fill('查')
    await dialog.locator('[data-test=reason-confirm]').click()
    const reason = await fieldError(dialog, 'reason')
    expect(reason.includes('原因'), `the reason refused: ${reason}`)
    await dialog.locator('[data-test=reason-input]').fill('核实身份，办理高龄津贴')
    await dialog.locator('[data-test=reason-confirm]').click()
    await page.locator('[data-test=person-idNumber]', { hasText: idNumber }).waitFor()
    await dialog.waitFor({ state: 'hidden' })
    expect(!(await page.locator('[data-test=person-reveal-idNumber]').count()), 'shown in clear once')
    // The name and the phone stay masked.
    expect((await page.textContent('[data-test=person-name]'))?.trim() === PERSON.masked, 'the name stays masked')
    await settle(page)
    await screenshot(page, 'resident-revealed')

    // The whole record, in clear, as a file named by the resident.
    await page.click('[data-test=person-export]')
    const exportDialog = page.locator('[data-test=export-dialog]')
    await exportDialog.locator('[data-test=reason-input]').fill('居民本人申请查阅个人信息')
    const file = await exportedFile(page, '[data-test=export-dialog] [data-test=reason-confirm]')
    const record = JSON.parse(file.bytes.toString('utf8'))
    expect(file.name === `resident-${id}.json`, `the export's name: ${file.name}`)
    expect(record.person?.idNumber === idNumber && record.person?.name === PERSON.name, `the export is in clear: ${JSON.stringify(record.person)}`)
    expect(record.history?.[0]?.household?.address === HOUSEHOLDS[0].address, `the address in clear: ${JSON.stringify(record.history)}`)
    await exportDialog.waitFor({ state: 'hidden' })
    await settle(page)
  })

  await step('residents: the same ID number in a second household is refused at its field', async () => {
    await openMenu('户信息')
    await page.waitForURL((url) => url.pathname === '/residents/households')
    await page.locator('[data-test=household-table] .el-table__row').first().waitFor()
    await settle(page)
    // The households download as a workbook too.
    const households = await exportedFile(page, '[data-test=household-list] [data-test=list-export]')
    expect(households.isXlsx && households.name.endsWith('.xlsx'), `the households export: ${households.name}, ${households.bytes.subarray(0, 4).toString('hex')}`)
    await registerHousehold(HOUSEHOLDS[1])
    await page.click('[data-test=person-register]')
    const dialog = page.locator('[data-test=person-dialog]')
    await fillPerson(dialog, idNumber)
    allow(409, '/api/v1/residents/persons')
    await page.click('[data-test=person-save]')
    const reason = await fieldError(dialog, 'idNumber')
    expect(reason.includes('已登记') && reason.includes(COMMUNITY.name.slice(0, 3)), `the reason at the ID number: ${reason}`)
    await dialog.locator('[data-test=person-form-error]').waitFor()
    // Nothing typed is lost.
    expect((await page.inputValue('[data-test=person-name]')) === PERSON.name, 'the name is kept')
    expect((await page.inputValue('[data-test=person-id-number]')) === idNumber, 'the ID number is kept')
    await screenshot(page, 'resident-duplicate-id')
    await dialog.locator('.el-dialog__headerbtn').click()
    await dialog.waitFor({ state: 'hidden' })
    // Nobody was registered in the second household.
    await page.locator('[data-test=household-detail] .el-empty', { hasText: '该户尚无居民' }).waitFor()
  })
}
