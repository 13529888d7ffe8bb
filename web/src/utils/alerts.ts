// The warning pages' logic, apart from the pages (预警信息): the filters as the address carries
// them, which actions a warning's status and the caller's permissions allow, whether a level needs
// approval one level up, the composer's form to and from what the API takes (its target's area drawn
// on the map: src/utils/alert-area.ts), the outbound channels
// it offers (emergency broadcast, SMS), a warning's broadcast in words, the delivery board's total,
// shares and channels, a warning's history, and the colours of the four levels.
import {
  ALERT_LEVELS,
  ALERT_LIMITS,
  ALERT_STATUSES,
  TASK_STATES,
  type Alert,
  type AlertCategory,
  type AlertChannels,
  type AlertFields,
  type AlertGridCounts,
  type AlertLevel,
  type AlertStatus,
  type BoardChannels,
  type TaskState,
  type AreaCoordinates,
} from '@/api/alerts'
import { areaOf, copyArea, hasArea, isAreaField } from './alert-area'
import { codeLevel, isWithin } from './codes'
import { formatPercent } from './format'
import { allows } from './permission'
import { ApiError, type ErrorBody } from './request'
import { formRefusal, type FormRefusal } from './volunteer'

export const ALERT_READ = 'alerts:alert:read'
export const ALERT_WRITE = 'alerts:alert:write'
export const ALERT_APPROVE = 'alerts:alert:approve'
export const TASK_HANDLE = 'alerts:task:handle'

// ---- the address ---------------------------------------------------------------------------------

function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value
}

/** ?status=pending: a status the list filters by; '' for none or one the server does not know. */
export function statusFromQuery(value: unknown): AlertStatus | '' {
  const v = first(value)
  return ALERT_STATUSES.find((s) => s === v) ?? ''
}

/** ?state=open: the tasks' state; '' (all, open first) for none or an unknown one. */
export function taskStateFromQuery(value: unknown): TaskState | '' {
  const v = first(value)
  return TASK_STATES.find((s) => s === v) ?? ''
}

/** ?alert=12: the warning whose tasks alone are listed; null for none or anything but an ID. */
export function alertIdFromQuery(value: unknown): number | null {
  const v = first(value)
  if (typeof v !== 'string' || !/^[1-9]\d{0,15}$/.test(v)) return null
  const id = Number(v)
  return Number.isSafeInteger(id) ? id : null
}

// ---- levels --------------------------------------------------------------------------------------

export function isAlertLevel(level: string): level is AlertLevel {
  return (ALERT_LEVELS as readonly string[]).includes(level)
}

/** 0 for blue … 3 for red; -1 for anything else (as the server's level_rank). */
export function levelRank(level: string): number {
  return (ALERT_LEVELS as readonly string[]).indexOf(level)
}

/**
 * Whether issuing a warning of `level` sends it to the unit above for approval, when the issuing
 * unit's setting is `approvalFrom` (orange unless set): from that level up, and red always. The
 * server decides (a warning's needsApproval); this tells the composer before it is saved.
 */
export function needsApproval(level: string, approvalFrom: string): boolean {
  if (level === 'red') return true
  const rank = levelRank(level)
  const from = levelRank(approvalFrom)
  return rank >= 0 && from >= 0 && rank >= from
}

/** The levels whose warnings need approval when the setting is `approvalFrom`, least severe first. */
export function levelsNeedingApproval(approvalFrom: string): AlertLevel[] {
  return ALERT_LEVELS.filter((l) => needsApproval(l, approvalFrom))
}

// ---- the approval settings -------------------------------------------------------------------------

/** The fields a server's reason is shown at on the approval settings page. */
export const APPROVAL_SETTING_FIELDS = ['unit', 'approvalFrom'] as const

/**
 * Whether the caller (whose scope is under `roots`) may set the threshold of `unit`: the staff of
 * the units above it set it, so a unit strictly below one of the caller's own, never one of their
 * own units nor a grid. The server decides (it also asks for the approve permission there); this
 * tells the page whether to offer the change.
 */
