// The warning pages (预警信息): the filters as the address carries them, which actions a status and
// a set of permissions allow, when a level needs approval, the composer's form to and from the
// API's body (and the server's field errors back at its fields), the outbound channels (emergency
// broadcast, SMS) as the composer offers them and the pages show them, the delivery board's total,
// shares and channels, a warning's history, the colours of the four levels, the calls the pages make, and where
// the pages and the to-dos sit.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { RouteRecordRaw } from 'vue-router'
import '@/router/types'
import {
  cancelAlert,
  countTarget,
  createAlert,
  decideAlert,
  finishTask,
  getApprovalFrom,
  getChannels,
  issueAlert,
  listAlerts,
  listTasks,
  setApprovalFrom,
  updateAlert,
  type Alert,
  type AreaCoordinates,
} from '@/api/alerts'
import { i18n } from '@/locales'
import { moduleRoutes, todoTargets } from '@/modules/registry'
import { buildMenu, type MenuEntry } from '@/router/menu'
import {
  ALERT_FORM_FIELDS,
  APPROVAL_SETTING_FIELDS,
  LEVEL_COLOURS,
  NO_CHANNELS,
  alertActions,
  alertBody,
  alertRefusal,
  areaAddsNobody,
  alertFormOf,
  alertHistory,
  alertIdFromQuery,
  boardCells,
  boardShare,
  broadcastAllowed,
  broadcastStatus,
  broadcastTag,
  channelSummary,
  countBody,
  emptyAlertForm,
  levelsNeedingApproval,
  mayIssueFrom,
  maySetApprovalFrom,
  needsApproval,
  offersBroadcast,
  statusFromQuery,
  sumCounts,
  taskStateFromQuery,
  type AlertForm,
  type BroadcastStatus,
} from '@/utils/alerts'
import { ApiError, configureClient } from '@/utils/request'
import { forgetSharedRequests } from '@/utils/shared-request'
import { formRefusal } from '@/utils/volunteer'
import { errorBody, startServer, type TestServer } from './helpers'

const READ = 'alerts:alert:read'
const WRITE = 'alerts:alert:write'
const APPROVE = 'alerts:alert:approve'
const TASKS = 'alerts:task:handle'

const draft: Alert = {
  id: 7,
  version: 1,
  unit: '620102001001',
  unitName: '畅家巷社区居委会',
  category: 'heat',
  categoryLabel: '高温',
  level: 'orange',
  levelLabel: '橙色预警',
  title: '高温橙色预警',
  content: '预计未来三天最高气温将升至 39℃ 以上。',
  guidance: '减少午后外出，多喝水。',
  validFrom: '2026-07-20T00:00:00.000Z',
  validUntil: '2026-07-22T12:00:00.000Z',
  target: { units: ['620102001001'], grids: ['620102001001001'], tags: ['living_alone'], area: [] },
  ackMinutes: 60,
  status: 'draft',
  needsApproval: true,
  approverUnit: null,
  createdByName: 'changjiaxiang',
  decidedByName: null,
  decidedAt: null,
  decisionNote: null,
  issuedAt: null,
  deliveredAt: null,
  jobId: null,
  recipients: 0,
  createdAt: '2026-07-19T23:50:00.000Z',
  updatedAt: '2026-07-19T23:50:00.000Z',
  broadcast: false,
  broadcastState: 'none',
  broadcastError: null,
}

describe('the address of the warning pages', () => {
  it('filters the warnings by a status the server knows', () => {
    expect(statusFromQuery('pending')).toBe('pending')
    expect(statusFromQuery(['sent', 'draft'])).toBe('sent')
    expect(statusFromQuery('approved')).toBe('')
    expect(statusFromQuery(undefined)).toBe('')
  })

  it('filters the tasks by state and by one warning', () => {
    expect(taskStateFromQuery('open')).toBe('open')
    expect(taskStateFromQuery('done')).toBe('done')
    expect(taskStateFromQuery('all')).toBe('')
    expect(alertIdFromQuery('12')).toBe(12)
    expect(alertIdFromQuery(['3'])).toBe(3)
    for (const bad of ['0', '-1', '1.5', 'abc', '', '99999999999999999999', undefined]) expect(alertIdFromQuery(bad), String(bad)).toBeNull()
  })
})

