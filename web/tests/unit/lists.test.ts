// The lists' pages (三项清单): the lists' filters as the address carries them (the urgent needs' and
// the pending comments' to-dos open their lists filtered), the need, resource and project forms to
// and from the API's bodies (and the server's reasons back at their fields), what the need's page
// offers and how it reads the proposals, what it does when a step is refused, a project's progress
// reports and comments, the calls the pages make (the public ones too), the words for the server's
// codes, where the pages sit, and how the audit log reads their details; a resource taken from the
// registry (取自登记): what the form asks for, chooses, clears and sends; a need found on a home
// visit or in a request: the category a visit's finding maps to, the form it starts, what it sends,
// and where the need's page links back to.
import { reactive } from 'vue'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { RouteRecordRaw } from 'vue-router'
import '@/router/types'
import {
  closeNeed,
  commentOnProject,
  confirmMatch,
  createNeed,
  createProject,
  createResource,
  decideComment,
  getNeed,
  getProject,
  getProposals,
  getPublicProject,
  listComments,
  listMyComments,
  listMyNeeds,
  listNeeds,
  listOrigins,
  listProjects,
  listPublicProjects,
  listResources,
  publishProject,
  raiseMyNeed,
  recordOutcome,
  reportProgress,
  updateProject,
  updateResource,
  type ListsProject,
  type Need,
  type NeedMatch,
  type Origin,
  type ProjectComment,
  type Resource,
  type ResourceSource,
} from '@/api/lists'
import { i18n } from '@/locales'
import { moduleRoutes, todoTargets } from '@/modules/registry'
import { buildMenu, type MenuEntry } from '@/router/menu'
import { readYuan } from '@/utils/charity'
import {
  NEED_FORM_FIELDS,
  PROJECT_FORM_FIELDS,
  PROJECT_READ,
  PROJECT_WRITE,
  RESOURCE_FORM_FIELDS,
  afterRefusal,
  commentDecisions,
  commentFilterFromQuery,
  commentListQuery,
  commentStateTag,
  datesInOrder,
  emptyProjectForm,
  holdsProjects,
  progressProblem,
  projectBody,
  projectFilterFromQuery,
  projectFormOf,
  projectListQuery,
  projectStatusTag,
  projectSteps,
  queryOfCommentFilter,
  queryOfProjectFilter,
  statusForProgress,
  emptyNeedForm,
  emptyResourceForm,
  findingFromQuery,
  findingLink,
  holdsNeeds,
  hoursText,
  hoursValid,
  mayRecordOutcome,
  needBody,
  needFilterFromQuery,
  needFormOfRequest,
  needFormOfVisit,
  needListQuery,
  needSteps,
  originOf,
  outcomeNoteRequired,
  proposalBounds,
  proposalsNotice,
  queryOfNeedFilter,
  queryOfRequestFinding,
  queryOfVisitFinding,
  queryOfResourceFilter,
  resourceBody,
  resourceFilterFromQuery,
  resourceFormOf,
  resourceListQuery,
  roomLeft,
  takesOrigin,
  urgencyTag,
  walkMetres,
  VISIT_NEED_CATEGORIES,
} from '@/utils/lists'
import { ApiError, buildUrl, configureClient, type ErrorBody } from '@/utils/request'
import { formRefusal } from '@/utils/volunteer'
import { auditActionLabel, auditDetail, auditObjectTypeLabel } from '@/views/system/audit/labels'
import { useListsLabels } from '@/views/lists/useListsLabels'
import { useResourceOrigin } from '@/views/lists/useResourceOrigin'
import type { RequestCase } from '@/api/requests'
import { VISIT_NEEDS, type VisitNeed } from '@/api/visits'
import { errorBody, mountComposable, startServer, type TestServer } from './helpers'
import { residentVisit } from './visit-fixtures'

const NEED_READ = 'lists:need:read'
const NEED_WRITE = 'lists:need:write'
const RESOURCE_READ = 'lists:resource:read'
const RESOURCE_WRITE = 'lists:resource:write'

const need: Need = {
  id: 12,
  version: 1,
  unit: '620102001001001',
  unitName: '第一网格',
  category: 'meals',
  categoryLabel: '助餐配餐',
  urgency: 'urgent',
  urgencyLabel: '紧急',
  description: '独居老人，需要每日午餐送餐上门',
  source: 'visit',
  sourceLabel: '入户走访',
  sourceRef: 'V-2026-031',
  status: 'open',
  statusLabel: '待对接',
  closeNote: '',
  lat: 36.0612,
  lon: 103.8343,
  fromHour: 11,
  toHour: 13,
  createdAt: '2026-12-01T02:00:00.000Z',
  personId: 41,
  personMasked: '张*',
  visitId: null,
  requestId: null,
  createdByName: 'wangge1',
  updatedAt: '2026-12-01T02:00:00.000Z',
}

const canteen: Resource = {
  id: 3,
  version: 4,
  unit: '620102001001',
  unitName: '畅家巷社区居委会',
  source: 'facility',
  sourceLabel: '服务设施',
  name: '畅家巷社区老年食堂',
  category: 'meals',
  categoryLabel: '助餐配餐',
  capacity: 20,
  booked: 7,
  fromHour: 10,
  toHour: 14,
  lat: 36.0621,
  lon: 103.8351,
  contact: '0931-8888888',
  note: '',
  facilityId: null,
  organisationId: null,
  available: true,
  updatedAt: '2026-11-30T01:00:00.000Z',
}

const pending: NeedMatch = {
  id: 40,
  version: 1,
  needId: 12,
  resourceId: 3,
  resourceName: '畅家巷社区老年食堂',
  byNetwork: true,
  walkMetres: 412.6,
  outcome: 'pending',
  outcomeLabel: '服务中',
  outcomeNote: '',
  confirmedAt: '2026-12-01T03:00:00.000Z',
  confirmedByName: 'changjiaxiang',
  closedAt: '',
}

afterEach(() => {
  i18n.global.locale.value = 'zh-CN'
})

/** A refusal as the client throws it. */
function refused(status: number, code: ErrorBody['code'], message: string, details: ErrorBody['details'] = []): ApiError {
  return new ApiError(status, { code, message, details })
}

