import { describe, expect, it } from 'vitest'
import { formErrors, isFinalJob, isFinalState, progressPercent, sitingErrorFields } from '@/utils/siting'
import { ApiError } from '@/utils/request'

describe('siting runs', () => {
  it('end when done, failed or cancelled (from the jobs page): the panel stops asking', () => {
    expect(isFinalState('queued')).toBe(false)
    expect(isFinalState('running')).toBe(false)
    expect(isFinalState('done')).toBe(true)
    expect(isFinalJob({ state: 'failed' })).toBe(true)
    expect(isFinalJob({ state: 'cancelled' })).toBe(true)
  })

  it('show progress as a whole percentage', () => {
    expect(progressPercent(0.4)).toBe(40)
    expect(progressPercent(0.456)).toBe(46)
    expect(progressPercent(1.2)).toBe(100)
    expect(progressPercent(-1)).toBe(0)
    expect(progressPercent(undefined)).toBe(0)
    expect(progressPercent(Number.NaN)).toBe(0)
  })

  it('read the field list of a failed run in either shape', () => {
    const k = { field: 'k', reason: '不能超过候选点数 12' }
    expect(sitingErrorFields({ message: 'x', details: [k] })).toEqual([k])
    expect(sitingErrorFields({ message: 'x', fields: [k] })).toEqual([k])
    expect(sitingErrorFields({ message: 'x', fields: { k: '不能超过候选点数 12' } })).toEqual([k])
    expect(sitingErrorFields({ message: 'x' })).toEqual([])
  })
})

describe('formErrors', () => {
  const fields = ['type', 'k'] as const

  it('puts the reasons of a 400 next to the form fields, the others apart', () => {
    const error = new ApiError(400, {
      code: 'invalid_argument',
      message: '请求参数有误',
      details: [
        { field: 'k', reason: '不能超过候选点数 12' },
        { field: 'type', reason: '未知的服务类型' },
        { field: 'unit', reason: '不在您的管辖范围内' },
      ],
    })
    expect(formErrors(error, fields)).toEqual({
      fields: { k: '不能超过候选点数 12', type: '未知的服务类型' },
      message: '请求参数有误',
      others: ['不在您的管辖范围内'],
    })
  })

  it('takes the error body of a failed run', () => {
    expect(formErrors({ code: 'invalid_argument', message: '没有候选点位', fields: [{ field: 'k', reason: '过大' }] }, fields)).toEqual({
      fields: { k: '过大' },
      message: '没有候选点位',
      others: [],
    })
    expect(formErrors({ message: '尚未导入步行路网' }, fields)).toEqual({ fields: {}, message: '尚未导入步行路网', others: [] })
  })

  it('gives any other error its message', () => {
    expect(formErrors(new Error('boom'), fields)).toEqual({ fields: {}, message: 'boom', others: [] })
    expect(formErrors('plain', fields)).toEqual({ fields: {}, message: 'plain', others: [] })
  })
})
