// Browser tests of warnings (预警信息; web/src/views/alerts, web/src/h5/views/alerts):
//
// - three older people living alone are registered in 第一网格 of 畅家巷社区 (through the API, as
//   the community worker), each with a resident account on the phone the register holds (made by
//   the province administrator);
// - the community worker (changjiaxiang) composes a yellow heat warning to the older people living
//   alone of the community on the console: the composer says how many it will reach, it goes out
//   without approval, and the delivery board counts them and says how they were reached (送达渠道:
//   the three in the resident pages; any of the group with a phone but no account by SMS);
// - on a phone (360×740), one resident opens it from 我的社区 and answers 我已知晓, another presses
//   需要帮助, the third never answers;
// - the community then warns everyone of 第二网格 (a family without resident accounts registered
//   there first) of a flood, ticking 同时通过应急广播播发 (which a group of residents chosen takes
//   away): the warning's page says 已播发, the board counts the texts, and the SMS gateway and the
//   broadcast system (tests/cli/test-gateway.mjs, which run.mjs starts) received each message once;
// - before all that (alertSettingsSteps, which run.mjs calls before its lockout step locks the county
//   out), the county (chengguan) sets, on 审批设置, that the community's warnings need approval from
//   yellow, which the page shows after a reload (at 360 px); the community's composer then says a
//   yellow warning goes to 酒泉路街道 for approval; the county, composing for the community, follows
//   the note's link back to the setting and returns it to orange;
// - later (alertsFollowUpSteps, once the deadline of five minutes has passed while the other steps
//   ran), the escalation runs (`shequ alerts escalate`, as the server's job does every five
//   minutes), and the grid worker of 第一网格 (wangge1), on his phone, follows the to-do 待联系的预警
//   对象 to his calls: the help first, the silent one too; he records them, and the board counts
//   each of the three right;
// - last (alertAreaSteps, from alertsFollowUpSteps), the community worker, at 360 px, composes a
//   flood warning for an area drawn on the map around two of those homes (no unit, no grid): too
//   few corners are refused, a stray corner undone, and 将送达 N 人 follows the drawing (what the
//   server counts for the ring drawn, and for one drawn by the test around the same homes; the
//   whole community ticked besides, the page says the area adds nobody); drawn again around one
//   home only, the count drops; issued, the warning's page shows the area.
//
// run.mjs calls alertSettingsSteps() before the lockout, alertsSteps() later and alertsFollowUpSteps()
// at the end of its run.
import { spawnSync } from 'node:child_process'
import { checkAccessibility, checkPhoneLayout } from './resident.mjs'
import { checkCharacter } from './residents.mjs'
import { makeApi } from './page-api.mjs'

const PHONE = { width: 360, height: 740 }
const COMMUNITY = '620102001001'
const COMMUNITY_NAME = '畅家巷社区居委会'
const GRID = '620102001001001' // 第一网格, served by wangge1
const TITLE = '高温黄色预警（浏览器测试）'
const ACK_MINUTES = 5
// Born in 1940-1944, living alone; sequence numbers no other step uses.
const ELDERS = [
  { key: 'ack', name: '王秀兰', body: '62010219400315782', phone: '13993100301', username: 'laowang-e2e', password: 'Lw@Resident-2025!', relation: 'head' },
  { key: 'help', name: '李春生', body: '62010219420708783', phone: '13993100302', username: 'laoli-e2e', password: 'Ll@Resident-2025!', relation: 'head' },
  { key: 'silent', name: '赵桂芝', body: '62010219441121784', phone: '13993100303', username: 'laozhao-e2e', password: 'Lz@Resident-2025!', relation: 'head' },
]
const masked = (name) => `${name[0]}*${name.slice(2)}`
// A warning for everyone of 第二网格 (no groups), also on the emergency broadcast: the grid of
// neither the older people above nor wangge1, so that their answers and calls stay those of the
// heat warning.
// A family of the grid without resident accounts is registered first: the parents' phones are
// in the register (a text each), the child has none (nothing but the loudspeakers reaches him).
const AREA_WARNING = {
  grid: '620102001001002',
  gridName: '第二网格',
  title: '洪涝蓝色预警（浏览器测试）',
  content: '今夜到明天有强降雨，低洼处和地下车库可能积水。',
  guidance: '请勿靠近河道，地下车库车辆及时转移。',
  address: '畅家巷33号楼1单元401室',
  family: [
    { name: '高文博', body: '62010219780412791', phone: '13993100311', relation: 'head' },
    { name: '宋雅琴', body: '62010219800926792', phone: '13993100312', relation: 'spouse' },
    { name: '高子轩', body: '62010220150603793', phone: '', relation: 'child' },
  ],
}

/** What the first part leaves for the second: the warning and when its answers are due. */
const state = { alertId: 0, dueAt: 0, recipients: 0, boardBefore: null }

/** The board's line of 第一网格. */
async function gridLine(api) {
  const board = await api('GET', `/api/v1/alerts/${state.alertId}/board`)
  return board.body?.grids?.find((g) => g.grid === GRID) ?? null
}

/**
 * The board's channels once every text of a warning is with the SMS gateway: they are handed over
 * after the recipients are written, by the same job.
 */
async function handedOver(api, id, expect) {
  for (const deadline = Date.now() + 30_000; ; ) {
    const board = (await api('GET', `/api/v1/alerts/${id}/board`)).body
    if (board?.channels && board.channels.smsQueued === 0) return board.channels
    expect(Date.now() < deadline, `texts of warning ${id} still waiting after 30 s: ${JSON.stringify(board?.channels)}`)
    await new Promise((r) => setTimeout(r, 500))
  }
}

/** The parts of the board's channel line (送达渠道), by channel: 居民端 n, 短信 n（…）, 无渠道 n. */
async function channelLine(page) {
  const line = page.locator('[data-test=alert-board-channels]')
  await line.waitFor()
  const parts = {}
  for (const part of await line.locator('[data-test=alert-board-channel]').all()) {
    parts[await part.getAttribute('data-channel')] = ((await part.textContent()) ?? '').trim()
  }
  return parts
}