describe('the needs list', () => {
  it('opens filtered as the urgent needs\' to-do links it: open and urgent', () => {
    const target = todoTargets['lists.needs.urgent']!.to as { name: string; query: Record<string, string> }
    expect(target.name).toBe('lists-needs')
    expect(moduleRoutes.some((r) => r.name === target.name)).toBe(true)
    expect(needFilterFromQuery(target.query)).toEqual({ unit: '', status: 'open', category: '', urgency: 'urgent', source: '' })
  })

  it("opens on the open needs residents raised from their to-do", () => {
    const target = todoTargets['lists.needs.raised']!.to as { name: string; query: Record<string, string> }
    expect(target.name).toBe('lists-needs')
    expect(needFilterFromQuery(target.query)).toEqual({ unit: '', status: 'open', category: '', urgency: '', source: 'h5' })
    expect(needListQuery(needFilterFromQuery(target.query), null)).toMatchObject({ status: 'open', source: 'h5' })
  })

  it('reads a unit, a status, a category and an urgency the server knows, and nothing else', () => {
    expect(needFilterFromQuery({ unit: '620102001001', status: 'matched', category: 'health', urgency: 'normal' })).toEqual({
      unit: '620102001001',
      status: 'matched',
      category: 'health',
      urgency: 'normal',
      source: '',
    })
    expect(needFilterFromQuery({ unit: '6201', status: 'lost', category: 'gold', urgency: 'panic', source: 'mail' })).toEqual({
      unit: '',
      status: '',
      category: '',
      urgency: '',
      source: '',
    })
    expect(needFilterFromQuery({ unit: ['620102001001001'], status: ['closed'] })).toMatchObject({ unit: '620102001001001', status: 'closed' })
  })

  it('writes the filters back, leaving out what is empty', () => {
    const filter = { unit: '', status: 'open' as const, category: 'meals' as const, urgency: '' as const, source: 'h5' as const }
    expect(queryOfNeedFilter(filter)).toEqual({ unit: undefined, status: 'open', category: 'meals', urgency: undefined, source: 'h5' })
    expect(needFilterFromQuery(queryOfNeedFilter(filter))).toEqual(filter)
  })

  it('asks for the unit chosen, else the working unit; the Excel twin the same', () => {
    const none = { unit: '', status: '' as const, category: '' as const, urgency: 'urgent' as const, source: '' as const }
    expect(needListQuery(none, '620102001000')).toEqual({
      unit: '620102001000',
      status: undefined,
      category: undefined,
      urgency: 'urgent',
      source: undefined,
    })
    expect(needListQuery({ ...none, unit: '620102001001' }, '620102001000').unit).toBe('620102001001')
    expect(needListQuery(none, null).unit).toBeUndefined()
    expect(buildUrl('/api/v1/lists/needs.xlsx', needListQuery(none, '620102001000'))).toBe('/api/v1/lists/needs.xlsx?unit=620102001000&urgency=urgent')
  })

  it('shows an urgent need in red', () => {
    expect(urgencyTag('urgent')).toBe('danger')
    expect(urgencyTag('normal')).not.toBe('danger')
  })
})

describe('the need form', () => {
  it('takes a village, community or grid; not a township or above', () => {
    expect(['620102001001', '620102001001001'].map(holdsNeeds)).toEqual([true, true])
    expect(['620000000000', '620100000000', '620102000000', '620102001000', 'x'].map(holdsNeeds)).toEqual([false, false, false, false, false])
  })

  it('starts at the working unit when it holds needs: a grid with its community', () => {
    expect(emptyNeedForm('620102001001')).toMatchObject({ village: '620102001001', grid: '', urgency: 'normal', source: 'staff', fromHour: 0, toHour: 24, point: null })
    expect(emptyNeedForm('620102001001001')).toMatchObject({ village: '620102001001', grid: '620102001001001' })
    expect(emptyNeedForm('620102001000')).toMatchObject({ village: '', grid: '' })
  })

  it('sends the grid when one is chosen, else the community; texts trimmed; a point only when picked', () => {
    const form = {
      ...emptyNeedForm('620102001001'),
      category: 'meals' as const,
      urgency: 'urgent' as const,
      description: '  独居老人，需要送餐 \n',
      source: 'visit' as const,
      sourceRef: ' V-2026-031 ',
      fromHour: 11,
      toHour: 13,
    }
    const body = needBody(form)
    expect(body).toEqual({
      unit: '620102001001',
      category: 'meals',
      urgency: 'urgent',
      description: '独居老人，需要送餐',
      source: 'visit',
      sourceRef: 'V-2026-031',
      fromHour: 11,
      toHour: 13,
    })
    expect('lat' in body).toBe(false)
    expect(needBody({ ...form, grid: '620102001001002', point: { lat: 36.06123456, lon: 103.8343 } })).toMatchObject({
      unit: '620102001001002',
      lat: 36.061235,
      lon: 103.8343,
    })
  })

  it('holds hours from 0 to 24 whose end comes after their start', () => {
    expect(hoursValid(0, 24)).toBe(true)
    expect(hoursValid(8, 9)).toBe(true)
    expect(hoursValid(9, 9)).toBe(false)
    expect(hoursValid(18, 8)).toBe(false)
    expect(hoursValid(null, 8)).toBe(false)
  })

  it("shows the server's reasons at their fields: the point at the map, the hours at the hours", () => {
    const error = new ApiError(400, {
      code: 'invalid_argument',
      message: '参数不合法',
      details: [
        { field: 'unit', reason: '需求登记在村（社区）或网格' },
        { field: 'lat', reason: '纬度和经度应同时填写' },
        { field: 'toHour', reason: '时段应在 0 至 24 时之间，且结束晚于开始' },
      ],
    })
    const refusal = formRefusal(error, NEED_FORM_FIELDS)
    expect(refusal.fields).toEqual({ unit: '需求登记在村（社区）或网格', lat: '纬度和经度应同时填写', toHour: '时段应在 0 至 24 时之间，且结束晚于开始' })
    expect(refusal.atFields).toBe(true)
  })
})

