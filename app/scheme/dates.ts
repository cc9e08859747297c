import { formatLongDate as formatDayLong } from '~/utils/format-date'
/**
 * Calendar-date helpers for the scheme's rules. Dates are ISO strings ('YYYY-MM-DD'):
 * they compare as strings and carry no time zone, so a deadline never shifts by a day
 * around daylight-saving changes. Arithmetic runs on UTC midnights.
 */
export type IsoDate = string

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
/** What people remember: a year, a month or a day. */
const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/

/** The Dutch scheme works in Dutch time: "today" is today in Amsterdam. */
const SCHEME_TIME_ZONE = 'Europe/Amsterdam'

function utc(year: number, monthIndex: number, day: number): Date {
  const d = new Date(Date.UTC(2000, 0, 1))
  d.setUTCFullYear(year, monthIndex, day)
  return d
}

export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false
  const m = ISO_DATE.exec(value)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = utc(y, mo - 1, d)
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
}

function toIsoDate(date: Date): IsoDate {
  return date.toISOString().slice(0, 10)
}

function fromIsoDate(date: IsoDate): Date {
  if (!isIsoDate(date)) throw new RangeError(`Not a calendar date: ${date}`)
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return utc(y, m - 1, d)
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const d = fromIsoDate(date)
  d.setUTCDate(d.getUTCDate() + days)
  return toIsoDate(d)
}

/** Someone born on 29 February reaches an age on 1 March in a common year. */
export function addYears(date: IsoDate, years: number): IsoDate {
  const d = fromIsoDate(date)
  return toIsoDate(utc(d.getUTCFullYear() + years, d.getUTCMonth(), d.getUTCDate()))
}

/** The calendar date of an instant in Amsterdam. */
export function amsterdamDate(instant: Date): IsoDate {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: SCHEME_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant)
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${get('year')}-${get('month')}-${get('day')}`
}

/** A date given as an ISO date or an instant, as its Amsterdam calendar date. */
export function toSchemeDate(value: Date | string): IsoDate {
  if (typeof value === 'string' && isIsoDate(value)) return value
  const instant = typeof value === 'string' ? new Date(value) : value
  if (Number.isNaN(instant.getTime())) throw new RangeError(`Not a date: ${String(value)}`)
  return amsterdamDate(instant)
}

export function isPartialDate(value: unknown): value is string {
  if (typeof value !== 'string') return false
  return earliestDate(value) !== null
}

/**
 * The first day a remembered date ('1972', '1972-03' or '1972-03-14') can mean.
 * Rules that only warn use the widest reading, so an imprecise memory never causes a warning.
 */
export function earliestDate(value: string): IsoDate | null {
  const m = PARTIAL_DATE.exec(value)
  if (!m) return null
  const [, y, mo, d] = m
  const date = `${y}-${mo ?? '01'}-${d ?? '01'}`
  return isIsoDate(date) ? date : null
}

/** The last day a remembered date can mean. */
export function latestDate(value: string): IsoDate | null {
  const m = PARTIAL_DATE.exec(value)
  if (!m) return null
  const [, y, mo, d] = m
  if (d) return isIsoDate(value) ? value : null
  if (!mo) return `${y}-12-31`
  const month = Number(mo)
  if (month < 1 || month > 12) return null
  return toIsoDate(utc(Number(y), month, 0))
}

/** Long, localised date ('5 mei 1945', '5 May 1945') for messages. */
export function formatLongDate(date: IsoDate, lng: string): string {
  return formatDayLong(date, lng)
}

/** A date kept as a timestamp at noon UTC, so its Amsterdam calendar date is the date itself. */
export function dateAt(iso: IsoDate): Date {
  return new Date(`${iso}T12:00:00Z`)
}
