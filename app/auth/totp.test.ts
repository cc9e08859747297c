import { describe, expect, it } from 'vitest'
import { newTotpSecret, totpCode, totpDelta } from './totp'

// RFC 6238 appendix B (SHA-1, the ASCII secret "12345678901234567890"), cut to six digits.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'
// A 10-byte secret, the length otplib 12's generateSecret() gave (staff enrolled before otplib 13).
const OLD_SECRET = 'JBSWY3DPEHPK3PXP'

describe('TOTP after the move to otplib 13', () => {
  it('gives the RFC 6238 codes', () => {
    expect(totpCode(RFC_SECRET, 59_000)).toBe('287082')
    expect(totpCode(RFC_SECRET, 1_111_111_109_000)).toBe('081804')
    expect(totpCode(RFC_SECRET, 1_234_567_890_000)).toBe('005924')
  })

  it('keeps secrets enrolled under otplib 12 valid (the codes otplib 12 gave for them)', () => {
    expect(totpCode(OLD_SECRET, 59_000)).toBe('996554')
    expect(totpCode(OLD_SECRET, 1_111_111_109_000)).toBe('071271')
    expect(totpDelta(totpCode(OLD_SECRET), OLD_SECRET)).toBe(0)
  })

  it('accepts one step either side and nothing further; malformed codes are refused, not thrown', () => {
    const secret = newTotpSecret()
    expect(secret).toMatch(/^[A-Z2-7]{32}$/)
    const now = Date.now()
    expect(totpDelta(totpCode(secret, now - 30_000), secret)).toBe(-1)
    expect(totpDelta(totpCode(secret, now + 30_000), secret)).toBe(1)
    const farAway = totpCode(secret, now - 300_000)
    const near = new Set([-30_000, 0, 30_000].map((d) => totpCode(secret, now + d)))
    if (!near.has(farAway)) expect(totpDelta(farAway, secret)).toBeNull()
    expect(totpDelta('12a456', secret)).toBeNull()
    expect(totpDelta('1234567', secret)).toBeNull()
    expect(totpDelta('', secret)).toBeNull()
  })
})