describe('a need found on a home visit or in a request', () => {
  const visit = residentVisit(41, '2026-11-20', { id: 77, needs: ['medical', 'meals'] })
  /** What the visit found, as the form describes it (the visits' own words). */
  const describeNeeds = (needs: readonly VisitNeed[]) =>
    i18n.global.t('lists.needForm.foundOnVisit', { needs: needs.map((n) => i18n.global.t(`residents.visits.needs.${n}`)).join(i18n.global.t('common.listSeparator')) })
  const request: Pick<RequestCase, 'id' | 'unit' | 'grid' | 'description'> = {
    id: 9,
    unit: { code: '620102001001', name: '畅家巷社区居委会', path: [] },
    grid: { code: '620102001001002', name: '第二网格', path: [] },
    description: '楼道灯坏了一个月，独居老人夜里出门不便',
  }

  it("maps each need a visit records to a need's category", () => {
    expect(VISIT_NEEDS.map((n) => VISIT_NEED_CATEGORIES[n])).toEqual(['meals', 'health', 'elderly_care', 'repair', 'counselling', 'other', 'other'])
  })

  it("carries the visit in the form's address and reads it back; a broken address is a need typed in", () => {
    const query = queryOfVisitFinding(41, visit)
    expect(query).toEqual({ visit: '77', person: '41', grid: '620102001001001', on: '2026-11-20', needs: 'medical,meals' })
    expect(findingFromQuery(query)).toEqual({ kind: 'visit', visitId: 77, personId: 41, grid: '620102001001001', visitedOn: '2026-11-20', needs: ['medical', 'meals'] })
    // A need the console does not know is left out.
    expect(findingFromQuery({ ...query, needs: 'meals,flying' })).toMatchObject({ needs: ['meals'] })
    expect(findingFromQuery({ ...query, visit: '0' })).toBeNull()
    expect(findingFromQuery({ ...query, person: 'x' })).toBeNull()
    expect(findingFromQuery({ ...query, grid: '620102001000' })).toBeNull()
    expect(findingFromQuery({ ...query, on: '20.11.2026' })).toBeNull()
    expect(findingFromQuery({})).toBeNull()
    expect(findingFromQuery(queryOfRequestFinding(9))).toEqual({ kind: 'request', requestId: 9 })
  })

  it("starts from the visit: its grid, the visited person, the first need's category, what it found", () => {
    const finding = findingFromQuery(queryOfVisitFinding(41, visit))
    if (finding?.kind !== 'visit') throw new Error('a visit')
    const form = needFormOfVisit(finding, describeNeeds)
    expect(form).toMatchObject({
      village: '620102001001',
      grid: '620102001001001',
      category: 'health',
      description: '走访发现：就医，助餐',
      source: 'visit',
      sourceRef: '',
      point: null,
      personId: 41,
      visitId: 77,
      requestId: null,
    })
    // The category is the user's to change; a visit that named no need leaves it to choose.
    expect(needFormOfVisit({ ...finding, needs: [] }, describeNeeds).category).toBe('')
    i18n.global.locale.value = 'en'
    expect(needFormOfVisit(finding, describeNeeds).description).toBe('Found on the home visit: Medical care, Meals')
  })

  it('sends the visit and the person, and no point nor reference for the server to take them from the visit', () => {
    const finding = findingFromQuery(queryOfVisitFinding(41, visit))
    if (finding?.kind !== 'visit') throw new Error('a visit')
    const body = needBody({ ...needFormOfVisit(finding, describeNeeds), category: 'meals', urgency: 'urgent' })
    expect(body).toEqual({
      unit: '620102001001001',
      category: 'meals',
      urgency: 'urgent',
      description: '走访发现：就医，助餐',
      source: 'visit',
      sourceRef: '',
      fromHour: 0,
      toHour: 24,
      personId: 41,
      visitId: 77,
    })
    // A point the user picks is sent.
    const picked = needBody({ ...needFormOfVisit(finding, describeNeeds), point: { lat: 36.0612, lon: 103.8343 } })
    expect(picked).toMatchObject({ lat: 36.0612, lon: 103.8343, visitId: 77 })
  })

  it("starts from the request: its grid, else its lead village or community, else the working unit; its description", () => {
    expect(needFormOfRequest(request, '620102001000')).toMatchObject({
      village: '620102001001',
      grid: '620102001001002',
      category: '',
      description: request.description,
      source: 'request',
      requestId: 9,
      visitId: null,
      personId: null,
    })
    expect(needFormOfRequest({ ...request, grid: null }, '620102001002')).toMatchObject({ village: '620102001001', grid: '' })
    const street = { ...request, grid: null, unit: { code: '620102001000', name: '酒泉路街道', path: [] } }
    expect(needFormOfRequest(street, '620102001003')).toMatchObject({ village: '620102001003', grid: '' })
    expect(needFormOfRequest(street, '620102001000')).toMatchObject({ village: '', grid: '' })
    // A long request is cut to what a need's description holds.
    expect([...needFormOfRequest({ ...request, description: '灯'.repeat(800) }, '').description]).toHaveLength(500)
    const body = needBody({ ...needFormOfRequest(request, ''), category: 'repair' })
    expect(body).toEqual({
      unit: '620102001001002',
      category: 'repair',
      urgency: 'normal',
      description: request.description,
      source: 'request',
      sourceRef: '',
      fromHour: 0,
      toHour: 24,
      requestId: 9,
    })
  })

  it('shows the refusal of a finding registered already at the line of where it came from', () => {
    const error = refused(400, 'invalid_argument', '参数不合法', [{ field: 'visitId', reason: '这次走访发现的该类需求已经登记' }])
    const refusal = formRefusal(error, NEED_FORM_FIELDS)
    expect(refusal).toEqual({ fields: { visitId: '这次走访发现的该类需求已经登记' }, atFields: true, message: '参数不合法' })
    expect(formRefusal(refused(400, 'invalid_argument', '参数不合法', [{ field: 'requestId', reason: '这件诉求的该类需求已经登记' }]), NEED_FORM_FIELDS).fields).toEqual({
      requestId: '这件诉求的该类需求已经登记',
    })
  })

  it("links a need to its visit on the person's page, or to its request, for those who may read them", () => {
    const all = () => true
    const none = () => false
    const fromVisit = { ...need, visitId: 77 }
    expect(findingLink(fromVisit, all)).toEqual({ name: 'residentPerson', params: { id: 41 }, query: { visit: '77' } })
    expect(findingLink(fromVisit, (p) => p !== 'residents:person:read')).toBeNull()
    const fromRequest = { ...need, source: 'request', personId: null, requestId: 9 }
    expect(findingLink(fromRequest, all)).toEqual({ name: 'requestDetail', params: { id: 9 } })
    expect(findingLink(fromRequest, none)).toBeNull()
    expect(findingLink(need, all)).toBeNull()
  })

  it('links to pages the console has', () => {
    const names = new Set(moduleRoutes.map((r) => String(r.name)))
    expect(['lists-need-new', 'residentPerson', 'requestDetail'].every((n) => names.has(n))).toBe(true)
  })
})

describe("the need's page", () => {
  it('offers proposals for an open need, and confirming and closing to those who may write', () => {
    expect(needSteps({ status: 'open' }, true)).toEqual({ propose: true, confirm: true, close: true })
    expect(needSteps({ status: 'open' }, false)).toEqual({ propose: true, confirm: false, close: false })
    expect(needSteps({ status: 'matched' }, true)).toEqual({ propose: false, confirm: false, close: false })
    expect(needSteps({ status: 'closed' }, true)).toEqual({ propose: false, confirm: false, close: false })
  })

  it('records the outcome of a match in service only, a note required when it failed', () => {
    expect(mayRecordOutcome(pending, true)).toBe(true)
    expect(mayRecordOutcome(pending, false)).toBe(false)
    expect(mayRecordOutcome({ outcome: 'done' }, true)).toBe(false)
    expect(mayRecordOutcome({ outcome: 'failed' }, true)).toBe(false)
    expect(outcomeNoteRequired('failed')).toBe(true)
    expect(outcomeNoteRequired('done')).toBe(false)
  })

  it('says when nothing can be proposed (no point) and when distances are straight lines', () => {
    expect(proposalsNotice({ located: false, byNetwork: true })).toBe('unlocated')
    expect(proposalsNotice({ located: false, byNetwork: false })).toBe('unlocated')
    expect(proposalsNotice({ located: true, byNetwork: false })).toBe('straightLine')
    expect(proposalsNotice({ located: true, byNetwork: true })).toBeNull()
  })

  it('shows the room a resource has left, and walks in whole metres', () => {
    expect(roomLeft(canteen)).toBe(13)
    expect(roomLeft({ capacity: 5, booked: 5 })).toBe(0)
    expect(roomLeft({ capacity: 2, booked: 3 })).toBe(0)
    expect(walkMetres(412.6)).toBe(413)
    expect(walkMetres(null)).toBeNull()
  })

  it('reloads after a conflict or a need gone, and keeps the dialog for anything else', () => {
    const full = refused(409, 'conflict', '“畅家巷社区老年食堂”已满（可服务 20 个），请选择其他资源')
    expect(afterRefusal(full)).toBe('reload')
    expect(afterRefusal(refused(404, 'not_found', '需求不存在'))).toBe('reload')
    expect(afterRefusal(refused(400, 'invalid_argument', '参数不合法', [{ field: 'note', reason: '必填' }]))).toBe('stay')
    expect(afterRefusal(refused(0, 'unavailable', '网络不可用'))).toBe('stay')
    expect(afterRefusal(new Error('boom'))).toBe('stay')
  })

  it('frames the need and every resource proposed on its map; the walk limit around a need alone', () => {
    const at = { lat: need.lat!, lon: need.lon! }
    const far = { lat: 36.07, lon: 103.82 }
    const [[south, west], [north, east]] = proposalBounds(at, [canteen, far, { lat: null, lon: null }])
    for (const p of [at, far, { lat: canteen.lat!, lon: canteen.lon! }]) {
      expect(p.lat).toBeGreaterThan(south)
      expect(p.lat).toBeLessThan(north)
      expect(p.lon).toBeGreaterThan(west)
      expect(p.lon).toBeLessThan(east)
    }
    const [[s, w], [n, e]] = proposalBounds(at, [])
    // 1,200 m each way: about 0.0108° of latitude.
    expect(n - at.lat).toBeCloseTo(0.0108, 3)
    expect(at.lat - s).toBeCloseTo(0.0108, 3)
    expect(e - at.lon).toBeGreaterThan(n - at.lat)
    expect(at.lon - w).toBeCloseTo(e - at.lon, 9)
  })
})

