import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ApiError, buildUrl, configureClient, errorMessage, http, parseRetryAfter, setCsrfToken } from '@/utils/request'
import { errorBody, startServer, type TestServer } from './helpers'

let server: TestServer
const notified: string[] = []
let unauthenticated = 0
let mustChange = 0
let mustSetUpTotp = 0

beforeAll(async () => {
  server = await startServer()
})
afterAll(() => server.close())

beforeEach(() => {
  server.seen.length = 0
  notified.length = 0
  unauthenticated = 0
  mustChange = 0
  mustSetUpTotp = 0
  setCsrfToken(null)
  configureClient({
    baseUrl: server.url,
    language: 'zh-CN',
    hooks: {
      notify: (m) => notified.push(m),
      onUnauthenticated: () => unauthenticated++,
      onPasswordChangeRequired: () => mustChange++,
      onTotpSetUpRequired: () => mustSetUpTotp++,
    },
  })
})

describe('buildUrl', () => {
  it('leaves out empty values and encodes the rest', () => {
    expect(buildUrl('/a', { q: '城关 区', page: 2, root: undefined, x: null, y: '' })).toBe(
      '/a?q=%E5%9F%8E%E5%85%B3+%E5%8C%BA&page=2',
    )
    expect(buildUrl('/a')).toBe('/a')
  })
})

