// Browser tests of the requests pages (接诉即办; web/src/views/requests, web/src/h5/views/requests):
// the county desk (chengguan) registers a hotline request for 畅家巷社区 with the intake form (a
// phone the server refuses first, shown at its field, nothing typed lost); the community worker
// (changjiaxiang) finds it in the list, accepts, starts and resolves it with a note, and reads the
// timeline; the resident (jumin1), on a phone at 360×740, submits one from the 诉求 tab, in care
// mode too, sees its tracking code, and withdraws it with a reason; then rates another, resolved,
// as 不满意, which reopens it with a rectification deadline, and the community appeals the rating;
// the rating counts in the community's satisfaction rate (R3) on its indicator dashboard;
// the county (chengguan) reads the three rates those cases make on the statistics page; last, a
// duplicate reported 17 m away (registered at the intake form with the desk's own position) shows
// the duplicate hint to the desk and is merged into the open request by the community.
// Location: the resident marks her request's point on the form's map (a tap, cleared, the phone's
// position outside Gansu refused, another tap), sees it on her request's page, and the community
// sees that point on its page.
// Photos: the community adds one to the hotline request on its page (and an SVG named x.jpg, which
// the server refuses with its reason, shown at the photo section); the resident attaches a PNG
// and that SVG on the phone: the PNG shows in her request and on the community's page of it, the
// SVG is named as not uploaded, with the server's reason, and the request stands.
// The working calendar deadlines are counted on: the province marks a day, saves, finds it after a
// reload and takes it off again; a community worker reads it only.
//
// run.mjs calls requestsSteps() with its harness.
import { deflateSync } from 'node:zlib'
import { checkAccessibility, checkCareMode, checkPhoneLayout } from './resident.mjs'

const COMMUNITY = { code: '620102001001', name: '畅家巷社区居委会' }
const COUNTY = { code: '620102000000', name: '城关区' }
const STREET = { code: '620102001000', name: '酒泉路街道' }
// A street of the county where no step above makes a case.
const QUIET_STREET = { code: '620102002000', name: '张掖路街道' }
const PHONE = { width: 360, height: 740 }
// A small PNG made here (w×h, RGB, a gradient), and an SVG that claims to be a JPEG by its name.
function crc32(bytes) {
  let crc = 0xffffffff
  for (const b of bytes) {
    crc ^= b
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1
  }
  return (crc ^ 0xffffffff) >>> 0
}
function pngChunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}
function makePng(width, height) {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bits per sample
  header[9] = 2 // RGB
  const rows = []
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3)
    for (let x = 0; x < width; x++) row.set([200, (x * 5) & 255, (y * 7) & 255], 1 + x * 3)
    rows.push(row)
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  return Buffer.concat([signature, pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(Buffer.concat(rows))), pngChunk('IEND', Buffer.alloc(0))])
}
const PHOTO = { width: 48, height: 32 }
const PNG = { name: 'lamp.png', mimeType: 'image/png', buffer: makePng(PHOTO.width, PHOTO.height) }
const FAKE_JPEG = { name: 'x.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>') }
const NOT_A_PHOTO = '只接受 JPEG 或 PNG 格式的照片'

/** Waits until the image `selector` names has loaded; its natural size. */
async function loadedImage(page, selector) {
  const image = page.locator(selector).first()
  await image.scrollIntoViewIfNeeded()
  await page.waitForFunction((s) => {
    const img = document.querySelector(s)
    return img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0
  }, selector)
  return image.evaluate((img) => ({ width: img.naturalWidth, height: img.naturalHeight }))
}

const HOTLINE = { description: '3号楼电梯停在六楼不动，已有两天', building: '3号楼', externalId: 'RX-20261202-0001', result: '已联系维保单位更换控制板，电梯恢复运行' }

