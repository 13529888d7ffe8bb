// The catalogue page's own logic (诉求分类管理): the dialog's form to the body of a change or an
// addition, the server's reasons at their fields and question rows (a moved row keeps its own),
// the hint for a new code, and the groups with their categories.
import { describe, expect, it } from 'vitest'
import type { RequestCategory } from '@/api/requests'
import {
  additionOf,
  allAtFields,
  catalogueErrors,
  changeOf,
  codeHint,
  codeOf,
  emptyForm,
  emptyQuestion,
  formOf,
  groupsOf,
  moveQuestion,
} from '@/utils/catalogue'

function category(code: string, parent: string | null, zh: string, extra: Partial<RequestCategory> = {}): RequestCategory {
  return {
    code,
    parent,
    name: zh,
    names: { zh, en: zh },
    level: 5,
    timeLimit: 'general',
    timeLimitLabel: '一般（7个工作日）',
    attributes: [],
    active: true,
    version: 3,
    ...extra,
  }
}

const MEALS = category('elderly.meals', 'elderly', '助餐', {
  names: { zh: '助餐', en: 'Meals' },
  attributes: [
    { key: 'diet', label: '饮食要求', labels: { zh: '饮食要求', en: 'Diet' }, type: 'choice', required: false, choices: ['普通', '软食'] },
    { key: 'people', label: '人数', labels: { zh: '人数', en: 'People' }, type: 'number', required: true, choices: [] },
  ],
})

describe('the body of a change', () => {
  it('is the form as read, with the version last read', () => {
    expect(changeOf(formOf(MEALS), 3)).toEqual({
      names: { zh: '助餐', en: 'Meals' },
      timeLimit: 'general',
      level: 5,
      active: true,
      attributes: [
        { key: 'diet', labels: { zh: '饮食要求', en: 'Diet' }, type: 'choice', required: false, choices: ['普通', '软食'] },
        { key: 'people', labels: { zh: '人数', en: 'People' }, type: 'number', required: true, choices: [] },
      ],
      version: 3,
    })
  })

  it('trims what was typed and sends choices only for a choice', () => {
    const form = formOf(MEALS)
    form.nameZh = '  助餐服务 '
    form.questions[0]!.type = 'text'
    const q = emptyQuestion()
    Object.assign(q, { key: ' floor ', labelZh: ' 楼层', labelEn: 'Floor ', type: 'choice', choices: [' 一楼', '', '二楼 '] })
    form.questions.push(q)
    const body = changeOf(form, 4)
    expect(body.names.zh).toBe('助餐服务')
    expect(body.attributes[0]!.choices).toEqual([])
    expect(body.attributes[2]).toEqual({ key: 'floor', labels: { zh: '楼层', en: 'Floor' }, type: 'choice', required: false, choices: ['一楼', '二楼'] })
    expect(body.version).toBe(4)
  })

  it('does not share the rows of the category read', () => {
    const form = formOf(MEALS)
    form.questions[0]!.choices.push('流食')
    expect(MEALS.attributes[0]!.choices).toEqual(['普通', '软食'])
  })
})

describe('the body of an addition', () => {
  it('names the group and the code under it, without active or version', () => {
    const form = emptyForm('health')
    Object.assign(form, { codeSuffix: 'vaccine', nameZh: '疫苗接种', nameEn: 'Vaccination', timeLimit: 'general', level: 5 })
    expect(additionOf(form)).toEqual({
      code: 'health.vaccine',
      parent: 'health',
      names: { zh: '疫苗接种', en: 'Vaccination' },
      timeLimit: 'general',
      level: 5,
      attributes: [],
    })
  })

  it('leaves out the parent for a new group', () => {
    const form = emptyForm()
    form.codeSuffix = 'culture'
    const body = additionOf(form)
    expect(body.code).toBe('culture')
    expect('parent' in body).toBe(false)
    expect(codeOf(form)).toBe('culture')
  })
})