describe('the resources list and form', () => {
  it('reads and writes its filters; asks for the working unit unless another is chosen', () => {
    expect(resourceFilterFromQuery({ unit: '620102001000', category: 'legal' })).toEqual({ unit: '620102001000', category: 'legal' })
    expect(resourceFilterFromQuery({ unit: 'nope', category: 'magic' })).toEqual({ unit: '', category: '' })
    expect(queryOfResourceFilter({ unit: '', category: 'repair' })).toEqual({ unit: undefined, category: 'repair' })
    expect(resourceListQuery({ unit: '', category: '' }, '620102000000')).toEqual({ unit: '620102000000', category: undefined })
    expect(buildUrl('/api/v1/lists/resources.xlsx', resourceListQuery({ unit: '620102001001', category: 'meals' }, '620102000000'))).toBe(
      '/api/v1/lists/resources.xlsx?unit=620102001001&category=meals',
    )
  })

  it('starts at the working unit with one place all day', () => {
    expect(emptyResourceForm('620102000000')).toMatchObject({ unit: '620102000000', capacity: 1, fromHour: 0, toHour: 24, point: null, source: '', category: '' })
    expect(emptyResourceForm('').unit).toBe('')
  })

  it('comes back from the server as it was sent, texts trimmed', () => {
    const form = { ...resourceFormOf(canteen), name: ' 畅家巷社区老年食堂 ', contact: ' 0931-8888888 ' }
    expect(resourceBody(form)).toEqual({
      unit: '620102001001',
      source: 'facility',
      facilityId: null,
      organisationId: null,
      name: '畅家巷社区老年食堂',
      category: 'meals',
      capacity: 20,
      fromHour: 10,
      toHour: 14,
      contact: '0931-8888888',
      note: '',
      lat: 36.0621,
      lon: 103.8351,
    })
  })

  it('clears a point taken off the map, and sends a cleared capacity as 0 for the server to refuse', () => {
    const body = resourceBody({ ...resourceFormOf(canteen), point: null, capacity: null })
    expect(body).toMatchObject({ lat: null, lon: null, capacity: 0 })
  })

  it("shows the server's refusal of a capacity below the places booked at the capacity", () => {
    const error = refused(400, 'invalid_argument', '参数不合法', [{ field: 'capacity', reason: '可服务数量不能少于已对接的 7 个' }])
    const refusal = formRefusal(error, RESOURCE_FORM_FIELDS)
    expect(refusal.fields).toEqual({ capacity: '可服务数量不能少于已对接的 7 个' })
    expect(refusal.atFields).toBe(true)
  })
})

