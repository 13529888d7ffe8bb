// The facility pages' own logic: opening hours as typed and as shown, the form to and from the
// API's fields, the server's reasons by form field, what a history entry changed, and the import
// sent as the file itself with a media type the route takes.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { importFacilities, uploadType, type Facility } from '@/api/facility'
import {
  FACILITY_FIELDS,
  FIGURES_FIELDS,
  changedFields,
  dayHours,
  emptyForm,
  fieldsOf,
  formErrors,
  formOf,
  needsCapacity,
  parseRanges,
  rangeMinutes,
  weekGroups,
  weekText,
} from '@/utils/facility'
import { ApiError, configureClient, setCsrfToken } from '@/utils/request'
import { startServer, type TestServer } from './helpers'

const WEEK = {
  mon: ['08:00-12:00', '14:00-18:00'],
  tue: ['08:00-12:00', '14:00-18:00'],
  wed: ['08:00-12:00', '14:00-18:00'],
  thu: ['08:00-12:00', '14:00-18:00'],
  fri: ['08:00-12:00', '14:00-18:00'],
  sat: ['09:00-12:00'],
  sun: [],
}

const FACILITY: Facility = {
  id: 7,
  unitCode: '620102001001',
  unit: { code: '620102001001', name: '畅家巷社区居委会', path: [{ code: '620100000000', name: '兰州市' }] },
  type: 'comprehensive',
  name: '畅家巷社区综合服务中心',
  status: 'open',
  floorArea: 800,
  activityArea: 560,
  officeArea: 100,
  serviceArea: 50,
  landArea: null,
  capacity: null,
  hours: WEEK,
  services: ['health', 'meal_aid'],
  lat: 36.06,
  lon: 103.83,
  openedOn: '2024-05-01',
  closedOn: null,
  createdAt: '2026-12-02T05:44:01.296Z',
  updatedAt: '2026-12-02T05:44:01.296Z',
  version: 3,
}

describe('opening hours', () => {
  it('reads a day as typed, with any separator and dash, hours padded', () => {
    expect(parseRanges('8:00-12:00, 14:00-18:00')).toEqual(['08:00-12:00', '14:00-18:00'])
    expect(parseRanges('08:00～12:00、14:00—18:00；19:00至21:30')).toEqual(['08:00-12:00', '14:00-18:00', '19:00-21:30'])
    expect(parseRanges('  ')).toEqual([])
    // Not a range: passed on as typed for the server to explain.
    expect(parseRanges('8-18')).toEqual(['8-18'])
  })

  it('counts the hours of a day; 24:00 ends it', () => {
    expect(rangeMinutes('08:00-12:30')).toBe(270)
    expect(rangeMinutes('00:00-24:00')).toBe(1440)
    expect(rangeMinutes('18:00-08:00')).toBeNull()
    expect(rangeMinutes('8-18')).toBeNull()
    expect(dayHours(WEEK.mon)).toBe(8)
    expect(dayHours(WEEK.sun)).toBe(0)
  })

  it('groups the days in a row that share their ranges', () => {
    expect(weekGroups(WEEK)).toEqual([
      { from: 'mon', to: 'fri', ranges: WEEK.mon },
      { from: 'sat', to: 'sat', ranges: ['09:00-12:00'] },
      { from: 'sun', to: 'sun', ranges: [] },
    ])
    const days = { mon: '周一', tue: '周二', wed: '周三', thu: '周四', fri: '周五', sat: '周六', sun: '周日' }
    const text = weekText(WEEK, { day: (d) => days[d], span: (a, b) => `${a}至${b}`, closed: '不开放', colon: ' ', separator: '；' })
    expect(text).toBe('周一至周五 08:00-12:00, 14:00-18:00；周六 09:00-12:00；周日 不开放')
    // The same ranges apart are two groups: only days in a row are joined.
    expect(weekGroups({ ...WEEK, wed: [] }).map((g) => `${g.from}-${g.to}`)).toEqual(['mon-tue', 'wed-wed', 'thu-fri', 'sat-sat', 'sun-sun'])
  })
})

