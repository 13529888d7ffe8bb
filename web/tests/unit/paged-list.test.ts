// A server-paged list as the user pages, searches and retries it (users, audit log, child units).
import { describe, expect, it, vi } from 'vitest'
import { nextTick, ref } from 'vue'
import type { PageResult } from '@/api/types'
import { usePagedList, type Paging, type PagedListOptions } from '@/composables/usePagedList'
import { ApiError } from '@/utils/request'
import { MemoryStorage, mountComposable } from './helpers'

interface Request extends Paging {
  filter: string
  answer: (result: PageResult<string>) => void
  fail: (error: unknown) => void
}

/** A server whose answers each test gives, in any order, to the requests it has seen. */
function scriptedServer() {
  const requests: Request[] = []
  const load = vi.fn(
    (filter: string, paging: Paging) =>
      new Promise<PageResult<string>>((resolve, reject) => {
        requests.push({ filter, ...paging, answer: resolve, fail: reject })
      }),
  )
  return { load, requests, last: () => requests[requests.length - 1]! }
}

/** Lets answers reach the list and its watchers run. */
async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0))
  await nextTick()
}

function page(items: string[], total = items.length): PageResult<string> {
  return { items, total }
}

function mount(options: Partial<PagedListOptions<string>> = {}) {
  const server = scriptedServer()
  const mounted = mountComposable(() => usePagedList(server.load, { filter: '', pageSize: 20, ...options }))
  return { server, list: mounted.result, unmount: mounted.unmount }
}

/** A list whose first page has come: `total` rows in all, `items` of them shown. */
async function mountShowing(items: string[], total: number) {
  const mounted = mount()
  mounted.server.last().answer(page(items, total))
  await settle()
  return mounted
}

