// What a failed sign-in shows: the server's own words, including why a one-time code (动态口令)
// was refused, which the server puts in details[totpCode] under its general message.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import zhCN from '@/locales/zh-CN'
import en from '@/locales/en'
import { useUserStore } from '@/store/user'
import { loginFailure } from '@/utils/login'
import { configureClient, setCsrfToken } from '@/utils/request'
import { errorBody, startServer, type Reply, type TestServer } from './helpers'

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

describe('the one-time code', () => {
  it("is called by the server's term: 动态口令, one-time code", () => {
    expect(zhCN.login.totp).toBe('动态口令')
    expect(en.login.totp).toBe('One-time code')
    expect(JSON.stringify(zhCN)).not.toContain('验证码')
  })
})