describe('the form', () => {
  it('sends what was typed as the API takes it', () => {
    const form = emptyForm('620102001001')
    Object.assign(form, { type: 'elderly_canteen', name: '  助餐点 ', floorArea: 120, activityArea: 80, officeArea: undefined, openedOn: '' })
    form.hours.mon = '8:00-12:00 14:00-18:00'
    const fields = fieldsOf(form)
    expect(fields.name).toBe('助餐点')
    expect(fields.officeArea).toBe(0)
    expect(fields.landArea).toBeNull()
    expect(fields.lat).toBeNull()
    expect(fields.openedOn).toBeNull()
    expect(fields.hours.mon).toEqual(['08:00-12:00', '14:00-18:00'])
    expect(fields.hours.sun).toEqual([])
  })

  it('round-trips a facility through the form', () => {
    const form = formOf(FACILITY)
    expect(form.hours.mon).toBe('08:00-12:00, 14:00-18:00')
    expect(form.hours.sun).toBe('')
    const fields = fieldsOf(form)
    for (const key of Object.keys(fields) as (keyof typeof fields)[]) expect(fields[key], key).toEqual(FACILITY[key])
    expect(Object.keys(fields).sort()).toEqual([...FACILITY_FIELDS].sort())
  })

  it('sends the capacity of a shelter, and none left empty', () => {
    const shelter = { ...FACILITY, type: 'emergency_shelter', capacity: 200 } satisfies Facility
    expect(fieldsOf(formOf(shelter)).capacity).toBe(200)
    const form = emptyForm('620102001001')
    expect(fieldsOf(form).capacity).toBeNull()
    form.capacity = undefined
    expect(fieldsOf(form).capacity).toBeNull()
  })

  it('asks the capacity of an emergency shelter only', () => {
    expect(needsCapacity('emergency_shelter')).toBe(true)
    expect(needsCapacity('comprehensive')).toBe(false)
    expect(needsCapacity('')).toBe(false)
  })

  it("puts each of the server's reasons at its field, all of them", () => {
    const errors = formErrors([
      { field: 'activityArea', reason: '不能大于总建筑面积' },
      { field: 'hours.mon[1]', reason: '时段重叠' },
      { field: 'hours.mon[0]', reason: '应为“08:00-12:00”这样的时段' },
      { field: 'services[2]', reason: '重复' },
    ])
    expect(errors).toEqual({
      activityArea: '不能大于总建筑面积',
      'hours.mon': '时段重叠; 应为“08:00-12:00”这样的时段',
      services: '重复',
    })
  })
})

describe('history', () => {
  it('lists the fields a change changed, in the form’s order', () => {
    const before = { ...FACILITY, hours: { ...WEEK } }
    // The same hours with the keys in another order have not changed.
    const reordered = Object.fromEntries(Object.entries(WEEK).reverse())
    const after = { ...FACILITY, name: '新名称', floorArea: 900, hours: reordered, services: ['health'], version: 4 }
    expect(changedFields(before, after, FACILITY_FIELDS)).toEqual([
      { field: 'name', before: FACILITY.name, after: '新名称' },
      { field: 'floorArea', before: 800, after: 900 },
      { field: 'services', before: ['health', 'meal_aid'], after: ['health'] },
    ])
  })

  it('lists what the registration entered, leaving out the empty', () => {
    const fields = changedFields(null, FACILITY, FACILITY_FIELDS).map((c) => c.field)
    expect(fields).toContain('name')
    expect(fields).toContain('hours')
    expect(fields).not.toContain('landArea')
    expect(fields).not.toContain('closedOn')
  })

  it('reads a year of base figures', () => {
    const before = { households: 2000, residents: 6000, urbanResidents: 6000, buildingArea: 50000, childcarePlaces: 40, childcareAffordable: 30 }
    expect(changedFields(before, { ...before, households: 2100 }, FIGURES_FIELDS)).toEqual([{ field: 'households', before: 2000, after: 2100 }])
  })
})

describe('import', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer()
    configureClient({ baseUrl: server.url, language: 'zh-CN' })
  })
  afterAll(() => server.close())
  beforeEach(() => {
    server.seen.length = 0
    setCsrfToken('token-1')
  })

  it('sends a media type the route takes', () => {
    expect(uploadType({ type: 'text/csv' })).toBe('text/csv')
    expect(uploadType({ type: 'application/vnd.ms-excel' })).toBe('application/vnd.ms-excel')
    expect(uploadType({ type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    )
    expect(uploadType({ type: '' })).toBe('application/octet-stream')
    expect(uploadType({ type: 'text/plain' })).toBe('application/octet-stream')
  })

  it('posts the file itself, with the CSRF token, and reads the count', async () => {
    server.handle(() => ({ status: 200, body: { registered: 2 } }))
    const csv = '单位代码,设施类型,名称\n620102001001,老年餐桌（助餐点）,助餐点\n'
    const result = await importFacilities(new Blob([csv], { type: 'text/csv' }))
    expect(result.registered).toBe(2)
    const sent = server.seen[0]!
    expect(sent.method).toBe('POST')
    expect(sent.url).toBe('/api/v1/facilities/import')
    expect(sent.headers['content-type']).toBe('text/csv')
    expect(sent.headers['x-csrf-token']).toBe('token-1')
    expect(sent.body).toBe(csv)
  })

  it('hands back every bad cell with its line', async () => {
    server.handle(() => ({
      status: 400,
      body: {
        code: 'invalid_argument',
        message: '请求参数有误',
        details: [
          { field: '设施类型', line: 3, reason: '没有这种设施类型' },
          { field: '周一', line: 3, reason: '应为时段' },
        ],
        requestId: 'r1',
      },
    }))
    const error = await importFacilities(new Blob(['x'], { type: '' })).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).details.map((d) => [d.line, d.field])).toEqual([
      [3, '设施类型'],
      [3, '周一'],
    ])
    expect(server.seen[0]!.headers['content-type']).toBe('application/octet-stream')
  })
})
