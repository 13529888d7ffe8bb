// The console's view of the API comes from the server's API description (src/api/generated/,
// written by scripts/web-api-types): these are checked by the type check (vue-tsc), so a shape
// renamed on the server fails the build here.
import { describe, expectTypeOf, it } from 'vitest'
import type { QueryOf, Reply, Schema } from '@/api/types'
import type { ErrorBody, FieldError } from '@/utils/request'

describe('types generated from the API description', () => {
  it('name what a route answers', () => {
    expectTypeOf<Reply<'/healthz', 'get'>>().toEqualTypeOf<{ status: 'ok' }>()
    expectTypeOf<Reply<'/readyz', 'get'>>().toEqualTypeOf<{ status: 'ready' }>()
    expectTypeOf<Reply<'/healthz', 'get', 201>>().toBeNever()
    expectTypeOf<QueryOf<'/healthz', 'get'>>().toBeNever()
  })

  it('give the client the error body the server sends', () => {
    expectTypeOf<FieldError>().toEqualTypeOf<{ field: string; reason: string; line?: number }>()
    expectTypeOf<Schema<'Error'>['requestId']>().toEqualTypeOf<string>()
    expectTypeOf<ErrorBody['requestId']>().toEqualTypeOf<string | undefined>()
    expectTypeOf<'invalid_argument'>().toExtend<ErrorBody['code']>()
  })
})
