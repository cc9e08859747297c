import { describe, expect, it } from 'vitest'
import { refuseCommonPasswords } from './passwords.server'
import { NewPasswordFormSchema, RegisterSchema } from './schemas'

describe('refuseCommonPasswords', () => {
  it('refuses a password on the shipped list, next to the password field', () => {
    const result = refuseCommonPasswords(NewPasswordFormSchema).safeParse({ password: 'password' })
    expect(result.success).toBe(false)
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ['password'], message: 'account:password.tooCommon' })])
  })
  it('refuses Dutch additions regardless of case', () => {
    expect(refuseCommonPasswords(NewPasswordFormSchema).safeParse({ password: 'Wachtwoord123' }).success).toBe(false)
  })
  it("keeps the form's own rules and accepts an uncommon password", () => {
    const schema = refuseCommonPasswords(RegisterSchema)
    expect(schema.safeParse({ email: 'a@example.nl', displayName: 'A', password: 'kort', agree: 'on' }).error?.issues[0]?.message).toBe('account:password.tooShort')
    expect(schema.safeParse({ email: 'a@example.nl', displayName: 'A', password: 'een zin die niemand raadt', agree: 'on' }).success).toBe(true)
  })
})
