import { describe, expect, it } from 'vitest'
import { addDays, addYears, amsterdamDate, earliestDate, formatLongDate, isIsoDate, latestDate, toSchemeDate } from './dates'

describe('scheme dates', () => {
  it('recognises real calendar dates only', () => {
    expect(isIsoDate('2020-02-29')).toBe(true)
    expect(isIsoDate('2019-02-29')).toBe(false)
    expect(isIsoDate('2019-13-01')).toBe(false)
    expect(isIsoDate('2019-1-01')).toBe(false)
    expect(isIsoDate(20190101)).toBe(false)
  })

  it('reads remembered dates as the widest range they can mean', () => {
    expect([earliestDate('1972'), latestDate('1972')]).toEqual(['1972-01-01', '1972-12-31'])
    expect([earliestDate('1972-02'), latestDate('1972-02')]).toEqual(['1972-02-01', '1972-02-29'])
    expect([earliestDate('1973-02'), latestDate('1973-02')]).toEqual(['1973-02-01', '1973-02-28'])
    expect([earliestDate('1972-03-14'), latestDate('1972-03-14')]).toEqual(['1972-03-14', '1972-03-14'])
    expect([earliestDate('1972-13'), latestDate('1972-13')]).toEqual([null, null])
    expect([earliestDate('72'), latestDate('1972-02-30')]).toEqual([null, null])
  })

  it('adds days across months and years, and birthdays on 29 February', () => {
    expect(addDays('2020-12-25', 14)).toBe('2021-01-08')
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30') // no daylight-saving drift
    expect(addYears('2000-02-29', 18)).toBe('2018-03-01')
    expect(addYears('2000-02-29', 20)).toBe('2020-02-29')
  })

  it('takes the Amsterdam calendar date of an instant', () => {
    expect(amsterdamDate(new Date('2026-01-04T23:30:00Z'))).toBe('2026-01-05') // winter, UTC+1
    expect(amsterdamDate(new Date('2026-07-04T21:59:00Z'))).toBe('2026-07-04') // summer, UTC+2
    expect(amsterdamDate(new Date('2026-07-04T22:00:00Z'))).toBe('2026-07-05')
    expect(toSchemeDate('2026-07-04')).toBe('2026-07-04')
    expect(() => toSchemeDate('yesterday')).toThrow(RangeError)
  })

  it('formats long dates in Dutch and English', () => {
    expect(formatLongDate('1945-05-05', 'nl')).toBe('5 mei 1945')
    expect(formatLongDate('2019-06-12', 'en')).toBe('12 June 2019')
  })
})