export async function alertsSteps(h) {
  const { context, page, base, step, screenshot, watch, expect, settle, consoleLogin, signOut, passwords, gateway } = h
  const api = makeApi(page)

  async function phoneLogin(phone, elder) {
    await phone.goto(`${base}/h5/`)
    await phone.waitForURL((url) => url.pathname === '/h5/login')
    await phone.fill('[data-test=h5-username]', elder.username)
    await phone.fill('[data-test=h5-password]', passwords.get(elder.username) ?? elder.password)
    await phone.click('[data-test=h5-login-submit]')
    // An account made by an administrator asks for a password of one's own first.
    const change = phone.locator('form:has(input[autocomplete=new-password])')
    await phone.waitForFunction(() => location.pathname === '/h5/' || document.querySelector('input[autocomplete=new-password]') !== null)
    if (await change.isVisible()) {
      const own = `${elder.password}x`
      await change.locator('input[autocomplete=current-password]').fill(elder.password)
      await change.locator('input[autocomplete=new-password]').fill(own)
      await change.locator('button[type=submit]').click()
      passwords.set(elder.username, own)
      // Changing it ends the session: signed in again with the new one.
      await phone.locator('[data-test=h5-username]').waitFor()
      await phone.fill('[data-test=h5-username]', elder.username)
      await phone.fill('[data-test=h5-password]', own)
      await phone.click('[data-test=h5-login-submit]')
      await phone.waitForURL((url) => url.pathname === '/h5/')
    }
  }

  async function withPhone(fn) {
    // Nobody signed in: the phone starts at the resident sign-in.
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

  await step('alerts: three older people living alone, each with a resident account on their phone', async () => {
    await signOut()
    await consoleLogin(page, base, 'changjiaxiang')
    const household = await api('POST', '/api/v1/residents/households', { gridCode: GRID, address: '畅家巷30号楼1单元101室', lat: 36.061, lon: 103.8342 })
    expect(household.status === 201, `a household: ${household.status} ${JSON.stringify(household.body)}`)
    for (const elder of ELDERS) {
      const home =
        elder.key === 'ack'
          ? household.body.id
          : (await api('POST', '/api/v1/residents/households', { gridCode: GRID, address: `畅家巷3${ELDERS.indexOf(elder) + 1}号楼2单元202室`, lat: 36.0611, lon: 103.8344 })).body.id
      const person = await api('POST', '/api/v1/residents/persons', {
        householdId: home,
        relation: elder.relation,
        name: elder.name,
        idNumber: elder.body + checkCharacter(elder.body),
        phone: elder.phone,
        ethnicity: '汉族',
        movedIn: '2001-06-01',
        tags: [{ key: 'living_alone' }],
      })
      expect(person.status === 201, `${elder.name}: ${person.status} ${JSON.stringify(person.body)}`)
    }
    await signOut()
    await consoleLogin(page, base, 'admin')
    for (const elder of ELDERS) {
      const account = await api('POST', '/api/v1/users', {
        username: elder.username,
        displayName: `居民 ${elder.name}`,
        password: elder.password,
        unitCode: GRID,
        phone: elder.phone,
        roles: [{ role: 'resident', unitCode: GRID }],
      })
      expect(account.status === 201, `${elder.username}: ${account.status} ${JSON.stringify(account.body)}`)
    }
    await signOut()
  })

  await step('alerts: the community issues a yellow heat warning to the older people living alone', async () => {
    await page.setViewportSize({ width: 1366, height: 860 })
    await consoleLogin(page, base, 'changjiaxiang')
    await page.goto(`${base}/alerts/new`)
    const form = page.locator('[data-test=alert-form]')
    await form.waitFor()
    await page.click('[data-test=alert-category]')
    await page.locator('.el-select-dropdown__item:visible', { hasText: '高温' }).click()
    await form.locator('[data-test=alert-level-choice] label.el-radio[data-level=yellow]').click()
    await page.fill('input[data-test=alert-title-input]', TITLE)
    await page.fill('textarea[data-test=alert-content-input]', '预计未来三天最高气温将达 37℃ 以上，午后紫外线强。')
    await page.fill('textarea[data-test=alert-guidance-input]', '减少午后外出，多饮水；身体不适请拨打网格员电话或点“需要帮助”。')
    const minutes = page.locator('[data-test=alert-ack-minutes] input, input[data-test=alert-ack-minutes]')
    await minutes.fill(String(ACK_MINUTES))
    await minutes.blur()
    // (Each box is checked once the page holds it: the units below load after the unit.)
    for (const [group, label] of [
      ['alert-target-units', '（全部）'],
      ['alert-target-tags', '独居老人'],
    ]) {
      const box = page.locator(`[data-test=${group}] .el-checkbox`, { hasText: label })
      await box.waitFor()
      await settle(page)
      if (!(await box.evaluate((el) => el.classList.contains('is-checked')))) await box.click()
      await page.locator(`[data-test=${group}] .el-checkbox.is-checked`, { hasText: label }).waitFor()
    }
    // The composer counts whom it reaches as the target is chosen: what the server counts for it.
    const counted = await api('POST', '/api/v1/alerts/count', {
      unit: COMMUNITY,
      category: 'heat',
      level: 'yellow',
      title: TITLE,
      content: '计数',
      validFrom: new Date().toISOString(),
      validUntil: new Date(Date.now() + 3_600_000).toISOString(),
      target: { units: [COMMUNITY], tags: ['living_alone'] },
    })
    const people = counted.body?.people
    expect(people >= ELDERS.length, `the server counts the older people living alone: ${JSON.stringify(counted.body)}`)
    await page.locator(`[data-test=alert-count][data-people="${people}"]`, { hasText: `将送达 ${people} 人` }).waitFor()
    expect((await page.locator('[data-test=alert-needs-approval]').count()) === 0, 'a yellow warning goes out without approval')
    await settle(page)
    await checkAccessibility(page, 'the warning composer')
    await screenshot(page, 'alert-composer')
    await page.click('[data-test=alert-issue]')
    await page.locator('.el-message-box__btns .el-button--primary').click()
    await page.waitForURL((url) => /^\/alerts\/\d+$/.test(url.pathname))
    state.alertId = Number(new URL(page.url()).pathname.split('/').pop())
    // Delivered by the server's job; the board fills in by itself.
    await page.locator('[data-test=alert-detail-status]', { hasText: '已发布' }).waitFor({ timeout: 30_000 })
    const shown = await api('GET', `/api/v1/alerts/${state.alertId}`)
    expect(shown.body?.status === 'sent' && shown.body.recipients === people, `sent to ${people}: ${JSON.stringify(shown.body)}`)
    state.dueAt = Date.parse(shown.body.issuedAt) + ACK_MINUTES * 60_000
    state.recipients = people
    await page.locator('[data-test=alert-board-table] [data-test=alert-board-grid]').first().waitFor()
    await settle(page)
    const line = await gridLine(api)
    expect(line && line.pending === line.recipients && line.recipients >= ELDERS.length, `nobody has answered yet: ${JSON.stringify(line)}`)
    // How they are reached: the three in the resident pages; anyone of the group with a phone in
    // the register but no account by a text at the SMS gateway (run.mjs starts one), each once;
    // not on the loudspeakers, which a warning for a group does not use.
    await page.locator('[data-test=alert-detail-broadcast][data-state=unused]', { hasText: '未使用' }).waitFor()
    const c = await handedOver(api, state.alertId, expect)
    expect(c.h5 >= ELDERS.length && c.h5 + c.sms + c.none === people && c.smsSent === c.sms, `the channels: ${JSON.stringify(c)} of ${people}`)
    const texts = await gateway.stats(`alert-${state.alertId}-person-`)
    expect(texts.taken === c.sms && texts.received === c.sms && texts.repeated === 0, `the SMS gateway received ${JSON.stringify(texts)} for ${c.sms} texts`)
    const parts = await channelLine(page)
    const expected = { h5: `居民端 ${c.h5}`, ...(c.sms ? { sms: `短信 ${c.sms}（已送达 0，发送中 ${c.sms}，失败 0）` } : {}), none: `无渠道 ${c.none}` }
    expect(JSON.stringify(parts) === JSON.stringify(expected), `the board's channels: ${JSON.stringify(parts)}, the server says ${JSON.stringify(c)}`)
    await checkAccessibility(page, 'a warning and its delivery board')
    await screenshot(page, 'alert-board')
    await signOut()
  })

  await step('alerts: at 360 px one resident acknowledges, one asks for help, one never answers', async () => {
    const [ack, help] = ELDERS
    await withPhone(async (phone) => {
      await phoneLogin(phone, ack)
      // 我的社区 says a warning waits for an answer, and leads to it.
      const entry = phone.locator('[data-test=h5-alerts-entry]')
      await entry.locator('[data-test=h5-alerts-unanswered]', { hasText: '1 条待确认' }).waitFor()
      await entry.click()
      await phone.waitForURL((url) => url.pathname === '/h5/alerts')
      const item = phone.locator(`[data-test=h5-alert-item][data-id="${state.alertId}"]`)
      await item.locator('[data-test=h5-alert-awaits]').waitFor()
      await settle(phone)
      await checkPhoneLayout(phone, expect, 'the warnings')
      await checkAccessibility(phone, 'the warnings at 360 px')
      await item.locator('a').click()
      await phone.waitForURL((url) => url.pathname === `/h5/alerts/${state.alertId}`)
      await phone.locator('[data-test=h5-alert-content]').waitFor()
      const level = (await phone.textContent('[data-test=h5-alert] [data-test=h5-alert-level]'))?.trim()
      expect(level === '黄色预警', `the level is written beside its colour: ${level}`)
      await settle(phone)
      await checkAccessibility(phone, 'a warning at 360 px')
      await screenshot(phone, 'alert-resident-360')
      await phone.click('[data-test=h5-alert-acknowledge]')
      await phone.locator('[data-test=h5-alert-answered]', { hasText: '您已确认知晓' }).waitFor()
      await phone.click('[data-test=h5-tab-h5-home]')
      await phone.locator('[data-test=h5-alerts-entry]').waitFor()
      await settle(phone)
      expect((await phone.locator('[data-test=h5-alerts-unanswered]').count()) === 0, 'nothing waits for an answer any more')
    })
    await withPhone(async (phone) => {
      await phoneLogin(phone, help)
      await phone.click('[data-test=h5-alerts-entry]')
      await phone.locator(`[data-test=h5-alert-item][data-id="${state.alertId}"] a`).click()
      await phone.click('[data-test=h5-alert-help]')
      await phone.locator('[data-test=h5-alert-answered]', { hasText: '您已请求帮助' }).waitFor()
      await settle(phone)
      await screenshot(phone, 'alert-help-360')
    })
    // The board: one acknowledged, one asking for help, the silent one and the others pending.
    await consoleLogin(page, base, 'changjiaxiang')
    const line = await gridLine(api)
    expect(line && line.acknowledged === 1 && line.helped === 1 && line.pending === line.recipients - 2 && line.unreachable === 0, `the board of 第一网格: ${JSON.stringify(line)}`)
    state.boardBefore = line
    await signOut()
  })

  await step('alerts: a warning for a whole grid goes out on the loudspeakers and by SMS, each message once', async () => {
    await page.setViewportSize({ width: 1366, height: 860 })
    await consoleLogin(page, base, 'changjiaxiang')
    const household = await api('POST', '/api/v1/residents/households', { gridCode: AREA_WARNING.grid, address: AREA_WARNING.address, lat: 36.0612, lon: 103.8358 })
    expect(household.status === 201, `a household of ${AREA_WARNING.gridName}: ${household.status} ${JSON.stringify(household.body)}`)
    for (const member of AREA_WARNING.family) {
      const person = await api('POST', '/api/v1/residents/persons', {
        householdId: household.body.id,
        relation: member.relation,
        name: member.name,
        idNumber: member.body + checkCharacter(member.body),
        ...(member.phone ? { phone: member.phone } : {}),
        ethnicity: '汉族',
        movedIn: '2016-03-01',
      })
      expect(person.status === 201, `${member.name}: ${person.status} ${JSON.stringify(person.body)}`)
    }
    const withPhones = AREA_WARNING.family.filter((m) => m.phone).length
    // This server has both systems (run.mjs starts them): the composer offers the loudspeakers
    // and says who is texted.
    const channels = await api('GET', '/api/v1/alerts/channels')
    expect(channels.body?.sms === true && channels.body?.broadcast === true, `the server's channels: ${JSON.stringify(channels.body)}`)
    await page.goto(`${base}/alerts/new`)
    const form = page.locator('[data-test=alert-form]')
    await form.waitFor()
    await form.locator('[data-test=alert-sms-note]', { hasText: '未注册居民端账号但登记了手机号的居民将收到短信' }).waitFor()
    await page.click('[data-test=alert-category]')
    await page.locator('.el-select-dropdown__item:visible', { hasText: '洪涝' }).click()
    await form.locator('[data-test=alert-level-choice] label.el-radio[data-level=blue]').click()
    await page.fill('input[data-test=alert-title-input]', AREA_WARNING.title)
    await page.fill('textarea[data-test=alert-content-input]', AREA_WARNING.content)
    await page.fill('textarea[data-test=alert-guidance-input]', AREA_WARNING.guidance)
    // The grid only, not the whole community the composer starts with.
    const whole = page.locator('[data-test=alert-target-units] .el-checkbox', { hasText: '（全部）' })
    const grid = page.locator('[data-test=alert-target-grids] .el-checkbox', { hasText: AREA_WARNING.gridName })
    await whole.waitFor()
    await grid.waitFor()
    await settle(page)
    // (The composer counts anew at each change: each count is let finish, as a user would.)
    if (await whole.evaluate((el) => el.classList.contains('is-checked'))) {
      await whole.click()
      await settle(page)
    }
    await grid.click()
    await page.locator('[data-test=alert-target-grids] .el-checkbox.is-checked', { hasText: AREA_WARNING.gridName }).waitFor()
    expect((await page.locator('[data-test=alert-target] .el-checkbox.is-checked').count()) === 1, 'the grid is the whole target')

    // The loudspeakers reach everyone: a group of residents chosen takes the choice away (and
    // unticks it), the hint says why; without the group it can be ticked again.
    const broadcast = form.locator('[data-test=alert-broadcast]')
    const broadcastBox = broadcast.locator('input[type=checkbox]')
    const hint = (allowed) => form.locator(`[data-test=alert-broadcast-hint][data-allowed=${allowed}]`)
    await broadcast.click()
    expect(await broadcastBox.isChecked(), 'the broadcast is ticked')
    await hint(true).waitFor()
    const tag = page.locator('[data-test=alert-target-tags] .el-checkbox', { hasText: '独居老人' })
    await settle(page)
    await tag.click()
    await hint(false).filter({ hasText: '按人群发送的预警不能通过应急广播播发' }).waitFor()
    expect(await broadcastBox.isDisabled(), 'with a group of residents the broadcast cannot be chosen')
    expect(!(await broadcastBox.isChecked()), 'with a group of residents the broadcast is unticked')
    await settle(page)
    await screenshot(page, 'alert-composer-broadcast-groups')
    await tag.click()
    await hint(true).filter({ hasText: '发布后由预警范围内各村（社区）的应急广播播放' }).waitFor()
    expect(await broadcastBox.isEnabled(), 'without groups the broadcast can be chosen again')
    expect(!(await broadcastBox.isChecked()), 'the broadcast stays unticked until chosen again')
    await broadcast.click()
    expect(await broadcastBox.isChecked(), 'the broadcast is ticked again')

    // Everyone registered in the grid, as the server counts them.
    const counted = await api('POST', '/api/v1/alerts/count', {
      unit: COMMUNITY,
      category: 'flood',
      level: 'blue',
      title: AREA_WARNING.title,
      content: '计数',
      validFrom: new Date().toISOString(),
      validUntil: new Date(Date.now() + 3_600_000).toISOString(),
      target: { units: [], grids: [AREA_WARNING.grid], tags: [] },
    })
    const people = counted.body?.people
    expect(people > 0, `the server counts the grid's residents: ${JSON.stringify(counted.body)}`)
    await page.locator(`[data-test=alert-count][data-people="${people}"]`, { hasText: `将送达 ${people} 人` }).waitFor()
    await settle(page)
    await checkAccessibility(page, 'the warning composer with the broadcast')
    await screenshot(page, 'alert-composer-broadcast')
    await page.click('[data-test=alert-issue]')
    await page.locator('.el-message-box__btns .el-button--primary').click()
    await page.waitForURL((url) => /^\/alerts\/\d+$/.test(url.pathname))
    const id = Number(new URL(page.url()).pathname.split('/').pop())

    // The warning's page: out, and played on the loudspeakers (it refreshes by itself until then).
    await page.locator('[data-test=alert-detail-status]', { hasText: '已发布' }).waitFor({ timeout: 30_000 })
    await page.locator('[data-test=alert-detail-broadcast][data-state=sent]', { hasText: '已播发' }).waitFor({ timeout: 30_000 })
    const shown = await api('GET', `/api/v1/alerts/${id}`)
    expect(shown.body?.broadcast === true && shown.body.broadcastState === 'sent' && shown.body.recipients === people, `the warning: ${JSON.stringify(shown.body)}`)

    const c = await handedOver(api, id, expect)
    expect(c.sms >= withPhones && c.smsSent === c.sms && c.smsFailed === 0, `residents without an account are texted (the family's ${withPhones} among them): ${JSON.stringify(c)}`)
    expect(c.none >= 1, `the child without a phone has no channel but the loudspeakers: ${JSON.stringify(c)}`)
    expect(c.h5 + c.sms + c.none === people, `every recipient has one channel: ${JSON.stringify(c)} of ${people}`)
    // What the gateway received: one text for each of them, each key once; one broadcast.
    const texts = await gateway.stats(`alert-${id}-person-`)
    expect(texts.taken === c.sms && texts.received === c.sms && texts.repeated === 0, `the SMS gateway received ${JSON.stringify(texts)} for ${c.sms} texts`)
    const played = await gateway.stats(`alert-${id}-broadcast`)
    expect(played.taken === 1 && played.received === 1 && played.repeated === 0, `the broadcast system received ${JSON.stringify(played)}`)

    // The board, as staff open it again: how many the resident pages, texts and nothing reach.
    await page.reload()
    const parts = await channelLine(page)
    const expected = { h5: `居民端 ${c.h5}`, sms: `短信 ${c.sms}（已送达 0，发送中 ${c.sms}，失败 0）`, none: `无渠道 ${c.none}` }
    expect(JSON.stringify(parts) === JSON.stringify(expected), `the board's channels: ${JSON.stringify(parts)}, the server says ${JSON.stringify(c)}`)
    await page.locator('[data-test=alert-detail-broadcast][data-state=sent]', { hasText: '已播发' }).waitFor()
    await settle(page)
    await checkAccessibility(page, 'a broadcast warning and its delivery board')
    await screenshot(page, 'alert-broadcast-sms-board')
    await signOut()
  })
}

/**
 * The approval settings (审批设置), as the county (chengguan) keeps them for the community. They
 * sign in as the county: run.mjs calls them before its lockout step (10) locks that account. They
 * leave the community at orange, the default, as the warning steps after them expect.
 */
export async function alertSettingsSteps(h) {
  const { page, base, step, screenshot, expect, settle, consoleLogin, signOut } = h
  const api = makeApi(page)

  await step('alerts: the county sets the community to need approval from yellow, which the page keeps', async () => {
    await signOut()
    await page.setViewportSize({ width: 1366, height: 860 })
    await consoleLogin(page, base, 'chengguan')
    // The menu leads to the settings of the working unit, the county: set by the city above it.
    await page.locator('[data-test=side-menu] .el-menu-item', { hasText: '审批设置' }).click()
    await page.waitForURL((url) => url.pathname === '/alerts/settings')
    const settings = page.locator('[data-test=alert-settings]')
    await settings.locator('[data-test=alert-settings-explain]', { hasText: '达到该等级及以上的预警须经上一级单位审批后发出；红色预警始终需要审批。' }).waitFor()
    await settings.locator('[data-test=alert-settings-readonly]', { hasText: '兰州市' }).waitFor()
    expect((await settings.locator('[data-test=alert-settings-level]').count()) === 0, 'the county does not set its own level')
    // The community, found by part of its name: orange (the default) until the county changes it.
    await settings.locator('[data-field=unit] .el-select__wrapper').click()
    await page.keyboard.type('畅家巷')
    await page.locator('.el-select-dropdown__item:visible', { hasText: COMMUNITY_NAME }).first().click()
    await page.waitForURL((url) => url.pathname === `/alerts/settings/${COMMUNITY}`)
    await settings.locator('[data-test=alert-settings-current][data-level=orange]', { hasText: '酒泉路街道' }).waitFor()
    await settings.locator('[data-test=alert-settings-level]').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: '黄色预警' }).click()
    await settings.locator('[data-test=alert-settings-preview]', { hasText: '蓝色预警直接发出' }).waitFor()
    await settings.locator('[data-test=alert-settings-save]').click()
    await page.locator('.el-message', { hasText: '已保存' }).first().waitFor()
    await settings.locator('[data-test=alert-settings-current][data-level=yellow]').waitFor()
    const saved = await api('GET', `/api/v1/alerts/settings/${COMMUNITY}`)
    expect(saved.body?.approvalFrom === 'yellow', `the server keeps yellow: ${JSON.stringify(saved.body)}`)
    // Read again after a reload, at 360 px: the address keeps the unit.
    await page.setViewportSize(PHONE)
    await page.reload()
    await settings.locator('[data-test=alert-settings-current][data-level=yellow]').waitFor()
    const chosen = (await settings.locator('[data-test=alert-settings-level] [data-test=alert-level]').textContent())?.trim()
    expect(chosen === '黄色预警', `the select shows the level in force: ${chosen}`)
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    expect(width <= PHONE.width, `the approval settings: no sideways scrolling at 360 px (content is ${width} px wide)`)
    await settle(page)
    await checkAccessibility(page, 'the approval settings at 360 px')
    await screenshot(page, 'alert-settings-360')
    await page.setViewportSize({ width: 1366, height: 860 })
    await signOut()
  })

  await step('alerts: a yellow warning of the community now needs approval; the county goes back to orange from its composer', async () => {
    await consoleLogin(page, base, 'changjiaxiang')
    await page.goto(`${base}/alerts/new`)
    const form = page.locator('[data-test=alert-form]')
    await form.waitFor()
    await form.locator('[data-test=alert-level-choice] label.el-radio[data-level=yellow]').click()
    await form.locator('[data-test=alert-needs-approval]', { hasText: '黄色预警须报酒泉路街道审批' }).waitFor()
    expect((await form.locator('[data-test=alert-settings-link]').count()) === 0, 'the community does not set its own level')
    expect((await page.locator('[data-test=alert-issue]').textContent())?.trim() === '提交审批', 'the composer submits it for approval')
    await screenshot(page, 'alert-composer-needs-approval')
    // Nothing saved: left without a draft.
    await page.locator('[data-test=alert-form-page] .form-actions .el-button', { hasText: '取消' }).click()
    await page.locator('.el-message-box__btns .el-button--primary', { hasText: '离开' }).click()
    await page.waitForURL((url) => url.pathname === '/alerts')
    await signOut()

    // The county, composing for the community, is led to the setting from the note.
    await consoleLogin(page, base, 'chengguan')
    await page.goto(`${base}/alerts/new`)
    await form.waitFor()
    await form.locator('[data-field=unit] .el-select__wrapper').click()
    await page.keyboard.type('畅家巷')
    await page.locator('.el-select-dropdown__item:visible', { hasText: COMMUNITY_NAME }).first().click()
    await form.locator('[data-test=alert-level-choice] label.el-radio[data-level=yellow]').click()
    const note = form.locator('[data-test=alert-needs-approval]', { hasText: '黄色预警须报酒泉路街道审批' })
    await note.waitFor()
    await note.locator('[data-test=alert-settings-link]').click()
    await page.locator('.el-message-box__btns .el-button--primary', { hasText: '离开' }).click()
    await page.waitForURL((url) => url.pathname === `/alerts/settings/${COMMUNITY}`)
    const settings = page.locator('[data-test=alert-settings]')
    await settings.locator('[data-test=alert-settings-current][data-level=yellow]').waitFor()
    // Back to orange, as the steps after expect.
    await settings.locator('[data-test=alert-settings-level]').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: '橙色预警' }).click()
    await settings.locator('[data-test=alert-settings-save]').click()
    await settings.locator('[data-test=alert-settings-current][data-level=orange]').waitFor()
    const restored = await api('GET', `/api/v1/alerts/settings/${COMMUNITY}`)
    expect(restored.body?.approvalFrom === 'orange', `orange again: ${JSON.stringify(restored.body)}`)
    await signOut()
  })
}