export async function requestsSteps(h) {
  const { context, page, base, step, screenshot, watch, allow, expect, settle, consoleLogin, signOut, passwords, demoPassword } = h

  async function openMenu(title) {
    await page.locator('[data-test=side-menu] .el-menu-item').first().waitFor()
    const item = page.locator('[data-test=side-menu] .el-menu-item', { hasText: title })
    if (!(await item.isVisible())) await page.locator('[data-test=side-menu] .el-sub-menu__title', { hasText: '社区服务' }).click()
    await item.click()
  }

  async function fieldError(scope, field) {
    const error = scope.locator(`[data-field="${field}"] .el-form-item__error`)
    await error.waitFor()
    return (await error.textContent())?.trim() ?? ''
  }

  let trackingCode = ''
  let detailPath = ''
  let myRequestId = 0
  let pickedPoint = ''

  await step('requests: the county desk registers a hotline request', async () => {
    await signOut()
    await consoleLogin(page, base, 'chengguan')
    await openMenu('诉求登记')
    await page.waitForURL((url) => url.pathname === '/requests/intake')
    const form = page.locator('[data-test=request-intake-form]')
    // The category: a group, then its category; its questions appear.
    await page.click('[data-field=categoryCode] .el-cascader')
    await page.locator('.el-cascader-node:visible', { hasText: '物业管理' }).click()
    await page.locator('.el-cascader-node:visible', { hasText: '电梯故障' }).click()
    await form.locator('[data-field="attributes.trapped"]', { hasText: '是否有人被困' }).waitFor()
    await form.locator('[data-field="attributes.building"] input').fill(HOTLINE.building)
    // Where: the community, found by part of its name.
    const unit = form.locator('[data-field=unitCode] .el-select__wrapper')
    await unit.click()
    await page.keyboard.type('畅家巷')
    await page.locator('.el-select-dropdown__item:visible', { hasText: COMMUNITY.name }).first().click()
    await page.fill('[data-test=request-description-input]', HOTLINE.description)
    await page.fill('[data-test=request-address]', '畅家巷3号楼')
    await page.fill('[data-test=request-contact-name]', '王建国')
    // A phone that is no number: the server refuses it at its field.
    await page.fill('[data-test=request-contact-phone]', '没有电话')
    await page.fill('[data-test=request-external-id]', HOTLINE.externalId)
    allow(400, '/api/v1/requests')
    await page.click('[data-test=request-intake-submit]')
    const reason = await fieldError(form, 'contactPhone')
    expect(reason.length > 0, 'the phone is refused at its field')
    await page.locator('[data-test=request-intake-error]').waitFor()
    expect((await page.inputValue('[data-test=request-description-input]')) === HOTLINE.description, 'the description is kept')
    expect((await form.locator('[data-field="attributes.building"] input').inputValue()) === HOTLINE.building, 'the answer is kept')
    await screenshot(page, 'requests-intake-error')
    await page.fill('[data-test=request-contact-phone]', '13912345678')
    await page.click('[data-test=request-intake-submit]')
    await page.waitForURL((url) => /^\/requests\/list\/\d+$/.test(url.pathname))
    detailPath = new URL(page.url()).pathname
    await page.locator('[data-test=request-detail-status]', { hasText: '待签收' }).waitFor()
    trackingCode = (await page.textContent('[data-test=request-detail-code]'))?.trim() ?? ''
    expect(trackingCode.length > 0, 'a tracking code')
    const answers = (await page.textContent('[data-test=request-answers]')) ?? ''
    expect(answers.includes('是否有人被困：否') && answers.includes(`楼栋：${HOTLINE.building}`), `the answers with their labels: ${answers}`)
    const fields = (await page.textContent('[data-test=request-fields]')) ?? ''
    expect(fields.includes('139****5678') && !fields.includes('13912345678'), 'the contact phone is masked')
    expect(fields.includes(HOTLINE.externalId), 'the hotline case number')
    const unitLabel = (await page.locator('[data-test=request-fields] [data-test=unit-label]').first().textContent()) ?? ''
    expect(unitLabel.includes(COMMUNITY.name), `the lead unit by name: ${unitLabel}`)
    // The county above may supervise or transfer, not accept.
    expect((await page.locator('[data-test=request-step-accept]').count()) === 0, 'the county does not accept')
    await page.locator('[data-test=request-step-supervise]').waitFor()
    await settle(page)
    await screenshot(page, 'requests-registered')
  })

  await step('requests: the community accepts, starts and resolves it', async () => {
    await signOut()
    await consoleLogin(page, base, 'changjiaxiang')
    await openMenu('诉求办理')
    await page.waitForURL((url) => url.pathname === '/requests/list')
    const row = page.locator('[data-test=request-table] .el-table__row', { hasText: trackingCode })
    await row.waitFor()
    expect((await row.textContent())?.includes('待签收'), 'the list shows its state')
    expect((await row.textContent())?.includes('139****5678'), 'the list shows the contact masked')
    // Filtered by its state and by its group.
    await page.click('[data-test=request-filter-status]')
    await page.locator('.el-select-dropdown__item:visible', { hasText: '待签收' }).click()
    await page.click('[data-test=request-list] .list-filters .el-cascader')
    await page.locator('.el-cascader-node:visible', { hasText: '物业管理' }).locator('.el-radio').click()
    await page.keyboard.press('Escape')
    await page.click('[data-test=list-search]')
    await settle(page)
    await row.waitFor()
    await screenshot(page, 'requests-list')
    await row.locator('td').nth(1).click()
    await page.waitForURL((url) => url.pathname === detailPath)
    await page.locator('[data-test=request-detail-status]', { hasText: '待签收' }).waitFor()
    await page.click('[data-test=request-step-accept]')
    await page.locator('[data-test=request-detail-status]', { hasText: '已签收' }).waitFor()
    await page.click('[data-test=request-step-start]')
    await page.locator('[data-test=request-detail-status]', { hasText: '办理中' }).waitFor()
    await page.click('[data-test=request-step-resolve]')
    const dialog = page.locator('[data-test=request-step-dialog]')
    await dialog.locator('[data-test=request-step-note]').waitFor()
    // A result is needed.
    await dialog.locator('[data-test=request-step-confirm]').click()
    await dialog.locator('.el-form-item__error', { hasText: '办理结果' }).waitFor()
    await dialog.locator('[data-test=request-step-note]').fill(HOTLINE.result)
    await dialog.locator('[data-test=request-step-confirm]').click()
    await page.locator('[data-test=request-detail-status]', { hasText: '已办结' }).waitFor()
    const actions = await page.locator('[data-test=request-event]').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')))
    expect(actions.join(',') === 'submit,accept,start,resolve', `the timeline: ${actions}`)
    const last = page.locator('[data-test=request-event]').last()
    expect((await last.textContent())?.includes('办结'), 'the step is labelled in Chinese')
    expect((await last.locator('[data-test=request-event-note]').textContent())?.trim() === HOTLINE.result, 'the result note')
    expect((await last.locator('[data-test=person-label]').textContent())?.includes('changjiaxiang'), 'who resolved it')
    // Photos: the handler adds one; an SVG named x.jpg is refused, with the server's reason shown
    // at the photo section.
    const photos = page.locator('[data-test=request-photos]')
    expect((await photos.locator('[data-test=request-photo-count]').textContent())?.trim() === '0/9', 'no photos yet')
    allow(400, '/photos')
    await photos.locator('[data-test=request-photo-input]').setInputFiles([PNG, FAKE_JPEG])
    const refused = photos.locator('[data-test=request-photo-errors]')
    await refused.waitFor()
    const refusal = (await refused.textContent()) ?? ''
    expect(refusal.includes('x.jpg') && refusal.includes(NOT_A_PHOTO) && !refusal.includes('lamp.png'), `the refusal, with the server's reason: ${refusal}`)
    await photos.locator('[data-test=request-photo-count]', { hasText: '1/9' }).waitFor()
    const size = await loadedImage(page, '[data-test=request-photos] [data-test=request-photo] img')
    expect(size.width === PHOTO.width && size.height === PHOTO.height, `the photo as uploaded: ${size.width}×${size.height}`)
    await photos.locator('[data-test=request-photo]').click()
    await page.locator('.el-image-viewer__wrapper').waitFor()
    await page.keyboard.press('Escape')
    await page.locator('.el-image-viewer__wrapper').waitFor({ state: 'detached' })
    await settle(page)
    await screenshot(page, 'requests-resolved')
  })

  await step('requests: a resident submits one on the phone and withdraws it', async () => {
    await signOut()
    const phone = await context.newPage()
    watch(phone, 'h5')
    try {
      await phone.setViewportSize(PHONE)
      await phone.goto(`${base}/h5/`)
      await phone.waitForURL((url) => url.pathname === '/h5/login')
      await phone.fill('[data-test=h5-username]', 'jumin1')
      await phone.fill('[data-test=h5-password]', passwords.get('jumin1') ?? demoPassword)
      await phone.click('[data-test=h5-login-submit]')
      await phone.waitForURL((url) => url.pathname === '/h5/')
      await phone.click('[data-test=h5-tab-h5-requests]')
      await phone.locator('[data-test=h5-requests]').waitFor()
      await settle(phone)
      await checkAccessibility(phone, 'my requests')
      await phone.click('[data-test=h5-request-new]')
      await phone.locator('[data-test=h5-request-form] form').waitFor()
      // Nothing chosen: the form says what is missing, at its fields.
      await phone.click('[data-test=h5-request-submit]')
      await phone.locator('[data-test=h5-request-error]').waitFor()
      await phone.selectOption('[data-test=h5-request-category]', 'living.repair')
      await phone.fill('[data-test=h5-request-description]', '楼道灯坏了，晚上看不见台阶')
      await phone.fill('[data-test=h5-request-address]', '畅家巷5号楼2单元')
      // Where, on the map: a tap marks the point (its coordinates written under the map); "clear"
      // takes it away; the phone's own position, here in 北京, is refused with the reason; a second
      // tap marks the point sent.
      const where = phone.locator('[data-test=h5-request-location]')
      const map = where.locator('[data-test=location-map][data-state=ready]')
      await map.waitFor()
      await settle(phone)
      const size = await map.boundingBox()
      const coordinates = where.locator('[data-test=location-coordinates]')
      await map.click({ position: { x: size.width * 0.4, y: size.height * 0.5 } })
      const tapped = (await coordinates.textContent())?.trim() ?? ''
      expect(/^\d{2}\.\d{6}, \d{3}\.\d{6}$/.test(tapped), `the point tapped, six decimals: ${tapped}`)
      await where.locator('[data-test=location-clear]').click()
      await coordinates.waitFor({ state: 'detached' })
      await context.grantPermissions(['geolocation'], { origin: base })
      await context.setGeolocation({ latitude: 39.9042, longitude: 116.4074, accuracy: 20 })
      try {
        await where.locator('[data-test=location-locate]', { hasText: '使用我的位置' }).click()
        await where.locator('[data-test=location-error]', { hasText: '不在甘肃省范围内' }).waitFor()
      } finally {
        await context.clearPermissions()
      }
      await map.click({ position: { x: size.width * 0.6, y: size.height * 0.5 } })
      await where.locator('[data-test=location-error]').waitFor({ state: 'detached' })
      pickedPoint = (await coordinates.textContent())?.trim() ?? ''
      expect(/^\d{2}\.\d{6}, \d{3}\.\d{6}$/.test(pickedPoint) && pickedPoint !== tapped, `the point moved: ${tapped} → ${pickedPoint}`)
      await phone.fill('[data-test=h5-request-phone]', '13987654321')
      // Two photos: a PNG, and an SVG named x.jpg that only the server can tell apart.
      await phone.setInputFiles('[data-test=h5-photo-input]', [PNG, FAKE_JPEG])
      await phone.locator('[data-test=h5-photo-preview]').nth(1).waitFor()
      expect((await phone.textContent('[data-test=h5-photo-add]'))?.includes('2/9'), 'two of nine chosen')
      await checkPhoneLayout(phone, expect, 'the request form')
      await checkAccessibility(phone, 'the request form')
      // Care mode (长辈版): large text and touch targets, one column.
      const care = phone.locator('[data-test=h5-care-toggle]')
      const wasCare = (await care.getAttribute('aria-pressed')) === 'true'
      if (!wasCare) await care.click()
      await checkCareMode(phone, 'the request form in care mode')
      await checkPhoneLayout(phone, expect, 'the request form in care mode')
      await checkAccessibility(phone, 'the request form in care mode')
      await screenshot(phone, 'requests-h5-form-care')
      if (!wasCare) await care.click()
      // Submitted with the keyboard; the photos go after it, and the SVG is refused.
      allow(400, '/photos')
      await phone.focus('[data-test=h5-request-phone]')
      await phone.keyboard.press('Enter')
      const code = (await phone.locator('[data-test=h5-request-code]').textContent())?.trim() ?? ''
      expect(/^[A-Z0-9]{6,}$/.test(code), `the tracking code shown: ${code}`)
      const failed = (await phone.textContent('[data-test=h5-photo-failures]')) ?? ''
      expect(failed.includes('x.jpg') && failed.includes(NOT_A_PHOTO) && !failed.includes('lamp.png'), `the refused photo, with the server's reason: ${failed}`)
      await checkAccessibility(phone, 'the submitted request with a refused photo')
      await screenshot(phone, 'requests-h5-submitted')
      await phone.click('[data-test=h5-request-follow]')
      await phone.locator('[data-test=h5-request-detail-code]', { hasText: code }).waitFor()
      myRequestId = Number(new URL(phone.url()).pathname.split('/').pop())
      // The point she picked, on a small map of her request: shown, not picked, within the phone's
      // width, in care mode too.
      const point = phone.locator('[data-test=h5-request-point]')
      await point.locator('[data-test=location-map][data-state=ready]').waitFor()
      await point.locator('.leaflet-overlay-pane path').first().waitFor()
      const pointShown = (await point.locator('[data-test=location-coordinates]').textContent())?.trim()
      expect(pointShown === pickedPoint, `her request's point: ${pointShown}, picked ${pickedPoint}`)
      expect((await point.locator('[data-test=location-locate], [data-test=location-clear]').count()) === 0, 'her point is shown, not picked')
      const pointBox = await point.locator('[data-test=location-map]').boundingBox()
      expect(pointBox && pointBox.width <= PHONE.width && pointBox.height >= 150, `the map of her point: ${JSON.stringify(pointBox)}`)
      const careToggle = phone.locator('[data-test=h5-care-toggle]')
      const careBefore = (await careToggle.getAttribute('aria-pressed')) === 'true'
      if (!careBefore) await careToggle.click()
      await checkCareMode(phone, 'my request with its point in care mode')
      await checkPhoneLayout(phone, expect, 'my request with its point in care mode')
      await screenshot(phone, 'requests-h5-point-care')
      if (!careBefore) await careToggle.click()
      expect((await phone.locator('[data-test=h5-request-photo]').count()) === 1, 'the one photo taken shows in the request')
      const mine = await loadedImage(phone, '[data-test=h5-request-photo] img')
      expect(mine.width === PHOTO.width && mine.height === PHOTO.height, `the photo as uploaded: ${mine.width}×${mine.height}`)
      await checkPhoneLayout(phone, expect, 'my request with a photo')
      expect((await phone.locator('[data-test=h5-request-progress] [aria-current=step]').getAttribute('data-stage')) === 'submitted', 'at the first stage')
      await checkAccessibility(phone, 'my request')
      // Withdrawn with a reason.
      await phone.click('[data-test=h5-withdraw-submit]')
      await phone.locator('#h5-withdraw-reason-error').waitFor()
      await phone.fill('[data-test=h5-withdraw-reason]', '已自行修好')
      await phone.click('[data-test=h5-withdraw-submit]')
      await phone.locator('[data-test=h5-request-state]', { hasText: '已结案' }).waitFor()
      expect((await phone.locator('[data-test=h5-request-withdraw]').count()) === 0, 'no withdrawing once closed')
      await checkPhoneLayout(phone, expect, 'my withdrawn request')
      await screenshot(phone, 'requests-h5-withdrawn')
      await phone.click('[data-test=h5-tab-h5-requests]')
      const item = phone.locator(`[data-test=h5-request-item][data-code="${code}"]`)
      await item.waitFor()
      expect((await item.locator('[data-test=h5-request-status]').textContent())?.trim() === '已结案', 'the list shows it closed')
      await settle(phone)
    } finally {
      await phone.close()
      await context.clearCookies()
    }
    // The community sees the resident's photo on its page of the request; closed, no more are added.
    await consoleLogin(page, base, 'changjiaxiang')
    await settle(page)
    await page.goto(`${base}/requests/list/${myRequestId}`)
    // The point the resident picked, on the case's map.
    const located = page.locator('[data-test=request-location]')
    await located.locator('[data-test=location-map][data-state=ready]').waitFor()
    const shown = (await located.locator('[data-test=location-coordinates]').textContent())?.trim()
    expect(shown === pickedPoint, `the resident's point: ${shown}, picked ${pickedPoint}`)
    expect((await located.locator('[data-test=location-locate], [data-test=location-clear]').count()) === 0, 'the point is shown, not picked')
    const photos = page.locator('[data-test=request-photos]')
    await photos.locator('[data-test=request-photo-count]', { hasText: '1/9' }).waitFor()
    const size = await loadedImage(page, '[data-test=request-photos] [data-test=request-photo] img')
    expect(size.width === PHOTO.width && size.height === PHOTO.height, `the resident's photo: ${size.width}×${size.height}`)
    expect((await photos.locator('[data-test=request-photo-add]').count()) === 0, 'no photos added to a closed request')
    await settle(page)
    await signOut()
  })

  // Set up through the API (the steps above went through the pages): the resident's request,
  // accepted and resolved by the community.
  async function apiAs(username) {
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password: passwords.get(username) ?? demoPassword }),
    })
    expect(login.ok, `${username} signs in through the API: ${login.status}`)
    const { csrfToken } = await login.json()
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]
    return async (method, path, body) => {
      const r = await fetch(`${base}${path}`, {
        method,
        headers: { cookie, 'X-CSRF-Token': csrfToken, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      const text = await r.text()
      expect(r.ok, `${method} ${path} as ${username}: ${r.status} ${text}`)
      return JSON.parse(text)
    }
  }

  await step('requests: a bad rating reopens the request and the community appeals it', async () => {
    await signOut()
    const resident = await apiAs('jumin1')
    const made = await resident('POST', '/api/v1/requests/mine', { categoryCode: 'living.repair', description: '单元门禁坏了，老人进不了门' })
    const id = made.case.id
    const community = await apiAs('changjiaxiang')
    // The community's satisfaction rate (R3) this year, as the indicator engine reads it.
    const year = new Date().getFullYear()
    const satisfaction = async () => {
      const answer = await community('GET', `/api/v1/analytics?indicators=R3&periods=${year}&units=${COMMUNITY.code}`)
      return answer.rows[0]
    }
    const ratedBefore = (await satisfaction()).denominator ?? 0
    await community('POST', `/api/v1/requests/${id}/steps`, { action: 'accept', version: 1 })
    await community('POST', `/api/v1/requests/${id}/steps`, { action: 'resolve', version: 2, note: '已更换门禁电源' })
    const phone = await context.newPage()
    watch(phone, 'h5')
    try {
      await phone.setViewportSize(PHONE)
      await phone.goto(`${base}/h5/`)
      await phone.waitForURL((url) => url.pathname === '/h5/login')
      await phone.fill('[data-test=h5-username]', 'jumin1')
      await phone.fill('[data-test=h5-password]', passwords.get('jumin1') ?? demoPassword)
      await phone.click('[data-test=h5-login-submit]')
      await phone.waitForURL((url) => url.pathname === '/h5/')
      // Within the app, once the home page has its answers (leaving earlier would cut them off).
      await settle(phone)
      await phone.click('[data-test=h5-tab-h5-requests]')
      await phone.click(`[data-test=h5-request-item][data-code="${made.case.trackingCode}"]`)
      await phone.waitForURL((url) => url.pathname === `/h5/requests/${id}`)
      await phone.locator('[data-test=h5-request-rate]').waitFor()
      await phone.locator('[data-test=h5-request-result]', { hasText: '已更换门禁电源' }).waitFor()
      // No rating chosen: said, nothing sent.
      await phone.click('[data-test=h5-rate-submit]')
      await phone.locator('[data-test=h5-request-rate] [role=alert]').waitFor()
      await phone.check('[data-score=dissatisfied] input')
      await phone.fill('[data-test=h5-rate-comment]', '门禁还是时好时坏')
      await checkPhoneLayout(phone, expect, 'rating a request')
      await checkAccessibility(phone, 'rating a request')
      await phone.click('[data-test=h5-rate-submit]')
      await phone.locator('[data-test=h5-rating-score]', { hasText: '不满意' }).waitFor()
      await phone.locator('[data-test=h5-rectification]').waitFor()
      await phone.locator('[data-test=h5-request-state]', { hasText: '办理中' }).waitFor()
      expect((await phone.locator('[data-test=h5-request-rate]').count()) === 0, 'rated once: no second form')
      await screenshot(phone, 'requests-h5-rated')
    } finally {
      await phone.close()
      await context.clearCookies()
    }
    // The community sees the rating and appeals it; the county above will decide.
    await consoleLogin(page, base, 'changjiaxiang')
    await page.goto(`${base}/requests/list/${id}`)
    await page.locator('[data-test=request-rating-score]', { hasText: '不满意' }).waitFor()
    await page.click('[data-test=request-appeal]')
    await page.locator('.el-message-box input').fill('居民反映的是另一栋楼的门禁')
    await page.click('.el-message-box .el-button--primary')
    await page.locator('[data-test=request-rating]', { hasText: '待裁定' }).waitFor()
    expect((await page.locator('[data-test=request-appeal]').count()) === 0, 'appealed once')
    await page.locator('[data-test=request-event][data-action=appeal]').waitFor()
    await screenshot(page, 'requests-rating-appealed')
    // The rates change: the rating counts in the community's satisfaction rate on its dashboard.
    const after = await satisfaction()
    expect(after.denominator === ratedBefore + 1, `one more rating counted: ${ratedBefore} → ${after.denominator}`)
    expect(after.numerator < after.denominator, 'a dissatisfied rating is not satisfied')
    await settle(page)
    await page.goto(`${base}/indicator/dashboard?indicator=R3`)
    const card = page.locator('[data-test=indicator-card-R3]')
    await card.locator('[data-test=indicator-card-value]', { hasText: '%' }).waitFor()
    expect((await card.getAttribute('data-status')) === after.status, `the card's status is the engine's: ${after.status}`)
    await settle(page)
    await signOut()
  })

  // The cases above, all received this month in 畅家巷社区 (酒泉路街道): the hotline one, accepted
  // and resolved; the withdrawn one, not counted; the one rated 不满意 (its appeal pending), accepted
  // in time. So the street's response rate is all it received, its satisfaction rate a real 0%.
  await step('requests: the county reads the three rates and drills down', async () => {
    await signOut()
    await consoleLogin(page, base, 'chengguan')
    await openMenu('诉求统计')
    await page.waitForURL((url) => url.pathname === '/requests/stats')
    await page.locator('[data-test=request-stats-unit-name]', { hasText: COUNTY.name }).waitFor()
    const table = page.locator('[data-test=request-stats-table][data-by=unit]')
    const rowOf = (code) => table.locator('.el-table__row', { has: page.locator(`[data-test=unit-label][data-code="${code}"]`) })
    const street = rowOf(STREET.code)
    await street.waitFor()
    await settle(page)
    const received = Number((await street.locator('[data-test=request-stats-received]').textContent())?.trim())
    expect(received >= 2, `the street received the cases above, the withdrawn one aside: ${received}`)
    const response = street.locator('[data-test=request-stats-response]')
    expect((await response.textContent())?.trim() === '100%', `all accepted in time: ${await response.textContent()}`)
    const responseCell = (await street.locator('td', { has: page.locator('[data-test=request-stats-response]') }).textContent()) ?? ''
    expect(responseCell.includes(`${received} / ${received}`), `the counts behind it: ${responseCell}`)
    // The one rating, 不满意 with its appeal pending, counts: a real 0%, not "—".
    const satisfaction = street.locator('[data-test=request-stats-satisfaction]')
    expect((await satisfaction.textContent())?.trim() === '0%', `the 不满意 rating: ${await satisfaction.textContent()}`)
    const satisfactionCell = (await street.locator('td', { has: page.locator('[data-test=request-stats-satisfaction]') }).textContent()) ?? ''
    expect(satisfactionCell.includes('0 / 1'), `the counts behind it: ${satisfactionCell}`)
    // A street without cases has nothing to count: "—", never 0%.
    const quiet = rowOf(QUIET_STREET.code)
    expect((await quiet.locator('[data-test=request-stats-received]').textContent())?.trim() === '0', 'the quiet street received none')
    for (const rate of ['response', 'resolution', 'satisfaction']) {
      const shown = (await quiet.locator(`[data-test=request-stats-${rate}]`).textContent())?.trim()
      expect(shown === '—', `${rate} of a street without cases: ${shown}`)
    }
    // Weakest first: rows with a response rate come before those without.
    const firstCode = await table.locator('.el-table__row').first().locator('[data-test=unit-label]').getAttribute('data-code')
    expect(firstCode === STREET.code, `the only street with a rate first: ${firstCode}`)
    // The county's own figures, with the counts behind them.
    const total = (await page.textContent('[data-test=request-stats-total-response]')) ?? ''
    expect(total.includes('100%') && total.includes(`${received} / ${received}`), `the county's response rate: ${total}`)
    await screenshot(page, 'requests-stats-county')

    // Down into the street: its communities, the same period.
    await street.locator('[data-test=request-stats-drill]').click()
    await page.waitForURL((url) => url.pathname === `/requests/stats/${STREET.code}`)
    await page.locator('[data-test=request-stats-unit-name]', { hasText: STREET.name }).waitFor()
    const community = rowOf(COMMUNITY.code)
    await community.waitFor()
    await settle(page)
    expect(Number((await community.locator('[data-test=request-stats-received]').textContent())?.trim()) === received, 'the community received them all')
    // By category: the elevator case of the hotline desk is there.
    await page.click('[data-test=request-stats-by] [data-by=category]')
    await page.locator('[data-test=request-stats-table][data-by=category] [data-test=request-stats-category][data-code="property.elevator"]').waitFor()
    expect(new URL(page.url()).searchParams.get('by') === 'category', 'the breakdown is kept in the address')
    await settle(page)
    await screenshot(page, 'requests-stats-street-categories')
    // Back up to the county, still by category.
    await page.click('[data-test=request-stats-up]')
    await page.waitForURL((url) => url.pathname === `/requests/stats/${COUNTY.code}` && url.searchParams.get('by') === 'category')
    await page.locator('[data-test=request-stats-unit-name]', { hasText: COUNTY.name }).waitFor()
    await page.locator('[data-test=request-stats-table][data-by=category] [data-test=request-stats-category]').first().waitFor()
    await settle(page)
    await signOut()
  })

  // After the rates above: these two stay open (not accepted in time would change them). The first
  // is registered through the API with its point; the second by the desk at the intake form, on a
  // patrol: the point is the desk's own position ("use my location"), 17 m north of the first. The
  // desk sees the duplicate hint at once; the community merges it.
  await step('requests: a duplicate 17 m away is merged into the open request', async () => {
    await signOut()
    const desk = await apiAs('chengguan')
    const first = await desk('POST', '/api/v1/requests', {
      categoryCode: 'municipal.streetlight', unitCode: COMMUNITY.code, channel: 'hotline', description: '巷口路灯不亮', lat: 36.0612, lon: 103.8343, attributes: [],
    })
    const detail = await desk('GET', `/api/v1/requests/${first.case.id}`)
    expect(detail.case.lat === 36.0612 && detail.case.lon === 103.8343, `the first case's point: ${detail.case.lat}, ${detail.case.lon}`)
    await consoleLogin(page, base, 'chengguan')
    await openMenu('诉求登记')
    await page.waitForURL((url) => url.pathname === '/requests/intake')
    const form = page.locator('[data-test=request-intake-form]')
    await page.click('[data-test=request-channel] label:has-text("巡查")')
    await page.click('[data-field=categoryCode] .el-cascader')
    await page.locator('.el-cascader-node:visible', { hasText: '市政设施' }).click()
    await page.locator('.el-cascader-node:visible', { hasText: '路灯' }).click()
    const unit = form.locator('[data-field=unitCode] .el-select__wrapper')
    await unit.click()
    await page.keyboard.type('畅家巷')
    await page.locator('.el-select-dropdown__item:visible', { hasText: COMMUNITY.name }).first().click()
    await page.fill('[data-test=request-description-input]', '巷口那盏路灯坏了，晚上很黑')
    const where = form.locator('[data-test=request-intake-location]')
    await where.locator('[data-test=location-map][data-state=ready]').waitFor()
    await context.grantPermissions(['geolocation'], { origin: base })
    await context.setGeolocation({ latitude: 36.06135, longitude: 103.8343, accuracy: 10 })
    try {
      await where.locator('[data-test=location-locate]').click()
      await where.locator('[data-test=location-coordinates]', { hasText: '36.061350, 103.834300' }).waitFor()
    } finally {
      await context.clearPermissions()
    }
    await settle(page)
    await screenshot(page, 'requests-intake-location')
    await page.click('[data-test=request-intake-submit]')
    await page.waitForURL((url) => /^\/requests\/list\/\d+$/.test(url.pathname))
    const second = { case: { id: Number(new URL(page.url()).pathname.split('/').pop()), trackingCode: '' } }
    second.case.trackingCode = (await page.locator('[data-test=request-detail-code]').textContent())?.trim() ?? ''
    await page.locator('[data-test=request-location] [data-test=location-coordinates]', { hasText: '36.061350, 103.834300' }).waitFor()
    // The point lies inside the boundary the demo draws for 第一网格: the case reaches that grid.
    await page.locator('[data-test=request-fields] [data-test=unit-label]', { hasText: '第一网格' }).waitFor()
    const hint = page.locator('[data-test=request-duplicates] .el-table__row', { hasText: first.case.trackingCode })
    await hint.waitFor()
    expect((await hint.textContent())?.includes('约 17 米'), `the desk sees the duplicate at once: ${await hint.textContent()}`)
    await settle(page)
    await signOut()
    await consoleLogin(page, base, 'changjiaxiang')
    await settle(page)
    await page.goto(`${base}/requests/list/${second.case.id}`)
    const duplicate = page.locator('[data-test=request-duplicates] .el-table__row', { hasText: first.case.trackingCode })
    await duplicate.waitFor()
    expect((await duplicate.textContent())?.includes('约 17 米'), `the distance: ${await duplicate.textContent()}`)
    await screenshot(page, 'requests-duplicate-hint')
    await duplicate.locator('[data-test=request-merge]').click()
    await page.locator('.el-message-box .el-button--primary').click()
    await page.locator('[data-test=request-merged-into]').waitFor()
    await page.locator('[data-test=request-detail-status]', { hasText: '已结案' }).waitFor()
    expect((await page.locator('[data-test=request-actions] [data-test^=request-step-]').count()) === 0, 'nothing more is done to a merged request')
    await page.click('[data-test=request-merged-into-link]')
    await page.waitForURL((url) => url.pathname === `/requests/list/${first.case.id}`)
    const joined = page.locator('[data-test=request-event][data-action=merge] [data-test=request-event-note]')
    expect((await joined.textContent())?.includes(second.case.trackingCode), 'the open one names what joined it')
    await settle(page)
    await signOut()
  })

  // 诉求分类管理: the province administrator adds a question to 心理援助 (a category no other step
  // uses); a refusal shows every reason at its field and the question's at its row, and keeps what
  // was typed; saved, the list shows it; then the question is removed again.
  await step('requests: the province keeps the catalogue of categories', async () => {
    allow(400, '/api/v1/requests/categories')
    await consoleLogin(page, base, 'admin')
    await openMenu('诉求分类')
    await page.waitForURL((url) => url.pathname === '/requests/catalogue')
    const row = page.locator('[data-test=catalogue-table] .el-table__row', { has: page.locator('[data-code="health.mental"]') })
    await row.waitFor()
    expect((await row.locator('[data-test=catalogue-questions]').textContent())?.trim() === '0', '心理援助 asks nothing yet')
    await settle(page)

    await row.locator('[data-test=catalogue-edit]').click()
    const form = page.locator('[data-test=catalogue-form]')
    await form.waitFor()
    expect((await form.locator('[data-test=catalogue-name-zh]').inputValue()) === '心理援助', 'the dialog opens with the category')
    // A bad change: no Chinese name, and a choice question with one choice.
    await form.locator('[data-test=catalogue-name-zh]').fill('')
    await page.click('[data-test=catalogue-question-add]')
    const question = form.locator('[data-test=catalogue-question]').first()
    await question.locator('[data-test=catalogue-question-key]').fill('visit')
    await question.locator('[data-test=catalogue-question-zh]').fill('是否需要上门')
    await question.locator('[data-test=catalogue-question-en]').fill('Home visit')
    await question.locator('[data-field=type] .el-select__wrapper').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: '选择' }).click()
    const choices = question.locator('[data-field=choices] input')
    await choices.fill('需要')
    await choices.press('Enter')
    await page.click('[data-test=catalogue-save]')
    expect((await fieldError(form, 'names.zh')).includes('应为 1 至 30 个字'), 'the empty Chinese name is refused at its field')
    const choicesError = await fieldError(question, 'choices')
    expect(choicesError.includes('2 至 20'), `one choice is refused at its question: ${choicesError}`)
    await page.locator('[data-test=catalogue-form-error]').waitFor()
    // Nothing typed is lost.
    expect((await question.locator('[data-test=catalogue-question-zh]').inputValue()) === '是否需要上门', 'the question is kept')
    await settle(page)
    await screenshot(page, 'requests-catalogue-refused')

    // Put right, it is saved and the list shows the question.
    await form.locator('[data-test=catalogue-name-zh]').fill('心理援助')
    await choices.fill('不需要')
    await choices.press('Enter')
    await page.click('[data-test=catalogue-save]')
    await page.locator('.el-message', { hasText: '已保存“心理援助”' }).first().waitFor()
    await form.waitFor({ state: 'hidden' })
    await row.locator('[data-test=catalogue-questions]', { hasText: '1' }).waitFor()
    await settle(page)
    await screenshot(page, 'requests-catalogue-saved')

    // The question is removed again: the catalogue as it was.
    await row.locator('[data-test=catalogue-edit]').click()
    await form.waitFor()
    expect((await form.locator('[data-test=catalogue-question] [data-field=choices]').count()) === 1, 'the saved question is there')
    await form.locator('[data-test=catalogue-question-remove]').click()
    await page.click('[data-test=catalogue-save]')
    await form.waitFor({ state: 'hidden' })
    await row.locator('[data-test=catalogue-questions]', { hasText: '0' }).waitFor()
    await settle(page)
    await signOut()
  })

  // 工作日历: the province administrator opens 2026 (seeded with the State Council's plan), marks
  // 2026-03-10, a Tuesday no other day is near, as a holiday; is asked before leaving it unsaved;
  // saves and finds it after a reload; then takes it off
  // again, so that later deadlines count as before. A community worker reads the calendar only.
  await step('requests: the province keeps the working calendar', async () => {
    const DAY = '2026-03-10'
    const NAME = '测试假日'
    const day = (date) => page.locator(`[data-test=calendar-day][data-date="${date}"]`)
    const listRow = (date) => page.locator('[data-test=calendar-list] .el-table__row', { has: page.locator(`[data-test=calendar-row][data-date="${date}"]`) })
    const kindOf = (date) => day(date).getAttribute('data-kind')
    const year = page.locator('[data-test=calendar-year] input')
    async function pickYear(y) {
      await year.fill(String(y))
      await year.press('Tab')
      await page.locator(`[data-test=calendar-months][data-year="${y}"]`).waitFor()
      await settle(page)
    }

    await consoleLogin(page, base, 'admin')
    await openMenu('工作日历')
    await page.waitForURL((url) => url.pathname === '/requests/calendar')
    // Another year, then 2026, by the year field (today's year is where the page opens).
    await pickYear(2025)
    expect((await kindOf('2025-01-28')) === 'holiday', '2025: 春节 from 1-28')
    await pickYear(2026)
    expect(new URL(page.url()).searchParams.get('year') === '2026', `the year is in the address: ${page.url()}`)
    // As seeded: 春节 off, 2-14 and 2-28 worked in exchange, ordinary weekends grey, weekdays plain.
    expect((await kindOf('2026-02-16')) === 'holiday', '2-16 is a holiday')
    expect((await day('2026-02-16').getAttribute('title'))?.includes('春节'), 'its name on hover')
    expect((await kindOf('2026-02-14')) === 'worked', '2-14 is worked')
    expect((await kindOf('2026-03-07')) === 'weekend', '3-7 is an ordinary Saturday')
    expect((await kindOf(DAY)) === 'workday', `${DAY} is an ordinary Tuesday`)
    expect((await listRow('2026-02-16').locator('[data-test=calendar-row-name]').textContent())?.trim() === '春节', 'the list names it')
    const seeded = await page.locator('[data-test=calendar-row]').count()

    // Marked a holiday: a name is asked for, then the day and the list show it, not saved yet.
    await day(DAY).click()
    const form = page.locator('[data-test=calendar-form]')
    await form.waitFor()
    await form.locator('[data-test=calendar-kind] [data-kind=holiday]').click()
    await page.click('[data-test=calendar-apply]')
    expect((await fieldError(form, 'name')).includes('请填写节日名称'), 'a holiday needs a name')
    await form.locator('[data-test=calendar-name]').fill(NAME)
    await page.click('[data-test=calendar-apply]')
    await form.waitFor({ state: 'hidden' })
    await page.locator(`[data-test=calendar-day][data-date="${DAY}"][data-kind=holiday][data-changed]`).waitFor()
    expect((await page.textContent('[data-test=calendar-changes]'))?.includes('新增 1 天'), 'one day added, not saved')
    expect((await listRow(DAY).locator('[data-test=calendar-row-state]').textContent())?.trim() === '新增', 'the list marks it new')

    // Leaving with it unsaved asks first; staying keeps it.
    await openMenu('诉求分类')
    const ask = page.locator('.el-message-box', { hasText: '放弃未保存的修改' })
    await ask.waitFor()
    await ask.locator('button', { hasText: '继续编辑' }).click()
    await ask.waitFor({ state: 'hidden' })
    expect(new URL(page.url()).pathname === '/requests/calendar', `still on the calendar: ${page.url()}`)
    await page.locator(`[data-test=calendar-day][data-date="${DAY}"][data-changed]`).waitFor()

    // Saved, and there after a reload.
    await page.click('[data-test=calendar-save]')
    await page.locator('.el-message', { hasText: '2026 年工作日历已保存' }).first().waitFor()
    expect((await page.locator('[data-test=calendar-changes]').count()) === 0, 'nothing left unsaved')
    await page.reload()
    await page.locator(`[data-test=calendar-day][data-date="${DAY}"][data-kind=holiday]:not([data-changed])`).waitFor()
    expect((await day(DAY).getAttribute('title'))?.includes(NAME), 'its name on hover after a reload')
    expect((await listRow(DAY).locator('[data-test=calendar-row-name]').textContent())?.trim() === NAME, 'the list names it after a reload')
    expect((await page.locator('[data-test=calendar-row]').count()) === seeded + 1, 'one day more than seeded')
    await settle(page)
    await screenshot(page, 'requests-calendar-saved')

    // Taken off again (the list's remove): the calendar as seeded.
    await listRow(DAY).locator('[data-test=calendar-row-remove]').click()
    await page.locator(`[data-test=calendar-day][data-date="${DAY}"][data-kind=workday][data-changed]`).waitFor()
    await page.click('[data-test=calendar-save]')
    await page.locator('.el-message', { hasText: '2026 年工作日历已保存' }).first().waitFor()
    await page.reload()
    await page.locator(`[data-test=calendar-day][data-date="${DAY}"][data-kind=workday]`).waitFor()
    expect((await page.locator('[data-test=calendar-row]').count()) === seeded, 'as many days as seeded')
    await settle(page)
    await signOut()

    // A community worker reads it: no save, and a day is not a button.
    await consoleLogin(page, base, 'changjiaxiang')
    await openMenu('工作日历')
    await page.locator('[data-test=calendar-read-only]').waitFor()
    await page.locator('[data-test=calendar-day]').first().waitFor()
    expect((await page.locator('[data-test=calendar-save], [data-test=calendar-row-remove]').count()) === 0, 'nothing to change')
    expect((await page.locator('button[data-test=calendar-day]').count()) === 0, 'the days are not buttons')
    await settle(page)
    await signOut()
  })
}
