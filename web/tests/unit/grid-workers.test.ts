// The calls of the grid-worker and community-office pages and of 我的社区, against a scripted
// server: what they send, and what "none" looks like (404 is an answer, not an error).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { assignGridWorker, getOffice, listGridWorkers, removeGridWorker, unmaskPhone, updateOffice } from '@/api/gridworker'
import { getMyCommunity } from '@/api/me'
import { ApiError, configureClient, setCsrfToken } from '@/utils/request'
import { errorBody, startServer, type TestServer } from './helpers'

let server: TestServer

beforeAll(async () => {
  server = await startServer()
})
afterAll(() => server.close())
beforeEach(() => {
  server.seen.length = 0
  setCsrfToken('csrf-1')
  configureClient({ baseUrl: server.url, language: 'zh-CN', hooks: {} })
})

const worker = {
  gridCode: '620102001001001',
  userId: 5,
  username: 'wangge1',
  displayName: '第一网格网格员 赵军',
  phone: '138****5678',
  workPhone: '0931-8888001',
  assignedAt: '2026-11-30T08:00:00Z',
}

describe('grid workers', () => {
  it('are listed per village', async () => {
    server.handle(() => ({ status: 200, body: { items: [worker] } }))
    expect(await listGridWorkers('620102001001')).toEqual([worker])
    expect(server.seen[0]).toMatchObject({ method: 'GET', url: '/api/v1/org/units/620102001001/grid-workers' })
  })

  it('are assigned with a work phone only when one is given', async () => {
    server.handle(() => ({ status: 200, body: worker }))
    await assignGridWorker('620102001001001', 5, '0931-8888001')
    await assignGridWorker('620102001001001', 5)
    expect(server.seen.map((s) => [s.method, s.url, s.body])).toEqual([
      ['PUT', '/api/v1/org/grids/620102001001001/workers/5', '{"workPhone":"0931-8888001"}'],
      ['PUT', '/api/v1/org/grids/620102001001001/workers/5', '{}'],
    ])
    expect(server.seen[0]?.headers['x-csrf-token']).toBe('csrf-1')
  })

  it('are removed', async () => {
    server.handle(() => ({ status: 204 }))
    await removeGridWorker('620102001001001', 5)
    expect(server.seen[0]).toMatchObject({ method: 'DELETE', url: '/api/v1/org/grids/620102001001001/workers/5' })
  })

  it("have their mobile revealed with the reason given, in a POST body", async () => {
    server.handle(() => ({ status: 200, body: { field: 'phone', value: '13812345678' } }))
    expect(await unmaskPhone(5, '核实走访')).toBe('13812345678')
    expect(server.seen[0]).toMatchObject({ method: 'POST', url: '/api/v1/users/5/unmask' })
    expect(JSON.parse(server.seen[0]?.body ?? '')).toEqual({ field: 'phone', reason: '核实走访' })
  })
})

describe('the community office', () => {
  it('is null when none is recorded (404), an error otherwise', async () => {
    server.handle(() => ({ status: 404, body: errorBody('not_found', '未登记') }))
    expect(await getOffice('620102001001')).toBeNull()
    server.handle(() => ({ status: 403, body: errorBody('forbidden', '无权限') }))
    await expect(getOffice('620102001001')).rejects.toBeInstanceOf(ApiError)
  })

  it('is saved whole', async () => {
    const office = { address: '畅家巷 12 号', phone: '0931-8888000', hours: '周一至周五' }
    server.handle(() => ({ status: 200, body: office }))
    expect(await updateOffice('620102001001', office)).toEqual(office)
    expect(server.seen[0]).toMatchObject({ method: 'PUT', url: '/api/v1/org/units/620102001001/office' })
    expect(JSON.parse(server.seen[0]?.body ?? '')).toEqual(office)
  })
})

describe('my community', () => {
  it('is null for an account whose unit is no village or grid (404)', async () => {
    server.handle(() => ({ status: 404, body: errorBody('not_found', '不在社区') }))
    expect(await getMyCommunity()).toBeNull()
  })

  it('is read as the server sends it', async () => {
    const mine = {
      community: { code: '620102001001', name: '畅家巷社区居委会', path: [{ code: '620102000000', name: '城关区' }] },
      office: null,
      grid: { code: '620102001001001', name: '第一网格', description: '畅家巷 1-20 号楼' },
      gridWorkers: [{ displayName: '赵军', workPhone: null }],
    }
    server.handle(() => ({ status: 200, body: mine }))
    expect(await getMyCommunity()).toEqual(mine)
    expect(server.seen[0]?.url).toBe('/api/v1/me/community')
  })
})