describe('the actions on a warning', () => {
  it('follow its status and the permissions held', () => {
    const writer = [READ, WRITE, TASKS]
    const approver = [READ, APPROVE]
    const region = [READ, WRITE, APPROVE, TASKS]
    expect(alertActions('draft', writer)).toEqual(['edit', 'issue', 'cancel'])
    expect(alertActions('pending', writer)).toEqual(['cancel'])
    expect(alertActions('sending', writer)).toEqual(['cancel'])
    expect(alertActions('sent', writer)).toEqual(['cancel'])
    expect(alertActions('rejected', writer)).toEqual([])
    expect(alertActions('cancelled', writer)).toEqual([])
    expect(alertActions('pending', approver)).toEqual(['approve', 'reject'])
    expect(alertActions('draft', approver)).toEqual([])
    expect(alertActions('pending', region)).toEqual(['approve', 'reject', 'cancel'])
    // A grid worker reads and calls: nothing to do on the warning itself.
    for (const status of ['draft', 'pending', 'rejected', 'sending', 'sent', 'cancelled'] as const) expect(alertActions(status, [READ, TASKS])).toEqual([])
  })

  it('go to the unit above for approval from the set level up, and always when red', () => {
    expect(needsApproval('blue', 'orange')).toBe(false)
    expect(needsApproval('yellow', 'orange')).toBe(false)
    expect(needsApproval('orange', 'orange')).toBe(true)
    expect(needsApproval('red', 'orange')).toBe(true)
    expect(needsApproval('yellow', 'yellow')).toBe(true)
    expect(needsApproval('orange', 'red')).toBe(false)
    expect(needsApproval('red', 'red')).toBe(true)
    expect(needsApproval('purple', 'yellow')).toBe(false)
  })
})

describe('the approval settings', () => {
  it('list the levels that need approval for each setting: blue never, red always', () => {
    expect(levelsNeedingApproval('yellow')).toEqual(['yellow', 'orange', 'red'])
    expect(levelsNeedingApproval('orange')).toEqual(['orange', 'red'])
    expect(levelsNeedingApproval('red')).toEqual(['red'])
    expect(levelsNeedingApproval('purple')).toEqual(['red'])
  })

  it('are changed by the units above: below one of the caller\'s units, never their own nor a grid', () => {
    const county = ['620102000000']
    expect(maySetApprovalFrom('620102001000', county)).toBe(true) // a township
    expect(maySetApprovalFrom('620102001001', county)).toBe(true) // a community of a township of the county
    expect(maySetApprovalFrom('620102000000', county)).toBe(false) // the county itself: the city sets it
    expect(maySetApprovalFrom('620103000000', county)).toBe(false) // another county
    expect(maySetApprovalFrom('620102001001001', county)).toBe(false) // a grid issues nothing
    expect(maySetApprovalFrom('620100000000', ['620000000000'])).toBe(true) // the province sets a city's
    expect(maySetApprovalFrom('620102001001', ['620102001000', '620103000000'])).toBe(true)
    expect(maySetApprovalFrom('620102001001', [])).toBe(false)
  })

  it("show the server's reasons at the unit and the level", () => {
    const error = new ApiError(400, {
      code: 'invalid_argument',
      message: '请求参数有误，请检查后重试',
      details: [{ field: 'unit', reason: '审批级别由上级单位为下级单位设置' }],
    })
    const refusal = formRefusal(error, APPROVAL_SETTING_FIELDS, '；')
    expect(refusal.atFields).toBe(true)
    expect(refusal.fields).toEqual({ unit: '审批级别由上级单位为下级单位设置' })
  })
})

