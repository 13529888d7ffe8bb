// The messages page's calls (站内消息): the filter of unread ones, marking one or all read, and
// another account's message refused as not found; the to-do that leads to the page.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { listMessages, markAllRead, markRead, type InboxMessage } from '@/api/inbox'
import { todoTargets } from '@/modules/registry'
import { messageLink, unreadFromQuery } from '@/utils/inbox'
import { ApiError, configureClient } from '@/utils/request'
import { errorBody, startServer, type TestServer } from './helpers'

const reminder: InboxMessage = {
  id: 12,
  kind: 'residents.visits.reminder',
  title: '走访提醒：本期还有 3 位关爱对象未走访',
  body: '您负责的网格中有 3 位关爱对象本期尚未走访，最久的已 40 天未走访。请在本期结束前完成入户走访。',
  link: '/residents/visits/overdue',
  createdAt: '2026-12-20T00:00:03.000Z',
  readAt: null,
}

describe('the inbox', () => {
  let server: TestServer

  beforeAll(async () => {
    server = await startServer()
    configureClient({ baseUrl: server.url, language: 'zh-CN' })
  })
  afterAll(() => server.close())
  beforeEach(() => {
    server.seen.length = 0
  })

  it('asks for all messages, or only the unread ones, a page at a time', async () => {
    server.handle(() => ({ status: 200, body: { items: [reminder], total: 1, unread: 1 } }))
    const page = await listMessages({ page: 1, pageSize: 20 })
    expect(page.unread).toBe(1)
    expect(page.items[0]?.title).toBe(reminder.title)
    await listMessages({ page: 2, pageSize: 50, unread: true })
    expect(server.seen.map((s) => s.url)).toEqual(['/api/v1/inbox?page=1&pageSize=20', '/api/v1/inbox?page=2&pageSize=50&unread=true'])
  })

  it('marks one message read, then all of them', async () => {
    server.handle((req) =>
      req.url.endsWith('/12/read')
        ? { status: 200, body: { ...reminder, readAt: '2026-12-20T01:00:00.000Z' } }
        : { status: 200, body: { read: 2 } },
    )
    expect((await markRead(12)).readAt).toBe('2026-12-20T01:00:00.000Z')
    expect(await markAllRead()).toEqual({ read: 2 })
    expect(server.seen.map((s) => `${s.method} ${s.url}`)).toEqual(['POST /api/v1/inbox/12/read', 'POST /api/v1/inbox/read'])
  })

  it('says another account’s message is not there', async () => {
    server.handle(() => ({ status: 404, body: errorBody('not_found', '未找到该消息') }))
    const error = await markRead(99).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).status).toBe(404)
  })

  it('leads the unread to-do to the unread messages', () => {
    expect(todoTargets['inbox.unread']).toEqual({ to: { name: 'inbox', query: { unread: '1' } } })
  })
})

describe('a message on the page', () => {
  it('is followed only to a path of the console', () => {
    expect(messageLink('/residents/visits/overdue')).toBe('/residents/visits/overdue')
    expect(messageLink('/requests/12?tab=log')).toBe('/requests/12?tab=log')
    expect(messageLink('')).toBeNull()
    expect(messageLink(null)).toBeNull()
    expect(messageLink('https://example.com/')).toBeNull()
    expect(messageLink('//example.com/x')).toBeNull()
    expect(messageLink('residents/visits/overdue')).toBeNull()
  })

  it('is filtered to the unread ones as the address says', () => {
    expect(unreadFromQuery('1')).toBe(true)
    expect(unreadFromQuery('true')).toBe(true)
    expect(unreadFromQuery(['1', '0'])).toBe(true)
    expect(unreadFromQuery(undefined)).toBe(false)
    expect(unreadFromQuery('0')).toBe(false)
    expect(unreadFromQuery('')).toBe(false)
  })
})