export function maySetApprovalFrom(unit: string, roots: readonly string[]): boolean {
  if (!/^\d{12}$/.test(unit)) return false
  return roots.some((root) => root !== unit && isWithin(unit, root))
}

/**
 * The national warning colours, each with the text colour that reads on it at 4.5:1 or more
 * (WCAG 2.1 AA): white on blue and red, near-black on yellow and orange. The level's name is always
 * written on the chip: the colour is never the only cue.
 */
export const LEVEL_COLOURS: Readonly<Record<AlertLevel, { background: string; text: string }>> = {
  blue: { background: '#1f5fbf', text: '#ffffff' },
  yellow: { background: '#f5c518', text: '#1f1f1f' },
  orange: { background: '#f07c16', text: '#1f1f1f' },
  red: { background: '#c0262d', text: '#ffffff' },
}

/** The groups whose silence (or whom nothing but a visit reaches) becomes a task (src/alerts/model.cpp). */
export const VULNERABLE_TAGS: ReadonlySet<string> = new Set([
  'special_hardship_elderly',
  'living_alone',
  'empty_nest',
  'left_behind_child',
  'disability',
  'special_hardship',
])

// ---- actions -------------------------------------------------------------------------------------

export type AlertAction = 'edit' | 'issue' | 'approve' | 'reject' | 'cancel'

/**
 * The buttons a warning of `status` offers to someone holding `permissions`: a writer edits and
 * issues a draft and withdraws anything not already withdrawn or rejected; an approver decides a
 * pending one. The server checks the rest (the unit's scope; the author may not approve their own).
 */
export function alertActions(status: AlertStatus, permissions: readonly string[]): AlertAction[] {
  const write = allows(permissions, ALERT_WRITE)
  const approve = allows(permissions, ALERT_APPROVE)
  const out: AlertAction[] = []
  if (write && status === 'draft') out.push('edit', 'issue')
  if (approve && status === 'pending') out.push('approve', 'reject')
  if (write && status !== 'cancelled' && status !== 'rejected') out.push('cancel')
  return out
}

/** The colour of a status's tag: waiting for someone, going out, out, or over. */
export function statusTag(status: AlertStatus): 'info' | 'warning' | 'primary' | 'success' | 'danger' {
  switch (status) {
    case 'pending':
      return 'warning'
    case 'sending':
      return 'primary'
    case 'sent':
      return 'success'
    case 'rejected':
      return 'danger'
    default:
      return 'info'
  }
}

// ---- the composer ----------------------------------------------------------------------------------

/** The composer's fields as typed (times in this browser's time, sent as UTC). */
export interface AlertForm {
  unit: string
  category: AlertCategory | ''
  level: AlertLevel | ''
  title: string
  content: string
  guidance: string
  validFrom: Date | null
  validUntil: Date | null
  ackMinutes: number | null
  units: string[]
  grids: string[]
  tags: string[]
  /** The area drawn on the map: GeoJSON Polygon coordinates, its ring closed; [] for none. */
  area: AreaCoordinates
  /** Also played on the emergency-broadcast loudspeakers of the target's villages and communities. */
  broadcast: boolean
}

/**
 * The fields a server's reason is shown at (a target entry's "target.units[3]" at its list; every
 * reason about the area, "target.area[0]…", at the area).
 */
export const ALERT_FORM_FIELDS = [
  'unit',
  'category',
  'level',
  'title',
  'content',
  'guidance',
  'validFrom',
  'validUntil',
  'ackMinutes',
  'target',
  'target.units',
  'target.grids',
  'target.tags',
  'target.area',
  'broadcast',
] as const

