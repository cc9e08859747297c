// The full metadata: the default ('min') build checks only a number's length, so '12345' passed
// as a Dutch number and a survivor waited for a call that could not come.
import { isValidPhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max'
import { isWorkingDay } from '~/utils/dutch-holidays'

/**
 * Isomorphic helpers for contact details and figures: the same rules in the browser and on
 * the server, so what a person typed is judged the same way in both.
 */

/**
 * A phone number in E.164 (+31612345678); null when it is not a real number. Without a leading
 * + it is read as Dutch; with one, it is judged by the rules of its own country.
 */
export function normalisePhone(raw: string): string | null {
  const trimmed = raw.trim()
  if (!isValidPhoneNumber(trimmed, 'NL')) return null
  return parsePhoneNumberFromString(trimmed, 'NL')?.number ?? null
}

/** How a worker reads a stored number: national style for Dutch numbers, international otherwise. */
export function formatPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164)
  if (!parsed) return e164
  return parsed.country === 'NL' ? parsed.formatNational() : parsed.formatInternational()
}

// Dutch postcodes: four digits (not starting with 0), two letters; SA, SD and SS are not used.
const POSTCODE = /^([1-9][0-9]{3})\s?([A-Za-z]{2})$/

/** "1234ab" → "1234 AB"; null when it is not a Dutch postcode. */
export function normalisePostcode(raw: string): string | null {
  const match = POSTCODE.exec(raw.trim())
  if (!match) return null
  const letters = match[2]!.toUpperCase()
  if (['SA', 'SD', 'SS'].includes(letters)) return null
  return `${match[1]} ${letters}`
}

/** The first word of a display name: all a survivor learns about their contact person. */
export function firstNameOf(displayName: string | null | undefined): string | null {
  const first = displayName?.trim().split(/\s+/)[0]
  return first ? first : null
}

const DAY_MS = 24 * 60 * 60 * 1000

// One formatter for every count: constructing Intl formatters is slow and the dashboard counts a lot.
const AMSTERDAM_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' })

/** The calendar date (YYYY-MM-DD) of an instant in the Netherlands, where the holidays are. */
function dutchDateOf(instant: Date): string {
  return AMSTERDAM_DATE.format(instant)
}

/**
 * `start` plus `days` working days: Monday to Friday and not a Dutch national holiday
 * (app/utils/dutch-holidays.ts; Good Friday and Liberation Day included, every year), judged
 * by the Dutch calendar date. A request made on Friday 10:00 with two working days is due
 * Tuesday 10:00; one made on Saturday is due Tuesday at the same time of day; one made on
 * Maundy Thursday is due the Wednesday after Easter Monday.
 */
export function addWorkingDays(start: Date, days: number): Date {
  const d = new Date(start.getTime())
  let left = days
  while (left > 0) {
    d.setTime(d.getTime() + DAY_MS)
    if (isWorkingDay(dutchDateOf(d))) left--
  }
  return d
}

/** The median of a list of numbers, or null for an empty list. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** Groups smaller than this are never shown in the anonymised figures. */
export const SUPPRESS_BELOW = 5

/** A count as published: '<5' for 1–4, so a small group cannot point at a person. */
export function suppressCount(n: number): string {
  return n > 0 && n < SUPPRESS_BELOW ? `<${SUPPRESS_BELOW}` : String(n)
}