describe('a resource taken from the registry', () => {
  const COMMUNITY = '620102001001'
  const hall: Origin = { id: 7757, name: '畅家巷社区居委会党群服务中心', kindLabel: '社区综合服务设施', unit: COMMUNITY, unitName: '畅家巷社区居委会', lat: null, lon: null, taken: false }
  const shelter: Origin = { id: 33590, name: '畅家巷小学操场应急避难场所', kindLabel: '应急避难场所', unit: COMMUNITY, unitName: '畅家巷社区居委会', lat: 36.0626, lon: 103.83366, taken: true }
  const nursery: Resource = { ...canteen, id: 6, name: '畅家巷社区居委会托育点', category: 'childcare', facilityId: 14299 }
  let server: TestServer
  /** The origins the server answers with, by the source asked for. */
  const registry: Record<string, Origin[]> = { facility: [hall, shelter], volunteer: [], organisation: [] }

  beforeAll(async () => {
    server = await startServer()
    configureClient({ baseUrl: server.url, language: 'zh-CN', csrfToken: 'csrf-1' })
  })
  afterAll(() => server.close())
  beforeEach(() => {
    server.seen.length = 0
    server.handle((req) => {
      if (req.method === 'POST') return { status: 201, body: nursery }
      const url = new URL(req.url, server.url)
      const q = url.searchParams.get('q') ?? ''
      const items = (registry[url.searchParams.get('source') ?? ''] ?? []).filter((o) => o.name.includes(q))
      return { status: 200, body: { items, total: items.length } }
    })
  })

  const origins = (url: string) => url.startsWith('/api/v1/lists/resources/origins')

  /** The form and its 取自登记 as the page has them, the answers to what it asked arrived. */
  function mountForm() {
    const form = reactive(emptyResourceForm(COMMUNITY))
    const { result, unmount } = mountComposable(() => useResourceOrigin(form))
    const settled = () => vi.waitFor(() => expect(result.loading.value).toBe(false))
    return { form, origin: result, unmount, settled }
  }

  it('is offered for facilities, volunteers and organisations, never for stationed units or charity', () => {
    const sources: (ResourceSource | '')[] = ['facility', 'volunteer', 'organisation', 'stationed_unit', 'charity', '']
    expect(sources.map(takesOrigin)).toEqual([true, true, true, false, false, false])
  })

  it('asks the registry for the unit and the source chosen, and for the name typed', async () => {
    await listOrigins({ unit: COMMUNITY, source: 'organisation', q: '颐养', pageSize: 20 })
    const { form, origin, unmount, settled } = mountForm()
    expect(server.seen).toHaveLength(1)
    origin.source.value = 'facility'
    await settled()
    expect(origin.takes.value).toBe(true)
    expect(origin.options.value.map((o) => o.id)).toEqual([hall.id, shelter.id])
    await origin.search(' 党群 ')
    expect(server.seen.map((s) => decodeURIComponent(s.url))).toEqual([
      '/api/v1/lists/resources/origins?unit=620102001001&source=organisation&q=颐养&pageSize=20',
      '/api/v1/lists/resources/origins?unit=620102001001&source=facility&pageSize=20',
      '/api/v1/lists/resources/origins?unit=620102001001&source=facility&q=党群&pageSize=20',
    ])
    expect(origin.options.value.map((o) => o.name)).toEqual([hall.name])
    expect(form.origin).toBeNull()
    unmount()
  })

  it('takes the name of the one chosen and sends its facility with an empty name, for the server to name it', async () => {
    const { form, origin, unmount, settled } = mountForm()
    origin.source.value = 'facility'
    await settled()
    Object.assign(form, { category: 'elderly_care', name: '手写的名称' })
    origin.choose(hall.id)
    expect(form).toMatchObject({ origin: hall.id, name: hall.name, point: null })
    expect(origin.pointTaken.value).toBe(false)
    // Typed on after the choice: the one chosen stays among the options.
    await origin.search('操场')
    expect(origin.options.value.map((o) => o.id)).toEqual([hall.id, shelter.id])
    await createResource(resourceBody(form))
    const sent = JSON.parse(server.seen.at(-1)!.body) as Record<string, unknown>
    expect(sent).toMatchObject({ unit: COMMUNITY, source: 'facility', facilityId: hall.id, organisationId: null, name: '', category: 'elderly_care' })
    unmount()
  })

  it("places the resource at a facility's point, which the map then cannot move", async () => {
    const { form, origin, unmount, settled } = mountForm()
    origin.source.value = 'facility'
    await settled()
    origin.choose(shelter.id)
    expect(form.point).toEqual({ lat: 36.0626, lon: 103.83366 })
    expect(origin.pointTaken.value).toBe(true)
    origin.choose(null)
    expect(form.origin).toBeNull()
    expect(origin.pointTaken.value).toBe(false)
    expect(resourceBody(form)).toMatchObject({ facilityId: null, name: shelter.name })
    unmount()
  })

  it('clears the choice when the source or the unit changes, and asks the registry again', async () => {
    const { form, origin, unmount, settled } = mountForm()
    origin.source.value = 'facility'
    await settled()
    origin.choose(hall.id)
    origin.source.value = 'volunteer'
    expect(form.origin).toBeNull()
    expect(origin.options.value).toEqual([])
    await settled()
    expect(server.seen.at(-1)!.url).toBe('/api/v1/lists/resources/origins?unit=620102001001&source=volunteer&pageSize=20')
    origin.source.value = 'facility'
    await settled()
    origin.choose(hall.id)
    origin.unit.value = '620102001002'
    expect(form.origin).toBeNull()
    await settled()
    expect(server.seen.at(-1)!.url).toBe('/api/v1/lists/resources/origins?unit=620102001002&source=facility&pageSize=20')
    // A stationed unit is typed in: nothing asked, nothing offered, whatever was chosen dropped.
    const asked = server.seen.length
    origin.choose(hall.id)
    origin.source.value = 'stationed_unit'
    expect(origin.takes.value).toBe(false)
    expect(form.origin).toBeNull()
    await origin.search('')
    expect(server.seen).toHaveLength(asked)
    expect(resourceBody({ ...form, origin: hall.id })).toMatchObject({ facilityId: null, organisationId: null })
    unmount()
  })

  it('sends a volunteer team or an organisation as the organisation', () => {
    const form = { ...emptyResourceForm(COMMUNITY), source: 'volunteer' as const, origin: 5, name: '邻里帮', category: 'repair' as const }
    expect(resourceBody(form)).toMatchObject({ facilityId: null, organisationId: 5, name: '' })
    expect(resourceBody({ ...form, source: 'organisation' })).toMatchObject({ facilityId: null, organisationId: 5 })
  })

  it('shows what a resource being changed is taken from, by its current name, before the registry answers', async () => {
    expect(resourceFormOf(nursery).origin).toBe(14299)
    expect(resourceFormOf({ ...canteen, source: 'organisation', organisationId: 2 }).origin).toBe(2)
    expect(originOf(canteen)).toBeNull()
    const { form, origin, unmount, settled } = mountForm()
    Object.assign(form, resourceFormOf(nursery))
    origin.show(nursery)
    expect(origin.chosen.value).toMatchObject({ id: 14299, name: nursery.name, unitName: nursery.unitName })
    expect(origin.options.value.map((o) => o.id)).toEqual([14299])
    await settled()
    expect(origin.options.value.map((o) => o.id)).toEqual([14299, hall.id, shelter.id])
    expect(resourceBody(form)).toMatchObject({ facilityId: 14299, name: '' })
    expect(server.seen.filter((s) => origins(s.url))).toHaveLength(1)
    unmount()
  })

  it("shows the server's reasons about the facility or the organisation at the origin", () => {
    const error = refused(400, 'invalid_argument', '参数不合法', [{ field: 'facilityId', reason: '该设施不在本单位' }])
    expect(formRefusal(error, RESOURCE_FORM_FIELDS).fields).toEqual({ facilityId: '该设施不在本单位' })
  })
})

describe('the words of the lists', () => {
  it('read the daily hours, the whole day as such', () => {
    expect(hoursText(0, 24)).toBeNull()
    expect(hoursText(8, 18)).toBe('08:00–18:00')
    expect(hoursText(0, 12)).toBe('00:00–12:00')
  })

  it("name the server's codes in the reader's language, an unknown one by the server's label", () => {
    const { result: labels, unmount } = mountComposable(() => useListsLabels(), [i18n])
    expect(labels.category('elderly_care')).toBe('养老照护')
    expect(labels.resourceSource('stationed_unit')).toBe('驻区单位')
    expect(labels.status('open')).toBe('待对接')
    expect(labels.outcome('failed', 'x')).toBe('未成功')
    expect(labels.category('gardening', '园艺')).toBe('园艺')
    expect(labels.hours(0, 24)).toBe('全天')
    expect(labels.metres(1200)).toBe('1,200 米')
    expect(labels.metres(null)).toBe('—')
    i18n.global.locale.value = 'en'
    expect(labels.urgency('urgent')).toBe('Urgent')
    expect(labels.needSource('visit')).toBe('Home visit')
    expect(labels.hours(0, 24)).toBe('All day')
    unmount()
  })
})

