// The account form: a system administrator (who may create accounts but not assign roles) creates
// accounts without roles; whoever may assign roles may add them, or none.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { createUser } from '@/api/user'
import { useUserStore } from '@/store/user'
import { configureClient, setCsrfToken } from '@/utils/request'
import { completeRoles, newUserInput, type NewUserForm } from '@/utils/user-form'
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
