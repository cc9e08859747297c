/**
 * Dutch national public holidays, computed (never a hard-coded list of years). Pure and
 * isomorphic: dates are ISO calendar strings ('YYYY-MM-DD'), so no time zone can shift a day.
 *
 * Choices, so a reader does not have to guess:
 * - Bevrijdingsdag (5 May) counts every year, as the civil service and the Algemene
 *   termijnenwet do, not only in lustrum years as many collective agreements do: a survivor
 *   waiting for a first contact should never lose a day because of a lustrum rule.
 * - Goede Vrijdag is included: many organisations (and our helpers) are closed then. The
 *   Algemene termijnenwet does not list it; code applying that law leaves it out (see
 *   `ALGEMENE_TERMIJNENWET` below).
 * - Koningsdag is 27 April, or 26 April when the 27th is a Sunday; before 2014 it was
 *   Koninginnedag on 30 April (29 April when the 30th was a Sunday).
 */

export type IsoDate = string

const DUTCH_HOLIDAYS = [
  'newYearsDay',
  'goodFriday',
  'easterSunday',
  'easterMonday',
  'kingsDay',
  'liberationDay',
  'ascensionDay',
  'whitSunday',
  'whitMonday',
  'christmasDay',
  'boxingDay',
] as const
export type DutchHoliday = (typeof DUTCH_HOLIDAYS)[number]

/** The holidays of the Algemene termijnenwet (art. 3): all but Good Friday. */
export const ALGEMENE_TERMIJNENWET: readonly DutchHoliday[] = DUTCH_HOLIDAYS.filter((h) => h !== 'goodFriday')

function iso(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

function utcDate(date: IsoDate): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const value = new Date(Date.UTC(2000, 0, 1))
  value.setUTCFullYear(y, m - 1, d)
  return value
}

function shift(date: IsoDate, days: number): IsoDate {
  const d = utcDate(date)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** 0 = Sunday … 6 = Saturday. */
function weekdayOf(date: IsoDate): number {
  return utcDate(date).getUTCDay()
}

/** Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31)
  const day = ((h + l - 7 * m + 114) % 31) + 1
  return iso(year, month, day)
}

/** The monarch's day as celebrated: King's Day since 2014, Queen's Day before; a Sunday moves it a day earlier. */
export function monarchsDay(year: number): IsoDate {
  const day = year >= 2014 ? iso(year, 4, 27) : iso(year, 4, 30)
  return weekdayOf(day) === 0 ? shift(day, -1) : day
}

/** Every national holiday of a year with its date, in calendar order. */
export function dutchHolidays(year: number): Array<{ date: IsoDate; holiday: DutchHoliday }> {
  const easter = easterSunday(year)
  const all: Record<DutchHoliday, IsoDate> = {
    newYearsDay: iso(year, 1, 1),
    goodFriday: shift(easter, -2),
    easterSunday: easter,
    easterMonday: shift(easter, 1),
    kingsDay: monarchsDay(year),
    liberationDay: iso(year, 5, 5),
    ascensionDay: shift(easter, 39),
    whitSunday: shift(easter, 49),
    whitMonday: shift(easter, 50),
    christmasDay: iso(year, 12, 25),
    boxingDay: iso(year, 12, 26),
  }
  return DUTCH_HOLIDAYS.map((holiday) => ({ date: all[holiday], holiday })).sort((x, y) => x.date.localeCompare(y.date))
}

// Holidays are asked for on every day counted; a year's list is computed once.
const cache = new Map<number, Map<IsoDate, DutchHoliday>>()

/** Which national holiday a date is, or null. */
export function holidayOn(date: IsoDate): DutchHoliday | null {
  const year = Number(date.slice(0, 4))
  let byDate = cache.get(year)
  if (!byDate) {
    byDate = new Map(dutchHolidays(year).map((h) => [h.date, h.holiday]))
    cache.set(year, byDate)
  }
  return byDate.get(date) ?? null
}

/**
 * A working day: Monday to Friday and not a national holiday. `holidays` narrows which
 * holidays count (e.g. ALGEMENE_TERMIJNENWET for legal terms); by default all of them.
 */
export function isWorkingDay(date: IsoDate, holidays: readonly DutchHoliday[] = DUTCH_HOLIDAYS): boolean {
  const day = weekdayOf(date)
  if (day === 0 || day === 6) return false
  const holiday = holidayOn(date)
  return holiday === null || !holidays.includes(holiday)
}
