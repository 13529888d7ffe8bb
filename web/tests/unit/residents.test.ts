// The residents pages' pure helpers: the ID-number hint agrees with GB 11643 (and so with the
// server), ages, tags and the exact search box; the lists of choices agree with the server's API
// description; an ID number or a phone searched for travels in a POST body, never in a URL.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { HOUSEHOLD_TYPES, REGISTRATIONS, REVEAL_FIELDS, TAG_KEYS, SENSITIVE_TAGS, listPersons, searchPersons } from '@/api/residents'
import { i18n } from '@/locales'
import { configureClient, setCsrfToken } from '@/utils/request'
import {
  ageOn,
  disabilityDetail,
  exactSearch,
  exportFileName,
  normaliseResidentId,
  parseDisability,
  residentFormErrors,
  residentIdBirthDate,
  residentIdCheckCharacter,
  residentIdProblem,
  residentIdSex,
  sameTags,
  visibleTagKeys,
} from '@/utils/residents'
import { auditDetail } from '@/views/system/audit/labels'
import { startServer, type TestServer } from './helpers'

const TODAY = '2026-12-03'

describe('ID numbers', () => {
  it('compute the MOD 11-2 check character of GB 11643', () => {
    // The standard's own examples.
    expect(residentIdCheckCharacter('11010519491231002')).toBe('X')
    expect(residentIdCheckCharacter('44052418800101001')).toBe('4')
    expect(() => residentIdCheckCharacter('1101051949123100')).toThrow()
  })

  it('name the first problem of what was typed, or none', () => {
    expect(residentIdProblem('11010519491231002X', TODAY)).toBeNull()
    expect(residentIdProblem('440524188001010014', TODAY)).toBe('birthDate') // 1880: before 1900
    expect(residentIdProblem('11010519491231002', TODAY)).toBe('length')
    expect(residentIdProblem('11010519491231002x', TODAY)).toBe('characters')
    expect(residentIdProblem('1101051949123100AX', TODAY)).toBe('characters')
    expect(residentIdProblem('110105194902300023', TODAY)).toBe('birthDate') // 30 February
    expect(residentIdProblem('110105203001010012', TODAY)).toBe('birthDate') // not born yet
    expect(residentIdProblem('110105194912310021', TODAY)).toBe('checkCharacter')
  })

  it('are read as typed: full-width digits, spaces, a lower-case x', () => {
    expect(normaliseResidentId(' １１０１０５ 19491231002x ')).toBe('11010519491231002X')
    expect(normaliseResidentId('11010519491231002ｘ')).toBe('11010519491231002X')
  })

  it('state the date of birth and the sex', () => {
    expect(residentIdBirthDate('11010519491231002X')).toBe('1949-12-31')
    expect(residentIdSex('11010519491231002X')).toBe('female') // 2: even
    expect(residentIdSex('110105194912310013')).toBe('male')
  })
})

describe('ages', () => {
  it('count full years, the birthday itself included', () => {
    expect(ageOn('1990-12-03', TODAY)).toBe(36)
    expect(ageOn('1990-12-04', TODAY)).toBe(35)
    expect(ageOn('2026-12-03', TODAY)).toBe(0)
    expect(ageOn('2000-02-29', '2026-02-28')).toBe(25)
    expect(ageOn('2000-02-29', '2026-03-01')).toBe(26)
  })

  it('are none for an unreadable or future date', () => {
    expect(ageOn('', TODAY)).toBeNull()
    expect(ageOn('1990/12/03', TODAY)).toBeNull()
    expect(ageOn('2027-01-01', TODAY)).toBeNull()
  })
})

describe('tags', () => {
  it('hide the two sensitive ones from those without the right', () => {
    expect(visibleTagKeys(true)).toEqual([...TAG_KEYS])
    const plain = visibleTagKeys(false)
    expect(plain).not.toContain('mental_disorder')
    expect(plain).not.toContain('community_correction')
    expect(plain).toHaveLength(TAG_KEYS.length - 2)
    expect([...SENSITIVE_TAGS].every((k) => (TAG_KEYS as readonly string[]).includes(k))).toBe(true)
  })

  it("read and write a disability's kind and grade", () => {
    expect(parseDisability('physical:2')).toEqual({ kind: 'physical', grade: 2 })
    expect(parseDisability('multiple:4')).toEqual({ kind: 'multiple', grade: 4 })
    expect(parseDisability('physical:5')).toBeNull()
    expect(parseDisability('wings:1')).toBeNull()
    expect(parseDisability('')).toBeNull()
    expect(disabilityDetail('visual', 1)).toBe('visual:1')
    expect(disabilityDetail('visual', null)).toBe('')
    expect(disabilityDetail('', 2)).toBe('')
    expect(disabilityDetail('visual', 7)).toBe('')
  })

  it('compare lists regardless of order', () => {
    const a = [{ key: 'living_alone' }, { key: 'disability', detail: 'visual:1' }]
    expect(sameTags(a, [{ key: 'disability', detail: 'visual:1' }, { key: 'living_alone', detail: '' }])).toBe(true)
    expect(sameTags(a, [{ key: 'disability', detail: 'visual:2' }, { key: 'living_alone' }])).toBe(false)
    expect(sameTags(a, [{ key: 'living_alone' }])).toBe(false)
  })
})

