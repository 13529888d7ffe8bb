import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { useUnitStore } from '@/store/unit'
import { configureClient } from '@/utils/request'
import { MemoryStorage, errorBody, startServer, type TestServer } from './helpers'

let server: TestServer

function unit(code: string, name: string) {
  return { code, name, level: 3, levelName: '县级', unitType: 'district', unitTypeName: '市辖区', parentCode: null, childCount: 1, urbanRural: null, version: 1 }
}
const names: Record<string, string> = {
  '620100000000': '兰州市',
  '620102000000': '城关区',
  '620102001001': '畅家巷社区居委会',
  '620200000000': '嘉峪关市',
}

beforeAll(async () => {
  server = await startServer()
  server.handle((req) => {
    const code = /\/api\/v1\/org\/units\/(\d+)$/.exec(req.url)?.[1] ?? ''
    const name = names[code]
    return name ? { status: 200, body: unit(code, name) } : { status: 404, body: errorBody('not_found', '单位不存在') }
  })
})
afterAll(() => server.close())
beforeEach(() => {
  setActivePinia(createPinia())
  globalThis.localStorage = new MemoryStorage()
  configureClient({ baseUrl: server.url, hooks: {} })
})

describe('unit store', () => {
  it('starts at the first scope root and remembers the choice per user', async () => {
    const store = useUnitStore()
    await store.init(['620100000000'], 'lanzhou')
    expect(store.code).toBe('620100000000')
    await store.select('620102001001')
    expect(store.current?.name).toBe('畅家巷社区居委会')

    setActivePinia(createPinia())
    const again = useUnitStore()
    await again.init(['620100000000'], 'lanzhou')
    expect(again.code).toBe('620102001001')

    setActivePinia(createPinia())
    const other = useUnitStore()
    await other.init(['620100000000'], 'someone-else')
    expect(other.code).toBe('620100000000')
  })

  it('forgets a remembered unit that is no longer in scope', async () => {
    localStorage.setItem('shequ.unit.u', '620200000000')
    const store = useUnitStore()
    await store.init(['620102000000'], 'u')
    expect(store.code).toBe('620102000000')
  })

  it('tells the unit it will start from before asking the server (the workbench asks for its data at once)', () => {
    const store = useUnitStore()
    const asked = server.seen.length
    expect(store.startCode(['620102000000'], 'u')).toBe('620102000000')
    localStorage.setItem('shequ.unit.u', '620102001001')
    expect(store.startCode(['620102000000'], 'u')).toBe('620102001001')
    expect(store.startCode(['620200000000'], 'u')).toBe('620200000000')
    expect(store.startCode([], 'u')).toBeNull()
    expect(server.seen).toHaveLength(asked)
  })

  it('refuses units outside the scope', async () => {
    const store = useUnitStore()
    await store.init(['620102000000'], 'u')
    await expect(store.select('620200000000')).rejects.toThrow(/outside/)
    expect(store.code).toBe('620102000000')
  })

  it('keeps the server error when the unit cannot be loaded', async () => {
    const store = useUnitStore()
    await expect(store.init(['620999000000'], 'u')).rejects.toMatchObject({ status: 404 })
    expect(store.error).toMatchObject({ message: '单位不存在' })
    expect(store.loading).toBe(false)
  })
})
