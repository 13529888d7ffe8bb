// What a failed sign-in tells the user, on the console and on the resident pages alike.
//
// The server answers every refusal with 401 and its own message ("用户名或密码错误，或账号已被锁定"
// for a wrong password, an unknown user or a locked account). For an account with a second factor
// it adds details [{field: "totpCode", reason}]: the reason says what is wrong with the one-time
// code ("请输入动态口令", "动态口令不正确或已使用") while the message stays the general one, so the
// reason is what to show once the code box is there.
//
// Too many sign-ins are refused with 429 and Retry-After: many at once (1 s), or too many failures
// for the account name or from the address within 10 minutes (up to 600 s). The pages then say how
// long to wait and keep the button disabled until then, counting down.
import { i18n } from '@/locales'
import { ApiError, errorMessage } from './request'

export interface LoginFailure {
  /** The text above the form. */
  message: string
  /** The account has a second factor: the form must ask for the one-time code. */
  needTotp: boolean
  /** Refused for too many attempts: seconds until the next may be made (the page counts down). */
  waitSeconds?: number
}

/** A wait as people say it: "45 秒" under a minute, else whole minutes rounded up ("10 分钟"). */
export function waitTime(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds))
  return s >= 60 ? i18n.global.t('login.minutes', { n: Math.ceil(s / 60) }) : i18n.global.t('login.seconds', { n: s })
}

/** "登录尝试过多，请 10 分钟后再试" / "Too many sign-in attempts; try again in 10 min". */
export function tooManyAttempts(seconds: number): string {
  return i18n.global.t('login.tooMany', { time: waitTime(seconds) })
}

export interface LoginTexts {
  /** Shown when the server first asks for the code (the box was not there yet). */
  totpRequired: string
  /** A 401 that did not come with the server's error body. */
  failed: string
}

export function loginFailure(error: unknown, codeShown: boolean, texts: LoginTexts): LoginFailure {
  if (!(error instanceof ApiError)) return { message: errorMessage(error), needTotp: false }
  if (error.status === 401 && error.hasField('totpCode')) {
    return {
      message: codeShown ? (error.fieldReason('totpCode') || error.message) : texts.totpRequired,
      needTotp: true,
    }
  }
  if (error.status === 401 && !error.fromServer) return { message: texts.failed, needTotp: codeShown }
  if (error.status === 429 && error.retryAfter !== undefined) {
    return { message: tooManyAttempts(error.retryAfter), needTotp: codeShown, waitSeconds: error.retryAfter }
  }
  return { message: error.message, needTotp: codeShown }
}
