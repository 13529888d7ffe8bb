// A grid edit refused with 409: a name already used in the village keeps the dialog open with the
// reason under the name; only a grid changed (or retired) by someone else reloads the list.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { updateGrid, type Grid } from '@/api/grid'
import { gridEditConflict } from '@/utils/grid-conflict'
import { ApiError, configureClient } from '@/utils/request'
import { errorBody, startServer, type Reply, type TestServer } from './helpers'

let server: TestServer

const grid: Grid = {
  code: '620102010201001',
  name: '红沟村第一网格',
  description: '',
  villageCode: '620102010201',
  version: 1,
  createdAt: '2026-11-30T00:48:32.800Z',
  updatedAt: '2026-11-30T00:48:32.800Z',
  boundary: null,
}

// The two 409s of PATCH /api/v1/org/grids/{code} (src/org/org_service.cpp, org_repository.cpp).
const DUPLICATE_NAME = errorBody('conflict', '本村（社区）已有同名网格')
const STALE_VERSION = errorBody('conflict', '该单位已被他人修改，请刷新后重试')

/** The server: PATCH answers `patch`; GET answers the grid as it is now (`now`). */
function serve(patch: Reply, now: Reply): void {
  server.handle((req) => (req.method === 'PATCH' ? patch : now))
}

async function rename(to: string): Promise<ApiError> {
  const error = await updateGrid(grid.code, { version: grid.version, name: to }).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(ApiError)
  expect((error as ApiError).status).toBe(409)
  return error as ApiError
}

beforeAll(async () => {
  server = await startServer()
})
afterAll(() => server.close())
beforeEach(() => {
  server.seen.length = 0
  configureClient({ baseUrl: server.url, language: 'zh-CN', hooks: {} })
})

describe('a grid edit refused with 409', () => {
  it('is about the name when the grid is as the user saw it', async () => {
    serve({ status: 409, body: DUPLICATE_NAME }, { status: 200, body: grid })
    const error = await rename('红沟村第二网格')
    expect(await gridEditConflict(grid, error)).toBe('name')
    expect(error.message).toBe('本村（社区）已有同名网格')
    expect(server.seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      `PATCH /api/v1/org/grids/${grid.code}`,
      `GET /api/v1/org/grids/${grid.code}`,
    ])
  })

  it('is stale when someone else changed the grid meanwhile', async () => {
    serve({ status: 409, body: STALE_VERSION }, { status: 200, body: { ...grid, name: '红沟村网格一', version: 2 } })
    expect(await gridEditConflict(grid, await rename('红沟村第二网格'))).toBe('stale')
  })

  it('is stale when the grid was retired meanwhile', async () => {
    serve({ status: 409, body: STALE_VERSION }, { status: 404, body: errorBody('not_found', `未找到网格 ${grid.code}`) })
    expect(await gridEditConflict(grid, await rename('红沟村第二网格'))).toBe('stale')
  })

  it('is about the name when the server names the field', async () => {
    serve({ status: 409, body: errorBody('conflict', '本村（社区）已有同名网格', [{ field: 'name', reason: '已有同名网格' }]) }, { status: 500 })
    const error = await rename('红沟村第二网格')
    expect(await gridEditConflict(grid, error)).toBe('name')
    expect(server.seen).toHaveLength(1)
  })
})
