import { describe, expect, it } from 'vitest'
import { formatDate, formatDateTime, formatLongDate, formatLongDateTime, formatTime } from './format-date'

describe('formatDate and formatDateTime', () => {
  it('give the same day text as toLocaleDateString, in Dutch time', () => {
    const at = '2026-03-14T12:00:00Z'
    expect(formatDate(at, 'nl')).toBe(new Date(at).toLocaleDateString('nl', { timeZone: 'Europe/Amsterdam' }))
    expect(formatDate(at, 'nl')).toBe('14-3-2026')
    expect(formatDate(at, 'en')).toBe('14/03/2026')
  })

  it('count the day in Amsterdam, not on the server clock (23:30 UTC is the next day in summer)', () => {
    expect(formatDate('2026-07-01T23:30:00Z', 'nl')).toBe('2-7-2026')
  })

  it('show a moment with its time, short or written out', () => {
    expect(formatDateTime('2026-11-25T13:05:00Z', 'nl')).toBe('25 nov 2026, 14:05')
    expect(formatLongDateTime('2026-11-25T13:05:00Z', 'nl')).toBe('25 november 2026 om 14:05')
    expect(formatLongDateTime('2026-11-25T13:05:00Z', 'en')).toBe('25 November 2026 at 14:05')
    expect(formatTime('2026-11-25T13:05:00Z', 'nl')).toBe('14:05')
  })
})

describe('formatLongDate', () => {
  it('writes a calendar date as that day, and a moment as the day it was in Amsterdam', () => {
    expect(formatLongDate('1945-05-05', 'nl')).toBe('5 mei 1945')
    expect(formatLongDate('1945-05-05', 'en')).toBe('5 May 1945')
    // 23:30 UTC on 31 December is already New Year's Day in Amsterdam.
    expect(formatLongDate(new Date('2026-12-31T23:30:00Z'), 'nl')).toBe('1 januari 2027')
    expect(formatLongDate('2026-12-31T23:30:00Z', 'en')).toBe('1 January 2027')
  })
})
