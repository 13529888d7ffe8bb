// Warnings (预警信息): /api/v1/alerts…
//
// A unit's staff compose a warning (a draft) for the residents of a target (units and grids of the
// issuing unit, and/or an area drawn on the map: the issuing unit's people whose household lies
// inside it; narrowed to people carrying some tags) and issue it: from the level its unit's
// setting names (orange unless set; red always) it goes first to the unit above for approval,
// else out at once, written to every recipient by a background job (status sending, then sent).
// Vulnerable recipients who stay silent past the deadline, ask for help, or whom only a visit
// reaches become calls and visits (tasks) for the grid worker of their grid. Every change sends
// the version last read (409: someone else changed it since). A warning outside the caller's scope
// is 404; the author approving their own is 403.
//
// Outbound channels besides the resident pages: an SMS gateway (短信) texts the residents whom no
// resident account reaches but whose phone the register holds, and an emergency-broadcast system
// (应急广播) plays a warning on the loudspeakers of its target's villages and communities, when the
// server has them configured (GET /api/v1/alerts/channels).
import { http } from '@/utils/request'
import { shareRequest } from '@/utils/shared-request'
import type { QueryOf, Reply, RequestBody, Schema } from './types'

/** Whether this server has an SMS gateway / an emergency-broadcast system configured. */
export type AlertChannels = Reply<'/api/v1/alerts/channels', 'get'>
/**
 * How the recipients of the caller's area are reached: in the resident app (h5), by text message
 * (sms; of them queued, sent, delivered, failed), or by nothing but a visit (none).
 */
export type BoardChannels = Schema<'AlertChannels'>

export type Alert = Schema<'Alert'>
/** A GeoJSON position: [longitude, latitude]. */
export type AreaPosition = [number, number]
/** GeoJSON Polygon coordinates: one closed ring (the last position repeats the first); [] for none. */
export type AreaCoordinates = Alert['target']['area']
/** `broadcast` left out: false. The server refuses it (field broadcast) without a broadcast system or with tags. */
export type AlertFields = RequestBody<'/api/v1/alerts', 'post'>
export type AlertChange = RequestBody<'/api/v1/alerts/{id}', 'put'>
type AlertPage = Schema<'AlertPage'>
/** Where a warning's broadcast stands: not asked for (none), waiting, handed over, played, failed. */
export type BroadcastState = Alert['broadcastState']
export type AlertTask = Schema<'AlertTask'>
export type AlertGridCounts = Schema<'AlertGridCounts'>
export type AlertTarget = Alert['target']
export type AlertStatus = Alert['status']
export type AlertCategory = AlertFields['category']
export type AlertLevel = AlertFields['level']
export type AlertDecision = RequestBody<'/api/v1/alerts/{id}/decision', 'post'>
export type AlertBoard = Reply<'/api/v1/alerts/{id}/board', 'get'>
export type AlertQuery = QueryOf<'/api/v1/alerts', 'get'>
export type TaskQuery = QueryOf<'/api/v1/alerts/tasks', 'get'>
export type TaskState = AlertTask['state']
export type TaskReason = AlertTask['reason']
export type TaskDone = RequestBody<'/api/v1/alerts/tasks/{id}/done', 'post'>
export type TaskOutcome = TaskDone['outcome']
export type ApprovalFrom = RequestBody<'/api/v1/alerts/settings/{unit}', 'put'>['approvalFrom']
export type ApprovalSetting = Reply<'/api/v1/alerts/settings/{unit}', 'put'>
type TaskPage = Schema<'AlertTaskPage'>

// The server's choices (src/alerts/model.cpp, routes.cpp), checked against the API description.
export const ALERT_STATUSES = ['draft', 'pending', 'rejected', 'sending', 'sent', 'cancelled'] as const satisfies readonly AlertStatus[]
/** The national four colours, least severe first. */
export const ALERT_LEVELS = ['blue', 'yellow', 'orange', 'red'] as const satisfies readonly AlertLevel[]
export const ALERT_CATEGORIES = [
  'flood',
  'earthquake',
  'geological',
  'heat',
  'cold',
  'gas',
  'fire',
  'public_health',
  'other',
] as const satisfies readonly AlertCategory[]
/** The levels a unit's threshold may be set to (blue never needs approval), least severe first. */
export const APPROVAL_LEVELS = ['yellow', 'orange', 'red'] as const satisfies readonly ApprovalFrom[]
export const TASK_STATES = ['open', 'done'] as const satisfies readonly TaskState[]
/** Help first: the order the server lists open tasks in. */
export const TASK_REASONS = ['help', 'no_answer', 'no_channel'] as const satisfies readonly TaskReason[]
export const TASK_OUTCOMES = ['reached', 'helped', 'unreachable'] as const satisfies readonly TaskOutcome[]

