// What the resident pages know of the community they show: a resident's or community worker's own
// (their role's), else the one an official chose; the open pages (charity accounts, projects) that
// anyone reads, signed in or not; and where the sign-in page returns to, never another site.
import { beforeEach, describe, expect, it } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import { chooseCommunity, nextPage, roleCommunity, shownCommunity } from '@/h5/community'
import { createResidentRouter } from '@/h5/router'
import { MemoryStorage } from './helpers'

beforeEach(() => {
  globalThis.localStorage = new MemoryStorage()
})

describe("the resident's community", () => {
  it("is the community of the account's role, a grid's included", () => {
    expect(roleCommunity([{ unitCode: '620102001001003' }])).toBe('620102001001')
    expect(roleCommunity([{ unitCode: '620102001000' }, { unitCode: '620102001002' }])).toBe('620102001002')
    expect(roleCommunity([{ unitCode: '620102000000' }])).toBeNull()
  })

  it('else the one the account chose on this device', () => {
    expect(shownCommunity([{ unitCode: '620102000000' }], 'chengguan')).toBeNull()
    chooseCommunity('chengguan', '620102001004')
    expect(shownCommunity([{ unitCode: '620102000000' }], 'chengguan')).toBe('620102001004')
    expect(shownCommunity([{ unitCode: '620102001001001' }], 'chengguan')).toBe('620102001001')
  })
})

describe('the open pages', () => {
  it('route the charity accounts and the projects as open to anyone, under 我的社区', () => {
    const router = createResidentRouter(createMemoryHistory())
    for (const to of [{ name: 'h5-charity', params: { unit: '620102001001' } }, { name: 'h5-projects' }, { name: 'h5-project', params: { id: '7' } }]) {
      const route = router.resolve(to)
      expect(route.meta.open, String(to.name)).toBe(true)
      expect(route.meta.tab).toBe('h5-home')
    }
    expect(router.resolve('/charity/620102001001').name).toBe('h5-charity')
    // Not a unit code: back to 我的社区.
    expect(router.resolve('/charity/abc').name).not.toBe('h5-charity')
  })
})

describe('the way back after signing in', () => {
  it('is a path of these pages', () => {
    expect(nextPage('/projects/7')).toBe('/projects/7')
    expect(nextPage(['/charity/620102001001'])).toBe('/charity/620102001001')
  })

  it('is never another site, nor the sign-in page, nor anything else', () => {
    for (const bad of ['//evil.example/x', 'https://evil.example', '/\\evil.example', 'projects/7', '/login', '/login?next=/x', '', undefined, 7]) {
      expect(nextPage(bad), String(bad)).toBeNull()
    }
  })
})
