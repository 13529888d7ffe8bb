// The 15-minute circle's client against a scripted HTTP server speaking the contract.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  exportUrl,
  getAccessMapShared,
  getCoverage,
  getGaps,
  getShelters,
  getSheltersShared,
  getSiting,
  isTier,
  reopenableRuns,
  startSiting,
  type SitingJob,
} from '@/api/access'
import { ApiError, configureClient, setCsrfToken } from '@/utils/request'
import { formErrors } from '@/utils/siting'
import { errorBody, startServer, type TestServer } from './helpers'

let server: TestServer
const notified: string[] = []

beforeAll(async () => {
  server = await startServer()
})
afterAll(() => server.close())
beforeEach(() => {
  server.seen.length = 0
  notified.length = 0
  setCsrfToken('csrf-1')
  configureClient({ baseUrl: server.url, language: 'zh-CN', hooks: { notify: (m) => notified.push(m) } })
})

const NO_NETWORK = '尚未导入步行路网，请先运行 shequ access import-osm'

describe('access API', () => {
  it('knows the tiers', () => {
    expect([5, 10, 15].every(isTier)).toBe(true)
    expect(isTier(20)).toBe(false)
    expect(isTier('15')).toBe(false)
  })

  it('offers earlier finished runs of the same tier, newest first, not the one on screen', () => {
    const run = (id: string, state: SitingJob['state'], tier: 5 | 10 | 15): SitingJob => ({
      id,
      state,
      progress: 1,
      unit: '620102001000',
      type: 'pharmacy',
      k: 2,
      tierMinutes: tier,
      result: null,
      error: null,
    })
    const runs = [run('a', 'done', 15), run('b', 'running', 15), run('c', 'done', 10), run('d', 'done', 15), run('e', 'failed', 15)]
    expect(reopenableRuns(runs, 15, undefined).map((r) => r.id)).toEqual(['a', 'd'])
    expect(reopenableRuns(runs, 15, 'a').map((r) => r.id)).toEqual(['d'])
    expect(reopenableRuns(runs, 10, undefined).map((r) => r.id)).toEqual(['c'])
    expect(reopenableRuns([run('x', 'done', 5), run('y', 'done', 5)], 5, undefined, 1).map((r) => r.id)).toEqual(['x'])
  })

  it('links the exports to the unit and tier on screen', () => {
    expect(exportUrl('csv', { unit: '620102001000', tier: 10 })).toBe('/api/v1/access/coverage.csv?unit=620102001000&tier=10')
    expect(exportUrl('geojson', { unit: '620102001001', tier: 5 })).toBe(
      '/api/v1/access/residences.geojson?unit=620102001001&tier=5',
    )
  })

  it('asks for coverage, map and gaps by unit and tier', async () => {
    server.handle(() => ({ status: 200, body: { ok: true } }))
    await getCoverage({ unit: '620102001000', tier: 15 })
    expect((await getAccessMapShared({ unit: '620102001000', tier: 10 }))()).toEqual({ ok: true })
    await getGaps({ unit: '620102001000', tier: 5, type: 'pharmacy' })
    expect(server.seen.map((s) => s.url)).toEqual([
      '/api/v1/access/coverage?unit=620102001000&tier=15',
      '/api/v1/access/map?unit=620102001000&tier=10',
      '/api/v1/access/gaps?unit=620102001000&tier=5&type=pharmacy',
    ])
    expect(server.seen.every((s) => s.method === 'GET' && s.headers['accept-language'] === 'zh-CN')).toBe(true)
  })

  it('asks for the shelter assignment by unit, the route and the page sharing one request', async () => {
    server.handle(() => ({ status: 200, body: { ok: true } }))
    await getShelters('620102001001')
    const [a, b] = await Promise.all([getSheltersShared('620102001000'), getSheltersShared('620102001000')])
    expect(a).toEqual({ ok: true })
    expect(b).toBe(a)
    expect(server.seen.map((s) => s.url)).toEqual(['/api/v1/access/shelters?unit=620102001001', '/api/v1/access/shelters?unit=620102001000'])
  })

  it('shows the server’s message when there is no walking network, on the page not as a toast', async () => {
    server.handle(() => ({ status: 409, body: errorBody('conflict', NO_NETWORK) }))
    const error = await getCoverage({ unit: '620102001000', tier: 15 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).message).toBe(NO_NETWORK)
    expect(notified).toEqual([])
  })

  it('starts a siting run (202) and follows it by id', async () => {
    server.handle((req) =>
      req.method === 'POST'
        ? { status: 202, body: { id: 's1', state: 'queued', progress: 0 } }
        : {
            status: 200,
            body: {
              id: 's1',
              state: 'done',
              progress: 1,
              unit: '620102001000',
              type: 'pharmacy',
              k: 2,
              tierMinutes: 15,
              result: { uncoveredBefore: 120, uncoveredAfter: 40, sites: [{ lat: 43.73, lon: 7.42, gained: 50 }] },
              error: null,
            },
          },
    )
    const first = await startSiting({ unit: '620102001000', type: 'pharmacy', k: 2, tierMinutes: 15 })
    expect(first).toEqual({ id: 's1', state: 'queued', progress: 0 })
    const post = server.seen[0]
    expect(post?.url).toBe('/api/v1/access/sitings')
    expect(post?.headers['x-csrf-token']).toBe('csrf-1')
    expect(JSON.parse(post?.body ?? '')).toEqual({ unit: '620102001000', type: 'pharmacy', k: 2, tierMinutes: 15 })
    const done = await getSiting(first.id)
    expect(server.seen[1]?.url).toBe('/api/v1/access/sitings/s1')
    expect(done.result?.sites).toHaveLength(1)
  })

  it('puts the field errors of a refused run next to the form fields', async () => {
    server.handle(() => ({
      status: 400,
      body: errorBody('invalid_argument', '请求参数有误', [
        { field: 'k', reason: '不能超过候选点位数（12）' },
        { field: 'type', reason: '未知的服务类型' },
      ]),
    }))
    const error = await startSiting({ unit: '620102001000', type: 'nope', k: 50, tierMinutes: 15 }).catch((e: unknown) => e)
    expect(formErrors(error, ['type', 'k']).fields).toEqual({ k: '不能超过候选点位数（12）', type: '未知的服务类型' })
    // A write: the interceptor also shows the message.
    expect(notified).toEqual(['请求参数有误'])
  })
})
