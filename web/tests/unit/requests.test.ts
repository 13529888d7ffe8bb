// The request pages' own logic: the catalogue as a cascader, a category's questions as a form and
// as the answers sent, the answers shown beside their questions, the steps that need a note or a
// unit, the escalation's deadline, and the resident's plain progress.
import { describe, expect, it } from 'vitest'
import type { RequestAttribute, RequestCategory, RequestEvent } from '@/api/requests'
import { formErrors } from '@/utils/facility'
import {
  NOTE_REQUIRED,
  UNIT_REQUIRED,
  answeredQuestions,
  answersOf,
  categoryOptions,
  emptyAnswers,
  escalationKey,
  isStepAction,
  residentStage,
  resolutionNote,
  stageTimes,
  stateTag,
} from '@/utils/requests'
import { messages } from '@/locales'

function category(code: string, parent: string | null, name: string, attributes: RequestAttribute[] = []): RequestCategory {
  return { code, parent, name, names: { 'zh-CN': name, en: name } as never, level: 5, timeLimit: 'general', timeLimitLabel: '一般', attributes, active: true, version: 1 }
}

const ELEVATOR: RequestAttribute[] = [
  { key: 'trapped', label: '是否有人被困', labels: { zh: '是否有人被困', en: 'trapped' }, type: 'boolean', required: true, choices: [] },
  { key: 'building', label: '楼栋', labels: { zh: '楼栋', en: 'building' }, type: 'text', required: false, choices: [] },
  { key: 'households', label: '影响户数', labels: { zh: '影响户数', en: 'households' }, type: 'number', required: false, choices: [] },
  { key: 'kind', label: '隐患类型', labels: { zh: '隐患类型', en: 'kind' }, type: 'choice', required: false, choices: ['用电', '用气'] },
]

const CATALOGUE = [
  category('property', null, '物业管理'),
  category('property.elevator', 'property', '电梯故障', ELEVATOR),
  category('safety', null, '平安建设与应急'),
  category('property.fees', 'property', '物业收费'),
  category('safety.hazard', 'safety', '安全隐患'),
]

function event(action: string, fromStatus: RequestEvent['fromStatus'], toStatus: RequestEvent['toStatus'], at: string, note = ''): RequestEvent {
  const unit = { code: '620102001001', name: '畅家巷社区居委会', path: [] }
  return { id: 1, action, actor: null, at, fromStatus, toStatus, note, targetUnit: null, unit } as RequestEvent
}

describe('request categories', () => {
  it('are groups with their categories, in the server order', () => {
    expect(categoryOptions(CATALOGUE)).toEqual([
      {
        value: 'property',
        label: '物业管理',
        children: [
          { value: 'property.elevator', label: '电梯故障' },
          { value: 'property.fees', label: '物业收费' },
        ],
      },
      { value: 'safety', label: '平安建设与应急', children: [{ value: 'safety.hazard', label: '安全隐患' }] },
    ])
  })

})

describe('request answers', () => {
  it('start empty, a switch at no', () => {
    expect(emptyAnswers(ELEVATOR)).toEqual({ trapped: false, building: '', households: null, kind: '' })
  })

  it('are sent each in the field of its type, empty ones left out', () => {
    expect(answersOf(ELEVATOR, { trapped: true, building: ' 3号楼 ', households: 12, kind: '用电' })).toEqual([
      { key: 'trapped', boolean: true },
      { key: 'building', text: '3号楼' },
      { key: 'households', number: 12 },
      { key: 'kind', text: '用电' },
    ])
    expect(answersOf(ELEVATOR, { trapped: false, building: '  ', households: null, kind: '' })).toEqual([{ key: 'trapped', boolean: false }])
    // A number typed as text is sent as a number; text that is no number is left out.
    expect(answersOf(ELEVATOR, { trapped: false, households: '7' as never })).toEqual([
      { key: 'trapped', boolean: false },
      { key: 'households', number: 7 },
    ])
    expect(answersOf(ELEVATOR, { trapped: false, households: 'x' as never })).toEqual([{ key: 'trapped', boolean: false }])
  })

  it('are shown beside their questions, one no longer asked by its key', () => {
    expect(answeredQuestions(ELEVATOR, { building: '3号楼', trapped: false, old: 1 })).toEqual([
      { key: 'trapped', label: '是否有人被困', value: false },
      { key: 'building', label: '楼栋', value: '3号楼' },
      { key: 'old', label: 'old', value: 1 },
    ])
  })

  it('refused by the server land at their questions', () => {
    const errors = formErrors([
      { field: 'attributes.trapped', reason: '是否有人被困应为“是”或“否”' },
      { field: 'description', reason: '不能为空' },
    ])
    expect(errors['attributes.trapped']).toBe('是否有人被困应为“是”或“否”')
    expect(errors.description).toBe('不能为空')
  })
})

