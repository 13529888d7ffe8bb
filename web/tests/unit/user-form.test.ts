// The account form: a system administrator (who may create accounts but not assign roles) creates
// accounts without roles; whoever may assign roles may add them, or none.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { createUser } from '@/api/user'
import { useUserStore } from '@/store/user'
import { configureClient, setCsrfToken } from '@/utils/request'
import type { RoleDefinition, RoleKey } from '@/api/auth'
import {
  completeRoles,
  mayChangeStatus,
  mayResetPassword,
  newUserInput,
  roleChoices,
  roleRowErrors,
  rolesForUnit,
  unitLevel,
  type NewUserForm,
} from '@/utils/user-form'
import { startServer, type TestServer } from './helpers'

let server: TestServer

// The permissions of the built-in roles (src/auth/roles.cpp).
const SYSTEM_ADMIN = ['org:unit:read', 'auth:user:read', 'auth:user:create', 'auth:user:update', 'auth:user:unmask', 'system:metrics:read']
const COUNTY_ADMIN = ['org:unit:read', 'org:grid:read', 'auth:user:read', 'auth:user:create', 'auth:user:update', 'auth:role:assign']

function form(overrides: Partial<NewUserForm> = {}): NewUserForm {
  return {
    username: ' honggou ',
    displayName: ' 红沟村 网格联络员 ',
    phone: '',
    password: 'Hg@Worker-2025!',
    unitCode: '620102010201',
    roles: [],
    ...overrides,
  }
}

async function signedInWith(permissions: string[]) {
  server.handle(() => ({
    status: 200,
    body: {
      user: { id: 1, username: 'sysadmin', displayName: '系统管理员', phone: null, status: 'active', unitCode: '620000000000', unitName: '甘肃省', roles: [], version: 1 },
      roles: [],
      permissions,
      csrfToken: 'csrf-1',
      mustChangePassword: false,
    },
  }))
  const user = useUserStore()
  await user.load()
  return user
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
})

describe('new account form', () => {
  it('lets the system administrator create an account with no roles', async () => {
    const user = await signedInWith(SYSTEM_ADMIN)
    const input = newUserInput(form(), user.can('auth:role:assign'))
    expect(input).toEqual({
      username: 'honggou',
      displayName: '红沟村 网格联络员',
      phone: undefined,
      password: 'Hg@Worker-2025!',
      unitCode: '620102010201',
    })

    server.handle(() => ({ status: 201, body: { id: 9, username: 'honggou', displayName: '红沟村 网格联络员', roles: [] } }))
    await createUser(input)
    const sent = server.seen.at(-1)
    expect(sent?.method).toBe('POST')
    expect(sent?.url).toBe('/api/v1/users')
    expect(JSON.parse(sent?.body ?? '{}')).not.toHaveProperty('roles')
  })

  it('never sends roles for someone who may not assign them (the server would refuse with 403)', async () => {
    const user = await signedInWith(SYSTEM_ADMIN)
    const input = newUserInput(form({ roles: [{ role: 'resident', unitCode: '620102010201' }] }), user.can('auth:role:assign'))
    expect(input.roles).toBeUndefined()
  })

  it('sends the filled-in roles of someone who may assign them, and accepts none', async () => {
    const user = await signedInWith(COUNTY_ADMIN)
    const canAssign = user.can('auth:role:assign')
    expect(canAssign).toBe(true)
    const roles = [
      { role: 'community_worker', unitCode: '620102010201' },
      { role: '', unitCode: '620102010201' },
      { role: 'grid_worker', unitCode: '' },
    ]
    expect(newUserInput(form({ roles }), canAssign).roles).toEqual([{ role: 'community_worker', unitCode: '620102010201' }])
    expect(newUserInput(form(), canAssign)).not.toHaveProperty('roles')
  })

  it('keeps only complete role rows when roles are replaced', () => {
    expect(completeRoles([{ role: 'volunteer', unitCode: '' }])).toEqual([])
    expect(completeRoles([{ role: 'volunteer', unitCode: '620102001001' }])).toEqual([{ role: 'volunteer', unitCode: '620102001001' }])
  })
})