describe('the composer', () => {
  const now = new Date('2026-07-20T08:00:30.500Z')

  it('starts from the working unit when it may issue a warning, in force for a day from this minute', () => {
    const form = emptyAlertForm('620102001001', now)
    expect(form.unit).toBe('620102001001')
    expect(form.validFrom?.toISOString()).toBe('2026-07-20T08:00:00.000Z')
    expect(form.validUntil?.toISOString()).toBe('2026-07-21T08:00:00.000Z')
    expect(form.ackMinutes).toBe(60)
    // A city and a grid do not issue warnings: the composer asks for a unit.
    expect(emptyAlertForm('620100000000', now).unit).toBe('')
    expect(emptyAlertForm('620102001001001', now).unit).toBe('')
    expect([...['620102000000', '620102001000', '620102001001'].map(mayIssueFrom), mayIssueFrom('620000000000')]).toEqual([true, true, true, false])
  })

  it('sends the form as the API takes it: texts trimmed, times as UTC timestamps', () => {
    const form: AlertForm = {
      ...emptyAlertForm('620102001001', now),
      category: 'heat',
      level: 'yellow',
      title: '  高温黄色预警 ',
      content: '最高气温 37℃\n',
      guidance: ' ',
      validFrom: new Date('2026-07-20T16:00:00+08:00'),
      validUntil: new Date('2026-07-21T20:30:00+08:00'),
      ackMinutes: 30,
      units: ['620102001001'],
      grids: ['620102001001002'],
      tags: ['living_alone', 'empty_nest'],
    }
    expect(alertBody(form)).toEqual({
      unit: '620102001001',
      category: 'heat',
      level: 'yellow',
      title: '高温黄色预警',
      content: '最高气温 37℃',
      guidance: '',
      validFrom: '2026-07-20T08:00:00.000Z',
      validUntil: '2026-07-21T12:30:00.000Z',
      ackMinutes: 30,
      target: { units: ['620102001001'], grids: ['620102001001002'], tags: ['living_alone', 'empty_nest'] },
      broadcast: false,
    })
  })

  it('edits a draft as saved, and sends it back unchanged', () => {
    const form = alertFormOf(draft)
    expect(form.validFrom?.toISOString()).toBe(draft.validFrom)
    expect(form.units).not.toBe(draft.target.units)
    const { unit, category, level, title, content, guidance, validFrom, validUntil, ackMinutes, target, broadcast } = draft
    // No area drawn: none sent (the server's default, []).
    const { area: none, ...sent } = target
    expect(none).toEqual([])
    expect(alertBody(form)).toEqual({ unit, category, level, title, content, guidance, validFrom, validUntil, ackMinutes, target: sent, broadcast })
  })

  it('keeps a draft\'s area drawn on the map, and sends it back as it came', () => {
    const area: AreaCoordinates = [
      [
        [103.8338, 36.0608],
        [103.8348, 36.0608],
        [103.8348, 36.0616],
        [103.8338, 36.0608],
      ],
    ]
    const withArea: Alert = { ...draft, target: { units: [], grids: [], tags: [], area } }
    const form = alertFormOf(withArea)
    expect(form.area).toEqual(area)
    expect(form.area[0]).not.toBe(area[0])
    expect(alertBody(form).target).toEqual({ units: [], grids: [], tags: [], area })
    // An older server that says nothing of an area: none.
    const older = { ...draft, target: { units: ['620102001001'], grids: [], tags: [] } } as unknown as Alert
    expect(alertFormOf(older).area).toEqual([])
  })

  it('counts the people of an area alone, and says when the whole unit makes the area add nobody', () => {
    const area: AreaCoordinates = [
      [
        [103.8338, 36.0608],
        [103.8348, 36.0608],
        [103.8348, 36.0616],
        [103.8338, 36.0608],
      ],
    ]
    const form = { ...emptyAlertForm('620102001001', now), units: [], grids: [], tags: ['living_alone'], area }
    const body = countBody(form, now)!
    expect(body.target).toEqual({ units: [], grids: [], tags: ['living_alone'], area })
    expect(areaAddsNobody(form)).toBe(false)
    expect(areaAddsNobody({ ...form, units: ['620102001001'] })).toBe(true)
    // A township of the county chosen beside the area: the area may add people outside it.
    expect(areaAddsNobody({ ...form, unit: '620102000000', units: ['620102001000'] })).toBe(false)
    expect(areaAddsNobody({ ...form, units: ['620102001001'], area: [] })).toBe(false)
  })

  it('counts the people of the target before the rest is typed', () => {
    const form = { ...emptyAlertForm('620102001001', now), units: [], grids: [], tags: [] }
    expect(countBody(form, now)).toBeNull()
    expect(countBody({ ...form, unit: '', units: ['620102001001'] }, now)).toBeNull()
    const body = countBody({ ...form, units: ['620102001001'], tags: ['living_alone'] }, now)!
    expect(body.target).toEqual({ units: ['620102001001'], grids: [], tags: ['living_alone'] })
    expect(body.unit).toBe('620102001001')
    // What the server checks besides passes, whatever the form holds so far.
    expect(body.title && body.content).toBeTruthy()
    expect(Date.parse(body.validUntil)).toBeGreaterThan(Date.parse(body.validFrom))
    expect(body.validFrom).toBe(now.toISOString())
  })

  it("shows each of the server's reasons at its field, the rest above the form", () => {
    const error = new ApiError(400, {
      code: 'invalid_argument',
      message: '请求参数有误，请检查后重试',
      details: [
        { field: 'title', reason: '不能为空' },
        { field: 'validUntil', reason: '应晚于生效时间' },
        { field: 'target.units', reason: '620102001000 不是发布单位下的单位' },
        { field: 'target.grids[1]', reason: '620102001001009 不是发布单位下的网格' },
        { field: 'target.grids[2]', reason: '620102001002001 不是发布单位下的网格' },
        { field: 'target.tags', reason: 'mental_disorder 不是可用于预警的人群标签' },
      ],
    })
    const refusal = formRefusal(error, ALERT_FORM_FIELDS, '；')
    expect(refusal.atFields).toBe(true)
    expect(refusal.fields).toEqual({
      title: '不能为空',
      validUntil: '应晚于生效时间',
      'target.units': '620102001000 不是发布单位下的单位',
      'target.grids': '620102001001009 不是发布单位下的网格；620102001002001 不是发布单位下的网格',
      'target.tags': 'mental_disorder 不是可用于预警的人群标签',
    })

    const other = formRefusal(
      new ApiError(400, { code: 'invalid_argument', message: '请求参数有误', details: [{ field: 'version', reason: '必须是正整数' }] }),
      ALERT_FORM_FIELDS,
      '；',
    )
    expect(other.atFields).toBe(false)
    expect(other.fields).toEqual({})
    expect(other.message).toBe('请求参数有误；必须是正整数')
  })

  it("shows the server's reasons about the area drawn at the area, however deep they point", () => {
    const error = new ApiError(400, {
      code: 'invalid_argument',
      message: '请求参数有误，请检查后重试',
      details: [
        { field: 'target.area[0]', reason: '有点不在甘肃省内' },
        { field: 'target.area[0][3][1]', reason: '应为数字' },
        { field: 'target.area', reason: '边界最多 500 个点' },
        { field: 'target', reason: '请选择预警范围（单位、网格或地图上划定的区域）' },
      ],
    })
    const refusal = alertRefusal(error, '；')
    expect(refusal.atFields).toBe(true)
    expect(refusal.fields).toEqual({
      'target.area': '有点不在甘肃省内；应为数字；边界最多 500 个点',
      target: '请选择预警范围（单位、网格或地图上划定的区域）',
    })
    // Not the server's answer (no network): its message, at no field.
    expect(alertRefusal(new Error('断网'), '；')).toEqual({ fields: {}, atFields: false, message: '断网' })
  })
})

