// The user store against a server that speaks the access contract.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { useUserStore } from '@/store/user'
import { ApiError, configureClient, http, setCsrfToken } from '@/utils/request'
import { mayHaveSession, setCookieJar, type CookieJar } from '@/utils/session-hint'
import { errorBody, startServer, type Seen, type TestServer } from './helpers'

let server: TestServer

const chengguan = {
  id: 3,
  username: 'chengguan',
  displayName: '城关区民政局',
  phone: '138****5678',
  status: 'active',
  unitCode: '620102000000',
  unitName: '城关区',
  roles: [{ role: 'county_admin', roleName: '县级管理员', unitCode: '620102000000', unitName: '城关区' }],
  totpEnabled: false,
  version: 1,
}

function me(overrides: Record<string, unknown> = {}) {
  return {
    user: chengguan,
    roles: chengguan.roles,
    permissions: ['org:unit:read', 'org:grid:read', 'auth:user:read'],
    csrfToken: 'csrf-abc',
    mustChangePassword: false,
    ...overrides,
  }
}

beforeAll(async () => {
  server = await startServer()
})
afterAll(() => server.close())
beforeEach(() => {
  setActivePinia(createPinia())
  server.seen.length = 0
  setCsrfToken(null)
  configureClient({ baseUrl: server.url, hooks: {} })
  // No cookies (as outside a browser): every visit asks the server.
  setCookieJar(null)
})

