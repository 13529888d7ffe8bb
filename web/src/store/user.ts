// The signed-in user: who they are, their roles and permissions, and the CSRF token.
//
// status:
//   unknown     — not asked yet
//   anonymous   — nobody is signed in (401)
//   mustChange  — signed in with a password that must be changed before anything else
//   mustSetUpTotp — signed in, but the server holds this administrator to setting up a second
//                 factor (动态口令) before anything else (403 with details[totp] on other calls)
//   signedIn    — signed in
import { defineStore } from 'pinia'
import * as authApi from '@/api/auth'
import type { LoginInput, Me, RoleGrant, User } from '@/api/auth'
import { ApiError, setCsrfToken } from '@/utils/request'
import { allows } from '@/utils/permission'
import { scopeRoots } from '@/utils/codes'
import { mayHaveSession, noteSignedIn, noteSignedOut } from '@/utils/session-hint'
import { forgetSharedRequests } from '@/utils/shared-request'

export type AuthStatus = 'unknown' | 'anonymous' | 'mustChange' | 'mustSetUpTotp' | 'signedIn'

interface UserState {
  status: AuthStatus
  user: User | null
  roles: RoleGrant[]
  permissions: string[]
  /** Why the user is on the login page (session ended, password changed), as a message key. */
  notice: 'sessionEnded' | 'passwordChanged' | null
  /**
   * Why, in the server's words, where the console has no text of its own: the account was locked
   * and signed out for a wrong current password given too often. Shown instead of `notice`.
   */
  noticeText: string | null
}

export const useUserStore = defineStore('user', {
  state: (): UserState => ({
    status: 'unknown',
    user: null,
    roles: [],
    permissions: [],
    notice: null,
    noticeText: null,
  }),

  getters: {
    /** Permissions in force: the user's, once signed in with nothing left to do first. */
    effectivePermissions: (state): readonly string[] => (state.status === 'signedIn' ? state.permissions : []),
    /** The units whose subtrees the user may work in. */
    scopeRoots(state): string[] {
      const codes = state.roles.map((r) => r.unitCode).filter(Boolean)
      if (codes.length === 0 && state.user?.unitCode) codes.push(state.user.unitCode)
      return scopeRoots(codes)
    },
    /** The key under which per-user settings are remembered. */
    settingsKey: (state): string => state.user?.username ?? 'anonymous',
  },

  actions: {
    can(required: string | readonly string[] | undefined): boolean {
      return allows(this.effectivePermissions, required)
    },

    applyMe(me: Me): void {
      this.user = me.user
      this.roles = me.roles
      this.permissions = me.permissions
      setCsrfToken(me.csrfToken)
      this.status = me.mustChangePassword ? 'mustChange' : 'signedIn'
      this.notice = null
      this.noticeText = null
    },

    /** Nobody is signed in (any more); `notice` and `noticeText` say why on the login page. */
    clear(notice: UserState['notice'] = null, noticeText: string | null = null): void {
      this.user = null
      this.roles = []
      this.permissions = []
      this.status = 'anonymous'
      this.notice = notice
      this.noticeText = noticeText
      setCsrfToken(null)
      noteSignedOut()
      forgetSharedRequests()
    },

    /**
     * Asks the server who is signed in. "Nobody" (401) and "a password to change first" (403) are
     * states; anything else the server answers, a missing /auth/me (404) included, is thrown like
     * any other error, as is no answer at all. A browser that holds no session (no sign-in since
     * the last sign-out, utils/session-hint.ts) is anonymous without asking.
     */
    async load(): Promise<AuthStatus> {
      if (!mayHaveSession()) {
        this.clear(this.notice, this.noticeText)
        return this.status
      }
      try {
        this.applyMe(await authApi.me())
      } catch (error) {
        if (!(error instanceof ApiError)) throw error
        if (error.status === 401) this.clear(this.notice, this.noticeText)
        else if (error.status === 403 && error.hasField('password')) this.status = 'mustChange'
        else throw error
      }
      return this.status
    },

    /** Signs in; on success the full profile (roles, permissions) is loaded. */
    async login(input: LoginInput): Promise<AuthStatus> {
      const result = await authApi.login(input)
      noteSignedIn()
      forgetSharedRequests()
      setCsrfToken(result.csrfToken)
      this.user = result.user
      this.roles = result.user.roles ?? []
      this.notice = null
      this.noticeText = null
      if (result.mustChangePassword) {
        this.permissions = []
        this.status = 'mustChange'
        return this.status
      }
      return this.load()
    },

    /**
     * A call answered 403 with details[totp]: the server lets this administrator do nothing but
     * set up the one-time code. (GET /auth/me does not say so; the first refused call does.)
     */
    totpSetUpRequired(): void {
      if (this.status === 'signedIn' || this.status === 'mustSetUpTotp') {
        this.status = 'mustSetUpTotp'
      }
    },

    /** Puts the one-time code in force, then reloads the profile (totpEnabled, permissions). */
    async enableTotp(code: string): Promise<AuthStatus> {
      await authApi.enableTotp(code)
      return this.load()
    },

    /**
     * Changes the password; the server ends every session, so the user signs in again. A wrong
     * current password counts as a failed sign-in: the fifth locks the account and ends the
     * session (401 with the server's explanation), which the login page then shows.
     */
    async changePassword(currentPassword: string, newPassword: string): Promise<void> {
      try {
        await authApi.changePassword(currentPassword, newPassword)
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
          this.clear(error.fromServer ? null : 'sessionEnded', error.fromServer ? error.message : null)
        }
        throw error
      }
      this.clear('passwordChanged')
    },

    async logout(): Promise<void> {
      try {
        await authApi.logout()
      } catch (error) {
        // Already signed out on the server (401): the result is the same.
        if (!(error instanceof ApiError) || error.status !== 401) throw error
      }
      this.clear()
    },

    /** A call answered 401: the session is gone (expired, or ended elsewhere). */
    sessionEnded(): void {
      const working = this.status === 'signedIn' || this.status === 'mustSetUpTotp'
      this.clear(working ? 'sessionEnded' : this.notice, working ? null : this.noticeText)
    },
  },
})