export async function alertsFollowUpSteps(h) {
  const { page, base, step, screenshot, expect, settle, consoleLogin, signOut, shequ, database } = h
  const api = makeApi(page)

  await step('alerts: past the deadline the grid worker calls on the silent one and the one who asked for help', async () => {
    expect(state.alertId > 0, 'the warning of the first part was issued')
    // The deadline passes while the other steps run; what is left of it is waited for.
    const left = state.dueAt - Date.now()
    if (left > 0) await new Promise((r) => setTimeout(r, left + 1000))
    const run = spawnSync(shequ, ['alerts', 'escalate', '--database', database], {
      encoding: 'utf8',
      env: { ...process.env, SHEQU_LANG: 'en', LANG: 'en_US.UTF-8' },
    })
    expect(run.status === 0, `shequ alerts escalate: exit ${run.status}\n${run.stdout}\n${run.stderr}`)
    expect(/^\d+ new calls or visits for \d+ warnings$/m.test(run.stdout ?? ''), `it says what it did: ${JSON.stringify(run.stdout)}`)

    await signOut()
    await page.setViewportSize(PHONE)
    await consoleLogin(page, base, 'wangge1')
    // The to-do leads to his calls: the help first, the silent one among them.
    await page.click('[data-test=todo-bell]')
    const todo = page.locator('[data-test=todo-item][data-todo="alerts.tasks.open"]')
    await todo.waitFor()
    await todo.locator('button').click()
    await page.waitForURL((url) => url.pathname === '/alerts/tasks')
    const cards = page.locator('[data-test=alert-task-cards]')
    await cards.waitFor()
    const [ack, help, silent] = ELDERS
    const card = (elder) => cards.locator('[data-test=alert-task-row]', { has: page.locator('[data-test=alert-task-person]', { hasText: masked(elder.name) }) })
    await card(help).waitFor()
    await card(silent).waitFor()
    expect((await card(ack).count()) === 0, 'no call for the one who acknowledged')
    const first = (await cards.locator('[data-test=alert-task-row]').first().locator('[data-test=alert-task-reason]').textContent())?.trim()
    expect(first === '求助', `the help comes first: ${first}`)
    const silentReason = (await card(silent).locator('[data-test=alert-task-reason]').textContent())?.trim()
    expect(silentReason === '逾期未确认', `the silent one did not answer in time: ${silentReason}`)
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    expect(width <= PHONE.width, `the calls: no sideways scrolling at 360 px (content is ${width} px wide)`)
    await settle(page)
    await checkAccessibility(page, 'the calls at 360 px')
    await screenshot(page, 'alert-tasks-360')

    // He records both: the one who asked is helped, the silent one not at home.
    for (const [elder, outcome] of [
      [help, 'helped'],
      [silent, 'unreachable'],
    ]) {
      await card(elder).locator('[data-test=alert-task-record]').click()
      const dialog = page.locator('[data-test=task-done-dialog]')
      await dialog.waitFor()
      await dialog.locator(`.el-radio[data-outcome=${outcome}]`).click()
      await dialog.locator('textarea[data-test=task-note], [data-test=task-note] textarea').fill('已电话联系并上门')
      await dialog.locator('[data-test=task-done-confirm]').click()
      await dialog.waitFor({ state: 'hidden' })
    }
    const line = await gridLine(api)
    const before = state.boardBefore
    expect(
      line && line.recipients === before.recipients && line.acknowledged === before.acknowledged && line.helped === 1 && line.unreachable === 1 && line.pending === before.pending - 1,
      `the board of 第一网格 after the calls: ${JSON.stringify(line)} (before ${JSON.stringify(before)})`,
    )
    // The warning's page counts the same.
    await page.setViewportSize({ width: 1366, height: 860 })
    await page.goto(`${base}/alerts/${state.alertId}`)
    const row = page.locator('[data-test=alert-board-table] tr', { has: page.locator('[data-test=alert-board-grid]', { hasText: '第一网格' }) })
    await row.waitFor()
    for (const column of ['acknowledged', 'pending', 'helped', 'unreachable']) {
      const shown = (await row.locator(`[data-test=alert-board-${column}]`).textContent())?.trim() ?? ''
      expect(new RegExp(`^${line[column]}(\\D|$)`).test(shown), `the board's ${column}: ${shown}, the server says ${line[column]}`)
    }
    await settle(page)
    await screenshot(page, 'alert-board-after')
    await signOut()
  })

  await alertAreaSteps(h)
}

