// What a failed sign-in tells the user, on the console and on the resident pages alike.
//
// The server answers every refusal with 401 and its own message ("用户名或密码错误，或账号已被锁定"
// for a wrong password, an unknown user or a locked account). For an account with a second factor
// it adds details [{field: "totpCode", reason}]: the reason says what is wrong with the one-time
// code ("请输入动态口令", "动态口令不正确或已使用") while the message stays the general one, so the
// reason is what to show once the code box is there.
import { ApiError, errorMessage } from './request'

export interface LoginFailure {
  /** The text above the form. */
  message: string
  /** The account has a second factor: the form must ask for the one-time code. */
  needTotp: boolean
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
  return { message: error.message, needTotp: codeShown }
}