describe('the exact search box', () => {
  it('tells an ID number from a mobile, as typed', () => {
    expect(exactSearch('11010519491231002x')).toEqual({ idNumber: '11010519491231002X' })
    expect(exactSearch(' 138 1234 5678 ')).toEqual({ phone: '13812345678' })
    expect(exactSearch('+86 138-1234-5678')).toEqual({ phone: '13812345678' })
  })

  it('is empty, or neither when half typed', () => {
    expect(exactSearch('  ')).toBe('')
    expect(exactSearch('1381234')).toBeNull()
    expect(exactSearch('张三')).toBeNull()
  })
})

describe("the server's reasons", () => {
  it("go to their fields, a tag's under the tags, several joined", () => {
    const errors = residentFormErrors(
      [
        { field: 'idNumber', reason: '校验码不正确' },
        { field: 'tags[1].detail', reason: '应为残疾类别和等级' },
        { field: 'tags[0]', reason: '无权标注该类人群' },
        { field: 'name', reason: '长度应为 1 至 50 个字' },
      ],
      '；',
    )
    expect(errors).toEqual({ idNumber: '校验码不正确', tags: '应为残疾类别和等级；无权标注该类人群', name: '长度应为 1 至 50 个字' })
  })

  it('name the export by the resident', () => {
    expect(exportFileName(42)).toBe('resident-42.json')
  })
})

describe("the server's choices", () => {
  const api = JSON.parse(readFileSync(fileURLToPath(new URL('../../src/api/generated/openapi.json', import.meta.url)), 'utf8')) as {
    components: { schemas: Record<string, { properties: Record<string, { enum?: string[] }> }> }
  }
  const enumOf = (schema: string, property: string) => api.components.schemas[schema]?.properties[property]?.enum
  it('are those of the API description, in its order', () => {
    expect([...TAG_KEYS]).toEqual(enumOf('ResidentTag', 'key'))
    expect([...REGISTRATIONS]).toEqual(enumOf('ResidentPerson', 'registration'))
    expect([...HOUSEHOLD_TYPES]).toEqual(enumOf('ResidentHousehold', 'type'))
    expect([...REVEAL_FIELDS]).toEqual(['name', 'idNumber', 'phone', 'address'])
  })
})

describe('the calls', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer()
  })
  afterAll(() => server.close())
  beforeEach(() => {
    server.seen.length = 0
    setCsrfToken('csrf-1')
    configureClient({ baseUrl: server.url, language: 'zh-CN', hooks: {} })
  })

  it('send an ID number searched for in a POST body, never in the URL', async () => {
    server.handle(() => ({ status: 200, body: { items: [], total: 0 } }))
    await searchPersons({ idNumber: '11010519491231002X' })
    const sent = server.seen[0]
    expect(sent?.method).toBe('POST')
    expect(sent?.url).toBe('/api/v1/residents/persons/search')
    expect(sent?.headers['x-csrf-token']).toBe('csrf-1')
    expect(JSON.parse(sent?.body ?? '')).toEqual({ idNumber: '11010519491231002X' })
  })

  it('leave out of the list query a tag and a switch not chosen', async () => {
    server.handle(() => ({ status: 200, body: { items: [], total: 0 } }))
    await listPersons({ unit: '620102001001', tag: '', includeMovedOut: false, page: 1, pageSize: 20 })
    await listPersons({ unit: '620102001001', tag: 'living_alone', includeMovedOut: true, page: 2, pageSize: 50 })
    expect(server.seen.map((s) => s.url)).toEqual([
      '/api/v1/residents/persons?unit=620102001001&page=1&pageSize=20',
      '/api/v1/residents/persons?unit=620102001001&tag=living_alone&includeMovedOut=true&page=2&pageSize=50',
    ])
  })
})

describe('the audit log', () => {
  afterEach(() => {
    i18n.global.locale.value = 'zh-CN'
  })

  it("reads the residents module's details in the reader's language, a reason as typed", () => {
    expect(auditDetail('residents.household.read', '3 members')).toBe('该户现有 3 人')
    expect(auditDetail('residents.person.create', 'household 12')).toBe('登记在户 12')
    expect(auditDetail('residents.person.move', 'to household 3 on 2026-11-30')).toBe('2026-11-30 迁入户 3')
    expect(auditDetail('residents.person.move', 'moved away on 2026-11-30')).toBe('2026-11-30 迁出本辖区')
    expect(auditDetail('residents.person.search', 'by ID number, 1 found')).toBe('按身份证号查找，找到 1 人')
    expect(auditDetail('residents.person.search', 'by phone, 0 found')).toBe('按电话查找，找到 0 人')
    expect(auditDetail('residents.person.reveal', 'idNumber: 核实身份: 办理高龄津贴')).toBe('身份证号明文，原因：核实身份: 办理高龄津贴')
    // An export's detail is the reason alone: whatever it says, it stays as typed.
    expect(auditDetail('residents.person.export', 'moved away on 2026-11-30')).toBe('moved away on 2026-11-30')
    i18n.global.locale.value = 'en'
    expect(auditDetail('residents.person.reveal', 'phone: to call about the allowance')).toBe('Phone in clear, because: to call about the allowance')
  })
})
