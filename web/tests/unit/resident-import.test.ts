// The import of household registers (居民导入): the file checked before it is sent, the unit it goes
// into, how the page follows an import until it ends, the labels of its states, and the problems
// of a refused file in the file's order — the 1,000+ case included.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ResidentImport, ResidentImportProblem, ResidentImportState } from '@/api/residents'
import { i18n } from '@/locales'
import {
  defaultImportUnit,
  failureReason,
  followImport,
  hasActiveImports,
  IMPORT_POLL_MS,
  IMPORT_STATES,
  importProblems,
  importStateTagType,
  importUnitProblem,
  isImportActive,
  pageOf,
  problemsByLine,
} from '@/utils/resident-import'
import { IMPORT_MAX_BYTES, importFileProblem, uploadType } from '@/utils/upload'
import { auditActionLabel, auditDetail } from '@/views/system/audit/labels'

function anImport(state: ResidentImportState, more: Partial<ResidentImport> = {}): ResidentImport {
  return {
    id: 7,
    unit: { code: '620102001001', name: '畅家巷社区居委会', path: [] },
    fileName: '居民.csv',
    state,
    progress: 0,
    households: 0,
    persons: 0,
    problemCount: 0,
    problems: [],
    createdByName: '畅家巷社区 张丽',
    createdAt: '2026-12-03T01:00:00Z',
    finishedAt: null,
    ...more,
  }
}

describe('the file chosen', () => {
  it('is an .xlsx or a .csv, whatever the case of its name', () => {
    expect(importFileProblem({ name: '居民.xlsx', size: 10 })).toBeNull()
    expect(importFileProblem({ name: 'RESIDENTS.CSV', size: 10 })).toBeNull()
    expect(importFileProblem({ name: '居民.xls', size: 10 })).toBe('extension')
    expect(importFileProblem({ name: '居民.csv.txt', size: 10 })).toBe('extension')
    expect(importFileProblem({ name: 'csv', size: 10 })).toBe('extension')
    expect(importFileProblem({ name: '.csv', size: 10 })).toBe('extension')
  })

  it('is not empty and at most 32 MiB', () => {
    expect(importFileProblem({ name: 'a.csv', size: 0 })).toBe('empty')
    expect(importFileProblem({ name: 'a.xlsx', size: IMPORT_MAX_BYTES })).toBeNull()
    expect(importFileProblem({ name: 'a.xlsx', size: IMPORT_MAX_BYTES + 1 })).toBe('tooLarge')
    expect(IMPORT_MAX_BYTES).toBe(32 * 1024 * 1024)
  })

  it('says what is wrong in both languages', () => {
    for (const problem of ['extension', 'empty', 'tooLarge']) {
      for (const locale of ['zh-CN', 'en'] as const) {
        expect(i18n.global.te(`residents.import.fileProblems.${problem}`, locale), `${problem} ${locale}`).toBe(true)
      }
    }
  })

  it('is sent with a media type the route takes', () => {
    expect(uploadType({ type: 'text/csv' })).toBe('text/csv')
    expect(uploadType({ type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    )
    expect(uploadType({ type: '' })).toBe('application/octet-stream')
  })
})

describe('the unit imported into', () => {
  it('is a township or a village/community', () => {
    expect(importUnitProblem('620102001000')).toBeNull()
    expect(importUnitProblem('620102001001')).toBeNull()
    expect(importUnitProblem('620102001001001')).toBe('level')
    expect(importUnitProblem('620102000000')).toBe('level')
    expect(importUnitProblem('')).toBe('none')
  })

  it("starts as the caller's own unit; a grid worker's community; else the working unit", () => {
    expect(defaultImportUnit('620102001001', '620102001000')).toBe('620102001001')
    expect(defaultImportUnit('620102001001002', null)).toBe('620102001001')
    // A county official: the working unit if it takes an import, else none until one is chosen.
    expect(defaultImportUnit('620102000000', '620102001000')).toBe('620102001000')
    expect(defaultImportUnit('620102000000', '620100000000')).toBe('')
    expect(defaultImportUnit(undefined, null)).toBe('')
  })
})

describe('an import', () => {
  it('is followed while queued or running only', () => {
    expect(IMPORT_STATES.filter(isImportActive)).toEqual(['queued', 'running'])
    expect(hasActiveImports([anImport('imported'), anImport('running')])).toBe(true)
    expect(hasActiveImports([anImport('imported'), anImport('refused'), anImport('failed')])).toBe(false)
  })

  it('shows each state in its own words and colour, in both languages', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const words = IMPORT_STATES.map((s) => i18n.global.t(`residents.import.states.${s}`, {}, { locale }))
      expect(new Set(words).size, locale).toBe(IMPORT_STATES.length)
    }
    expect(importStateTagType('imported')).toBe('success')
    expect(importStateTagType('failed')).toBe('danger')
    expect(importStateTagType('refused')).not.toBe('success')
  })

  it("says why it failed in the server's words", () => {
    expect(failureReason(anImport('failed', { problems: [{ field: 'file', line: 0, reason: '数据库暂时不可用' }] }))).toBe('数据库暂时不可用')
    expect(failureReason(anImport('failed'))).toBe('')
  })
})

