import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { localizedSchema, pickLocalized } from './localized'

describe('content per language', () => {
  const Schema = localizedSchema(z.string().min(1))

  it('requires Dutch, the fallback, and accepts the other languages as optional', () => {
    expect(Schema.safeParse({ nl: 'Hallo' }).success).toBe(true)
    expect(Schema.safeParse({ nl: 'Hallo', en: 'Hello' }).success).toBe(true)
    expect(Schema.safeParse({ en: 'Hello' }).success).toBe(false)
  })

  it('refuses a language the portal does not speak, so a typo cannot hide a text', () => {
    expect(Schema.safeParse({ nl: 'Hallo', eng: 'Hello' }).success).toBe(false)
  })

  it('picks the reader’s language, and Dutch when that one is missing or unknown', () => {
    expect(pickLocalized({ nl: 'Hallo', en: 'Hello' }, 'en')).toBe('Hello')
    expect(pickLocalized({ nl: 'Hallo' }, 'en')).toBe('Hallo')
    expect(pickLocalized({ nl: 'Hallo', en: 'Hello' }, 'ar-XB')).toBe('Hallo')
  })
})
