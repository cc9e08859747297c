import { describe, expect, it } from 'vitest'
import { ALGEMENE_TERMIJNENWET, dutchHolidays, easterSunday, holidayOn, isWorkingDay, monarchsDay } from './dutch-holidays'

describe('Dutch public holidays', () => {
  it('computes Easter Sunday, checked against published calendars', () => {
    expect(easterSunday(2019)).toBe('2019-04-21')
    expect(easterSunday(2024)).toBe('2024-03-31')
    expect(easterSunday(2025)).toBe('2025-04-20')
    expect(easterSunday(2026)).toBe('2026-04-05')
    expect(easterSunday(2027)).toBe('2027-03-28')
    expect(easterSunday(2028)).toBe('2028-04-16')
    expect(easterSunday(2000)).toBe('2000-04-23')
    // The earliest and latest possible dates.
    expect(easterSunday(1818)).toBe('1818-03-22')
    expect(easterSunday(2038)).toBe('2038-04-25')
  })

  it('lists every holiday of 2026 in calendar order', () => {
    expect(dutchHolidays(2026)).toEqual([
      { date: '2026-01-01', holiday: 'newYearsDay' },
      { date: '2026-04-03', holiday: 'goodFriday' },
      { date: '2026-04-05', holiday: 'easterSunday' },
      { date: '2026-04-06', holiday: 'easterMonday' },
      { date: '2026-04-27', holiday: 'kingsDay' },
      { date: '2026-05-05', holiday: 'liberationDay' },
      { date: '2026-05-14', holiday: 'ascensionDay' },
      { date: '2026-05-24', holiday: 'whitSunday' },
      { date: '2026-05-25', holiday: 'whitMonday' },
      { date: '2026-12-25', holiday: 'christmasDay' },
      { date: '2026-12-26', holiday: 'boxingDay' },
    ])
  })

  it('knows the moveable feasts of 2025 and 2027', () => {
    const of = (year: number) => Object.fromEntries(dutchHolidays(year).map((h) => [h.holiday, h.date]))
    expect(of(2025)).toMatchObject({ goodFriday: '2025-04-18', easterMonday: '2025-04-21', ascensionDay: '2025-05-29', whitMonday: '2025-06-09' })
    expect(of(2027)).toMatchObject({ goodFriday: '2027-03-26', easterMonday: '2027-03-29', ascensionDay: '2027-05-06', whitMonday: '2027-05-17' })
  })

  it("moves King's Day to the 26th when the 27th is a Sunday, and knows Queen's Day", () => {
    expect(monarchsDay(2025)).toBe('2025-04-26') // 27 April 2025 is a Sunday
    expect(monarchsDay(2014)).toBe('2014-04-26')
    expect(monarchsDay(2026)).toBe('2026-04-27')
    expect(monarchsDay(2013)).toBe('2013-04-30')
    expect(monarchsDay(2006)).toBe('2006-04-29') // 30 April 2006 was a Sunday
  })

  it('counts Liberation Day every year, not only in lustrum years', () => {
    expect(holidayOn('2026-05-05')).toBe('liberationDay')
    expect(holidayOn('2027-05-05')).toBe('liberationDay')
    expect(isWorkingDay('2026-05-05')).toBe(false)
  })

  it('tells working days from weekends and holidays', () => {
    expect(isWorkingDay('2026-11-25')).toBe(true) // an ordinary Wednesday
    expect(isWorkingDay('2026-11-28')).toBe(false) // Saturday
    expect(isWorkingDay('2026-11-29')).toBe(false) // Sunday
    expect(isWorkingDay('2026-04-03')).toBe(false) // Good Friday
    expect(isWorkingDay('2026-05-14')).toBe(false) // Ascension Day
    expect(isWorkingDay('2026-12-25')).toBe(false)
    expect(holidayOn('2026-11-25')).toBeNull()
    // The Algemene termijnenwet does not list Good Friday.
    expect(isWorkingDay('2026-04-03', ALGEMENE_TERMIJNENWET)).toBe(true)
    expect(isWorkingDay('2026-04-06', ALGEMENE_TERMIJNENWET)).toBe(false)
  })
})
