// The one-time code set-up page's logic: the secret as people type it, the code as the server
// takes it.
import { describe, expect, it } from 'vitest'
import zhCN from '@/locales/zh-CN'
import en from '@/locales/en'
import { codeDigits, groupSecret, isCode } from '@/utils/totp'

describe('groupSecret', () => {
  it('shows the 32 base32 characters of a 160-bit secret in eight groups of four', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP')
  })

  it('leaves a short last group, and drops padding, spaces and case', () => {
    expect(groupSecret('jbswy3dpeh')).toBe('JBSW Y3DP EH')
    expect(groupSecret('JBSW Y3DP====')).toBe('JBSW Y3DP')
    expect(groupSecret('')).toBe('')
  })

  it('gives back the secret when the spaces are taken out', () => {
    const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'
    expect(groupSecret(secret).replace(/ /g, '')).toBe(secret)
  })
})

describe('the code box', () => {
  it('keeps digits only, at most six', () => {
    expect(codeDigits('123 456')).toBe('123456')
    expect(codeDigits('12-34-56-78')).toBe('123456')
    expect(codeDigits('abc')).toBe('')
    expect(codeDigits('')).toBe('')
  })

  it("takes a Chinese input method's full-width digits", () => {
    expect(codeDigits('１２３４５６')).toBe('123456')
    expect(codeDigits('１2３ 4５6')).toBe('123456')
  })

  it('accepts exactly six digits', () => {
    expect(isCode('012345')).toBe(true)
    expect(isCode('12345')).toBe(false)
    expect(isCode('1234567')).toBe(false)
    expect(isCode('12345a')).toBe(false)
    expect(isCode('')).toBe(false)
  })
})

describe('the set-up page texts', () => {
  it("use the console's term and name authenticator apps people can find", () => {
    expect(zhCN.totp.title).toBe('设置动态口令')
    expect(en.totp.title).toBe('Set up one-time codes')
    expect(zhCN.totp.step1).toContain('腾讯身份验证器')
    expect(zhCN.totp.step1).toContain('Microsoft Authenticator')
    expect(zhCN.totp.step1).toContain('Google Authenticator')
    expect(zhCN.layout.totpEnabled).toBe('已启用')
  })
})