describe('the hint for a new code', () => {
  it('follows the rules of a category under its group', () => {
    expect(codeHint({ parent: 'health', codeSuffix: '' })).toBe('requests.catalogue.codeRequired')
    expect(codeHint({ parent: 'health', codeSuffix: 'vaccine_2' })).toBeNull()
    expect(codeHint({ parent: 'health', codeSuffix: 'v' })).toBe('requests.catalogue.codeHintCategory')
    expect(codeHint({ parent: 'health', codeSuffix: '2nd' })).toBe('requests.catalogue.codeHintCategory')
    expect(codeHint({ parent: 'health', codeSuffix: 'Vaccine' })).toBe('requests.catalogue.codeHintCategory')
    expect(codeHint({ parent: 'health', codeSuffix: 'a'.repeat(31) })).toBe('requests.catalogue.codeHintCategory')
    expect(codeHint({ parent: 'health', codeSuffix: 'a.b' })).toBe('requests.catalogue.codeHintCategory')
  })

  it('follows the rules of a group: letters only', () => {
    expect(codeHint({ parent: '', codeSuffix: 'culture' })).toBeNull()
    expect(codeHint({ parent: '', codeSuffix: 'culture_2' })).toBe('requests.catalogue.codeHintGroup')
    expect(codeHint({ parent: '', codeSuffix: 'c' })).toBe('requests.catalogue.codeHintGroup')
    expect(codeHint({ parent: '', codeSuffix: 'a'.repeat(21) })).toBe('requests.catalogue.codeHintGroup')
  })
})

describe('the server reasons where the dialog shows them', () => {
  it('puts a question reason at its row as sent, and the others at their fields', () => {
    const form = formOf(MEALS)
    const sent = form.questions.map((q) => q.id)
    const errors = catalogueErrors(
      [
        { field: 'names.zh', reason: '应为 1 至 30 个字' },
        { field: 'attributes[1].choices', reason: '只有选择题有选项' },
        { field: 'attributes[1].key', reason: '问题代码与前面的重复' },
        { field: 'attributes[0].labels.en', reason: '1 to 60 characters' },
      ],
      sent,
    )
    expect(errors.fields).toEqual({ 'names.zh': '应为 1 至 30 个字' })
    expect(errors.rows[sent[1]!]).toEqual({ choices: '只有选择题有选项', key: '问题代码与前面的重复' })
    expect(errors.rows[sent[0]!]).toEqual({ 'labels.en': '1 to 60 characters' })
    expect(allAtFields(errors)).toBe(true)

    // Moved afterwards, the row keeps its reasons: they are by row, not by place.
    moveQuestion(form.questions, 1, -1)
    expect(form.questions[0]!.id).toBe(sent[1])
  })

  it('joins two reasons for one field, and keeps a reason with no row or field', () => {
    const errors = catalogueErrors(
      [
        { field: 'names.zh', reason: 'a' },
        { field: 'names.zh', reason: 'b' },
        { field: 'attributes[5].key', reason: 'no such row' },
        { field: 'attributes', reason: '最多 20 个问题' },
        { field: 'parent', reason: 'no such group' },
      ],
      [7],
      '；',
    )
    expect(errors.fields['names.zh']).toBe('a；b')
    expect(errors.fields.attributes).toBe('最多 20 个问题')
    expect(errors.fields.code).toBe('no such group')
    expect(errors.fields['attributes[5].key']).toBe('no such row')
    expect(allAtFields(errors)).toBe(false)
  })
})

describe('the groups with their categories', () => {
  const items = [
    category('elderly', null, '养老服务'),
    MEALS,
    category('elderly.bathing', 'elderly', '助浴', { active: false }),
    category('old', null, '旧分组', { active: false }),
    category('old.thing', 'old', '旧分类', { active: false }),
  ]

  it('leaves out the withdrawn unless asked', () => {
    const shown = groupsOf(items, false)
    expect(shown.map((g) => g.code)).toEqual(['elderly'])
    expect(shown[0]!.children!.map((c) => c.code)).toEqual(['elderly.meals'])
  })

  it('shows every one when asked', () => {
    const shown = groupsOf(items, true)
    expect(shown.map((g) => [g.code, g.children!.map((c) => c.code)])).toEqual([
      ['elderly', ['elderly.meals', 'elderly.bathing']],
      ['old', ['old.thing']],
    ])
  })

  it('moves a question, nothing at either end', () => {
    const qs = [emptyQuestion(), emptyQuestion(), emptyQuestion()]
    const ids = qs.map((q) => q.id)
    moveQuestion(qs, 0, -1)
    moveQuestion(qs, 2, 1)
    expect(qs.map((q) => q.id)).toEqual(ids)
    moveQuestion(qs, 2, -1)
    expect(qs.map((q) => q.id)).toEqual([ids[0], ids[2], ids[1]])
  })
})