// GET /api/v1/auth/roles as src/auth/routes.cpp answers it (src/auth/roles.cpp: levels).
const REGION = ['org:unit:read', 'org:grid:read', 'org:grid:create', 'org:grid:update', 'org:grid:delete', 'auth:user:read', 'auth:user:create', 'auth:user:update', 'auth:user:unmask', 'auth:role:assign', 'auth:apikey:manage', 'access:coverage:read', 'access:siting:run']
const SECURITY_ADMIN = ['org:unit:read', 'org:grid:read', 'auth:user:read', 'auth:role:assign']
const role = (key: RoleKey, permissions: string[], levels: number[], separatedDuty = false): RoleDefinition => ({
  role: key,
  roleName: key,
  permissions,
  levels,
  separatedDuty,
})
const ROLES: RoleDefinition[] = [
  role('province_admin', REGION, [1]),
  role('city_admin', REGION, [2]),
  role('county_admin', REGION, [3]),
  role('township_admin', REGION, [4]),
  role('community_worker', ['org:unit:read', 'org:grid:read', 'org:grid:create', 'org:grid:update', 'org:grid:delete', 'access:coverage:read'], [5]),
  role('grid_worker', ['org:unit:read', 'org:grid:read'], [6]),
  role('volunteer', ['org:unit:read', 'org:grid:read'], [5, 6]),
  role('resident', ['org:unit:read', 'org:grid:read'], [5, 6]),
  role('system_admin', SYSTEM_ADMIN, [1, 2, 3], true),
  role('security_admin', SECURITY_ADMIN, [1, 2, 3], true),
  role('audit_admin', ['audit:log:read'], [1, 2, 3], true),
]
const keys = (roles: RoleDefinition[]) => roles.map((r) => r.role)

describe('roles offered for a unit', () => {
  it('are those held at the unit level', () => {
    expect(keys(rolesForUnit(ROLES, '620102001001001', REGION))).toEqual(['grid_worker', 'volunteer', 'resident'])
    expect(keys(rolesForUnit(ROLES, '620102001001', REGION))).toEqual(['community_worker', 'volunteer', 'resident'])
    expect(keys(rolesForUnit(ROLES, '620102001000', REGION))).toEqual(['township_admin'])
    expect(keys(rolesForUnit(ROLES, '620102000000', REGION))).toEqual(['county_admin'])
    expect(keys(rolesForUnit(ROLES, '620000000000', REGION))).toEqual(['province_admin'])
  })

  it('leave out the separated administrators and roles with permissions the granter lacks', () => {
    // The security administrator grants only the read-only roles: none at a county.
    expect(keys(rolesForUnit(ROLES, '620102000000', SECURITY_ADMIN))).toEqual([])
    expect(keys(rolesForUnit(ROLES, '620102001001', SECURITY_ADMIN))).toEqual(['volunteer', 'resident'])
    expect(keys(rolesForUnit(ROLES, '620102001001001', SECURITY_ADMIN))).toEqual(['grid_worker', 'volunteer', 'resident'])
  })

  it('are every grantable role while no unit is chosen', () => {
    expect(unitLevel('')).toBeNull()
    expect(keys(rolesForUnit(ROLES, '', SECURITY_ADMIN))).toEqual(['grid_worker', 'volunteer', 'resident'])
    expect(unitLevel('620102001001001')).toBe(6)
  })
})

describe("the server's reasons per role row", () => {
  it('count the rows that were sent', () => {
    const rows = [
      { role: 'community_worker', unitCode: '620102001001' },
      { role: '', unitCode: '620102001001' }, // half-filled: not sent
      { role: 'grid_worker', unitCode: '620102001001' },
    ]
    const details = [
      { field: 'roles[1].unitCode', reason: '网格员只能在网格任职' },
      { field: 'displayName', reason: '姓名为 1-50 个字符' },
      { field: 'roles[7].role', reason: 'no such row' },
    ]
    expect(roleRowErrors(rows, details)).toEqual({ 2: '网格员只能在网格任职' })
    expect(roleRowErrors(rows, [])).toEqual({})
  })
})

describe('what the user list offers on a row', () => {
  const def = (role: string, separatedDuty: boolean, permissions: string[] = []) =>
    ({ role, roleName: role, separatedDuty, permissions, levels: [1, 2, 3, 4, 5, 6] }) as unknown as RoleDefinition
  const roles = [def('county_admin', false, ['auth:user:read']), def('security_admin', true), def('grid_worker', false)]

  it('offers no password reset for oneself or a separated administrator', () => {
    expect(mayResetPassword({ id: 2, roles: [{ role: 'grid_worker' }] }, 1, roles)).toBe(true)
    expect(mayResetPassword({ id: 1, roles: [{ role: 'grid_worker' }] }, 1, roles)).toBe(false)
    expect(mayResetPassword({ id: 3, roles: [{ role: 'security_admin' }] }, 1, roles)).toBe(false)
  })

  it('offers no 停用 on one\'s own row', () => {
    expect(mayChangeStatus({ id: 1, roles: [] }, 1)).toBe(false)
    expect(mayChangeStatus({ id: 2, roles: [] }, 1)).toBe(true)
  })

  it('offers only grantable roles; a held one beyond them shows disabled', () => {
    const choices = roleChoices(roles, { role: 'county_admin', unitCode: '620102000000' }, [])
    expect(choices.map((c) => [c.def.role, c.disabled])).toEqual([
      ['grid_worker', false],
      ['county_admin', true],
    ])
    expect(roleChoices(roles, { role: '', unitCode: '620102000000' }, ['auth:user:read']).map((c) => c.def.role)).toEqual([
      'county_admin',
      'grid_worker',
    ])
  })
})