describe('the calls of the lists pages', () => {
  let server: TestServer
  const notified: string[] = []

  beforeAll(async () => {
    server = await startServer()
    configureClient({ baseUrl: server.url, language: 'zh-CN', csrfToken: 'csrf-1', hooks: { notify: (m) => notified.push(m) } })
  })
  afterAll(() => server.close())
  beforeEach(() => {
    server.seen.length = 0
    notified.length = 0
  })

  it('list needs and resources by their filters, leaving out what is empty', async () => {
    server.handle(() => ({ status: 200, body: { items: [], total: 0 } }))
    await listNeeds({ page: 1, pageSize: 20 })
    await listNeeds({ unit: '620102001001', status: 'open', category: 'meals', urgency: 'urgent', page: 2, pageSize: 50 })
    await listResources({ unit: '620102000000', page: 1, pageSize: 20 })
    await listResources({ category: 'legal', page: 1, pageSize: 20 })
    expect(server.seen.map((s) => s.url)).toEqual([
      '/api/v1/lists/needs?page=1&pageSize=20',
      '/api/v1/lists/needs?unit=620102001001&status=open&category=meals&urgency=urgent&page=2&pageSize=50',
      '/api/v1/lists/resources?unit=620102000000&page=1&pageSize=20',
      '/api/v1/lists/resources?category=legal&page=1&pageSize=20',
    ])
  })

  it("read a need with its matches and its proposals", async () => {
    server.handle((req) =>
      req.url.endsWith('/proposals')
        ? { status: 200, body: { byNetwork: false, located: true, limitMetres: 1200, items: [{ resource: canteen, walkMetres: 130 }] } }
        : { status: 200, body: { need, matches: [pending] } },
    )
    const detail = await getNeed(12)
    const proposals = await getProposals(12)
    expect(detail.matches[0]?.outcome).toBe('pending')
    expect(proposalsNotice(proposals)).toBe('straightLine')
    expect(server.seen.map((s) => s.url)).toEqual(['/api/v1/lists/needs/12', '/api/v1/lists/needs/12/proposals'])
  })

  it("register a need, confirm a resource at the need's version, close one, and record an outcome at the match's", async () => {
    server.handle((req) => ({ status: req.url.endsWith('/matches') || req.url === '/api/v1/lists/needs' ? 201 : 200, body: req.url.includes('matches') ? pending : need }))
    await createNeed(needBody({ ...emptyNeedForm('620102001001'), category: 'meals', description: '送餐' }))
    await confirmMatch(12, 1, 3)
    await closeNeed(12, 2, '已由子女接回家中照护')
    await recordOutcome(40, 1, 'failed', '老人住院')
    expect(server.seen.map((s) => `${s.method} ${s.url} ${s.headers['x-csrf-token']}`)).toEqual([
      'POST /api/v1/lists/needs csrf-1',
      'POST /api/v1/lists/needs/12/matches csrf-1',
      'POST /api/v1/lists/needs/12/close csrf-1',
      'POST /api/v1/lists/matches/40/outcome csrf-1',
    ])
    expect(server.seen.map((s) => JSON.parse(s.body) as unknown).slice(1)).toEqual([
      { version: 1, resource: 3 },
      { version: 2, note: '已由子女接回家中照护' },
      { version: 1, outcome: 'failed', note: '老人住院' },
    ])
  })

  it('register a need found on a home visit: the visit and the person sent, no point', async () => {
    server.handle(() => ({ status: 201, body: { ...need, visitId: 77, sourceRef: '走访 2026-11-20' } }))
    const finding = findingFromQuery(queryOfVisitFinding(41, residentVisit(41, '2026-11-20', { id: 77, needs: ['meals'] })))
    if (finding?.kind !== 'visit') throw new Error('a visit')
    const made = await createNeed(needBody(needFormOfVisit(finding, () => '走访发现：助餐')))
    expect(made.visitId).toBe(77)
    expect(server.seen.map((s) => `${s.method} ${s.url}`)).toEqual(['POST /api/v1/lists/needs'])
    expect(JSON.parse(server.seen[0]!.body)).toEqual({
      unit: '620102001001001',
      category: 'meals',
      urgency: 'normal',
      description: '走访发现：助餐',
      source: 'visit',
      sourceRef: '',
      fromHour: 0,
      toHour: 24,
      personId: 41,
      visitId: 77,
    })
  })

  it('register and change a resource at the version read', async () => {
    server.handle(() => ({ status: 200, body: canteen }))
    const body = resourceBody(resourceFormOf(canteen))
    await createResource(body)
    await updateResource(3, { ...body, capacity: 25, version: 4 })
    expect(server.seen.map((s) => `${s.method} ${s.url}`)).toEqual(['POST /api/v1/lists/resources', 'PUT /api/v1/lists/resources/3'])
    expect(JSON.parse(server.seen[1]!.body)).toMatchObject({ capacity: 25, version: 4, unit: '620102001001' })
  })

  it("leave a refused step to the page: a full resource's message comes back, shown once by the page", async () => {
    server.handle(() => ({ status: 409, body: errorBody('conflict', '“畅家巷社区老年食堂”已满（可服务 20 个），请选择其他资源') }))
    const answer = await confirmMatch(12, 1, 3).catch((e: unknown) => e)
    expect(answer).toBeInstanceOf(ApiError)
    expect((answer as ApiError).message).toBe('“畅家巷社区老年食堂”已满（可服务 20 个），请选择其他资源')
    expect(afterRefusal(answer)).toBe('reload')
    expect(notified).toEqual([])
  })
})

describe('the lists pages in the console', () => {
  const page = { render: () => null }
  const routes: RouteRecordRaw[] = [{ path: '', component: page, meta: { title: 'menu.home', menu: { order: 0 }, permission: 'org:unit:read' } }, ...moduleRoutes]
  const group = (menu: MenuEntry[]) => menu.find((e) => 'group' in e && e.group === 'lists')
  const paths = (menu: MenuEntry[]) => {
    const g = group(menu)
    return g && 'children' in g ? g.children.map((c) => c.path) : []
  }

  it('are guarded by the module permissions', () => {
    const byName = new Map(moduleRoutes.map((r) => [String(r.name), r]))
    expect(byName.get('lists-needs')?.meta?.permission).toBe(NEED_READ)
    expect(byName.get('lists-need-detail')?.meta?.permission).toBe(NEED_READ)
    expect(byName.get('lists-need-new')?.meta?.permission).toBe(NEED_WRITE)
    expect(byName.get('lists-resources')?.meta?.permission).toBe(RESOURCE_READ)
    expect(byName.get('lists-resource-new')?.meta?.permission).toBe(RESOURCE_WRITE)
    expect(byName.get('lists-resource-edit')?.meta?.permission).toBe(RESOURCE_WRITE)
  })

  it('sit in a 三项清单 group of their own: the needs, then the resources', () => {
    const worker = ['org:unit:read', NEED_READ, NEED_WRITE, RESOURCE_READ, RESOURCE_WRITE]
    const menu = buildMenu(routes, worker)
    expect(paths(menu)).toEqual(['/lists/needs', '/lists/resources'])
    expect(i18n.global.t(group(menu)!.title)).toBe('三项清单')
    expect(paths(buildMenu(routes, ['org:unit:read', RESOURCE_READ]))).toEqual(['/lists/resources'])
    expect(group(buildMenu(routes, ['org:unit:read']))).toBeUndefined()
  })

  it('label their audit entries, reading the fixed details in the reader\'s language', () => {
    expect(auditActionLabel('lists.match.confirm')).toBe('确认需求对接')
    expect(auditObjectTypeLabel('lists_need')).toBe('需求')
    expect(auditDetail('lists.need.create', 'elderly_care')).toBe('服务类别：养老照护')
    expect(auditDetail('lists.need.raise', 'repair')).toBe('服务类别：维修服务')
    expect(auditDetail('lists.resource.update', 'capacity 25, version 5')).toBe('可服务数量 25，第 5 版')
    expect(auditDetail('lists.match.confirm', 'resource 3')).toBe('资源编号 3')
    expect(auditDetail('lists.match.outcome', 'match 40: failed')).toBe('对接 40：未成功')
    // A resource's name or a closing note reads as typed, whatever it says.
    expect(auditDetail('lists.resource.create', 'meals')).toBe('meals')
    expect(auditDetail('lists.need.close', 'resource 3')).toBe('resource 3')
    i18n.global.locale.value = 'en'
    expect(auditDetail('lists.match.outcome', 'match 40: done')).toBe('Match 40: Done')
    expect(auditDetail('lists.need.create', 'meals')).toBe('Category: Meals')
  })
})

