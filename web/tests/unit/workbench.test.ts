import { describe, expect, it } from 'vitest'
import { consoleModules, rankingMeasures, todoTargets, workbenchCards } from '@/modules/registry'
import type { WorkbenchCard } from '@/modules/types'
import { cardsFor, mapLimited, measuresFor, onTodosChanged, rankWeakestFirst, todoLinks, todosChanged } from '@/utils/workbench'

const component = () => Promise.resolve({ default: { render: () => null } })
const card = (name: string, permission: string, order: WorkbenchCard['order']): WorkbenchCard => ({ name, component, permission, order })

describe('workbench cards per role', () => {
  const cards = [
    card('b.second', 'x:read', { county_admin: 20, community_worker: 5 }),
    card('a.first', 'x:read', { county_admin: 10 }),
    card('c.tie', 'x:read', { county_admin: 20 }),
    card('d.secret', 'y:read', { county_admin: 1 }),
  ]

  it('orders by the role\'s order, then by name', () => {
    expect(cardsFor(cards, ['county_admin'], ['x:read']).map((c) => c.name)).toEqual(['a.first', 'b.second', 'c.tie'])
  })

  it('leaves out cards whose permission the account lacks', () => {
    expect(cardsFor(cards, ['county_admin'], ['x:read', 'y:read']).map((c) => c.name)[0]).toBe('d.secret')
  })

  it('gives a role only the cards that name it', () => {
    expect(cardsFor(cards, ['community_worker'], ['x:read']).map((c) => c.name)).toEqual(['b.second'])
    expect(cardsFor(cards, ['audit_admin'], ['x:read', 'y:read'])).toEqual([])
  })

  it('takes the earlier place of an account holding two roles', () => {
    expect(cardsFor(cards, ['county_admin', 'community_worker'], ['x:read']).map((c) => c.name)).toEqual([
      'b.second',
      'a.first',
      'c.tie',
    ])
  })

  it('gives each demo role its own first card from the modules', () => {
    const perms = ['org:unit:read', 'org:grid:read', 'access:coverage:read']
    const first = (role: string) => cardsFor(workbenchCards, [role], perms)[0]?.name
    expect(first('county_admin')).toBe('org.ranking')
    expect(first('community_worker')).toBe('org.myGrids')
    expect(first('grid_worker')).toBe('org.myGrid')
    // The circle module contributes by its declaration alone.
    expect(cardsFor(workbenchCards, ['township_admin'], perms).map((c) => c.name)).toContain('access.circle')
  })

  it('has unique card and measure names, each under its module', () => {
    const names = workbenchCards.map((c) => c.name)
    expect(new Set(names).size).toBe(names.length)
    for (const m of consoleModules) {
      for (const c of m.workbench ?? []) expect(c.name.startsWith(`${m.name}.`)).toBe(true)
      for (const r of m.rankings ?? []) expect(r.key.startsWith(`${m.name}.`)).toBe(true)
    }
  })
})

describe('ranking weakest first', () => {
  const rows = [
    { code: '3', name: 'c', value: 0.5 },
    { code: '1', name: 'a', value: null },
    { code: '2', name: 'b', value: 0.2 },
    { code: '4', name: 'd', value: 0.5 },
  ]

  it('puts the lowest first when low is weak, unmeasured last and unranked', () => {
    expect(rankWeakestFirst(rows, 'low').map((r) => [r.code, r.rank])).toEqual([
      ['2', 1],
      ['3', 2],
      ['4', 3],
      ['1', null],
    ])
  })

  it('puts the highest first when high is weak', () => {
    expect(rankWeakestFirst(rows, 'high').map((r) => r.code)).toEqual(['3', '4', '2', '1'])
  })

  it('offers the measures of the unit\'s level that the permissions allow', () => {
    const keys = (level: number, perms: string[]) => measuresFor(rankingMeasures, level, perms).map((m) => m.key)
    expect(keys(4, ['org:grid:read', 'access:coverage:read'])).toEqual(['access.coverage', 'org.grids', 'org.unstaffed'])
    expect(keys(3, ['org:grid:read'])).toEqual(['org.grids'])
    expect(keys(5, ['org:grid:read', 'access:coverage:read'])).toEqual([])
  })
})

describe('to-dos', () => {
  it('lead where the modules declared, and nowhere for a code no module knows', () => {
    const links = todoLinks(
      [
        { code: 'auth.grids.unstaffed', label: '未指派网格员的网格', count: 2 },
        { code: 'later.module', label: '?', count: 1 },
      ],
      todoTargets,
    )
    expect(links[0]!.to).toEqual({ name: 'unit' })
    expect(links[1]!.to).toBeNull()
    expect(todoTargets['auth.accounts.roleless']).toEqual({ to: { name: 'users' } })
  })

  it('are counted again by every counter listening when a page changes them, until it stops', () => {
    const heard: string[] = []
    const stopA = onTodosChanged(() => heard.push('a'))
    const stopB = onTodosChanged(() => heard.push('b'))
    todosChanged()
    expect(heard).toEqual(['a', 'b'])
    stopA()
    todosChanged()
    expect(heard).toEqual(['a', 'b', 'b'])
    stopB()
    todosChanged()
    expect(heard).toHaveLength(3)
  })

  it('are not missed by a counter that stops listening while being told', () => {
    const heard: string[] = []
    const stopFirst = onTodosChanged(() => {
      heard.push('first')
      stopFirst()
    })
    const stopSecond = onTodosChanged(() => heard.push('second'))
    todosChanged()
    todosChanged()
    expect(heard).toEqual(['first', 'second', 'second'])
    stopSecond()
  })
})

describe('mapLimited', () => {
  it('keeps the order and never runs more than the limit at once', async () => {
    let running = 0
    let most = 0
    const out = await mapLimited([5, 1, 4, 2, 3], 2, async (n) => {
      running++
      most = Math.max(most, running)
      await new Promise((r) => setTimeout(r, n))
      running--
      return n * 10
    })
    expect(out).toEqual([50, 10, 40, 20, 30])
    expect(most).toBe(2)
  })
})