describe('the outbound channels', () => {
  const now = new Date('2026-07-20T08:00:30.500Z')
  const everybody: AlertForm = { ...emptyAlertForm('620102001001', now), category: 'flood', level: 'orange', title: '山洪橙色预警', content: '请远离河道', units: ['620102001001'] }

  it('offer the broadcast where the server has the system, and keep a draft\'s or a refusal\'s choice undoable', () => {
    expect(emptyAlertForm('620102001001', now).broadcast).toBe(false)
    expect(NO_CHANNELS).toEqual({ sms: false, broadcast: false })
    expect(offersBroadcast({ sms: false, broadcast: true }, { broadcast: false })).toBe(true)
    expect(offersBroadcast({ sms: true, broadcast: false }, { broadcast: false })).toBe(false)
    expect(offersBroadcast(NO_CHANNELS, { broadcast: true })).toBe(true)
    expect(offersBroadcast(NO_CHANNELS, { broadcast: false }, true)).toBe(true)
  })

  it('broadcast only a warning for everybody in its target: the loudspeakers reach the whole area', () => {
    expect(broadcastAllowed([])).toBe(true)
    expect(broadcastAllowed(['living_alone'])).toBe(false)
  })

  it('send the broadcast with the warning, read it back from a draft, and leave it out of the count', () => {
    const body = alertBody({ ...everybody, broadcast: true })
    expect(body.broadcast).toBe(true)
    expect(body.target).toEqual({ units: ['620102001001'], grids: [], tags: [] })
    expect(alertFormOf({ ...draft, target: { ...draft.target, tags: [] }, broadcast: true }).broadcast).toBe(true)
    expect(alertFormOf(draft).broadcast).toBe(false)
    // The count is about whom the target holds: a broadcast never makes it refused.
    expect(countBody({ ...everybody, broadcast: true }, now)).not.toHaveProperty('broadcast')
  })

  it("show the server's refusal of the broadcast at its choice", () => {
    const error = new ApiError(400, {
      code: 'invalid_argument',
      message: '请求参数有误，请检查后重试',
      details: [{ field: 'broadcast', reason: '本系统未接入应急广播' }],
    })
    const refusal = formRefusal(error, ALERT_FORM_FIELDS, '；')
    expect(refusal.atFields).toBe(true)
    expect(refusal.fields).toEqual({ broadcast: '本系统未接入应急广播' })
  })

  it("say where a warning's broadcast stands", () => {
    const sent: Alert = { ...draft, status: 'sent', issuedAt: '2026-07-20T00:01:00.000Z', broadcast: true }
    expect(broadcastStatus(draft)).toBe('unused')
    expect(broadcastStatus({ ...sent, broadcast: false })).toBe('unused')
    expect(broadcastStatus({ ...draft, broadcast: true })).toBe('planned')
    expect(broadcastStatus({ ...draft, status: 'pending', broadcast: true })).toBe('planned')
    expect(broadcastStatus({ ...sent, broadcastState: 'queued' })).toBe('queued')
    // Handed over and not yet answered: still waiting, as far as staff can tell.
    expect(broadcastStatus({ ...sent, broadcastState: 'sending' })).toBe('queued')
    // Withdrawn (解除) after it played: the loudspeakers play the cancellation.
    expect(broadcastStatus({ ...sent, status: 'cancelled', broadcastState: 'withdraw_queued' })).toBe('withdrawing')
    expect(broadcastStatus({ ...sent, status: 'cancelled', broadcastState: 'withdrawing' })).toBe('withdrawing')
    expect(broadcastStatus({ ...sent, status: 'cancelled', broadcastState: 'withdrawn' })).toBe('withdrawn')
    expect(broadcastTag('withdrawn')).toBe('success')
    expect(broadcastStatus({ ...sent, broadcastState: 'sent' })).toBe('sent')
    expect(broadcastStatus({ ...sent, broadcastState: 'failed' })).toBe('failed')
    // Asked for, but rejected or withdrawn before it went out.
    expect(broadcastStatus({ ...draft, status: 'rejected', broadcast: true })).toBe('notPlayed')
    expect(broadcastStatus({ ...draft, status: 'cancelled', broadcast: true })).toBe('notPlayed')
    expect((['unused', 'planned', 'queued', 'sent', 'failed', 'notPlayed'] as BroadcastStatus[]).map(broadcastTag)).toEqual(['info', 'info', 'warning', 'success', 'danger', 'info'])
  })

  it('name every state of a broadcast in both languages', () => {
    for (const status of ['unused', 'planned', 'queued', 'sent', 'failed', 'notPlayed'] satisfies BroadcastStatus[]) {
      for (const locale of ['zh-CN', 'en'] as const) expect(i18n.global.te(`alerts.detail.broadcast.${status}`, locale), `${locale} ${status}`).toBe(true)
    }
    i18n.global.locale.value = 'zh-CN'
    expect(['unused', 'queued', 'sent', 'failed'].map((s) => i18n.global.t(`alerts.detail.broadcast.${s}`))).toEqual(['未使用', '待播发', '已播发', '播发失败'])
    expect(i18n.global.t('alerts.form.broadcast')).toBe('同时通过应急广播播发')
    expect(i18n.global.t('alerts.form.smsNote')).toBe('未注册居民端账号但登记了手机号的居民将收到短信')
  })
})