describe('user store', () => {
  it('treats a missing /auth/me (404) as an error, not as a server open to all', async () => {
    server.handle(() => ({ status: 404, body: errorBody('not_found', '请求的接口不存在') }))
    const user = useUserStore()
    await expect(user.load()).rejects.toMatchObject({ status: 404, message: '请求的接口不存在' })
    expect(user.status).toBe('unknown')
    expect(user.can('org:unit:read')).toBe(false)
    expect(user.scopeRoots).toEqual([])
  })

  it('is anonymous on 401 and holds no permissions', async () => {
    server.handle(() => ({ status: 401, body: errorBody('unauthenticated', '请先登录') }))
    const user = useUserStore()
    expect(await user.load()).toBe('anonymous')
    expect(user.can('org:unit:read')).toBe(false)
    expect(user.scopeRoots).toEqual([])
  })

  it('loads the signed-in user, permissions, scope and CSRF token', async () => {
    server.handle((req: Seen) =>
      req.url === '/api/v1/auth/me' ? { status: 200, body: me() } : { status: 204 },
    )
    const user = useUserStore()
    expect(await user.load()).toBe('signedIn')
    expect(user.user?.username).toBe('chengguan')
    expect(user.can('auth:user:read')).toBe(true)
    expect(user.can(['audit:log:read', 'org:unit:read'])).toBe(true)
    expect(user.can('audit:log:read')).toBe(false)
    expect(user.scopeRoots).toEqual(['620102000000'])
    expect(user.settingsKey).toBe('chengguan')
    await http.post('/api/v1/org/units/620102001001/grids', { name: 'x' })
    expect(server.seen.at(-1)?.headers['x-csrf-token']).toBe('csrf-abc')
  })

  it('signs in, then loads the profile', async () => {
    server.handle((req) => {
      if (req.url === '/api/v1/auth/login') {
        expect(JSON.parse(req.body)).toEqual({ username: 'chengguan', password: 'pw' })
        return { status: 200, body: { user: chengguan, csrfToken: 'csrf-login', mustChangePassword: false } }
      }
      return { status: 200, body: me({ csrfToken: 'csrf-me' }) }
    })
    const user = useUserStore()
    expect(await user.login({ username: 'chengguan', password: 'pw' })).toBe('signedIn')
    expect(server.seen.map((s) => s.url)).toEqual(['/api/v1/auth/login', '/api/v1/auth/me'])
    expect(user.permissions).toContain('org:unit:read')
  })

  it('stops at the password change when the password must be changed', async () => {
    server.handle((req) => {
      if (req.url === '/api/v1/auth/login') {
        return { status: 200, body: { user: chengguan, csrfToken: 'csrf-1', mustChangePassword: true } }
      }
      if (req.url === '/api/v1/auth/password') {
        expect(req.headers['x-csrf-token']).toBe('csrf-1')
        return { status: 204 }
      }
      return { status: 403, body: errorBody('forbidden', '请先修改密码', [{ field: 'password', reason: 'expired' }]) }
    })
    const user = useUserStore()
    expect(await user.login({ username: 'chengguan', password: 'old' })).toBe('mustChange')
    expect(user.effectivePermissions).toEqual([])
    await user.changePassword('old', 'New@Password2025')
    expect(user.status).toBe('anonymous')
    expect(user.notice).toBe('passwordChanged')
  })

  it('is held to the one-time code set-up, then signed in once it is on', async () => {
    let enabled = false
    server.handle((req) => {
      if (req.url === '/api/v1/auth/me') {
        return { status: 200, body: me({ user: { ...chengguan, totpEnabled: enabled } }) }
      }
      if (req.url === '/api/v1/auth/totp/enable') {
        expect(req.headers['x-csrf-token']).toBe('csrf-abc')
        const { code } = JSON.parse(req.body) as { code: string }
        if (code !== '287082') {
          return { status: 400, body: errorBody('invalid_argument', '请求参数有误', [{ field: 'code', reason: '动态口令不正确' }]) }
        }
        enabled = true
        return { status: 204 }
      }
      return { status: 403, body: errorBody('forbidden', '管理员须先设置动态口令', [{ field: 'totp', reason: '需要设置动态口令' }]) }
    })
    const user = useUserStore()
    expect(await user.load()).toBe('signedIn')
    user.totpSetUpRequired()
    expect(user.status).toBe('mustSetUpTotp')
    expect(user.effectivePermissions).toEqual([])

    const wrong = (await user.enableTotp('000000').catch((e: unknown) => e)) as ApiError
    expect(wrong.fieldReason('code')).toBe('动态口令不正确')
    expect(user.status).toBe('mustSetUpTotp')

    expect(await user.enableTotp('287082')).toBe('signedIn')
    expect(user.user?.totpEnabled).toBe(true)
    expect(user.can('org:unit:read')).toBe(true)
  })

  it('does not hold someone who is not signed in to the one-time code', () => {
    const user = useUserStore()
    user.clear()
    user.totpSetUpRequired()
    expect(user.status).toBe('anonymous')
  })

  it('says the session ended when it ends during the one-time code set-up', async () => {
    server.handle(() => ({ status: 200, body: me() }))
    const user = useUserStore()
    await user.load()
    user.totpSetUpRequired()
    user.sessionEnded()
    expect(user.status).toBe('anonymous')
    expect(user.notice).toBe('sessionEnded')
  })

  it('signs out with the server message when a wrong current password locked the account', async () => {
    const LOCKED = '当前密码多次输入错误，账号已锁定并退出登录，请稍后重新登录'
    let unauthenticated = 0
    configureClient({ hooks: { onUnauthenticated: () => unauthenticated++ } })
    server.handle((req) => {
      if (req.url === '/api/v1/auth/me') return { status: 200, body: me() }
      return { status: 401, body: errorBody('unauthenticated', LOCKED) }
    })
    const user = useUserStore()
    await user.load()
    await expect(user.changePassword('Wrong-5', 'New@Password2025')).rejects.toMatchObject({ status: 401 })
    expect(user.status).toBe('anonymous')
    expect(user.noticeText).toBe(LOCKED)
    expect(user.notice).toBeNull()
    // The page goes to the login page itself, so that the redirect does not bring the user back here.
    expect(unauthenticated).toBe(0)
    // A later look at who is signed in keeps the explanation for the login page.
    server.handle(() => ({ status: 401, body: errorBody('unauthenticated', '请先登录') }))
    await user.load()
    expect(user.noticeText).toBe(LOCKED)
    // Signing in again clears it.
    server.handle((req) =>
      req.url === '/api/v1/auth/login'
        ? { status: 200, body: { user: chengguan, csrfToken: 'csrf-2', mustChangePassword: false } }
        : { status: 200, body: me() },
    )
    await user.login({ username: 'chengguan', password: 'right' })
    expect(user.noticeText).toBeNull()
  })

  it('keeps a refused new password to the form, signed in', async () => {
    server.handle((req) =>
      req.url === '/api/v1/auth/me'
        ? { status: 200, body: me() }
        : {
            status: 400,
            body: errorBody('invalid_argument', '请求参数有误', [{ field: 'newPassword', reason: '不能与最近 5 次使用过的密码相同' }]),
          },
    )
    const user = useUserStore()
    await user.load()
    const error = (await user.changePassword('Right@Password1', 'Old@Password2024').catch((e: unknown) => e)) as ApiError
    expect(error.fieldReason('newPassword')).toBe('不能与最近 5 次使用过的密码相同')
    expect(user.status).toBe('signedIn')
  })

  it('keeps the server message of a failed sign-in', async () => {
    server.handle(() => ({ status: 401, body: errorBody('unauthenticated', '用户名或密码错误，或账号已被锁定') }))
    const user = useUserStore()
    await expect(user.login({ username: 'x', password: 'y' })).rejects.toMatchObject({
      status: 401,
      message: '用户名或密码错误，或账号已被锁定',
    })
    expect(user.status).toBe('unknown')
  })

  it('signs out, and treats an already-ended session the same', async () => {
    server.handle((req) => (req.url === '/api/v1/auth/me' ? { status: 200, body: me() } : { status: 204 }))
    const user = useUserStore()
    await user.load()
    await user.logout()
    expect(server.seen.at(-1)?.headers['x-csrf-token']).toBe('csrf-abc')
    expect(user.status).toBe('anonymous')
    expect(user.user).toBeNull()

    server.handle((req) => (req.url === '/api/v1/auth/me' ? { status: 200, body: me() } : { status: 401, body: errorBody('unauthenticated', 'x') }))
    await user.load()
    await user.logout()
    expect(user.status).toBe('anonymous')
  })

  it('notes a session that ended on the server', async () => {
    server.handle(() => ({ status: 200, body: me() }))
    const user = useUserStore()
    await user.load()
    user.sessionEnded()
    expect(user.status).toBe('anonymous')
    expect(user.notice).toBe('sessionEnded')
  })

  it('reports a server that cannot answer', async () => {
    server.handle(() => ({ status: 503, body: errorBody('unavailable', '服务暂时不可用') }))
    const user = useUserStore()
    await expect(user.load()).rejects.toMatchObject({ status: 503 })
    expect(user.status).toBe('unknown')
  })
})