describe('request steps', () => {
  it('ask a note or a unit where docs/requests.md says so', () => {
    expect([...NOTE_REQUIRED].sort()).toEqual(['co_report', 'follow_up', 'reopen', 'resolve', 'return', 'supervise', 'transfer'])
    expect([...UNIT_REQUIRED].sort()).toEqual(['add_co_handler', 'transfer'])
    expect(isStepAction('accept')).toBe(true)
    expect(isStepAction('withdraw')).toBe(false)
  })

  it('name the deadline an escalation passed', () => {
    expect(escalationKey('accept_due')).toBe('acceptDue')
    expect(escalationKey('resolve_due')).toBe('resolveDue')
    expect(escalationKey('other')).toBeNull()
  })

  it('are labelled as the server names them, in both languages', () => {
    const zh = messages['zh-CN'].requests
    expect(zh.states).toEqual({ submitted: '待签收', accepted: '已签收', in_progress: '办理中', resolved: '已办结', closed: '已结案' })
    expect(zh.actions).toMatchObject({ accept: '签收', start: '开始办理', resolve: '办结', close: '结案', transfer: '转办', return: '退单' })
    expect(zh.actions).toMatchObject({ add_co_handler: '增加协办单位', co_report: '协办意见', supervise: '督办', escalate: '超时升级' })
    expect(zh.actions).toMatchObject({ reopen: '重新办理', withdraw: '撤回', submit: '登记' })
    expect(zh.escalation).toEqual({ acceptDue: '超过签收时限', resolveDue: '超过办结时限' })
    expect(Object.keys(messages.en.requests.actions).sort()).toEqual(Object.keys(zh.actions).sort())
    expect(stateTag('submitted')).toBe('warning')
    expect(stateTag('closed')).toBe('info')
  })
})

describe('the resident progress', () => {
  const timeline = [
    event('submit', null, 'submitted', '2026-12-01T01:00:00Z'),
    event('escalate', 'submitted', 'submitted', '2026-12-01T02:00:00Z', 'accept_due'),
    event('accept', 'submitted', 'accepted', '2026-12-01T03:00:00Z'),
    event('start', 'accepted', 'in_progress', '2026-12-01T04:00:00Z'),
    event('resolve', 'in_progress', 'resolved', '2026-12-01T05:00:00Z', '已修复'),
  ]

  it('goes 提交 → 已签收 → 办理中 → 已办结/已结案', () => {
    expect(['submitted', 'accepted', 'in_progress', 'resolved', 'closed'].map((s) => residentStage(s as never))).toEqual([0, 1, 2, 3, 3])
  })

  it('says when each stage was reached; a step that keeps the state moves nothing', () => {
    expect(stageTimes(timeline)).toEqual({
      submitted: '2026-12-01T01:00:00Z',
      accepted: '2026-12-01T03:00:00Z',
      in_progress: '2026-12-01T04:00:00Z',
      done: '2026-12-01T05:00:00Z',
    })
  })

  it('shows the result of the latest resolve step', () => {
    expect(resolutionNote(timeline)).toBe('已修复')
    expect(resolutionNote(timeline.slice(0, 3))).toBe('')
    expect(resolutionNote([...timeline, event('reopen', 'resolved', 'in_progress', 'x', '没修好'), event('resolve', 'in_progress', 'resolved', 'y', '换了电机')])).toBe('换了电机')
  })
})
