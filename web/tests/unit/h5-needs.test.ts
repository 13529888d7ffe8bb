// 我的需求 on the resident pages: offered to residents only, the form sent as typed (the server names
// what is wrong at its fields), the hours a resident chooses from, and when staff will ask where the
// resident lives; the routes under 我的社区 for signed-in accounts.
import { describe, expect, it } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import { END_HOURS, START_HOURS, awaitsAddress, emptyRaisedNeedForm, raisedNeedBody, raisesOwnNeeds } from '@/h5/needs'
import { createResidentRouter } from '@/h5/router'
import { hoursText } from '@/utils/lists'

describe('我的需求', () => {
  it('is offered to residents, not to officials who hold the permission to grant it', () => {
    expect(raisesOwnNeeds([{ role: 'resident' }], true)).toBe(true)
    expect(raisesOwnNeeds([{ role: 'province_admin' }, { role: 'system_admin' }], true)).toBe(false)
    expect(raisesOwnNeeds([{ role: 'resident' }], false)).toBe(false)
    expect(raisesOwnNeeds([], true)).toBe(false)
  })

  it('starts not urgent, for the whole day, with no category chosen', () => {
    const form = emptyRaisedNeedForm()
    expect(form).toEqual({ category: '', urgency: 'normal', description: '', fromHour: 0, toHour: 24 })
    expect(hoursText(form.fromHour, form.toHour)).toBeNull()
  })

  it('sends the form as typed, the description trimmed; an empty one goes for the server to refuse at its fields', () => {
    expect(raisedNeedBody({ category: 'meals', urgency: 'urgent', description: '  午餐送餐上门 \n', fromHour: 11, toHour: 13 })).toEqual({
      category: 'meals',
      urgency: 'urgent',
      description: '午餐送餐上门',
      fromHour: 11,
      toHour: 13,
    })
    expect(raisedNeedBody(emptyRaisedNeedForm())).toEqual({ category: '', urgency: 'normal', description: '', fromHour: 0, toHour: 24 })
  })

  it('offers the hours of a day: starts 00:00–23:00, ends 01:00–24:00 (the end excluded)', () => {
    expect(START_HOURS).toHaveLength(24)
    expect([START_HOURS[0], START_HOURS.at(-1)]).toEqual([0, 23])
    expect(END_HOURS).toHaveLength(24)
    expect([END_HOURS[0], END_HOURS.at(-1)]).toEqual([1, 24])
    expect(hoursText(11, 13)).toBe('11:00–13:00')
  })

  it('says staff will ask where the resident lives while an open need has no home in the register', () => {
    expect(awaitsAddress({ located: false, status: 'open' })).toBe(true)
    expect(awaitsAddress({ located: true, status: 'open' })).toBe(false)
    // Matched or closed: staff found them.
    expect(awaitsAddress({ located: false, status: 'matched' })).toBe(false)
    expect(awaitsAddress({ located: false, status: 'closed' })).toBe(false)
  })

  it('lives under 我的社区, for signed-in accounts', () => {
    const router = createResidentRouter(createMemoryHistory())
    for (const [path, name] of [
      ['/needs', 'h5-needs'],
      ['/needs/new', 'h5-need-new'],
    ] as const) {
      const route = router.resolve(path)
      expect(route.name).toBe(name)
      expect(route.meta.tab).toBe('h5-home')
      expect(route.meta.open).toBeUndefined()
      expect(route.meta.public).toBeUndefined()
    }
  })
})
