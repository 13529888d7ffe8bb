// The resident pages of 志愿服务 sit under 我的.
import { describe, expect, it } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import { createResidentRouter } from '@/h5/router'

describe('志愿服务 on the resident pages', () => {
  it('sits under 我的', () => {
    const router = createResidentRouter(createMemoryHistory())
    for (const path of ['/volunteer', '/volunteer/activities', '/volunteer/activities/12/check', '/volunteer/hours']) {
      expect(router.resolve(path).meta.tab, path).toBe('h5-me')
    }
    expect(router.resolve('/volunteer/activities/12/check').params.id).toBe('12')
    expect(router.resolve('/volunteer/activities/x/check').name).not.toBe('h5-volunteer-check')
  })
})
