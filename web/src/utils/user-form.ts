// What the account forms send. The server asks for no role when an account is created (and a
// PUT of the roles may empty the list), so the console does not either: under the separation of
// the three administrators (三员分立) the system administrator, who may create accounts but not
// assign roles, creates the account, and the security administrator assigns its roles.
import type { RoleDefinition } from '@/api/auth'
import type { NewUser, RoleAssignment } from '@/api/user'
import { codeLevel, isUnitCode } from '@/utils/codes'
import type { FieldError } from '@/utils/request'

export interface NewUserForm {
  username: string
  displayName: string
  phone: string
  password: string
  unitCode: string
  roles: RoleAssignment[]
}

/** The role rows that are filled in (a role and its unit); half-filled rows are left out. */
export function completeRoles(rows: readonly RoleAssignment[]): RoleAssignment[] {
  return rows.filter((r) => r.role && r.unitCode).map((r) => ({ role: r.role, unitCode: r.unitCode }))
}

/**
 * The body of POST /api/v1/users. Roles go only from someone who may assign them (any role from
 * anyone else is refused with 403), and are left out when there are none.
 */
export function newUserInput(form: NewUserForm, canAssignRoles: boolean): NewUser {
  const roles = canAssignRoles ? completeRoles(form.roles) : []
  return {
    username: form.username.trim(),
    displayName: form.displayName.trim(),
    phone: form.phone.trim() || undefined,
    password: form.password,
    unitCode: form.unitCode,
    ...(roles.length > 0 ? { roles } : {}),
  }
}

/** The level of a unit (1 province … 6 grid), or null for no unit (yet). */
export function unitLevel(unitCode: string): number | null {
  return isUnitCode(unitCode) ? codeLevel(unitCode) : null
}

/** The role may be held at a unit of this level (the server's `levels`). */
export function heldAt(role: RoleDefinition, level: number): boolean {
  return role.levels.includes(level)
}

/**
 * The roles to offer for a unit: those the server accepts there (held at its level), that the
 * granter may grant (no permission the granter lacks), and that are granted through the console at
 * all (not the three separated administrators, whom only the operator grants on the server). Every
 * other choice would be refused (400 roles[i].unitCode, or 403). Without a unit yet, every role the
 * granter may grant.
 */
export function rolesForUnit(
  roles: readonly RoleDefinition[],
  unitCode: string,
  granterPermissions: readonly string[],
): RoleDefinition[] {
  const level = unitLevel(unitCode)
  return roles.filter(
    (r) =>
      !r.separatedDuty &&
      r.permissions.every((p) => granterPermissions.includes(p)) &&
      (level === null || heldAt(r, level)),
  )
}

/**
 * The server's reasons per role row: it names the n-th role it was sent (`roles[n].unitCode`,
 * `roles[n].role`), and only the complete rows are sent (completeRoles), so n is counted over those.
 */
export function roleRowErrors(rows: readonly RoleAssignment[], details: readonly FieldError[]): Record<number, string> {
  const sent = rows.flatMap((r, i) => (r.role && r.unitCode ? [i] : []))
  const errors: Record<number, string> = {}
  for (const d of details) {
    const m = /^roles\[(\d+)\]/.exec(d.field)
    const row = m ? sent[Number(m[1])] : undefined
    // The server gives one reason per role (no such role, or not held at that unit).
    if (row !== undefined && errors[row] === undefined) errors[row] = d.reason
  }
  return errors
}

/** A row of the user list, as far as the buttons it offers depend on it. */
export interface ManagedAccount {
  id: number
  roles: readonly { role: string }[]
}

/**
 * 重置密码 is offered for another account that holds none of the three separated administrators'
 * roles: the server refuses one's own (change it instead) and theirs (only the operator resets
 * them, `shequ user reset-password`).
 */
export function mayResetPassword(account: ManagedAccount, myId: number | undefined, roles: readonly RoleDefinition[]): boolean {
  if (account.id === myId) return false
  const separated = new Set<string>(roles.filter((r) => r.separatedDuty).map((r) => r.role))
  return !account.roles.some((g) => separated.has(g.role))
}

/** 停用 is not offered on one's own row (the server refuses it); 启用 cannot concern oneself. */
export function mayChangeStatus(account: ManagedAccount, myId: number | undefined): boolean {
  return account.id !== myId
}

/**
 * The roles a row of the role dialog offers: those the granter may grant at the row's unit
 * (rolesForUnit); a role the account holds there that the granter could not grant is still shown,
 * but cannot be chosen again (`disabled`).
 */
export function roleChoices(
  roles: readonly RoleDefinition[],
  row: RoleAssignment,
  granterPermissions: readonly string[],
): { def: RoleDefinition; disabled: boolean }[] {
  const offered = rolesForUnit(roles, row.unitCode, granterPermissions)
  const held = roles.find((r) => r.role === row.role)
  const choices = offered.map((def) => ({ def, disabled: false }))
  return held && !offered.includes(held) ? [...choices, { def: held, disabled: true }] : choices
}
