import { describe, expect, it } from 'vitest'
import { contactHref, contactLabel, formatCalendarDate } from './format'
import { ContactChannelSchema } from './schemas'

describe('contact links', () => {
  it('dials only digits (and a leading +)', () => {
    expect(contactHref({ type: 'phone', value: '0900-9999 001' })).toBe('tel:09009999001')
    expect(contactHref({ type: 'phone', value: '+31 800-1238' })).toBe('tel:+318001238')
    expect(contactHref({ type: 'email', value: 'info@example.org' })).toBe('mailto:info@example.org')
    expect(contactHref({ type: 'website', value: 'https://verbreekdestilte.nl/blijvendvertellen' })).toBe(
      'https://verbreekdestilte.nl/blijvendvertellen',
    )
  })

  it('shows web addresses without the scheme', () => {
    expect(contactLabel({ type: 'website', value: 'https://geweldindejeugdzorginfo.nl/' })).toBe('geweldindejeugdzorginfo.nl')
    expect(contactLabel({ type: 'phone', value: '0800-0113' })).toBe('0800-0113')
  })

  it('accepts only https web links and dialable numbers', () => {
    expect(ContactChannelSchema.safeParse({ type: 'website', value: 'http://example.org' }).success).toBe(false)
    expect(ContactChannelSchema.safeParse({ type: 'chat', value: 'javascript:alert(1)' }).success).toBe(false)
    expect(ContactChannelSchema.safeParse({ type: 'phone', value: 'call us' }).success).toBe(false)
    expect(ContactChannelSchema.safeParse({ type: 'phone', value: '113' }).success).toBe(true)
    expect(ContactChannelSchema.safeParse({ type: 'fax', value: '0201234567' }).success).toBe(false)
  })
})

describe('formatCalendarDate', () => {
  it('writes the date in the reader’s language', () => {
    expect(formatCalendarDate('2026-11-24', 'nl')).toBe('24 november 2026')
    expect(formatCalendarDate('2026-11-24', 'en')).toBe('24 November 2026')
  })
})
