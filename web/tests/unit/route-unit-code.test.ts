// Which unit a unit page shows: the one in its address, else the working unit.
import { beforeEach, describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import { createPinia, type Pinia } from 'pinia'
import { createMemoryHistory, createRouter, type Router } from 'vue-router'
import type { Unit } from '@/api/org'
import { useRouteUnitCode } from '@/composables/useRouteUnitCode'
import { useUnitStore } from '@/store/unit'
import { mountComposable } from './helpers'

function unit(code: string, name: string): Unit {
  return { code, name, level: 3, levelName: '县级', unitType: 'district', unitTypeName: '市辖区', parentCode: null, childCount: 1, path: [], urbanRural: null, version: 1 }
}

const Blank = { render: () => null }
let router: Router
let pinia: Pinia

beforeEach(async () => {
  router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: Blank },
      { path: '/org/unit/:code?', name: 'unit', component: Blank },
    ],
  })
  pinia = createPinia()
  await router.push('/')
})

function mount() {
  return mountComposable(() => useRouteUnitCode(), [router, pinia]).result
}

describe('useRouteUnitCode', () => {
  it('shows the unit named in the address, whatever the working unit', async () => {
    await router.push('/org/unit/620102010201')
    const code = mount()
    useUnitStore(pinia).current = unit('620100000000', '兰州市')
    expect(code.value).toBe('620102010201')
  })

  it('shows the working unit when the menu opens the page without a code, and follows a switch', async () => {
    await router.push('/org/unit')
    const code = mount()
    const store = useUnitStore(pinia)
    store.current = unit('620100000000', '兰州市')
    expect(code.value).toBe('620100000000')
    store.current = unit('620102000000', '城关区')
    await nextTick()
    expect(code.value).toBe('620102000000')
  })

  it('is empty until the working unit is known', async () => {
    await router.push('/org/unit')
    const code = mount()
    expect(code.value).toBe('')
    useUnitStore(pinia).current = unit('620100000000', '兰州市')
    expect(code.value).toBe('620100000000')
  })

  it('follows the address from one unit to the next', async () => {
    await router.push('/org/unit/620102000000')
    const code = mount()
    expect(code.value).toBe('620102000000')
    await router.push({ name: 'unit', params: { code: '620102010000' } })
    expect(code.value).toBe('620102010000')
    await router.push({ name: 'unit' })
    useUnitStore(pinia).current = unit('620100000000', '兰州市')
    expect(code.value).toBe('620100000000')
  })
})