/** The server's refusal at the composer's fields (alertRefusal: its reasons about the area at the area). */
export function alertRefusal(error: unknown, separator: string): FormRefusal {
  if (!(error instanceof ApiError)) return formRefusal(error, ALERT_FORM_FIELDS, separator)
  const details = error.details.map((d) => (isAreaField(d.field) ? { ...d, field: 'target.area' } : d))
  const atArea = new ApiError(error.status, { code: error.code as ErrorBody['code'], message: error.message, details, requestId: error.requestId }, error.fromServer, error.retryAfter)
  return formRefusal(atArea, ALERT_FORM_FIELDS, separator)
}

/** The units that issue warnings: counties, townships, villages and communities. */
export function mayIssueFrom(code: string): boolean {
  const level = codeLevel(code)
  return level >= 3 && level <= 5
}

/** A new warning: of `unit` when it may issue one, valid from now (to the minute) for a day. */
export function emptyAlertForm(unit: string, now: Date): AlertForm {
  const from = new Date(now)
  from.setSeconds(0, 0)
  return {
    unit: unit && mayIssueFrom(unit) ? unit : '',
    category: '',
    level: '',
    title: '',
    content: '',
    guidance: '',
    validFrom: from,
    validUntil: new Date(from.getTime() + 24 * 3_600_000),
    ackMinutes: ALERT_LIMITS.ackMinutes.default,
    units: [],
    grids: [],
    tags: [],
    area: [],
    broadcast: false,
  }
}

/** A saved draft in the composer. */
export function alertFormOf(alert: Alert): AlertForm {
  const time = (iso: string) => {
    const d = new Date(iso)
    return Number.isNaN(d.getTime()) ? null : d
  }
  return {
    unit: alert.unit,
    category: alert.category as AlertCategory,
    level: isAlertLevel(alert.level) ? alert.level : '',
    title: alert.title,
    content: alert.content,
    guidance: alert.guidance,
    validFrom: time(alert.validFrom),
    validUntil: time(alert.validUntil),
    ackMinutes: alert.ackMinutes,
    units: [...alert.target.units],
    grids: [...alert.target.grids],
    tags: [...alert.target.tags],
    area: copyArea(areaOf(alert.target)),
    broadcast: alert.broadcast === true,
  }
}

/** The target as the API takes it: the area only when one is drawn (none: the server's default []). */
function targetBody(form: Pick<AlertForm, 'units' | 'grids' | 'tags' | 'area'>): AlertFields['target'] {
  const target: AlertFields['target'] = { units: [...form.units], grids: [...form.grids], tags: [...form.tags] }
  if (hasArea(form.area)) target.area = copyArea(form.area)
  return target
}

/**
 * What the API takes: texts trimmed, times as UTC timestamps (2026-07-20T08:00:00.000Z). A field
 * left empty goes as it is, for the server to say so at its field.
 */
export function alertBody(form: AlertForm): AlertFields {
  return {
    unit: form.unit,
    category: form.category as AlertCategory,
    level: form.level as AlertLevel,
    title: form.title.trim(),
    content: form.content.trim(),
    guidance: form.guidance.trim(),
    validFrom: form.validFrom ? form.validFrom.toISOString() : '',
    validUntil: form.validUntil ? form.validUntil.toISOString() : '',
    ackMinutes: form.ackMinutes ?? ALERT_LIMITS.ackMinutes.default,
    target: targetBody(form),
    broadcast: form.broadcast,
  }
}

/**
 * What the composer asks the count of ("将送达 N 人"): the server checks every field of a warning
 * even there, and only the unit and the target change the count, so the rest is filled with what
 * passes (whatever has been typed so far; no broadcast, which groups of residents would refuse).
 * null when there is nothing to count yet.
 */
export function countBody(form: AlertForm, now: Date): AlertFields | null {
  if (!form.unit || (form.units.length === 0 && form.grids.length === 0 && !hasArea(form.area))) return null
  return {
    unit: form.unit,
    category: 'other',
    level: 'blue',
    title: '—',
    content: '—',
    guidance: '',
    validFrom: now.toISOString(),
    validUntil: new Date(now.getTime() + 3_600_000).toISOString(),
    ackMinutes: ALERT_LIMITS.ackMinutes.default,
    target: targetBody(form),
  }
}

