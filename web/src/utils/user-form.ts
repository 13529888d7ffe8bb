// What the account forms send. The server asks for no role when an account is created (and a
// PUT of the roles may empty the list), so the console does not either: under the separation of
// the three administrators (三员分立) the system administrator, who may create accounts but not
// assign roles, creates the account, and the security administrator assigns its roles.
import type { NewUser, RoleAssignment } from '@/api/user'

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
