// The public check of a volunteer's certificate: its link (/verify/<number>, printed as the QR code
// of the certificate) reaches the resident application's router of its own, with no sign-in.
import { describe, expect, it } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import { createVerifyRouter, isPublicResidentPage } from '@/h5/router'

describe('the certificate check page', () => {
  it('is the link the certificate prints, and nothing else', () => {
    expect(isPublicResidentPage('/verify/GS-2026-000001')).toBe(true)
    expect(isPublicResidentPage('/verify/')).toBe(true)
    expect(isPublicResidentPage('/verify')).toBe(true)
    expect(isPublicResidentPage('/verifyx')).toBe(false)
    expect(isPublicResidentPage('/h5/volunteer')).toBe(false)
    expect(isPublicResidentPage('/volunteer/activities')).toBe(false)
  })

  it('takes the number from the path, public, and sends anything else to the bare page', () => {
    const router = createVerifyRouter(createMemoryHistory())
    const route = router.resolve('/verify/GS-2026-000001')
    expect(route.name).toBe('h5-verify')
    expect(route.params.number).toBe('GS-2026-000001')
    expect(route.meta.public).toBe(true)
    expect(router.resolve('/verify').name).toBe('h5-verify')
    expect(router.resolve('/verify/').name).toBe('h5-verify')
  })
})
