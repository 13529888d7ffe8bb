// The phone search takes a mobile number as people type it, checks it as the server does, and
// sends it in a POST body: never in a URL, which proxies log.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { listUsers, searchUsersByPhone } from '@/api/user'
import { configureClient, setCsrfToken } from '@/utils/request'
import { isMobile, phoneDigits, phoneText, telHref } from '@/utils/phone'
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

describe('phone numbers shown to residents', () => {
  it('dial as tel: links with the separators dropped', () => {
    expect(telHref('0931-8888001')).toBe('tel:09318888001')
    expect(telHref(' 138 1234 5678 ')).toBe('tel:13812345678')
    expect(telHref('(0931) 8123456')).toBe('tel:09318123456')
    expect(telHref('+86 138 1234 5678')).toBe('tel:+8613812345678')
    expect(telHref('０９３１-８８８８００１')).toBe('tel:09318888001')
  })

  it('give no link for a masked number or none', () => {
    expect(telHref('138****5678')).toBeNull()
    expect(telHref(null)).toBeNull()
    expect(telHref(undefined)).toBeNull()
    expect(telHref('')).toBeNull()
    expect(telHref('无')).toBeNull()
  })

  it('read a mobile in groups of 3-4-4, anything else as given', () => {
    expect(phoneText('13812345678')).toBe('138 1234 5678')
    expect(phoneText('+86 138-1234-5678')).toBe('138 1234 5678')
    expect(phoneText('0931-8888001')).toBe('0931-8888001')
    expect(phoneText('138****5678')).toBe('138****5678')
    expect(phoneText(null)).toBe('—')
    expect(phoneText('  ')).toBe('—')
  })
})
