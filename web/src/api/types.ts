// Shapes of the server's JSON. The server states them in its API description (/api/openapi.json,
// generated from the routes' contracts); scripts/web-api-types turns that into
// ./generated/schema.d.ts, so a field renamed on the server fails the type check here, not a
// page in production. Name the server's shapes through these helpers rather than writing them
// again by hand:
//   export type Unit = Schema<'Unit'>                      // a named shape (components/schemas)
//   type Health = Reply<'/healthz', 'get'>                 // what a route answers (200 by default)
//   type NewGrid = RequestBody<'/api/v1/org/units/{code}/grids', 'post'>
//   type Paging = QueryOf<'/api/v1/org/units/{code}/children', 'get'>
import type { components, paths } from './generated/schema'

/** A named shape of the API description (its components/schemas). */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name]

export type Method = 'get' | 'put' | 'post' | 'delete' | 'patch'

type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>

/** The JSON body a route answers with `status`. */
export type Reply<P extends keyof paths, M extends Method, S extends number = 200> =
  Operation<P, M> extends { responses: infer R }
    ? S extends keyof R
      ? R[S] extends { content: { 'application/json': infer B } }
        ? B
        : never
      : never
    : never

/** The JSON body a route takes. */
export type RequestBody<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never

/** The query parameters a route takes. */
export type QueryOf<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never

export interface PageResult<T> {
  items: T[]
  total: number
  /** false: the server counted only this far past the page (a list of millions); there are more. */
  totalExact?: boolean
}

export interface PageQuery {
  page?: number
  pageSize?: number
}
