// Shapes of the server's JSON, as documented in /api/openapi.json and docs/api.md.

export interface PageResult<T> {
  items: T[]
  total: number
}

export interface PageQuery {
  page?: number
  pageSize?: number
}