describe('request', () => {
  it('returns the JSON body and sends the language', async () => {
    server.handle(() => ({ status: 200, body: { items: [1, 2], total: 2 } }))
    configureClient({ language: 'en' })
    const result = await http.get<{ total: number }>('/api/v1/x', { query: { page: 1 } })
    expect(result.total).toBe(2)
    expect(server.seen[0]?.url).toBe('/api/v1/x?page=1')
    expect(server.seen[0]?.headers['accept-language']).toBe('en')
  })

  it('carries the CSRF token on writes only', async () => {
    server.handle(() => ({ status: 201, body: { ok: true } }))
    setCsrfToken('tok-123')
    await http.post('/api/v1/w', { name: '第一网格' })
    await http.get('/api/v1/r')
    const [post, get] = server.seen
    expect(post?.headers['x-csrf-token']).toBe('tok-123')
    expect(post?.headers['content-type']).toBe('application/json')
    expect(JSON.parse(post?.body ?? '')).toEqual({ name: '第一网格' })
    expect(get?.headers['x-csrf-token']).toBeUndefined()
  })

  it('answers undefined for 204', async () => {
    server.handle(() => ({ status: 204 }))
    await expect(http.delete('/api/v1/org/grids/1', { query: { version: 3 } })).resolves.toBeUndefined()
    expect(server.seen[0]?.url).toBe('/api/v1/org/grids/1?version=3')
  })

  it('hands an answer over unparsed, parses it once when read, and throws errors before', async () => {
    server.handle(() => ({ status: 200, body: { homes: [[36.06, 103.83, 2, 3]] } }))
    const read = await http.getUnparsed<{ homes: number[][] }>('/api/v1/access/map', { query: { unit: '620102001000' } })
    const first = read()
    expect(first.homes[0]).toEqual([36.06, 103.83, 2, 3])
    expect(read()).toBe(first)

    server.handle(() => ({ status: 409, body: errorBody('conflict', '尚未导入步行路网') }))
    const error = await http.getUnparsed('/api/v1/access/map').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).message).toBe('尚未导入步行路网')
    expect(notified).toEqual([])

    server.handle(() => ({ status: 204 }))
    expect((await http.getUnparsed('/api/v1/empty'))()).toBeUndefined()
  })

  it('turns the error body into an ApiError and shows it for writes', async () => {
    server.handle(() => ({
      status: 400,
      body: errorBody('invalid_argument', '请求参数有误', [{ field: 'name', reason: '不能为空' }]),
    }))
    const error = await http.post('/api/v1/w', {}).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    const e = error as ApiError
    expect(e.status).toBe(400)
    expect(e.code).toBe('invalid_argument')
    expect(e.message).toBe('请求参数有误')
    expect(e.fieldReason('name')).toBe('不能为空')
    expect(e.requestId).toBe('req-test-1')
    expect(e.fromServer).toBe(true)
    expect(notified).toEqual(['请求参数有误'])
  })

  it('leaves read errors to the page unless asked', async () => {
    server.handle(() => ({ status: 404, body: errorBody('not_found', '单位不存在') }))
    await expect(http.get('/api/v1/org/units/1')).rejects.toMatchObject({ status: 404, message: '单位不存在' })
    expect(notified).toEqual([])
    await expect(http.get('/api/v1/org/units/1', { notify: true })).rejects.toBeInstanceOf(ApiError)
    expect(notified).toEqual(['单位不存在'])
  })

  it('sends 401 to the session handler, except when told not to', async () => {
    server.handle(() => ({ status: 401, body: errorBody('unauthenticated', '请先登录') }))
    await expect(http.post('/api/v1/w', {})).rejects.toMatchObject({ status: 401 })
    expect(unauthenticated).toBe(1)
    expect(notified).toEqual([])
    await expect(http.post('/api/v1/auth/login', {}, { skipAuthRedirect: true, notify: false })).rejects.toMatchObject({
      status: 401,
    })
    expect(unauthenticated).toBe(1)
  })

  it('sends a 403 about the password to the password handler', async () => {
    server.handle(() => ({
      status: 403,
      body: errorBody('forbidden', '请先修改密码', [{ field: 'password', reason: 'expired' }]),
    }))
    await expect(http.get('/api/v1/org/units/1')).rejects.toMatchObject({ status: 403 })
    expect(mustChange).toBe(1)
  })

  it('sends a 403 about the second factor to the one-time code handler, without a message', async () => {
    // dispatcher.cpp: an administrator without a second factor under --require-totp-for-admins.
    server.handle(() => ({
      status: 403,
      body: errorBody('forbidden', '管理员须先设置动态口令', [{ field: 'totp', reason: '需要设置动态口令' }]),
    }))
    await expect(http.get('/api/v1/org/units/620000000000')).rejects.toMatchObject({ status: 403 })
    await expect(http.post('/api/v1/org/units/620102010201/grids', { name: 'x' })).rejects.toMatchObject({ status: 403 })
    expect(mustSetUpTotp).toBe(2)
    expect(mustChange).toBe(0)
    expect(unauthenticated).toBe(0)
    expect(notified).toEqual([])
  })

  it('leaves other 403s, and the second factor without a handler, to the message', async () => {
    server.handle(() => ({ status: 403, body: errorBody('forbidden', '没有权限执行此操作') }))
    await expect(http.post('/api/v1/w', {})).rejects.toMatchObject({ status: 403 })
    expect(mustSetUpTotp).toBe(0)
    expect(notified).toEqual(['没有权限执行此操作'])

    // The resident pages install no such handler: the server's message shows as for any error.
    configureClient({ hooks: { onTotpSetUpRequired: undefined } })
    server.handle(() => ({
      status: 403,
      body: errorBody('forbidden', '管理员须先设置动态口令', [{ field: 'totp', reason: '需要设置动态口令' }]),
    }))
    await expect(http.post('/api/v1/w', {})).rejects.toMatchObject({ status: 403 })
    expect(notified).toEqual(['没有权限执行此操作', '管理员须先设置动态口令'])
  })

  it("adds a refusal's reasons to its message", async () => {
    // auth_service.cpp, ensure_manageable: an account with a role outside the caller's scope.
    const reason = '该账号在第一网格担任网格员，超出您的管理范围，只能由上级管理员办理'
    server.handle(() => ({ status: 403, body: errorBody('forbidden', '没有权限执行此操作', [{ field: 'roles', reason }]) }))
    const e = await http.patch('/api/v1/users/7', { version: 1, status: 'disabled' }).catch((x: unknown) => x)
    expect(notified).toEqual([`没有权限执行此操作：${reason}`])
    expect(errorMessage(e)).toBe(`没有权限执行此操作：${reason}`)
    configureClient({ language: 'en' })
    server.handle(() => ({
      status: 403,
      body: errorBody('forbidden', 'you do not have permission for this', [
        { field: 'roles', reason: 'the account holds Grid worker at 第一网格, outside your scope' },
        { field: 'roles', reason: 'and another' },
      ]),
    }))
    await http.post('/api/v1/users/7/password-reset', {}).catch(() => {})
    expect(notified.at(-1)).toBe('you do not have permission for this: the account holds Grid worker at 第一网格, outside your scope; and another')
    // Other statuses show their fields at the fields, not in the message.
    server.handle(() => ({ status: 400, body: errorBody('invalid_argument', 'bad', [{ field: 'name', reason: 'empty' }]) }))
    expect(errorMessage(await http.get('/x').catch((x: unknown) => x))).toBe('bad')
  })

  it('reads Retry-After as seconds to wait', async () => {
    server.handle(() => ({
      status: 429,
      headers: { 'retry-after': '593' },
      body: errorBody('rate_limited', '登录失败次数过多，请稍后再试'),
    }))
    const e = (await http.post('/api/v1/auth/login', {}, { notify: false }).catch((x: unknown) => x)) as ApiError
    expect(e).toBeInstanceOf(ApiError)
    expect(e.status).toBe(429)
    expect(e.code).toBe('rate_limited')
    expect(e.retryAfter).toBe(593)
    server.handle(() => ({ status: 400, body: errorBody('invalid_argument', 'bad') }))
    expect(((await http.get('/x').catch((x: unknown) => x)) as ApiError).retryAfter).toBeUndefined()
  })

  it('parses both forms of Retry-After', () => {
    const now = Date.parse('2026-12-01T12:00:00Z')
    expect(parseRetryAfter('1', now)).toBe(1)
    expect(parseRetryAfter(' 600 ', now)).toBe(600)
    expect(parseRetryAfter('0', now)).toBe(1)
    expect(parseRetryAfter('Tue, 01 Dec 2026 12:01:30 GMT', now)).toBe(90)
    expect(parseRetryAfter('Tue, 01 Dec 2026 11:00:00 GMT', now)).toBe(1)
    expect(parseRetryAfter(null, now)).toBeUndefined()
    expect(parseRetryAfter('', now)).toBeUndefined()
    expect(parseRetryAfter('soon', now)).toBeUndefined()
  })

  it('reports a non-JSON error with its status', async () => {
    server.handle(() => ({ status: 502, raw: '<html>Bad Gateway</html>', headers: { 'x-request-id': 'abc' } }))
    const e = (await http.get('/x').catch((x: unknown) => x)) as ApiError
    expect(e.status).toBe(502)
    expect(e.message).toContain('502')
    expect(e.requestId).toBe('abc')
    expect(e.fromServer).toBe(false)
  })

  it('reports an unreachable server as status 0', async () => {
    configureClient({ baseUrl: 'http://127.0.0.1:1' })
    const e = (await http.post('/x', {}).catch((x: unknown) => x)) as ApiError
    expect(e).toBeInstanceOf(ApiError)
    expect(e.status).toBe(0)
    expect(e.code).toBe('unavailable')
    expect(notified).toHaveLength(1)
  })
})
