// Volunteers: hours from minutes, where an activity stands and what a resident may do with it, a
// refusal mapped to a form's fields, the check-in screen's renewal of its code on an injected
// clock, the code in what a camera read, and the payload a certificate's link carries.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { withoutEmpty, type CheckCode, type OpenActivity, type VolunteerActivity, type VolunteerSignup } from '@/api/volunteer'
import { ApiError } from '@/utils/request'
import { auditDetail } from '@/views/system/audit/labels'
import {
  CODE_WINDOW_MS,
  activityPhase,
  activityTime,
  codeFromScan,
  formRefusal,
  formatHours,
  hoursOf,
  isPdfFile,
  payloadFromHash,
  renewCodes,
  renewalDelay,
  residentActions,
  utcIso,
} from '@/utils/volunteer'

describe('hours', () => {
  it('turns minutes into hours to two decimals', () => {
    expect(hoursOf(0)).toBe(0)
    expect(hoursOf(90)).toBe(1.5)
    expect(hoursOf(1)).toBe(0.02)
    expect(hoursOf(125)).toBe(2.08)
    expect(hoursOf(-30)).toBe(-0.5)
  })
  it('formats them in the reader’s language without trailing zeros', () => {
    expect(formatHours(120, 'zh-CN')).toBe('2')
    expect(formatHours(90, 'en')).toBe('1.5')
    expect(formatHours(74_055, 'zh-CN')).toBe('1,234.25')
    expect(formatHours(1, 'en')).toBe('0.02')
  })
})

const HOUR = 3_600_000
const START = Date.parse('2026-12-05T01:00:00.000Z')
const END = START + 2 * HOUR

function activity(fields: Partial<VolunteerActivity> = {}): VolunteerActivity {
  return {
    id: 7,
    title: '清扫楼道',
    place: '畅家巷5号楼',
    startsAt: new Date(START).toISOString(),
    endsAt: new Date(END).toISOString(),
    capacity: 10,
    signedUp: 1,
    waiting: 0,
    skills: '',
    state: 'published',
    organiserId: 3,
    organisation: null,
    unit: { code: '620102001001', name: '畅家巷社区居委会', path: [] },
    version: 1,
    ...fields,
  }
}

function signup(fields: Partial<VolunteerSignup> = {}): VolunteerSignup {
  return {
    activityId: 7,
    volunteerId: 2,
    volunteerName: '刘*',
    state: 'signed_up',
    signedUpAt: new Date(START - 24 * HOUR).toISOString(),
    checkedInAt: null,
    checkedOutAt: null,
    byOrganiser: false,
    ...fields,
  }
}

const open = (mine: VolunteerSignup | null, fields: Partial<VolunteerActivity> = {}): OpenActivity => ({ activity: activity(fields), mine })

describe('activities', () => {
  it('stand before, during, after their time, or confirmed', () => {
    expect(activityPhase(activity(), START - 1)).toBe('upcoming')
    expect(activityPhase(activity(), START)).toBe('ongoing')
    expect(activityPhase(activity(), END)).toBe('toConfirm')
    expect(activityPhase(activity({ state: 'ended' }), START - 1)).toBe('confirmed')
  })

  it('show their time in local time, the date once when they end the same day', () => {
    const at = (h: number, m = 0) => new Date(2026, 11, 5, h, m).toISOString()
    expect(activityTime(at(9), at(11, 30))).toBe('2026-12-05 09:00 – 11:30')
    expect(activityTime(at(22), at(26))).toBe('2026-12-05 22:00 – 2026-12-06 02:00')
  })

  it('are sent in UTC with milliseconds, whatever the local time zone', () => {
    expect(utcIso(new Date(START))).toBe('2026-12-05T01:00:00.000Z')
  })

  it('offer a resident what the server would allow', () => {
    // Not signed up, before the start: sign up only.
    expect(residentActions(open(null), START - HOUR * 5)).toEqual({ signUp: true, giveUp: false, check: null })
    // A cancelled place may be taken again.
    expect(residentActions(open(signup({ state: 'cancelled' })), START - HOUR * 5).signUp).toBe(true)
    // Begun: neither signing up nor giving up.
    expect(residentActions(open(null), START + 1)).toEqual({ signUp: false, giveUp: false, check: null })
    // A place: given up before the start; check-in opens an hour before it.
    expect(residentActions(open(signup()), START - 2 * HOUR)).toEqual({ signUp: false, giveUp: true, check: null })
    expect(residentActions(open(signup()), START - HOUR).check).toBe('in')
    expect(residentActions(open(signup()), END).check).toBe('in')
    expect(residentActions(open(signup()), END + 1).check).toBe(null)
    // Waiting: no check-in, giving up the waiting place still.
    expect(residentActions(open(signup({ state: 'waiting' })), START - HOUR)).toEqual({ signUp: false, giveUp: true, check: null })
    // Checked in: out, until two hours after the end; not given up any more.
    const inside = signup({ checkedInAt: new Date(START - 60_000).toISOString() })
    expect(residentActions(open(inside), START - 30_000)).toEqual({ signUp: false, giveUp: false, check: 'out' })
    expect(residentActions(open(inside), END + 2 * HOUR).check).toBe('out')
    expect(residentActions(open(inside), END + 2 * HOUR + 1).check).toBe(null)
    // Done, or confirmed: nothing more.
    expect(residentActions(open(signup({ checkedInAt: 'x', checkedOutAt: 'y' })), START + 1).check).toBe(null)
    expect(residentActions(open(inside, { state: 'ended' }), END + 1).check).toBe(null)
  })
})

