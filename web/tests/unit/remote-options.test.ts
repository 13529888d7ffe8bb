// The options of a select that searches the server as the user types: only the latest answer
// counts, the option chosen stays shown while the page found does not hold it, a failed search
// says so, and clearing drops an answer still on its way.
import { describe, expect, it } from 'vitest'
import type { PageResult } from '@/api/types'
import { useRemoteOptions } from '@/composables/useRemoteOptions'

interface Item {
  id: number
  name: string
}

/** A search whose answers the test gives, each in its own time. */
function scripted() {
  const asked: { q: string; answer: (page: PageResult<Item>) => void; fail: () => void }[] = []
  const find = (q: string) =>
    new Promise<PageResult<Item>>((resolve, reject) => {
      asked.push({ q, answer: resolve, fail: () => reject(new Error('offline')) })
    })
  return { asked, find }
}

const page = (...items: Item[]): PageResult<Item> => ({ items, total: items.length })
const a = { id: 1, name: '幸福家园' }
const b = { id: 2, name: '颐养协会' }
const c = { id: 3, name: '邻里守望' }

describe('remote options', () => {
  it('keep the latest answer, not a slower earlier one', async () => {
    const { asked, find } = scripted()
    const remote = useRemoteOptions(find)
    const first = remote.search('')
    const second = remote.search('  颐养 ')
    expect(asked.map((x) => x.q)).toEqual(['', '颐养'])
    expect(remote.loading.value).toBe(true)
    asked[1]!.answer(page(b))
    await second
    asked[0]!.answer(page(a, b, c))
    await first
    expect(remote.options.value).toEqual([b])
    expect(remote.total.value).toBe(1)
    expect(remote.loading.value).toBe(false)
  })

  it('keep the one chosen shown while another page is found, once', async () => {
    const { asked, find } = scripted()
    const remote = useRemoteOptions(find)
    const searched = remote.search('')
    asked[0]!.answer(page(a, c))
    await searched
    expect(remote.pick(3)).toEqual(c)
    const narrowed = remote.search('颐养')
    asked[1]!.answer(page(b))
    await narrowed
    expect(remote.options.value).toEqual([c, b])
    const all = remote.search('')
    asked[2]!.answer(page(a, b, c))
    await all
    expect(remote.options.value).toEqual([a, b, c])
    expect(remote.pick(99)).toBeNull()
    expect(remote.options.value).toEqual([a, b, c])
  })

  it('say when the search failed, and drop an answer on its way once cleared', async () => {
    const { asked, find } = scripted()
    const remote = useRemoteOptions(find)
    remote.keep(a)
    const failing = remote.search('')
    asked[0]!.fail()
    await failing
    expect(remote.failed.value).toBe(true)
    expect(remote.options.value).toEqual([a])
    const late = remote.search('')
    remote.clear()
    asked[1]!.answer(page(b))
    await late
    expect(remote.options.value).toEqual([])
    expect(remote.failed.value).toBe(false)
    expect(remote.loading.value).toBe(false)
  })
})