describe('usePagedList', () => {
  it('asks for the first page at once and shows its rows and the total', async () => {
    const { server, list } = mount()
    expect(server.requests.map(({ filter, page, pageSize }) => ({ filter, page, pageSize }))).toEqual([
      { filter: '', page: 1, pageSize: 20 },
    ])
    expect(list.loading.value).toBe(true)
    server.last().answer(page(['兰州市', '嘉峪关市'], 14))
    await settle()
    expect(list.rows.value).toEqual(['兰州市', '嘉峪关市'])
    expect(list.total.value).toBe(14)
    expect(list.loading.value).toBe(false)
    expect(list.empty.value).toBe(false)
  })

  it('says whether the total is exact or the server counted only so far (the audit log)', async () => {
    const { server, list } = mount()
    expect(list.totalExact.value).toBe(true)
    server.last().answer({ items: ['a'], total: 1020, totalExact: false })
    await settle()
    expect(list.total.value).toBe(1020)
    expect(list.totalExact.value).toBe(false)
    list.setPage(2)
    await settle()
    server.last().answer({ items: ['b'], total: 1037, totalExact: true })
    await settle()
    expect(list.totalExact.value).toBe(true)
  })

  it('asks again when the user turns the page or changes the page size', async () => {
    const { server, list } = await mountShowing(['a'], 60)
    list.setPage(3)
    await settle()
    expect(server.last()).toMatchObject({ page: 3, pageSize: 20 })
    list.setPageSize(50)
    await settle()
    // Rows 41–60 were shown: the page of 50 that holds row 41 is the first, asked for once.
    expect(server.last()).toMatchObject({ page: 1, pageSize: 50 })
    expect(list.page.value).toBe(1)
    expect(server.load).toHaveBeenCalledTimes(3)
  })

  it('remembers the page size the user chose, under its key', async () => {
    globalThis.localStorage = new MemoryStorage()
    const first = mount({ rememberPageSize: 'list.audit.pageSize.audit' })
    expect(first.server.last()).toMatchObject({ page: 1, pageSize: 20 })
    first.list.setPageSize(100)
    first.unmount()
    const again = mount({ rememberPageSize: 'list.audit.pageSize.audit' })
    expect(again.server.last()).toMatchObject({ page: 1, pageSize: 100 })
    expect(mount({ rememberPageSize: 'list.audit.pageSize.other' }).server.last()).toMatchObject({ pageSize: 20 })
    localStorage.setItem('shequ.list.audit.pageSize.audit', 'lots')
    expect(mount({ rememberPageSize: 'list.audit.pageSize.audit' }).server.last()).toMatchObject({ pageSize: 20 })
  })

  it('keeps the first row shown on screen when the page size changes', async () => {
    const { server, list } = await mountShowing(['a'], 500)
    list.setPage(6) // rows 101–120
    await settle()
    list.setPageSize(50)
    await settle()
    expect(server.last()).toMatchObject({ page: 3, pageSize: 50 }) // rows 101–150
    list.setPageSize(100)
    await settle()
    expect(server.last()).toMatchObject({ page: 2, pageSize: 100 })
    list.setPageSize(100)
    await settle()
    expect(server.load).toHaveBeenCalledTimes(4)
  })

  it('searches from the first page, with one request for both changes', async () => {
    const { server, list } = await mountShowing(['a'], 60)
    list.setPage(2)
    await settle()
    list.search('城关')
    await settle()
    expect(server.load).toHaveBeenCalledTimes(3)
    expect(server.last()).toMatchObject({ filter: '城关', page: 1 })
    expect(list.page.value).toBe(1)
    expect(list.filter.value).toBe('城关')
  })

  it('keeps the rows on screen while the next page loads', async () => {
    const { server, list } = await mountShowing(['page 1'], 40)
    list.setPage(2)
    await settle()
    expect(list.loading.value).toBe(true)
    expect(list.rows.value).toEqual(['page 1'])
    server.last().answer(page(['page 2'], 40))
    await settle()
    expect(list.rows.value).toEqual(['page 2'])
  })

  it('shows the answer to the page asked for last, not a slower earlier one', async () => {
    const { server, list } = await mountShowing(['page 1'], 60)
    list.setPage(2)
    await settle()
    const second = server.last()
    list.setPage(3)
    await settle()
    server.last().answer(page(['page 3'], 60))
    await settle()
    second.answer(page(['page 2'], 60))
    await settle()
    expect(list.rows.value).toEqual(['page 3'])
    expect(list.loading.value).toBe(false)
  })

  it('surfaces an error instead of the empty text, and a retry asks for the same page again', async () => {
    const { server, list } = mount()
    const refused = new ApiError(503, { code: 'unavailable', message: '服务暂不可用', details: [] })
    server.last().fail(refused)
    await settle()
    expect(list.error.value).toBe(refused)
    expect(list.empty.value).toBe(false)
    expect(list.loading.value).toBe(false)
    void list.reload()
    expect(list.error.value).toBeNull()
    expect(server.load).toHaveBeenCalledTimes(2)
    expect(server.last()).toMatchObject({ filter: '', page: 1 })
    server.last().answer(page(['兰州市']))
    await settle()
    expect(list.rows.value).toEqual(['兰州市'])
  })

  it('says empty only once an answer without rows has come, and not while an error shows', async () => {
    const { server, list } = mount()
    expect(list.empty.value).toBe(false)
    server.last().answer(page([]))
    await settle()
    expect(list.empty.value).toBe(true)
    expect(list.total.value).toBe(0)
    list.search('无此单位')
    await settle()
    server.last().fail(new ApiError(0, { code: 'unavailable', message: '无法连接服务器', details: [] }))
    await settle()
    expect(list.error.value).toBeInstanceOf(ApiError)
    expect(list.empty.value).toBe(false)
  })

  it('loads again when what the request reads changes, and waits while it is not known', async () => {
    const workingUnit = ref<string | null>(null)
    const { server, list } = mount({ dependsOn: [workingUnit], when: () => workingUnit.value !== null })
    list.setPage(2)
    await settle()
    expect(server.load).not.toHaveBeenCalled()
    workingUnit.value = '620100000000'
    await settle()
    expect(server.load).toHaveBeenCalledTimes(1)
    expect(server.last()).toMatchObject({ page: 2 })
    workingUnit.value = '620102000000'
    await settle()
    expect(server.load).toHaveBeenCalledTimes(2)
  })

  it('ignores an answer that arrives after the page was left', async () => {
    const { server, list, unmount } = mount()
    unmount()
    server.last().answer(page(['late']))
    await settle()
    expect(list.rows.value).toEqual([])
    list.setPage(2)
    await settle()
    expect(server.load).toHaveBeenCalledTimes(1)
  })
})
