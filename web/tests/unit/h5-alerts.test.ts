// Which warnings ask the resident for an answer, and which one covers the page.
import { describe, expect, it } from 'vitest'
import { awaitsAnswer, interrupting, type ReceivedAlert } from '@/h5/alerts'

function warning(id: number, level: string, state: ReceivedAlert['state'], inForce = true): ReceivedAlert {
  return {
    id,
    unitName: '畅家巷社区居委会',
    category: 'heat',
    categoryLabel: '高温',
    level,
    levelLabel: level,
    title: `预警 ${id}`,
    content: '内容',
    guidance: '',
    validFrom: '2026-12-01T00:00:00.000Z',
    validUntil: '2026-12-04T00:00:00.000Z',
    withdrawn: !inForce,
    inForce,
    state,
    deliveredAt: '2026-12-01T00:00:00.000Z',
    answeredAt: null,
  }
}

describe('resident warnings', () => {
  it('ask for an answer while in force and neither acknowledged nor help asked', () => {
    expect(awaitsAnswer(warning(1, 'yellow', 'delivered'))).toBe(true)
    expect(awaitsAnswer(warning(1, 'yellow', 'read'))).toBe(true)
    expect(awaitsAnswer(warning(1, 'yellow', 'acknowledged'))).toBe(false)
    expect(awaitsAnswer(warning(1, 'yellow', 'help'))).toBe(false)
    expect(awaitsAnswer(warning(1, 'red', 'delivered', false))).toBe(false)
  })

  it('interrupt with the most severe unanswered one, red before orange, never blue or yellow', () => {
    const list = [warning(5, 'orange', 'read'), warning(4, 'red', 'acknowledged'), warning(3, 'red', 'delivered'), warning(2, 'yellow', 'delivered')]
    expect(interrupting(list)?.id).toBe(3)
    expect(interrupting(list.filter((a) => a.id !== 3))?.id).toBe(5)
    expect(interrupting([warning(2, 'yellow', 'delivered'), warning(1, 'blue', 'read')])).toBeNull()
    expect(interrupting([warning(1, 'red', 'delivered', false)])).toBeNull()
  })
})