/** The server's bounds (src/alerts/alert_service.hpp). */
export const ALERT_LIMITS = {
  title: 60,
  content: 1000,
  guidance: 500,
  note: 200,
  targetEntries: 200,
  tags: 20,
  /** Positions of a drawn area's ring, the closing one included (kMaxAreaPoints). */
  areaPoints: 500,
  ackMinutes: { min: 5, max: 24 * 60, default: 60 },
  validDays: 30,
} as const

// ---- warnings ----------------------------------------------------------------------------------------

export function listAlerts(query: AlertQuery, signal?: AbortSignal): Promise<AlertPage> {
  return http.get<AlertPage>('/api/v1/alerts', {
    query: { status: query.status || undefined, page: query.page, pageSize: query.pageSize },
    signal,
  })
}

export function getAlert(id: number, signal?: AbortSignal): Promise<Alert> {
  return http.get<Alert>(`/api/v1/alerts/${id}`, { signal })
}

/** A draft. `notify: false`: the composer shows the refusal at its fields. */
export function createAlert(fields: AlertFields): Promise<Alert> {
  return http.post<Alert>('/api/v1/alerts', fields, { notify: false })
}

/** Rewrites a draft at the version last read (409: changed since, or no longer a draft). */
export function updateAlert(id: number, change: AlertChange): Promise<Alert> {
  return http.put<Alert>(`/api/v1/alerts/${id}`, change, { notify: false })
}

/** How many people the target as composed holds now (0: nobody); the other fields are checked too. */
export async function countTarget(fields: AlertFields, signal?: AbortSignal): Promise<number> {
  const reply = await http.post<Reply<'/api/v1/alerts/count', 'post'>>('/api/v1/alerts/count', fields, { notify: false, signal })
  return reply.people
}

/** Issues a draft: for approval one level up (pending) when its level asks for it, else out (sending). */
export function issueAlert(id: number, version: number): Promise<Alert> {
  return http.post<Alert>(`/api/v1/alerts/${id}/issue`, { version }, { notify: false })
}

/** Withdraws a draft, a pending warning, or one sent (解除: residents see it withdrawn). */
export function cancelAlert(id: number, version: number): Promise<Alert> {
  return http.post<Alert>(`/api/v1/alerts/${id}/cancel`, { version }, { notify: false })
}

/** Approves (out at once) or rejects (a note required) a warning awaiting the caller's unit. */
export function decideAlert(id: number, decision: AlertDecision): Promise<Alert> {
  return http.post<Alert>(`/api/v1/alerts/${id}/decision`, decision, { notify: false })
}

/** Per grid in the caller's scope: recipients, acknowledged, pending, helped, unreachable; and their total. */
export function getBoard(id: number, signal?: AbortSignal): Promise<AlertBoard> {
  return http.get<AlertBoard>(`/api/v1/alerts/${id}/board`, { signal })
}

/** From which level the warnings of `unit` need approval one level up (its own setting or an ancestor's). */
export async function getApprovalFrom(unit: string, signal?: AbortSignal): Promise<ApprovalFrom> {
  const reply = await http.get<Reply<'/api/v1/alerts/settings/{unit}', 'get'>>(`/api/v1/alerts/settings/${encodeURIComponent(unit)}`, { signal })
  return reply.approvalFrom as ApprovalFrom
}

/**
 * Sets from which level the warnings of `unit` need approval (red always does); the staff of the
 * units above it set it. `notify: false`: the page shows the refusal at its fields (unit: the
 * caller is not above it; approvalFrom: not yellow, orange or red). Answers the setting as saved.
 */
export async function setApprovalFrom(unit: string, approvalFrom: ApprovalFrom): Promise<ApprovalFrom> {
  const body: RequestBody<'/api/v1/alerts/settings/{unit}', 'put'> = { approvalFrom }
  const reply = await http.put<ApprovalSetting>(`/api/v1/alerts/settings/${encodeURIComponent(unit)}`, body, { notify: false })
  return reply.approvalFrom as ApprovalFrom
}

// ---- outbound channels ---------------------------------------------------------------------------------

/**
 * Which outbound channels this server has (an SMS gateway, an emergency-broadcast system): its
 * configuration, asked once for every page that reads it within ten minutes.
 */
export function getChannels(): Promise<AlertChannels> {
  return shareRequest('alerts.channels', () => http.get<AlertChannels>('/api/v1/alerts/channels'), 10 * 60_000)
}

// ---- calls and visits (tasks) ------------------------------------------------------------------------

/** Calls and visits in the caller's grids: open ones first, help first. */
export function listTasks(query: TaskQuery, signal?: AbortSignal): Promise<TaskPage> {
  return http.get<TaskPage>('/api/v1/alerts/tasks', {
    query: { state: query.state || undefined, alert: query.alert || undefined, page: query.page, pageSize: query.pageSize },
    signal,
  })
}

/** Records how a call or visit went, at the version last read (409: done by someone else since). */
export function finishTask(id: number, done: TaskDone): Promise<AlertTask> {
  return http.post<AlertTask>(`/api/v1/alerts/tasks/${id}/done`, done, { notify: false })
}