// ---- projects (项目清单, 民生项目) ----------------------------------------------------------------------

const lift: ListsProject = {
  id: 7,
  version: 3,
  unit: '620102001001',
  unitName: '畅家巷社区居委会',
  title: '畅家巷 3 号院加装电梯',
  category: 'renovation',
  categoryLabel: '老旧小区改造',
  summary: '3 号院 2 个单元加装电梯',
  budgetFen: 128000050,
  fundingSource: 'fiscal',
  fundingSourceLabel: '财政资金',
  startOn: '2026-03-01',
  endOn: '2026-10-31',
  status: 'in_progress',
  statusLabel: '实施中',
  progress: 40,
  beneficiaries: 136,
  published: true,
  publishedAt: '2026-03-02T02:00:00.000Z',
  pendingComments: 2,
  createdByName: 'changjiaxiang',
  createdAt: '2026-02-20T02:00:00.000Z',
  updatedAt: '2026-06-01T02:00:00.000Z',
}

const remark: ProjectComment = {
  id: 90,
  projectId: 7,
  projectTitle: '畅家巷 3 号院加装电梯',
  body: '施工时间能否避开午休？',
  state: 'pending',
  stateLabel: '待审核',
  reply: '',
  createdAt: '2026-06-02T02:00:00.000Z',
  decidedByName: '',
  decidedAt: '',
}

describe('the projects list and comments', () => {
  it('reads and writes the filters; asks for the working unit unless another is chosen', () => {
    expect(projectFilterFromQuery({ unit: '620102001001', status: 'done' })).toEqual({ unit: '620102001001', status: 'done' })
    expect(projectFilterFromQuery({ status: 'finished', unit: 'x' })).toEqual({ unit: '', status: '' })
    expect(queryOfProjectFilter({ unit: '', status: 'planned' })).toEqual({ unit: undefined, status: 'planned' })
    expect(projectListQuery({ unit: '', status: '' }, '620102001000')).toEqual({ unit: '620102001000', status: undefined })
    expect(projectListQuery({ unit: '620102001001', status: 'suspended' }, '620102001000')).toEqual({ unit: '620102001001', status: 'suspended' })
  })

  it("opens the comments as the pending comments' to-do links them", () => {
    const target = todoTargets['lists.comments.pending']?.to as { name: string; query: Record<string, string> }
    expect(target.name).toBe('lists-comments')
    expect(commentFilterFromQuery(target.query)).toEqual({ unit: '', state: 'pending' })
    expect(queryOfCommentFilter({ unit: '', state: '' })).toEqual({ unit: undefined, state: undefined })
    expect(commentListQuery({ unit: '', state: 'hidden' }, '620102001001')).toEqual({ unit: '620102001001', state: 'hidden' })
  })

  it('tags statuses and states by how they stand', () => {
    expect(projectStatusTag('done')).toBe('success')
    expect(projectStatusTag('suspended')).toBe('danger')
    expect(projectStatusTag('planned')).toBe('info')
    expect(commentStateTag('pending')).toBe('warning')
    expect(commentStateTag('published')).toBe('success')
  })

  it('publishes or hides a pending comment, and turns a decided one the other way', () => {
    expect(commentDecisions('pending', true)).toEqual({ publish: true, hide: true })
    expect(commentDecisions('published', true)).toEqual({ publish: false, hide: true })
    expect(commentDecisions('hidden', true)).toEqual({ publish: true, hide: false })
    expect(commentDecisions('pending', false)).toEqual({ publish: false, hide: false })
    expect(projectSteps(false)).toEqual({ edit: false, report: false, publish: false })
  })
})

describe('the project form and progress reports', () => {
  it('starts at the working unit today, and comes back from the server as it was sent', () => {
    expect(emptyProjectForm('620102001001', '2026-12-05')).toMatchObject({ unit: '620102001001', startOn: '2026-12-05', endOn: '', budget: '', beneficiaries: null })
    const form = projectFormOf(lift)
    expect(form.budget).toBe('1280000.50')
    const budget = readYuan(form.budget)
    expect(budget).toEqual({ ok: true, fen: 128000050 })
    expect(projectBody({ ...form, title: ` ${form.title} ` }, 128000050)).toEqual({
      unit: lift.unit,
      title: lift.title,
      category: lift.category,
      summary: lift.summary,
      budgetFen: lift.budgetFen,
      fundingSource: lift.fundingSource,
      startOn: lift.startOn,
      endOn: lift.endOn,
      beneficiaries: lift.beneficiaries,
    })
  })

  it('belongs to a county, a township or street, a village or a community', () => {
    expect(holdsProjects('620102000000')).toBe(true)
    expect(holdsProjects('620102001000')).toBe(true)
    expect(holdsProjects('620102001001')).toBe(true)
    expect(holdsProjects('620100000000')).toBe(false)
    expect(holdsProjects('620102001001001')).toBe(false)
    expect(emptyProjectForm('620100000000', '2026-12-05').unit).toBe('')
  })

  it('keeps the end on or after the start', () => {
    expect(datesInOrder('2026-03-01', '2026-03-01')).toBe(true)
    expect(datesInOrder('2026-03-01', '2026-02-28')).toBe(false)
    expect(datesInOrder('2026-03-01', '')).toBe(true)
  })

  it('offers the status that goes with the progress, and says done needs 100 %', () => {
    expect(statusForProgress('planned', 10)).toBe('in_progress')
    expect(statusForProgress('planned', 0)).toBe('planned')
    expect(statusForProgress('in_progress', 100)).toBe('done')
    expect(statusForProgress('done', 90)).toBe('in_progress')
    expect(statusForProgress('suspended', 50)).toBe('suspended')
    expect(progressProblem('done', 95)).toBe('doneNeeds100')
    expect(progressProblem('done', 100)).toBeNull()
    expect(progressProblem('in_progress', 95)).toBeNull()
    expect(progressProblem('in_progress', 20, 30)).toBe('backwards')
  })

  it("shows the server's reasons at their fields: the budget at the budget", () => {
    const error = refused(400, 'invalid_argument', '参数不合法', [
      { field: 'budgetFen', reason: '预算不能为负' },
      { field: 'endOn', reason: '结束日期不能早于开始日期' },
    ])
    const refusal = formRefusal(error, PROJECT_FORM_FIELDS)
    expect(refusal.fields).toEqual({ budgetFen: '预算不能为负', endOn: '结束日期不能早于开始日期' })
    expect(refusal.atFields).toBe(true)
  })
})

