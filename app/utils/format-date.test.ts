import { describe, expect, it } from 'vitest'
import { formatDate, formatDateTime } from './format-date'

describe('formatDate and formatDateTime', () => {
  it('give the same day text as toLocaleDateString, in Dutch time', () => {
    const at = '2026-03-14T12:00:00Z'
    expect(formatDate(at, 'nl')).toBe(new Date(at).toLocaleDateString('nl', { timeZone: 'Europe/Amsterdam' }))
    expect(formatDate(at, 'nl')).toBe('14-3-2026')
    expect(formatDate(at, 'en')).toBe('3/14/2026')
  })

  it('count the day in Amsterdam, not on the server clock (23:30 UTC is the next day in summer)', () => {
    expect(formatDate('2026-07-01T23:30:00Z', 'nl')).toBe('2-7-2026')
  })

  it('show a moment with its time', () => {
    expect(formatDateTime('2026-11-25T13:05:00Z', 'nl')).toBe('25 nov 2026, 14:05')
  })
})