describe('a body sent', () => {
  it('leaves out empty optional texts, which the server refuses, and keeps the rest', () => {
    expect(withoutEmpty({ name: '刘芳', skills: '', capacity: 0, approve: false, reason: '' })).toEqual({ name: '刘芳', capacity: 0, approve: false })
  })
})

describe('a refused form', () => {
  const refusal = new ApiError(400, {
    code: 'invalid_argument',
    message: '请求中有无效字段',
    details: [
      { field: 'startsAt', reason: '开始时间已过' },
      { field: 'endsAt', reason: '结束时间应在开始之后的 24 小时内' },
      { field: 'capacity', reason: '应为 1 至 10000 人' },
      { field: 'skills[0]', reason: '太长' },
      { field: 'skills[1]', reason: '重复' },
    ],
  })

  it('shows every reason at its field at once', () => {
    const shown = formRefusal(refusal, ['title', 'place', 'startsAt', 'endsAt', 'capacity', 'skills'])
    expect(shown.fields).toEqual({
      startsAt: '开始时间已过',
      endsAt: '结束时间应在开始之后的 24 小时内',
      capacity: '应为 1 至 10000 人',
      skills: '太长；重复',
    })
    expect(shown.atFields).toBe(true)
  })

  it('keeps in the message what no field of the form shows', () => {
    const shown = formRefusal(refusal, ['startsAt', 'endsAt'])
    expect(shown.atFields).toBe(false)
    expect(Object.keys(shown.fields)).toEqual(['startsAt', 'endsAt'])
    expect(shown.message).toBe('请求中有无效字段；应为 1 至 10000 人；太长；重复')
  })

  it('says a refusal without fields as the server does', () => {
    const conflict = new ApiError(409, { code: 'conflict', message: '活动结束后才能确认时长', details: [] })
    expect(formRefusal(conflict, ['title'])).toEqual({ fields: {}, atFields: false, message: '活动结束后才能确认时长' })
    expect(formRefusal(new Error('boom'), ['title']).message).toBe('boom')
  })
})

