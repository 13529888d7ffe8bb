// What a failed sign-in shows: the server's own words, including why a one-time code (动态口令)
// was refused, which the server puts in details[totpCode] under its general message.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import zhCN from '@/locales/zh-CN'
import en from '@/locales/en'
import { useUserStore } from '@/store/user'
import { i18n } from '@/locales'
import { useCountdown } from '@/composables/useCountdown'
import { loginFailure, tooManyAttempts, waitTime } from '@/utils/login'
import { configureClient, setCsrfToken } from '@/utils/request'
import { errorBody, mountComposable, startServer, type Reply, type TestServer } from './helpers'

let server: TestServer

// The server's texts (src/auth/auth_service.cpp).
const LOGIN_FAILED = '用户名或密码错误，或账号已被锁定'
const texts = { totpRequired: zhCN.login.totpRequired, failed: zhCN.login.failed }

/** Signs in against a server that answers `reply`, and returns what the login page would show. */
async function failedLogin(reply: Reply, codeShown: boolean) {
  server.handle(() => reply)
  const error = await useUserStore()
    .login({ username: 'chengguan', password: 'Shequ@Demo2025!', totpCode: codeShown ? '123456' : undefined })
    .then(
      () => null,
      (e: unknown) => e,
    )
  expect(error).not.toBeNull()
  return loginFailure(error, codeShown, texts)
}

beforeAll(async () => {
  server = await startServer()
})
afterAll(() => server.close())
beforeEach(() => {
  setActivePinia(createPinia())
  setCsrfToken(null)
  configureClient({ baseUrl: server.url, language: 'zh-CN', hooks: {} })
})

describe('a failed sign-in', () => {
  it('asks for the one-time code when the account has a second factor', async () => {
    const body = errorBody('unauthenticated', LOGIN_FAILED, [{ field: 'totpCode', reason: '请输入动态口令' }])
    expect(await failedLogin({ status: 401, body }, false)).toEqual({
      message: '该账号已启用双因素认证，请输入动态口令',
      needTotp: true,
    })
  })

  it('says why the code was refused, not that the password was wrong', async () => {
    const body = errorBody('unauthenticated', LOGIN_FAILED, [{ field: 'totpCode', reason: '动态口令不正确或已使用' }])
    expect(await failedLogin({ status: 401, body }, true)).toEqual({ message: '动态口令不正确或已使用', needTotp: true })
  })

  it("shows the server's message for a wrong password or a locked account", async () => {
    const body = errorBody('unauthenticated', LOGIN_FAILED)
    expect(await failedLogin({ status: 401, body }, false)).toEqual({ message: LOGIN_FAILED, needTotp: false })
    // Once the code box is there it stays (the next try still needs the code).
    expect(await failedLogin({ status: 401, body }, true)).toEqual({ message: LOGIN_FAILED, needTotp: true })
    const english = errorBody('unauthenticated', 'wrong user name or password, or the account is locked')
    expect((await failedLogin({ status: 401, body: english }, false)).message).toBe(
      'wrong user name or password, or the account is locked',
    )
  })

  it('falls back to the general text only for a 401 without the server body', async () => {
    expect(await failedLogin({ status: 401, raw: '<html>401 Authorization Required</html>' }, false)).toEqual({
      message: LOGIN_FAILED,
      needTotp: false,
    })
    // Other answers keep their own explanation: a wrong password is not the cause of a 502.
    expect((await failedLogin({ status: 502, raw: '<html>Bad Gateway</html>' }, false)).message).toContain('502')
  })

  it('says when the server cannot be reached', async () => {
    configureClient({ baseUrl: 'http://127.0.0.1:1' })
    const error = await useUserStore()
      .login({ username: 'chengguan', password: 'x' })
      .catch((e: unknown) => e)
    expect(loginFailure(error, false, texts).message).toBe('无法连接服务器，请检查网络后重试')
  })
})

describe('too many sign-in attempts', () => {
  it('say how long to wait, from Retry-After', async () => {
    const body = errorBody('rate_limited', '登录失败次数过多，请稍后再试')
    expect(await failedLogin({ status: 429, body, headers: { 'retry-after': '593' } }, false)).toEqual({
      message: '登录尝试过多，请 10 分钟后再试',
      needTotp: false,
      waitSeconds: 593,
    })
    // Too many at once: a second.
    expect(await failedLogin({ status: 429, body, headers: { 'retry-after': '1' } }, true)).toEqual({
      message: '登录尝试过多，请 1 秒后再试',
      needTotp: true,
      waitSeconds: 1,
    })
    // Without the header (a proxy dropped it) the server's own words, and no countdown.
    expect(await failedLogin({ status: 429, body }, false)).toEqual({ message: '登录失败次数过多，请稍后再试', needTotp: false })
  })

  it('count in seconds under a minute and in whole minutes, rounded up, from one', () => {
    expect(waitTime(1)).toBe('1 秒')
    expect(waitTime(59)).toBe('59 秒')
    expect(waitTime(60)).toBe('1 分钟')
    expect(waitTime(61)).toBe('2 分钟')
    expect(waitTime(600)).toBe('10 分钟')
    expect(tooManyAttempts(45)).toBe('登录尝试过多，请 45 秒后再试')
    i18n.global.locale.value = 'en'
    try {
      expect(tooManyAttempts(45)).toBe('Too many sign-in attempts; try again in 45 s')
      expect(tooManyAttempts(600)).toBe('Too many sign-in attempts; try again in 10 min')
      expect(i18n.global.t('login.waitButton', { time: waitTime(3) })).toBe('Try again in 3 s')
    } finally {
      i18n.global.locale.value = 'zh-CN'
    }
  })
})

describe('the countdown', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('ticks down to zero, then stops', () => {
    vi.useFakeTimers()
    const mounted = mountComposable(() => useCountdown())
    const wait = mounted.result
    expect(wait.running.value).toBe(false)
    wait.start(3)
    expect(wait.remaining.value).toBe(3)
    expect(wait.running.value).toBe(true)
    vi.advanceTimersByTime(1000)
    expect(wait.remaining.value).toBe(2)
    vi.advanceTimersByTime(2000)
    expect(wait.remaining.value).toBe(0)
    expect(wait.running.value).toBe(false)
    expect(vi.getTimerCount()).toBe(0)
    // Leaving the page stops it.
    wait.start(600)
    expect(vi.getTimerCount()).toBe(1)
    mounted.unmount()
    expect(vi.getTimerCount()).toBe(0)
  })

  it('follows the clock, not the number of ticks (a background tab is throttled)', () => {
    let now = 1_000_000
    vi.useFakeTimers()
    const wait = mountComposable(() => useCountdown(() => now)).result
    wait.start(600)
    now += 299_500 // the tab slept five minutes and one tick comes
    vi.advanceTimersByTime(250)
    expect(wait.remaining.value).toBe(301)
  })
})

describe('the one-time code', () => {
  it("is called by the server's term: 动态口令, one-time code", () => {
    expect(zhCN.login.totp).toBe('动态口令')
    expect(en.login.totp).toBe('One-time code')
    expect(JSON.stringify(zhCN)).not.toContain('验证码')
  })
})
