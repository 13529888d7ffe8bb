// The resident pages' tab bar: every tab routed, tabs without a module on the coming-soon page.
import { describe, expect, it } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import { RESIDENT_TABS, activeTab, tabRoutes, type ResidentTab } from '@/h5/tabs'
import { createResidentRouter } from '@/h5/router'
import { messages } from '@/locales'

function message(locale: 'zh-CN' | 'en', key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages[locale])
}

describe('resident tabs', () => {
  it('are 我的社区, 办事, 诉求 and 我的, in that order, labelled in both languages', () => {
    expect(RESIDENT_TABS.map((t) => message('zh-CN', t.title))).toEqual(['我的社区', '办事', '诉求', '我的'])
    for (const tab of RESIDENT_TABS) {
      expect(typeof message('en', tab.title)).toBe('string')
      if (!tab.page) {
        expect(typeof message('zh-CN', tab.soon ?? '')).toBe('string')
        expect(typeof message('en', tab.soon ?? '')).toBe('string')
      }
    }
  })

  it('route a tab whose module has not landed to the coming-soon page, told which tab', () => {
    const router = createResidentRouter(createMemoryHistory())
    for (const tab of RESIDENT_TABS) {
      const route = router.resolve({ name: tab.name })
      expect(route.path).toBe(tab.path)
      expect(route.meta.tab).toBe(tab.name)
      expect(route.meta.soon).toBe(!tab.page)
      const record = route.matched[0]
      const props = record?.props.default
      if (tab.page) expect(props).toBe(false)
      else expect(props).toEqual({ title: tab.title, what: tab.soon })
    }
    expect(router.resolve('/services').name).toBe('h5-services')
    expect(router.resolve('/requests').meta.soon).toBe(false)
    expect(router.resolve('/me').meta.soon).toBe(false)
  })

  it('give a landed module its own page', () => {
    const page = async () => ({ default: {} })
    const tabs: ResidentTab[] = [{ name: 'h5-x', path: '/x', title: 'h5.tabs.services', icon: 'services', page }]
    const [route] = tabRoutes(tabs)
    expect(route?.component).toBe(page)
    expect(route?.meta?.soon).toBe(false)
  })

  it('light the tab a page belongs to, and none on the sign-in page', () => {
    const router = createResidentRouter(createMemoryHistory())
    expect(activeTab(router.resolve('/'))?.name).toBe('h5-home')
    expect(activeTab(router.resolve('/me'))?.name).toBe('h5-me')
    // A street's communities are part of 我的社区.
    expect(activeTab(router.resolve('/units/620102001000'))?.name).toBe('h5-home')
    expect(activeTab(router.resolve('/login'))).toBeNull()
  })
})