/**
 * Whether the area drawn adds nobody: the whole issuing unit is chosen too, and the target is the
 * union of the units', the grids' and the area's people (the area only ever holds the issuing
 * unit's). The composer says so, and offers to keep the area alone.
 */
export function areaAddsNobody(form: Pick<AlertForm, 'unit' | 'units' | 'area'>): boolean {
  return Boolean(form.unit) && hasArea(form.area) && form.units.includes(form.unit)
}

// ---- outbound channels ---------------------------------------------------------------------------

/** A server that has not said (or could not be asked): none but the resident pages. */
export const NO_CHANNELS: Readonly<AlertChannels> = { sms: false, broadcast: false }

/**
 * Whether a warning for `tags` may also go out on the emergency broadcast: the loudspeakers reach
 * everyone in the area, so only a warning for every resident of its target (no groups). The server
 * refuses the rest at the field broadcast.
 */
export function broadcastAllowed(tags: readonly string[]): boolean {
  return tags.length === 0
}

/**
 * Whether the composer shows the choice 同时通过应急广播播发: when the server has a broadcast system,
 * and, whatever it has, for a draft that asks for it or a refusal at it (so that it can be undone).
 */
export function offersBroadcast(channels: Readonly<AlertChannels>, form: Pick<AlertForm, 'broadcast'>, refused = false): boolean {
  return channels.broadcast || form.broadcast || refused
}

/**
 * A warning's broadcast as the detail page says it (应急广播: …): not used; to be played once it
 * goes out (a draft or one awaiting approval); waiting for the broadcast system (queued, or handed
 * over and not yet answered); played; failed
 * (with the server's reason); or not played (asked for, but withdrawn or rejected before it went out);
 * for one withdrawn (解除) after it played: its cancellation waiting to be played, or played.
 */
export type BroadcastStatus = 'unused' | 'planned' | 'queued' | 'sent' | 'failed' | 'notPlayed' | 'withdrawing' | 'withdrawn'

export function broadcastStatus(alert: Pick<Alert, 'broadcast' | 'broadcastState' | 'status'>): BroadcastStatus {
  if (!alert.broadcast) return 'unused'
  switch (alert.broadcastState) {
    case 'sending':
      return 'queued'
    case 'withdraw_queued':
    case 'withdrawing':
      return 'withdrawing'
    case 'withdrawn':
      return 'withdrawn'
    case 'queued':
    case 'sent':
    case 'failed':
      return alert.broadcastState
    default:
      return alert.status === 'draft' || alert.status === 'pending' ? 'planned' : 'notPlayed'
  }
}

/** The colour of a broadcast's tag on the detail page. */
export function broadcastTag(status: BroadcastStatus): 'info' | 'warning' | 'success' | 'danger' {
  switch (status) {
    case 'queued':
    case 'withdrawing':
      return 'warning'
    case 'sent':
    case 'withdrawn':
      return 'success'
    case 'failed':
      return 'danger'
    default:
      return 'info'
  }
}

// ---- the delivery board --------------------------------------------------------------------------

export type BoardCounts = Omit<AlertGridCounts, 'grid' | 'gridName'>
/** The columns after the recipients, each also as a share of them. */
export const BOARD_COLUMNS = ['acknowledged', 'pending', 'helped', 'unreachable'] as const
export type BoardColumn = (typeof BOARD_COLUMNS)[number]

/** The total of some grids' lines. */
export function sumCounts(lines: readonly BoardCounts[]): BoardCounts {
  const total: BoardCounts = { recipients: 0, acknowledged: 0, pending: 0, helped: 0, unreachable: 0 }
  for (const line of lines) {
    total.recipients += line.recipients
    for (const c of BOARD_COLUMNS) total[c] += line[c]
  }
  return total
}

