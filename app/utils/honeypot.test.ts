import { describe, expect, it } from 'vitest'
import { checkHoneypot, HONEYPOT_FIELD } from './honeypot.server'

describe('checkHoneypot', () => {
  it('lets an empty honeypot through', () => {
    const form = new FormData()
    form.set(HONEYPOT_FIELD, '')
    expect(() => checkHoneypot(form)).not.toThrow()
  })
  it('refuses a filled honeypot with a 400 response', () => {
    const form = new FormData()
    form.set(HONEYPOT_FIELD, 'http://spam.example')
    let thrown: unknown
    try {
      checkHoneypot(form)
    } catch (e) {
      thrown = e
    }
    expect(thrown).toBeInstanceOf(Response)
    expect((thrown as Response).status).toBe(400)
  })
})