describe('the delivery board', () => {
  const grids = [
    { grid: '620102001001001', gridName: '第一网格', recipients: 4, acknowledged: 2, pending: 1, helped: 1, unreachable: 0 },
    { grid: '620102001001002', gridName: '第二网格', recipients: 3, acknowledged: 0, pending: 2, helped: 0, unreachable: 1 },
    { grid: '620102001001003', gridName: '第三网格', recipients: 0, acknowledged: 0, pending: 0, helped: 0, unreachable: 0 },
  ]

  it('adds the grids up', () => {
    expect(sumCounts(grids)).toEqual({ recipients: 7, acknowledged: 2, pending: 3, helped: 1, unreachable: 1 })
    expect(sumCounts([])).toEqual({ recipients: 0, acknowledged: 0, pending: 0, helped: 0, unreachable: 0 })
  })

  it('shows each count as a share of the recipients, and none for a grid without any', () => {
    const total = sumCounts(grids)
    expect(boardShare(total, 'acknowledged')).toBe('28.6%')
    expect(boardShare(total, 'pending')).toBe('42.9%')
    expect(boardShare(grids[2]!, 'pending')).toBe('—')
    const cells = boardCells(grids[0]!, String, (x) => `（${x}）`)
    expect(cells).toEqual({ recipients: '4', acknowledged: '2（50.0%）', pending: '1（25.0%）', helped: '1（25.0%）', unreachable: '0（0.0%）' })
    expect(boardCells(grids[2]!, String, (x) => `(${x})`)).toEqual({ recipients: '0', acknowledged: '0', pending: '0', helped: '0', unreachable: '0' })
  })

  it('says how the recipients are reached: the texts on their way are those queued or sent', () => {
    const none = { smsWithdrawals: 0, smsWithdrawn: 0, smsWithdrawFailed: 0 }
    const channels = { h5: 12, sms: 5, none: 2, smsQueued: 1, smsSent: 1, smsDelivered: 2, smsFailed: 1, ...none }
    expect(channelSummary(channels)).toEqual({ h5: 12, sms: { total: 5, delivered: 2, sending: 2, failed: 1 }, withdrawal: null, none: 2 })
    // No text went out (or the server has no gateway): no SMS part.
    expect(channelSummary({ h5: 3, sms: 0, none: 1, smsQueued: 0, smsSent: 0, smsDelivered: 0, smsFailed: 0, ...none })).toEqual({ h5: 3, sms: null, withdrawal: null, none: 1 })
    // Withdrawn: the four texted are told so by text; those neither sent nor failed are waiting.
    const withdrawn = { ...channels, smsWithdrawals: 4, smsWithdrawn: 2, smsWithdrawFailed: 1 }
    expect(channelSummary(withdrawn)?.withdrawal).toEqual({ total: 4, sent: 2, waiting: 1, failed: 1 })
    // A board without channels: no line.
    expect(channelSummary(undefined)).toBeNull()
    expect(channelSummary(null)).toBeNull()
  })

  it('words the channel line in both languages', () => {
    const line = (locale: 'zh-CN' | 'en') => {
      i18n.global.locale.value = locale
      const { t } = i18n.global
      const states = t('alerts.board.channels.smsStates', { delivered: 2, sending: 2, failed: 1 })
      return [t('alerts.board.channels.h5', { n: 12 }), `${t('alerts.board.channels.sms', { n: 5 })}${t('common.paren', { x: states })}`, t('alerts.board.channels.none', { n: 2 })].join(' · ')
    }
    expect(line('zh-CN')).toBe('居民端 12 · 短信 5（已送达 2，发送中 2，失败 1） · 无渠道 2')
    expect(line('en')).toBe('resident app 12 · text message 5 (delivered 2, sending 2, failed 1) · no channel 2')
    const withdrawal = (locale: 'zh-CN' | 'en') => {
      i18n.global.locale.value = locale
      const { t } = i18n.global
      return `${t('alerts.board.channels.withdrawal', { n: 4 })}${t('common.paren', { x: t('alerts.board.channels.withdrawalStates', { sent: 2, waiting: 1, failed: 1 }) })}`
    }
    expect(withdrawal('zh-CN')).toBe('解除短信 4（已发 2，待发 1，失败 1）')
    expect(withdrawal('en')).toBe('withdrawal texts 4 (sent 2, waiting 1, failed 1)')
    i18n.global.locale.value = 'zh-CN'
  })
})

