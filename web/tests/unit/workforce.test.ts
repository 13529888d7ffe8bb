// The workforce pages' helpers (src/utils/workforce.ts): what the exact search sends, what the
// forms send (a phone only when a new one was typed), what may be done with a course on a day,
// and a refused class list in the order a person corrects the file.
import { describe, expect, it } from 'vitest'
import { residentIdCheckCharacter } from '@/utils/residents'
import {
  changeBody,
  classListProblems,
  courseActions,
  coursePhase,
  courseYears,
  defaultCompletedOn,
  idNumberSearch,
  isMainPosition,
  mainPostInForce,
  registerBody,
} from '@/utils/workforce'

const BODY = '62010219850312123'
const ID = `${BODY}${residentIdCheckCharacter(BODY)}`
const TODAY = '2026-06-15'

describe('the exact search by ID number', () => {
  it('sends a whole ID number as the server takes it, spaces and full-width digits made plain', () => {
    expect(idNumberSearch(` ${ID.slice(0, 6)} ${ID.slice(6)} `, TODAY)).toEqual({ idNumber: ID })
    const fullWidth = ID.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))
    expect(idNumberSearch(fullWidth, TODAY)).toEqual({ idNumber: ID })
  })

  it('says why a number is not one yet, and sends nothing', () => {
    expect(idNumberSearch(ID.slice(0, 10), TODAY)).toEqual({ problem: 'length' })
    const wrong = `${BODY}${residentIdCheckCharacter(BODY) === '0' ? '1' : '0'}`
    expect(idNumberSearch(wrong, TODAY)).toEqual({ problem: 'checkCharacter' })
  })

  it('is empty for an empty box', () => {
    expect(idNumberSearch('   ', TODAY)).toBe('')
  })
})

describe('the forms', () => {
  const form = {
    unit: '620102001001',
    name: ' 张三丰 ',
    phone: '138 0013 8000',
    idNumber: `${ID.slice(0, 17)}${ID[17] === 'X' ? 'x' : ID[17]}`,
    qualification: 'none' as const,
    certificateNumber: 'left over',
    socialService: true,
    position: 'secretary' as const,
    startedOn: '2026-01-01',
  }

  it('register a worker without a certificate number when there is no qualification', () => {
    expect(registerBody(form)).toEqual({
      unit: '620102001001',
      name: '张三丰',
      phone: '13800138000',
      idNumber: ID,
      qualification: 'none',
      socialService: true,
      position: 'secretary',
      startedOn: '2026-01-01',
    })
    expect(registerBody({ ...form, qualification: 'assistant', certificateNumber: ' ZS-001 ' }).certificateNumber).toBe('ZS-001')
  })

  it('send the phone only when a new one was typed', () => {
    const kept = changeBody({ phone: '', qualification: 'social_worker', certificateNumber: 'S-1', socialService: false }, 4)
    expect(kept).toEqual({ qualification: 'social_worker', certificateNumber: 'S-1', socialService: false, version: 4 })
    expect('phone' in kept).toBe(false)
    expect(changeBody({ phone: '139-0000-1111', qualification: 'none', certificateNumber: 'S-1', socialService: true }, 5)).toEqual({
      phone: '13900001111',
      qualification: 'none',
      socialService: true,
      version: 5,
    })
  })
})

describe('posts', () => {
  it('tell the main posts from those held beside them', () => {
    expect(isMainPosition('secretary_director')).toBe(true)
    expect(isMainPosition('grid_worker')).toBe(true)
    expect(isMainPosition('children_director')).toBe(false)
    expect(isMainPosition('reserve_secretary')).toBe(false)
  })

  it('find the main post that must end before another starts', () => {
    const posts = [
      { position: 'children_director' as const, startedOn: '2025-01-01', endedOn: null },
      { position: 'director' as const, startedOn: '2024-01-01', endedOn: '2025-12-31' },
      { position: 'full_time_worker' as const, startedOn: '2026-01-01', endedOn: null },
    ]
    expect(mainPostInForce(posts, TODAY)?.position).toBe('full_time_worker')
    expect(mainPostInForce(posts.slice(0, 2), TODAY)).toBeNull()
  })
})

describe('courses', () => {
  const course = { startsOn: '2026-06-10', endsOn: '2026-06-20' }

  it('stand before, on or after their days', () => {
    expect(coursePhase(course, '2026-06-09')).toBe('upcoming')
    expect(coursePhase(course, '2026-06-20')).toBe('ongoing')
    expect(coursePhase(course, '2026-06-21')).toBe('ended')
  })

  it('take enrolments until they end and completions from their first day', () => {
    expect(courseActions(course, '2026-06-09')).toEqual({ enrol: true, record: false })
    expect(courseActions(course, TODAY)).toEqual({ enrol: true, record: true })
    expect(courseActions(course, '2026-07-01')).toEqual({ enrol: false, record: true })
  })

  it('offer today as the completion date while they run, else their last day', () => {
    expect(defaultCompletedOn(course, TODAY)).toBe(TODAY)
    expect(defaultCompletedOn(course, '2026-07-01')).toBe('2026-06-20')
  })

  it('are filtered by the years from this one back to 2020', () => {
    expect(courseYears(2023)).toEqual([2023, 2022, 2021, 2020])
  })
})

describe('a refused class list', () => {
  it('lists the bad rows by line, then in the columns of the template, apart from the file as a whole', () => {
    const problems = classListProblems([
      { field: '学时', reason: '应为整数', line: 4 },
      { field: 'file', reason: '一次最多导入 5000 条' },
      { field: '姓名', reason: '姓名与名册不一致', line: 2 },
      { field: '身份证号', reason: '与第 2 行重复', line: 4 },
      { field: '结业日期', reason: '应为“2026-06-01”这样的日期', line: 2 },
    ])
    expect(problems.file.map((p) => p.field)).toEqual(['file'])
    expect(problems.rows.map((p) => `${p.line} ${p.field}`)).toEqual(['2 姓名', '2 结业日期', '4 身份证号', '4 学时'])
    expect(problems.lines).toBe(2)
  })
})

describe("the audit log's details of the workforce module", () => {
  it("read the server's codes out in the reader's language", async () => {
    const { auditDetail } = await import('@/views/system/audit/labels')
    const { i18n } = await import('@/locales')
    expect(auditDetail('workforce.post.start', 'secretary from 2026-01-01')).toBe('党组织书记，2026-01-01 起任职')
    expect(auditDetail('workforce.course.create', 'county 16 h')).toBe('县级培训，16 学时')
    expect(auditDetail('workforce.attendance.record', 'worker 7 on 2026-06-12, 8 h')).toBe('社区工作者 7，2026-06-12 结业，8 学时')
    // A shape the rules do not know stays as written.
    expect(auditDetail('workforce.post.start', 'mayor from 2026-01-01')).toBe('mayor from 2026-01-01')
    i18n.global.locale.value = 'en'
    try {
      expect(auditDetail('workforce.post.end', 'grid_worker until 2026-05-31')).toBe('Full-time grid worker until 2026-05-31')
    } finally {
      i18n.global.locale.value = 'zh-CN'
    }
  })
})