/** "45.7%" of a line's recipients; "—" for a line without any. */
export function boardShare(line: BoardCounts, column: BoardColumn): string {
  return formatPercent(line[column], line.recipients)
}

/** The board's cells as text: "12（40.0%）" under each column, the recipients as a number. */
export function boardCells(line: BoardCounts, number: (n: number) => string, paren: (x: string) => string): Record<'recipients' | BoardColumn, string> {
  const cells = { recipients: number(line.recipients) } as Record<'recipients' | BoardColumn, string>
  for (const c of BOARD_COLUMNS) cells[c] = line.recipients > 0 ? `${number(line[c])}${paren(boardShare(line, c))}` : number(line[c])
  return cells
}

/**
 * The board's channel line (居民端 n · 短信 n（已送达 n，发送中 n，失败 n） · 解除短信 n（已发 n，待发 n，失败 n）
 * · 无渠道 n): how many of the recipients the resident app reaches, how many a text message (of them
 * delivered, still on their way — queued or sent, without a delivery report yet — and failed), and,
 * once the warning is withdrawn, how many of those texted are told so by text (sent, waiting,
 * failed); how many nothing but a visit. No SMS part when no text message went out, no withdrawal
 * part when none is owed; null for a board without channels.
 */
export interface ChannelSummary {
  h5: number
  sms: { total: number; delivered: number; sending: number; failed: number } | null
  withdrawal: { total: number; sent: number; waiting: number; failed: number } | null
  none: number
}

export function channelSummary(channels: BoardChannels | null | undefined): ChannelSummary | null {
  if (!channels) return null
  const w = channels.smsWithdrawals
  return {
    h5: channels.h5,
    sms: channels.sms > 0 ? { total: channels.sms, delivered: channels.smsDelivered, sending: channels.smsQueued + channels.smsSent, failed: channels.smsFailed } : null,
    withdrawal: w > 0 ? { total: w, sent: channels.smsWithdrawn, waiting: w - channels.smsWithdrawn - channels.smsWithdrawFailed, failed: channels.smsWithdrawFailed } : null,
    none: channels.none,
  }
}

// ---- history ---------------------------------------------------------------------------------------

export type AlertEventKind = 'created' | 'submitted' | 'approved' | 'rejected' | 'issued' | 'delivered' | 'cancelled'

export interface AlertEvent {
  kind: AlertEventKind
  /** When (an ISO timestamp); null when the server keeps no time for it (sent for approval, later decided). */
  at: string | null
  by?: string | null
  note?: string | null
  /** Sent for approval: the unit that decides. */
  unit?: string | null
  /** Delivered: to how many people. */
  recipients?: number
}

/**
 * What happened to a warning, in order: written, sent for approval, approved or rejected, out,
 * delivered to everyone, withdrawn. From the warning's own fields: the time it went for approval
 * is kept only while it waits (its last change), and the time it was withdrawn is its last change.
 */
export function alertHistory(alert: Alert): AlertEvent[] {
  const out: AlertEvent[] = [{ kind: 'created', at: alert.createdAt, by: alert.createdByName }]
  if (alert.approverUnit) {
    out.push({ kind: 'submitted', at: alert.status === 'pending' ? alert.updatedAt : null, unit: alert.approverUnit })
  }
  if (alert.decidedAt) {
    out.push({ kind: alert.issuedAt ? 'approved' : 'rejected', at: alert.decidedAt, by: alert.decidedByName, note: alert.decisionNote || null })
  }
  if (alert.issuedAt) out.push({ kind: 'issued', at: alert.issuedAt })
  if (alert.deliveredAt) out.push({ kind: 'delivered', at: alert.deliveredAt, recipients: alert.recipients })
  if (alert.status === 'cancelled') out.push({ kind: 'cancelled', at: alert.updatedAt })
  return out
}
