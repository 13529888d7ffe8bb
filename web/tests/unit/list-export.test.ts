// The filters each list hands to its Excel export: those applied, not paging, nothing empty; and
// the file as the server sends it, saved under the name it gives.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { auditExportQuery, householdsExportQuery, jobsExportQuery, personsExportQuery, unitListExportPath, usersExportQuery } from '@/utils/list-export'
import { ApiError, buildUrl, configureClient, dispositionFilename, download } from '@/utils/request'
import { errorBody, startServer, type TestServer } from './helpers'

describe('export queries', () => {
  it('carry the applied filters and leave out the empty', () => {
    expect(buildUrl('/api/v1/users.xlsx', usersExportQuery({ q: ' 张 ' }, '620102000000'))).toBe('/api/v1/users.xlsx?unit=620102000000&q=%E5%BC%A0')
    expect(buildUrl('/api/v1/users.xlsx', usersExportQuery({ q: '' }, null))).toBe('/api/v1/users.xlsx')
    expect(
      buildUrl('/api/v1/audit.xlsx', auditExportQuery({ range: ['2026-11-26', '2026-12-02'], username: '', action: 'auth.login' })),
    ).toBe('/api/v1/audit.xlsx?from=2026-11-26&to=2026-12-02&action=auth.login')
    expect(buildUrl('/api/v1/audit.xlsx', auditExportQuery({ range: null, username: 'admin ', action: '' }))).toBe('/api/v1/audit.xlsx?username=admin')
    expect(buildUrl('/api/v1/jobs.xlsx', jobsExportQuery({ state: 'done', kind: '' }))).toBe('/api/v1/jobs.xlsx?state=done')
    expect(unitListExportPath('620102001001', 'grid-workers')).toBe('/api/v1/org/units/620102001001/grid-workers.xlsx')
  })

  it('carry the residents lists\' filters, the working unit when no unit is chosen', () => {
    const none = { unit: '', tag: '', includeMovedOut: false }
    expect(buildUrl('/api/v1/residents/persons.xlsx', personsExportQuery(none, '620102001001'))).toBe('/api/v1/residents/persons.xlsx?unit=620102001001')
    expect(buildUrl('/api/v1/residents/persons.xlsx', personsExportQuery(none, null))).toBe('/api/v1/residents/persons.xlsx')
    expect(
      buildUrl('/api/v1/residents/persons.xlsx', personsExportQuery({ unit: '620102001001001', tag: 'living_alone', includeMovedOut: true }, '620102001001')),
    ).toBe('/api/v1/residents/persons.xlsx?unit=620102001001001&tag=living_alone&includeMovedOut=true')
    expect(buildUrl('/api/v1/residents/households.xlsx', householdsExportQuery({ unit: '' }, '620102001001'))).toBe('/api/v1/residents/households.xlsx?unit=620102001001')
    expect(buildUrl('/api/v1/residents/households.xlsx', householdsExportQuery({ unit: '620102001001002' }, '620102001001'))).toBe(
      '/api/v1/residents/households.xlsx?unit=620102001001002',
    )
  })
})

describe('dispositionFilename', () => {
  it('prefers the UTF-8 name, then the plain one, then the fallback', () => {
    expect(dispositionFilename(`attachment; filename="users.xlsx"; filename*=UTF-8''%E7%94%A8%E6%88%B7.xlsx`, 'x.xlsx')).toBe('用户.xlsx')
    expect(dispositionFilename('attachment; filename="audit-2026.xlsx"', 'x.xlsx')).toBe('audit-2026.xlsx')
    expect(dispositionFilename('attachment; filename=jobs.xlsx', 'x.xlsx')).toBe('jobs.xlsx')
    expect(dispositionFilename(`attachment; filename*=UTF-8''%E0%A4%A.xlsx; filename="plain.xlsx"`, 'x.xlsx')).toBe('plain.xlsx')
    expect(dispositionFilename('attachment', 'x.xlsx')).toBe('x.xlsx')
    expect(dispositionFilename(null, 'x.xlsx')).toBe('x.xlsx')
  })
})

describe('download', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer()
  })
  afterAll(() => server.close())
  beforeEach(() => {
    server.seen.length = 0
    configureClient({ baseUrl: server.url, language: 'zh-CN', hooks: {} })
  })

  it('returns the file and its name, asking with the language', async () => {
    server.handle(() => ({
      status: 200,
      raw: 'PK\u0003\u0004rest',
      headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'content-disposition': 'attachment; filename="users.xlsx"' },
    }))
    const file = await download('/api/v1/users.xlsx', { unit: '620102000000', q: undefined }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'fallback.xlsx')
    expect(file.filename).toBe('users.xlsx')
    expect(new TextDecoder().decode(await file.blob.arrayBuffer()).startsWith('PK\u0003\u0004')).toBe(true)
    expect(server.seen[0]).toMatchObject({ method: 'GET', url: '/api/v1/users.xlsx?unit=620102000000' })
    expect(server.seen[0]?.headers['accept-language']).toBe('zh-CN')
  })

  it('throws the server refusal with its message (too many rows)', async () => {
    server.handle(() => ({ status: 413, body: errorBody('too_large', '超过 50,000 行，请缩小筛选范围后再导出') }))
    const refused = download('/api/v1/audit.xlsx', {}, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'audit.xlsx')
    await expect(refused).rejects.toBeInstanceOf(ApiError)
    await expect(refused).rejects.toMatchObject({ status: 413, message: '超过 50,000 行，请缩小筛选范围后再导出' })
  })
})
