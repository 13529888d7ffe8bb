// The phone search takes a mobile number as people type it, checks it as the server does, and
// sends it in a POST body: never in a URL, which proxies log.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { listUsers, searchUsersByPhone } from '@/api/user'
import { configureClient, setCsrfToken } from '@/utils/request'
import { isMobile, phoneDigits } from '@/utils/phone'
import { startServer, type TestServer } from './helpers'

let server: TestServer

beforeAll(async () => {
  server = await startServer()
})
afterAll(() => server.close())
beforeEach(() => {
  server.seen.length = 0
  setCsrfToken('csrf-1')
  configureClient({ baseUrl: server.url, language: 'zh-CN', hooks: {} })
})

describe('mobile numbers', () => {
  it('are read as typed: spaces, dashes, full-width digits, +86', () => {
    expect(phoneDigits('13812345678')).toBe('13812345678')
    expect(phoneDigits(' 138 1234 5678 ')).toBe('13812345678')
    expect(phoneDigits('138-1234-5678')).toBe('13812345678')
    expect(phoneDigits('１３８１２３４５６７８')).toBe('13812345678')
    expect(phoneDigits('+86 138 1234 5678')).toBe('13812345678')
    expect(phoneDigits('008613812345678')).toBe('13812345678')
    expect(phoneDigits('(0931) 8123456')).toBe('09318123456')
  })

  it('are 11 digits starting 13-19, as the server checks', () => {
    expect(isMobile('13812345678')).toBe(true)
    expect(isMobile('19912345678')).toBe(true)
    expect(isMobile('12812345678')).toBe(false)
    expect(isMobile('1381234567')).toBe(false)
    expect(isMobile('138123456789')).toBe(false)
    expect(isMobile('09318123456')).toBe(false)
    expect(isMobile('1381234567x')).toBe(false)
    expect(isMobile('')).toBe(false)
  })
})

describe('the phone search', () => {
  it('sends the number in a POST body, with the unit, name filter and page', async () => {
    server.handle(() => ({ status: 200, body: { items: [], total: 0 } }))
    await searchUsersByPhone({ phone: '13812345678', unit: '620102000000', q: '', page: 2, pageSize: 20 })
    const sent = server.seen[0]
    expect(sent?.method).toBe('POST')
    expect(sent?.url).toBe('/api/v1/users/search')
    expect(sent?.headers['x-csrf-token']).toBe('csrf-1')
    expect(JSON.parse(sent?.body ?? '')).toEqual({ phone: '13812345678', unit: '620102000000', page: 2, pageSize: 20 })
    for (const s of server.seen) expect(s.url).not.toContain('13812345678')
  })

  it('leaves the list by name as it was: a GET without a phone', async () => {
    server.handle(() => ({ status: 200, body: { items: [], total: 0 } }))
    await listUsers({ unit: '620102000000', q: '张', page: 1, pageSize: 20 })
    expect(server.seen[0]?.method).toBe('GET')
    expect(server.seen[0]?.url).toBe('/api/v1/users?unit=620102000000&q=%E5%BC%A0&page=1&pageSize=20')
  })
})