/** [[lon, lat] × 5]: the closed ring of a box, as the API takes an area. */
function boxRing({ south, west, north, east }) {
  return [
    [west, south],
    [east, south],
    [east, north],
    [west, north],
    [west, south],
  ]
}

/** Whether [lon, lat] lies inside a ring (even–odd, as the server's ring_contains). */
function ringContains(ring, [lon, lat]) {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [ax, ay] = ring[i]
    const [bx, by] = ring[j]
    if (ay > lat !== by > lat && lon < ((bx - ax) * (lat - ay)) / (by - ay) + ax) inside = !inside
  }
  return inside
}

/**
 * A warning for an area drawn on the map (地图划定区域), at 360 px: the homes of the older people
 * registered by alertsSteps lie at 36.0610 N 103.8342 E (one) and 36.0611 N 103.8344 E (two).
 */
export async function alertAreaSteps(h) {
  const { page, base, step, screenshot, expect, settle, consoleLogin, signOut } = h
  const api = makeApi(page)
  const ONE = [103.8342, 36.061] // [lon, lat]: 王秀兰
  const TWO = [103.8344, 36.0611] // 李春生, 赵桂芝
  const TITLE_AREA = '河道沿岸洪水蓝色预警（浏览器测试）'

  await step('alerts: at 360 px the community draws the area of a flood warning on the map; the count follows the drawing', async () => {
    await signOut()
    await page.setViewportSize(PHONE)
    await consoleLogin(page, base, 'changjiaxiang')
    // What the composer asks the server to count, the last one last.
    const counted = []
    const record = (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/alerts/count') counted.push(JSON.parse(request.postData() ?? '{}'))
    }
    page.on('request', record)
    try {
      await page.goto(`${base}/alerts/new`)
      const form = page.locator('[data-test=alert-form]')
      await form.waitFor()
      await page.click('[data-test=alert-category]')
      await page.locator('.el-select-dropdown__item:visible', { hasText: '洪涝' }).click()
      await form.locator('[data-test=alert-level-choice] label.el-radio[data-level=blue]').click()
      await page.fill('input[data-test=alert-title-input]', TITLE_AREA)
      await page.fill('textarea[data-test=alert-content-input]', '上游降雨，河道水位上涨，沿岸低洼处可能进水。')
      // The whole community unticked: nobody yet.
      const whole = page.locator('[data-test=alert-target-units] .el-checkbox', { hasText: '（全部）' })
      await page.locator('[data-test=alert-target-units] .el-checkbox.is-checked', { hasText: '（全部）' }).waitFor()
      await settle(page)
      await whole.click()
      const count = page.locator('[data-test=alert-count]')
      await count.locator('text=请选择预警范围').waitFor()

      const area = page.locator('[data-test=alert-area]')
      await area.locator('[data-test=alert-area-start]').click()
      const map = area.locator('[data-test=alert-area-map]')
      const box = map.locator('[data-test=map-panel-map]')
      await map.locator('.map-panel-body:not([data-state=loading])').waitFor()
      await page.waitForFunction(() => document.querySelector('[data-test=alert-area-map]')?.getAttribute('data-view'))
      await box.scrollIntoViewIfNeeded()

      /** The part of the world shown: south, west, north, east (WGS-84). */
      const view = async () => {
        const [south, west, north, east] = (await map.getAttribute('data-view')).split(',').map(Number)
        return { south, west, north, east }
      }
      /** Where [lon, lat] is on the map, in pixels from its top left corner. */
      const at = async ([lon, lat]) => {
        const v = await view()
        const { width, height } = await box.boundingBox()
        return { x: ((lon - v.west) / (v.east - v.west)) * width, y: ((v.north - lat) / (v.north - v.south)) * height }
      }
      // The homes brought to the middle of the map (dragged there), then zoomed in on (the wheel).
      const middle = [(ONE[0] + TWO[0]) / 2, (ONE[1] + TWO[1]) / 2]
      {
        const b = await box.boundingBox()
        const from = await at(middle)
        expect(from.x > 0 && from.x < b.width && from.y > 0 && from.y < b.height, `the homes are on the map as it opens: ${JSON.stringify(await view())}`)
        // Far enough to be a drag, not a click (which would place a corner); held still before
        // letting go, so that the map does not glide on.
        const [cx, cy] = [b.width / 2, b.height / 2]
        if (Math.hypot(from.x - cx, from.y - cy) > 12) {
          await page.mouse.move(b.x + from.x, b.y + from.y)
          await page.mouse.down()
          await page.mouse.move(b.x + cx, b.y + cy, { steps: 10 })
          await page.waitForTimeout(250)
          await page.mouse.up()
          await page.waitForTimeout(300)
        } else {
          await page.mouse.move(b.x + cx, b.y + cy)
        }
        const before = await view()
        await page.mouse.wheel(0, -150)
        await page.waitForFunction(
          (wide) => {
            const v = document.querySelector('[data-test=alert-area-map]')?.getAttribute('data-view')?.split(',').map(Number)
            return v && v[3] - v[1] < wide / 2
          },
          before.east - before.west,
        )
        await settle(page)
        await page.waitForTimeout(400)
      }
      const corners = async (n) => area.locator(`[data-test=alert-area-corners][data-corners="${n}"]`).waitFor()
      const place = async (point, n) => {
        const p = await at(point)
        const b = await box.boundingBox()
        expect(p.x > 8 && p.x < b.width - 8 && p.y > 8 && p.y < b.height - 8, `corner ${n} is on the map: ${JSON.stringify(p)} of ${b.width}×${b.height}`)
        await box.click({ position: p })
        await corners(n)
      }
      // Around both homes: a box of about 40 m by 30 m.
      const big = { south: 36.06085, west: 103.83395, north: 36.06125, east: 103.83465 }
      await place([big.west, big.south], 1)
      await place([big.east, big.south], 2)
      // Two corners do not close an area: refused, with the reason.
      await area.locator('[data-test=alert-area-finish]').click()
      await area.locator('[data-test=alert-area-problems]', { hasText: '至少需要 3 个不同的顶点' }).waitFor()
      expect((await area.getAttribute('data-state')) === 'drawing', 'two corners are no area')
      await place([big.east, big.north], 3)
      await place([big.west, big.north], 4)
      // A stray corner, undone.
      await place([(big.west + big.east) / 2, big.north + 0.0001], 5)
      await area.locator('[data-test=alert-area-undo]').click()
      await corners(4)
      const width = await page.evaluate(() => document.documentElement.scrollWidth)
      expect(width <= PHONE.width, `the composer drawing an area: no sideways scrolling at 360 px (content is ${width} px wide)`)
      await screenshot(page, 'alert-area-drawing-360')
      await area.locator('[data-test=alert-area-finish]').click()
      await area.locator('[data-test=alert-area-drawn]', { hasText: '地图划定区域（4 个顶点）' }).waitFor()

      // The count is the server's for the ring drawn: closed, longitude first, around both homes.
      // (Counting starts as the area is finished: what shows once it is over.)
      const shownCount = async () => {
        await page.waitForFunction(() => {
          const shown = document.querySelector('[data-test=alert-count]')
          return shown && !shown.textContent.includes('正在计算') && shown.getAttribute('data-people') !== ''
        })
        await settle(page)
        return Number(await count.getAttribute('data-people'))
      }
      const drawnArea = async () => {
        const last = counted.at(-1)
        const ring = last?.target?.area?.[0] ?? []
        expect(last?.target?.units?.length === 0 && last.target.grids.length === 0 && last.target.area.length === 1, `the area alone is counted: ${JSON.stringify(last?.target)}`)
        expect(ring.length >= 4 && JSON.stringify(ring[0]) === JSON.stringify(ring.at(-1)), `a closed ring: ${JSON.stringify(ring)}`)
        expect(ring.every(([lon, lat]) => lon > 103.83 && lon < 103.84 && lat > 36.05 && lat < 36.07), `[longitude, latitude] along 畅家巷: ${JSON.stringify(ring)}`)
        return { body: last, ring }
      }
      const bigPeople = await shownCount()
      const bigDrawn = await drawnArea()
      expect(bigDrawn.ring.length === 5, `four corners and the closing one: ${JSON.stringify(bigDrawn.ring)}`)
      expect(ringContains(bigDrawn.ring, ONE) && ringContains(bigDrawn.ring, TWO), `both homes inside the area drawn: ${JSON.stringify(bigDrawn.ring)}`)
      const serverBig = await api('POST', '/api/v1/alerts/count', bigDrawn.body)
      expect(serverBig.status === 200 && serverBig.body.people === bigPeople, `the composer shows the server's count (${bigPeople}): ${JSON.stringify(serverBig.body)}`)
      // The same homes in a box the test draws itself: the same people.
      const ours = await api('POST', '/api/v1/alerts/count', { ...bigDrawn.body, target: { units: [], grids: [], tags: [], area: [boxRing(big)] } })
      expect(ours.body?.people === bigPeople, `the area drawn holds who the box around the homes holds: ${bigPeople} against ${JSON.stringify(ours.body)}`)
      expect(bigPeople >= 3, `the three older people living in the two homes are counted: ${bigPeople}`)
      await count.locator(`text=将送达 ${bigPeople} 人`).waitFor()
      // The whole community ticked as well: its people hold the area's (the page says the area adds
      // nobody); back to the area alone from there.
      await whole.click()
      await page.locator('[data-test=alert-area-redundant]').waitFor()
      const wholePeople = await shownCount()
      const community = await api('POST', '/api/v1/alerts/count', { ...bigDrawn.body, target: { units: [COMMUNITY], grids: [], tags: [] } })
      expect(
        wholePeople === community.body?.people && wholePeople >= bigPeople,
        `the community with the area holds the community's people: ${wholePeople}, the community alone ${JSON.stringify(community.body)}, the area ${bigPeople}`,
      )
      await page.click('[data-test=alert-area-only]')
      await page.locator('[data-test=alert-area-redundant]').waitFor({ state: 'detached' })
      expect((await shownCount()) === bigPeople && (await drawnArea()).body.target.units.length === 0, 'the area alone again')

      // Drawn again around the second home only, a triangle: the first one's resident is left out.
      await area.locator('[data-test=alert-area-redraw]').click()
      await place([TWO[0] - 0.00007, TWO[1] - 0.00005], 1)
      await place([TWO[0] + 0.00007, TWO[1] - 0.00005], 2)
      await place([TWO[0], TWO[1] + 0.0001], 3)
      await area.locator('[data-test=alert-area-finish]').click()
      await area.locator('[data-test=alert-area-drawn]', { hasText: '地图划定区域（3 个顶点）' }).waitFor()
      const smallPeople = await shownCount()
      const smallDrawn = await drawnArea()
      expect(smallDrawn.ring.length === 4 && ringContains(smallDrawn.ring, TWO), `a triangle around the second home: ${JSON.stringify(smallDrawn.ring)}`)
      expect(!ringContains(smallDrawn.ring, ONE), `the first home is outside: ${JSON.stringify(smallDrawn.ring)}`)
      const serverSmall = await api('POST', '/api/v1/alerts/count', smallDrawn.body)
      expect(serverSmall.body?.people === smallPeople, `the composer shows the server's count (${smallPeople}): ${JSON.stringify(serverSmall.body)}`)
      expect(smallPeople >= 1 && smallPeople < bigPeople, `fewer people in the smaller area: ${smallPeople}, before ${bigPeople}`)
      await count.locator(`text=将送达 ${smallPeople} 人`).waitFor()
      await settle(page)
      await checkAccessibility(page, 'the composer with an area drawn at 360 px', '[data-test=alert-target]')
      await screenshot(page, 'alert-area-drawn-360')

      // Issued (blue: out without approval); its page lists the area and shows it on a map.
      await page.click('[data-test=alert-issue]')
      await page.locator('.el-message-box__btns .el-button--primary').click()
      await page.waitForURL((url) => /^\/alerts\/\d+$/.test(url.pathname))
      const id = Number(new URL(page.url()).pathname.split('/').pop())
      await page.locator('[data-test=alert-detail-target] [data-test=alert-detail-area]', { hasText: '地图划定区域（3 个顶点）' }).waitFor()
      await page.locator('[data-test=alert-detail-area-map] path.alert-area-shape').waitFor()
      await page.locator('[data-test=alert-detail-status]', { hasText: '已发布' }).waitFor({ timeout: 30_000 })
      const shown = await api('GET', `/api/v1/alerts/${id}`)
      expect(
        JSON.stringify(shown.body?.target?.area) === JSON.stringify(smallDrawn.body.target.area) && shown.body.target.units.length === 0,
        `the warning keeps the area drawn: ${JSON.stringify(shown.body?.target)}`,
      )
      expect(shown.body.recipients === smallPeople, `sent to the ${smallPeople} people of the area: ${shown.body.recipients}`)
      await settle(page)
      await checkAccessibility(page, 'a warning with an area at 360 px', '[data-test=alert-detail-area-map]')
      await screenshot(page, 'alert-area-detail-360')
    } finally {
      page.off('request', record)
    }
    await page.setViewportSize({ width: 1366, height: 860 })
    await signOut()
  })
}