describe('the check-in screen’s code', () => {
  it('is renewed when it expires, or every ten seconds when the clocks disagree', () => {
    const now = 1_000_000_000_000
    expect(renewalDelay(new Date(now + 12_000).toISOString(), now)).toBe(12_500)
    expect(renewalDelay(new Date(now + CODE_WINDOW_MS).toISOString(), now)).toBe(30_500)
    // This browser's clock is ahead of the server's, or behind it.
    expect(renewalDelay(new Date(now - 2_000).toISOString(), now)).toBe(10_000)
    expect(renewalDelay(new Date(now + 5 * 60_000).toISOString(), now)).toBe(10_000)
    expect(renewalDelay('not a time', now)).toBe(10_000)
  })

  describe('renewal', () => {
    // The server's clock; `skew` puts this browser's clock off it.
    let serverNow = 0
    let skew = 0
    const clock = () => serverNow + skew
    /** The server's answer: a code of its current 30 s window. */
    const serverCode = (direction = 'in'): CheckCode => {
      const window = Math.floor(serverNow / CODE_WINDOW_MS)
      return { code: `7.${window}.${direction}.abc`, expiresAt: new Date((window + 1) * CODE_WINDOW_MS).toISOString() }
    }
    async function advance(ms: number): Promise<void> {
      // The server's clock moves with the timers; one step at a time so that answers see it.
      for (let left = ms; left > 0; left -= 100) {
        serverNow += Math.min(100, left)
        await vi.advanceTimersByTimeAsync(Math.min(100, left))
      }
    }

    beforeEach(() => {
      vi.useFakeTimers()
      // 20 s into a window.
      serverNow = 1_000_000_000_000 - (1_000_000_000_000 % CODE_WINDOW_MS) + 20_000
      skew = 0
    })
    afterEach(() => {
      vi.useRealTimers()
    })

    function start(fetch: (signal: AbortSignal) => Promise<CheckCode>) {
      const codes: string[] = []
      const renewAts: number[] = []
      const errors: [unknown, boolean][] = []
      const renewal = renewCodes({
        fetch,
        now: clock,
        onCode: (c, at) => {
          codes.push(c.code)
          renewAts.push(at)
        },
        onError: (e, final) => errors.push([e, final]),
      })
      renewal.refresh()
      return { renewal, codes, renewAts, errors }
    }

    it('asks again just after each window turns, one code per window', async () => {
      const fetch = vi.fn(async () => serverCode())
      const { renewal, codes, renewAts } = start(fetch)
      await advance(100)
      expect(codes).toHaveLength(1)
      // 10 s left in the window: asked for again 10.5 s after it was shown.
      expect(renewAts[0]! - clock()).toBeGreaterThan(10_000)
      await advance(10_000)
      expect(fetch).toHaveBeenCalledTimes(1)
      await advance(600)
      expect(fetch).toHaveBeenCalledTimes(2)
      await advance(30_000)
      expect(fetch).toHaveBeenCalledTimes(3)
      // Three windows, three different codes, each shown within its window.
      expect(new Set(codes).size).toBe(3)
      renewal.stop()
      await advance(60_000)
      expect(fetch).toHaveBeenCalledTimes(3)
    })

    it('never shows a code longer than ten seconds when this clock is five minutes slow', async () => {
      skew = -5 * 60_000
      const fetch = vi.fn(async () => serverCode())
      const { renewal } = start(fetch)
      await advance(60_000)
      // At 0, 10, 20 … 60 s.
      expect(fetch).toHaveBeenCalledTimes(7)
      renewal.stop()
    })

    it('tries again after a network failure, and gives up once the activity has ended', async () => {
      const answers: (CheckCode | ApiError)[] = [
        new ApiError(0, { code: 'unavailable', message: '无法连接服务器', details: [] }, false),
        serverCode(),
        new ApiError(409, { code: 'conflict', message: '活动已结束', details: [] }),
      ]
      const fetch = vi.fn(async () => {
        const next = answers.shift()!
        if (next instanceof ApiError) throw next
        return next
      })
      const { codes, errors } = start(fetch)
      await advance(100)
      expect(errors).toHaveLength(1)
      expect(errors[0]![1]).toBe(false)
      await advance(5_000)
      expect(codes).toHaveLength(1)
      await advance(30_000)
      expect(errors).toHaveLength(2)
      expect(errors[1]![1]).toBe(true)
      await advance(60_000)
      expect(fetch).toHaveBeenCalledTimes(3)
    })

    it('drops an answer overtaken by a switch of direction', async () => {
      const pending: ((c: CheckCode) => void)[] = []
      const signals: AbortSignal[] = []
      const fetch = vi.fn(
        (signal: AbortSignal) =>
          new Promise<CheckCode>((resolve) => {
            signals.push(signal)
            pending.push(resolve)
          }),
      )
      const { renewal, codes } = start(fetch)
      renewal.refresh()
      expect(signals[0]!.aborted).toBe(true)
      pending[1]!(serverCode('out'))
      pending[0]!(serverCode('in'))
      await advance(100)
      expect(codes).toEqual([serverCode('out').code])
      renewal.stop()
    })
  })

  it('is read from a scan or a paste, or from a link carrying it', () => {
    expect(codeFromScan('  12.58888.in.9f86d081884c7d65\n')).toBe('12.58888.in.9f86d081884c7d65')
    expect(codeFromScan('12.58888.in.9f86 d081 884c7d65')).toBe('12.58888.in.9f86d081884c7d65')
    expect(codeFromScan('https://shequ.example/h5/volunteer/activities/12/check?code=12.5.out.ab')).toBe('12.5.out.ab')
    expect(codeFromScan('https://shequ.example/h5/')).toBe('https://shequ.example/h5/')
  })
})

describe('a certificate', () => {
  it('carries its statement after the # of its link', () => {
    expect(payloadFromHash('#eyJudW1iZXIiOiIxIn0.c2ln')).toBe('eyJudW1iZXIiOiIxIn0.c2ln')
    expect(payloadFromHash('eyJudW1iZXIiOiIxIn0.c2ln')).toBe('eyJudW1iZXIiOiIxIn0.c2ln')
    // Percent-encoded by a messenger on the way; a stray % kept as it came.
    expect(payloadFromHash('#abc%2Ddef_%3D')).toBe('abc-def_=')
    expect(payloadFromHash('#abc%')).toBe('abc%')
    expect(payloadFromHash('')).toBe(null)
    expect(payloadFromHash('#')).toBe(null)
    expect(payloadFromHash('#  ')).toBe(null)
  })

  it('is chosen as a PDF by its type, or by its name when the system gives no type', () => {
    expect(isPdfFile({ name: 'x.bin', type: 'application/pdf' })).toBe(true)
    expect(isPdfFile({ name: '证明.PDF', type: '' })).toBe(true)
    expect(isPdfFile({ name: 'photo.jpg', type: 'image/jpeg' })).toBe(false)
    expect(isPdfFile({ name: 'a.pdf', type: 'image/jpeg' })).toBe(false)
  })
})

describe('the audit log', () => {
  it('reads the details the volunteer module writes', () => {
    expect(auditDetail('volunteer.hours.record', 'mac 0123456789abcdef volunteer 2 activity 7 minutes 60')).toBe('志愿者 2，活动 7，60 分钟（校验码 0123456789abcdef）')
    expect(auditDetail('volunteer.activity.check', 'volunteer 12')).toBe('志愿者 12')
    expect(auditDetail('volunteer.activity.confirm', '2 entries')).toBe('记入 2 条服务时长')
    // A shape it does not know stays as written.
    expect(auditDetail('volunteer.activity.confirm', 'something else')).toBe('something else')
  })
})