describe("a warning's history", () => {
  it('is written, then out and delivered when issued directly', () => {
    const sent: Alert = { ...draft, status: 'sent', needsApproval: false, issuedAt: '2026-07-20T00:01:00.000Z', deliveredAt: '2026-07-20T00:01:05.000Z', recipients: 3 }
    expect(alertHistory(sent).map((e) => e.kind)).toEqual(['created', 'issued', 'delivered'])
    expect(alertHistory(sent).at(-1)).toEqual({ kind: 'delivered', at: '2026-07-20T00:01:05.000Z', recipients: 3 })
    expect(alertHistory(draft)).toEqual([{ kind: 'created', at: draft.createdAt, by: 'changjiaxiang' }])
  })

  it('waits for the unit above, then is approved or rejected with the reason', () => {
    const pending: Alert = { ...draft, status: 'pending', approverUnit: '620102001000', updatedAt: '2026-07-20T00:02:00.000Z' }
    expect(alertHistory(pending)).toEqual([
      { kind: 'created', at: draft.createdAt, by: 'changjiaxiang' },
      { kind: 'submitted', at: '2026-07-20T00:02:00.000Z', unit: '620102001000' },
    ])
    const decided = { ...pending, decidedAt: '2026-07-20T01:00:00.000Z', decidedByName: 'jiuquanlu', updatedAt: '2026-07-20T01:00:00.000Z' }
    const rejected: Alert = { ...decided, status: 'rejected', decisionNote: '范围不准确' }
    expect(alertHistory(rejected).slice(1)).toEqual([
      { kind: 'submitted', at: null, unit: '620102001000' },
      { kind: 'rejected', at: '2026-07-20T01:00:00.000Z', by: 'jiuquanlu', note: '范围不准确' },
    ])
    const approved: Alert = { ...decided, status: 'cancelled', decisionNote: '', issuedAt: '2026-07-20T01:00:00.000Z', updatedAt: '2026-07-20T02:00:00.000Z' }
    expect(alertHistory(approved).map((e) => `${e.kind} ${e.at ?? ''}`)).toEqual([
      `created ${draft.createdAt}`,
      'submitted ',
      'approved 2026-07-20T01:00:00.000Z',
      'issued 2026-07-20T01:00:00.000Z',
      'cancelled 2026-07-20T02:00:00.000Z',
    ])
    expect(alertHistory(approved)[2]!.note).toBeNull()
  })
})