describe('the calls of the project pages', () => {
  let server: TestServer
  const notified: string[] = []

  beforeAll(async () => {
    server = await startServer()
    configureClient({ baseUrl: server.url, language: 'zh-CN', csrfToken: 'csrf-1', hooks: { notify: (m) => notified.push(m) } })
  })
  afterAll(() => server.close())
  beforeEach(() => {
    server.seen.length = 0
    notified.length = 0
  })

  it('list projects and comments by their filters, and read a project', async () => {
    server.handle((req) => ({ status: 200, body: req.url.startsWith('/api/v1/lists/projects/7') ? { project: lift, updates: [], comments: [remark] } : { items: [], total: 0 } }))
    await listProjects({ page: 1, pageSize: 20 })
    await listProjects({ unit: '620102001001', status: 'in_progress', page: 1, pageSize: 20 })
    await listComments({ unit: '620102001000', state: 'pending', page: 1, pageSize: 20 })
    const detail = await getProject(7)
    expect(detail.comments[0]?.state).toBe('pending')
    expect(server.seen.map((s) => s.url)).toEqual([
      '/api/v1/lists/projects?page=1&pageSize=20',
      '/api/v1/lists/projects?unit=620102001001&status=in_progress&page=1&pageSize=20',
      '/api/v1/lists/comments?unit=620102001000&state=pending&page=1&pageSize=20',
      '/api/v1/lists/projects/7',
    ])
  })

  it("register, change, report, publish and decide at the project's version", async () => {
    server.handle((req) => ({ status: req.method === 'POST' && (req.url === '/api/v1/lists/projects' || req.url.endsWith('/comments')) ? 201 : 200, body: req.url.includes('comment') ? remark : lift }))
    const body = projectBody(projectFormOf(lift), lift.budgetFen)
    await createProject(body)
    await updateProject(7, { ...body, version: 3 })
    await reportProgress(7, { version: 3, on: '2026-06-01', progress: 60, status: 'in_progress', text: '井道完工' })
    await publishProject(7, 4, false)
    await decideComment(90, 'publish', '已转施工单位')
    await commentOnProject(7, '施工时间能否避开午休？')
    expect(server.seen.map((s) => `${s.method} ${s.url} ${s.headers['x-csrf-token']}`)).toEqual([
      'POST /api/v1/lists/projects csrf-1',
      'PUT /api/v1/lists/projects/7 csrf-1',
      'POST /api/v1/lists/projects/7/updates csrf-1',
      'POST /api/v1/lists/projects/7/publish csrf-1',
      'POST /api/v1/lists/comments/90/decision csrf-1',
      'POST /api/v1/lists/projects/7/comments csrf-1',
    ])
    expect(server.seen.map((s) => JSON.parse(s.body) as Record<string, unknown>).slice(1)).toEqual([
      { ...body, version: 3 },
      { version: 3, on: '2026-06-01', progress: 60, status: 'in_progress', text: '井道完工' },
      { version: 4, published: false },
      { decision: 'publish', reply: '已转施工单位' },
      { body: '施工时间能否避开午休？' },
    ])
  })

  it("leave a comment refused for a phone number to the page, with the server's reason", async () => {
    server.handle(() => ({ status: 400, body: errorBody('invalid_argument', '参数不合法', [{ field: 'body', reason: '留言不能含有手机号码' }]) }))
    const answer = await commentOnProject(7, '有事请打 13812345678').catch((e: unknown) => e)
    expect((answer as ApiError).fieldReason('body')).toBe('留言不能含有手机号码')
    expect(notified).toEqual([])
  })

  it('read the published projects and one of them, and the resident their own comments', async () => {
    server.handle(() => ({ status: 200, body: { items: [], total: 0 } }))
    await listPublicProjects('620102001001', { page: 1, pageSize: 10 })
    await getPublicProject(7)
    await listMyComments()
    expect(server.seen.map((s) => s.url)).toEqual(['/api/v1/public/projects?unit=620102001001&page=1&pageSize=10', '/api/v1/public/projects/7', '/api/v1/lists/my-comments'])
  })

  it("read the resident's own needs and raise one, a refusal left to the page", async () => {
    server.handle((req) => (req.method === 'GET' ? { status: 200, body: { items: [] } } : { status: 409, body: errorBody('conflict', '您已有 5 条需求正在办理，请办结后再提出') }))
    await listMyNeeds()
    const answer = await raiseMyNeed({ category: 'meals', urgency: 'urgent', description: '午餐送餐', fromHour: 11, toHour: 13 }).catch((e: unknown) => e)
    expect((answer as ApiError).status).toBe(409)
    expect(notified).toEqual([])
    expect(server.seen.map((s) => `${s.method} ${s.url}`)).toEqual(['GET /api/v1/lists/my-needs', 'POST /api/v1/lists/my-needs'])
    expect(JSON.parse(server.seen[1]!.body)).toEqual({ category: 'meals', urgency: 'urgent', description: '午餐送餐', fromHour: 11, toHour: 13 })
  })
})

describe('the project pages in the console', () => {
  const page = { render: () => null }
  const routes: RouteRecordRaw[] = [{ path: '', component: page, meta: { title: 'menu.home', menu: { order: 0 }, permission: 'org:unit:read' } }, ...moduleRoutes]
  const paths = (menu: MenuEntry[]) => menu.flatMap((e) => ('group' in e && e.group === 'lists' ? e.children.map((c) => c.path) : []))

  it('are guarded by the module permissions', () => {
    const byName = new Map(moduleRoutes.map((r) => [String(r.name), r]))
    expect(byName.get('lists-projects')?.meta?.permission).toBe(PROJECT_READ)
    expect(byName.get('lists-project-detail')?.meta?.permission).toBe(PROJECT_READ)
    expect(byName.get('lists-project-new')?.meta?.permission).toBe(PROJECT_WRITE)
    expect(byName.get('lists-project-edit')?.meta?.permission).toBe(PROJECT_WRITE)
    expect(byName.get('lists-comments')?.meta?.permission).toBe(PROJECT_WRITE)
  })

  it('list the projects third under 三项清单, the comments to review after them for those who write', () => {
    const worker = ['org:unit:read', NEED_READ, RESOURCE_READ, PROJECT_READ, PROJECT_WRITE]
    expect(paths(buildMenu(routes, worker))).toEqual(['/lists/needs', '/lists/resources', '/lists/projects', '/lists/comments'])
    expect(paths(buildMenu(routes, ['org:unit:read', PROJECT_READ]))).toEqual(['/lists/projects'])
  })

  it("name the projects' codes in the reader's language", () => {
    const { result: labels, unmount } = mountComposable(() => useListsLabels(), [i18n])
    expect(labels.projectCategory('renovation')).toBe('老旧小区改造')
    expect(labels.fundingSource('lottery')).toBe('福彩公益金')
    expect(labels.projectStatus('suspended')).toBe('暂缓')
    expect(labels.commentState('hidden')).toBe('不公开')
    i18n.global.locale.value = 'en'
    expect(labels.projectStatus('in_progress')).toBe('Under way')
    unmount()
  })
})