describe('following an import', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  function script(answers: ResidentImport[]) {
    const fetch = vi.fn(async () => {
      const next = answers.shift()
      if (!next) throw new Error('asked once too often')
      return next
    })
    const seen: ResidentImportState[] = []
    return { fetch, seen, onUpdate: (i: ResidentImport) => seen.push(i.state), onError: (e: unknown) => expect.fail(String(e)) }
  }

  it('asks about once a second until it has ended, then stops', async () => {
    const s = script([anImport('queued'), anImport('running', { progress: 0.5 }), anImport('imported', { households: 2, persons: 5 })])
    const poller = followImport(anImport('queued'), s)
    await vi.advanceTimersByTimeAsync(IMPORT_POLL_MS - 1)
    expect(s.fetch).toHaveBeenCalledTimes(0)
    await vi.advanceTimersByTimeAsync(1)
    expect(s.fetch).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(IMPORT_POLL_MS * 2)
    expect(s.seen).toEqual(['queued', 'running', 'imported'])
    expect(poller.active).toBe(false)
    await vi.advanceTimersByTimeAsync(IMPORT_POLL_MS * 5)
    expect(s.fetch).toHaveBeenCalledTimes(3)
    expect(IMPORT_POLL_MS).toBeGreaterThanOrEqual(500)
    expect(IMPORT_POLL_MS).toBeLessThanOrEqual(2000)
  })

  it('does not ask about one that has ended already (a past import opened)', async () => {
    const s = script([])
    const poller = followImport(anImport('refused'), s)
    await vi.advanceTimersByTimeAsync(IMPORT_POLL_MS * 3)
    expect(s.fetch).not.toHaveBeenCalled()
    expect(poller.active).toBe(false)
  })

  it('stops asking when the page is left', async () => {
    const s = script([anImport('running'), anImport('running')])
    const poller = followImport(anImport('queued'), s)
    await vi.advanceTimersByTimeAsync(IMPORT_POLL_MS)
    poller.stop()
    await vi.advanceTimersByTimeAsync(IMPORT_POLL_MS * 5)
    expect(s.fetch).toHaveBeenCalledTimes(1)
  })
})

describe('the problems of a refused file', () => {
  const p = (line: number, field: string, reason = '有误'): ResidentImportProblem => ({ line, field, reason })

  it('are in the order of the file: by line, then by the template’s columns', () => {
    const got = importProblems(
      anImport('refused', {
        problemCount: 4,
        problems: [p(6, '公民身份号码', '与第 2 行重复'), p(4, '联系电话'), p(4, '公民身份号码', '校验码错误'), p(4, '户编号')],
      }),
    )
    expect(got.cells.map((c) => `${c.line} ${c.field}`)).toEqual(['4 户编号', '4 公民身份号码', '4 联系电话', '6 公民身份号码'])
    expect(got.total).toBe(4)
    expect(got.lines).toBe(2)
    expect(got.truncated).toBe(false)
    expect(got.file).toEqual([])
  })

  it('keep those about the whole file apart', () => {
    const got = importProblems(anImport('refused', { problemCount: 1, problems: [{ field: 'file', line: 0, reason: '表头与模板不符' }] }))
    expect(got.cells).toEqual([])
    expect(got.file.map((f) => f.reason)).toEqual(['表头与模板不符'])
    expect(got.total).toBe(1)
  })

  it('count all of them when the server listed only the first 1,000', () => {
    const listed = Array.from({ length: 1000 }, (_, i) => p(i + 2, '公民身份号码'))
    // As the server words it (src/common/table_import.cpp).
    const summary = { field: 'file', line: 0, reason: '共 2345 处问题，只列出前 1000 处' }
    const got = importProblems(anImport('refused', { problemCount: 2345, problems: [...listed, summary] }))
    expect(got.total).toBe(2345)
    expect(got.truncated).toBe(true)
    expect(got.cells).toHaveLength(1000)
    expect(got.file).toEqual([summary])
  })

  it('go a card per line on a phone, a page at a time', () => {
    const cells = [p(3, '姓名'), p(3, '民族'), p(5, '住址')]
    expect(problemsByLine(cells).map((g) => [g.line, g.problems.map((x) => x.field)])).toEqual([
      [3, ['姓名', '民族']],
      [5, ['住址']],
    ])
    const many = Array.from({ length: 120 }, (_, i) => i)
    expect(pageOf(many, 1, 50)).toHaveLength(50)
    expect(pageOf(many, 3, 50)).toEqual(many.slice(100))
    // A page past the end (the list got shorter) shows the last one.
    expect(pageOf(many, 9, 50)).toEqual(many.slice(100))
  })

  it('read in the banner as the server counted them', () => {
    expect(i18n.global.t('residents.import.refused', { n: 2 }, { locale: 'zh-CN' })).toBe('文件有 2 处问题，未导入任何数据，请修改后重新导入')
  })
})

describe('the audit log', () => {
  afterEach(() => {
    i18n.global.locale.value = 'zh-CN'
  })

  it("reads an import's upload and outcome in the reader's language", () => {
    expect(auditActionLabel('residents.import.submit')).toBe('上传居民登记表')
    expect(auditActionLabel('residents.import')).toBe('导入居民登记表')
    expect(auditDetail('residents.import.submit', '2048 bytes into 畅家巷社区居委会')).toBe('2048 字节，导入到畅家巷社区居委会')
    expect(auditDetail('residents.import', '2 households, 5 people')).toBe('2 户 5 人')
    expect(auditDetail('residents.import', '2 problems')).toBe('2 处问题，未导入')
    i18n.global.locale.value = 'en'
    expect(auditDetail('residents.import', '2 households, 5 people')).toBe('2 households, 5 people')
    expect(auditDetail('residents.import', '2 problems')).toBe('2 problems, nothing imported')
  })
})