describe('the colours of the levels', () => {
  /** WCAG 2.1 relative luminance and contrast ratio. */
  function luminance(hex: string): number {
    const channel = (i: number) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
    }
    return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
  }
  function contrast(a: string, b: string): number {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
    return (hi! + 0.05) / (lo! + 0.05)
  }

  it('are the national four, each with its name readable on it at 4.5:1 or more', () => {
    expect(Object.keys(LEVEL_COLOURS)).toEqual(['blue', 'yellow', 'orange', 'red'])
    for (const [level, c] of Object.entries(LEVEL_COLOURS)) expect(contrast(c.background, c.text), level).toBeGreaterThanOrEqual(4.5)
    // Told apart by hue: blue is the bluest, red the reddest, yellow the lightest.
    expect(parseInt(LEVEL_COLOURS.blue.background.slice(5, 7), 16)).toBeGreaterThan(parseInt(LEVEL_COLOURS.blue.background.slice(1, 3), 16))
    expect(luminance(LEVEL_COLOURS.yellow.background)).toBeGreaterThan(luminance(LEVEL_COLOURS.orange.background))
    expect(luminance(LEVEL_COLOURS.orange.background)).toBeGreaterThan(luminance(LEVEL_COLOURS.red.background))
  })
})

describe('the calls of the warning pages', () => {
  let server: TestServer

  beforeAll(async () => {
    server = await startServer()
    configureClient({ baseUrl: server.url, language: 'zh-CN', csrfToken: 'csrf-1' })
  })
  afterAll(() => server.close())
  beforeEach(() => {
    server.seen.length = 0
    forgetSharedRequests()
  })

  it('list the warnings by status and the tasks by state and warning, a page at a time', async () => {
    server.handle(() => ({ status: 200, body: { items: [], total: 0 } }))
    await listAlerts({ page: 1, pageSize: 20 })
    await listAlerts({ status: 'pending', page: 2, pageSize: 50 })
    await listTasks({ state: 'open', page: 1, pageSize: 20 })
    await listTasks({ alert: 7, page: 1, pageSize: 20 })
    expect(server.seen.map((s) => s.url)).toEqual([
      '/api/v1/alerts?page=1&pageSize=20',
      '/api/v1/alerts?status=pending&page=2&pageSize=50',
      '/api/v1/alerts/tasks?state=open&page=1&pageSize=20',
      '/api/v1/alerts/tasks?alert=7&page=1&pageSize=20',
    ])
  })

  it('compose, count, issue, decide and cancel with the version last read', async () => {
    server.handle((req) => ({ status: 200, body: req.url.endsWith('/count') ? { people: 3 } : draft }))
    const body = alertBody(alertFormOf(draft))
    await createAlert(body)
    await updateAlert(7, { ...body, version: 1 })
    expect(await countTarget(body)).toBe(3)
    await issueAlert(7, 2)
    await decideAlert(7, { version: 3, approve: false, note: '范围不准确' })
    await cancelAlert(7, 4)
    expect(server.seen.map((s) => `${s.method} ${s.url} ${s.headers['x-csrf-token']}`)).toEqual([
      'POST /api/v1/alerts csrf-1',
      'PUT /api/v1/alerts/7 csrf-1',
      'POST /api/v1/alerts/count csrf-1',
      'POST /api/v1/alerts/7/issue csrf-1',
      'POST /api/v1/alerts/7/decision csrf-1',
      'POST /api/v1/alerts/7/cancel csrf-1',
    ])
    expect(JSON.parse(server.seen[0]!.body)).toEqual(body)
    expect(JSON.parse(server.seen[1]!.body)).toEqual({ ...body, version: 1 })
    expect(server.seen.slice(3).map((s) => JSON.parse(s.body))).toEqual([{ version: 2 }, { version: 3, approve: false, note: '范围不准确' }, { version: 4 }])
  })

  it("read and set a unit's approval level", async () => {
    server.handle((req) => ({ status: 200, body: { unit: '620102001001', approvalFrom: req.method === 'PUT' ? 'yellow' : 'orange' } }))
    expect(await getApprovalFrom('620102001001')).toBe('orange')
    expect(await setApprovalFrom('620102001001', 'yellow')).toBe('yellow')
    expect(server.seen.map((s) => `${s.method} ${s.url} ${s.headers['x-csrf-token'] ?? ''}`)).toEqual([
      'GET /api/v1/alerts/settings/620102001001 ',
      'PUT /api/v1/alerts/settings/620102001001 csrf-1',
    ])
    expect(JSON.parse(server.seen[1]!.body)).toEqual({ approvalFrom: 'yellow' })

    server.handle(() => ({ status: 400, body: errorBody('invalid_argument', '请求参数有误', [{ field: 'unit', reason: '审批级别由上级单位为下级单位设置' }]) }))
    const refused = await setApprovalFrom('620102000000', 'red').catch((e: unknown) => e)
    expect((refused as ApiError).fieldReason('unit')).toBe('审批级别由上级单位为下级单位设置')
  })

  it('ask once which outbound channels the server has, for every page within minutes', async () => {
    server.handle(() => ({ status: 200, body: { sms: true, broadcast: false } }))
    expect(await getChannels()).toEqual({ sms: true, broadcast: false })
    expect(await getChannels()).toEqual({ sms: true, broadcast: false })
    expect(server.seen.map((s) => `${s.method} ${s.url}`)).toEqual(['GET /api/v1/alerts/channels'])

    // A failed answer is not kept: the next page asks again.
    forgetSharedRequests()
    server.handle(() => ({ status: 503, body: errorBody('unavailable', '服务暂不可用') }))
    await expect(getChannels()).rejects.toBeInstanceOf(ApiError)
    server.handle(() => ({ status: 200, body: { sms: false, broadcast: true } }))
    expect(await getChannels()).toEqual({ sms: false, broadcast: true })
  })

  it('send the broadcast chosen with the warning', async () => {
    server.handle(() => ({ status: 200, body: { ...draft, target: { ...draft.target, tags: [] }, broadcast: true } }))
    const body = alertBody({ ...alertFormOf(draft), tags: [], broadcast: true })
    await createAlert(body)
    await updateAlert(7, { ...body, version: 1 })
    expect(server.seen.map((s) => (JSON.parse(s.body) as { broadcast?: boolean }).broadcast)).toEqual([true, true])
  })

  it("records how a call went, and hands the server's refusal to the page", async () => {
    server.handle(() => ({ status: 409, body: errorBody('conflict', '任务已被他人更新，请刷新后重试') }))
    const refused = await finishTask(3, { version: 1, outcome: 'reached', note: '已电话提醒' }).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(ApiError)
    expect((refused as ApiError).status).toBe(409)
    expect(JSON.parse(server.seen[0]!.body)).toEqual({ version: 1, outcome: 'reached', note: '已电话提醒' })
    expect(server.seen[0]!.url).toBe('/api/v1/alerts/tasks/3/done')

    server.handle(() => ({ status: 403, body: errorBody('forbidden', '不能审批本人编写的预警') }))
    const own = await decideAlert(7, { version: 2, approve: true, note: '' }).catch((e: unknown) => e)
    expect((own as ApiError).status).toBe(403)
    expect((own as ApiError).message).toBe('不能审批本人编写的预警')
  })
})