/** A browser's cookies as document.cookie reads and writes them (name=value; attributes). */
function cookieJar(initial: Record<string, string> = {}): CookieJar & { cookies: Map<string, string> } {
  const cookies = new Map(Object.entries(initial))
  return {
    cookies,
    read: () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    write: (cookie) => {
      const [pair, ...attributes] = cookie.split(';').map((p) => p.trim())
      const [name, value] = pair!.split('=') as [string, string]
      if (attributes.some((a) => a.toLowerCase() === 'max-age=0')) cookies.delete(name)
      else cookies.set(name, value)
    },
  }
}

describe('user store and the session hint', () => {
  it('does not ask who is signed in when this browser has not signed in (no 401 on the login page)', async () => {
    setCookieJar(cookieJar({ other: 'x' }))
    server.handle(() => ({ status: 401, body: errorBody('unauthenticated', '请先登录') }))
    const user = useUserStore()
    expect(await user.load()).toBe('anonymous')
    expect(server.seen).toEqual([])
  })

  it('asks when it has signed in, and forgets the hint when the session has ended meanwhile', async () => {
    const jar = cookieJar({ shequ_signed_in: '1' })
    setCookieJar(jar)
    server.handle(() => ({ status: 401, body: errorBody('unauthenticated', '请先登录') }))
    const user = useUserStore()
    expect(await user.load()).toBe('anonymous')
    expect(server.seen.map((s) => s.url)).toEqual(['/api/v1/auth/me'])
    expect(mayHaveSession()).toBe(false)
  })

  it('sets the hint on a sign-in, for the session lifetime, and clears it on sign-out', async () => {
    const jar = cookieJar()
    const written: string[] = []
    setCookieJar({ read: jar.read, write: (c) => (written.push(c), jar.write(c)) })
    server.handle((req: Seen) => {
      if (req.url === '/api/v1/auth/login') return { status: 200, body: { user: chengguan, csrfToken: 'csrf-login', mustChangePassword: false } }
      if (req.url === '/api/v1/auth/logout') return { status: 204 }
      return { status: 200, body: me() }
    })
    const user = useUserStore()
    expect(mayHaveSession()).toBe(false)
    expect(await user.login({ username: 'chengguan', password: 'pw' })).toBe('signedIn')
    expect(mayHaveSession()).toBe(true)
    expect(written[0]).toBe('shequ_signed_in=1; Path=/; Max-Age=43200; SameSite=Strict')
    // A reload asks the server, and is signed in.
    setActivePinia(createPinia())
    expect(await useUserStore().load()).toBe('signedIn')
    await useUserStore().logout()
    expect(mayHaveSession()).toBe(false)
  })

  it('clears the hint when a call finds the session gone', async () => {
    setCookieJar(cookieJar({ shequ_signed_in: '1' }))
    const user = useUserStore()
    user.applyMe(me() as Parameters<typeof user.applyMe>[0])
    user.sessionEnded()
    expect(mayHaveSession()).toBe(false)
  })
})