describe('the warning pages in the console', () => {
  const page = { render: () => null }
  const routes: RouteRecordRaw[] = [{ path: '', component: page, meta: { title: 'menu.home', menu: { order: 0 }, permission: 'org:unit:read' } }, ...moduleRoutes]
  const governance = (menu: MenuEntry[]) => menu.flatMap((e) => ('group' in e && e.group === 'governance' ? e.children.map((c) => c.path) : []))

  it('are guarded by the module permissions', () => {
    const byName = new Map(moduleRoutes.map((r) => [String(r.name), r]))
    expect(byName.get('alerts')?.meta?.permission).toBe(READ)
    expect(byName.get('alert-detail')?.meta?.permission).toBe(READ)
    expect(byName.get('alert-new')?.meta?.permission).toBe(WRITE)
    expect(byName.get('alert-edit')?.meta?.permission).toBe(WRITE)
    expect(byName.get('alert-tasks')?.meta?.permission).toBe(TASKS)
    expect(byName.get('alert-tasks')?.path).toBe('alerts/tasks')
    expect(byName.get('alert-settings')?.meta?.permission).toBe(APPROVE)
    expect(byName.get('alert-settings')?.path).toBe('alerts/settings/:code?')
  })

  it('sit in 基层治理 after the organisation pages: the tasks for grid workers, both for community workers, the settings for approvers', () => {
    const gridWorker = ['org:unit:read', 'inbox:message:read', READ, TASKS, 'residents:person:read']
    expect(governance(buildMenu(routes, gridWorker))).toEqual(['/inbox', '/org/unit', '/alerts', '/alerts/tasks', '/residents/persons', '/residents/households'])
    expect(governance(buildMenu(routes, [READ, APPROVE]))).toEqual(['/alerts', '/alerts/settings'])
    expect(governance(buildMenu(routes, [READ, WRITE, APPROVE, TASKS]))).toEqual(['/alerts', '/alerts/tasks', '/alerts/settings'])
  })

  it('are where the to-dos lead', () => {
    expect(todoTargets['alerts.approvals']).toEqual({ to: { name: 'alerts', query: { status: 'pending' } } })
    expect(todoTargets['alerts.tasks.open']).toEqual({ to: { name: 'alert-tasks', query: { state: 'open' } } })
  })
})
