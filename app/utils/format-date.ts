import { intlLocale } from '~/i18n/config'

/**
 * Dates and times as people read them, in the reader's language and in Dutch time (the server
 * and every browser then render the same text). One Intl.DateTimeFormat per language and style,
 * made once: `toLocaleDateString` builds a new one on every call, which showed up in profiles
 * as a tenth of a listing's render time.
 */
const STYLES = {
  date: { day: 'numeric', month: 'numeric', year: 'numeric' },
  longDate: { day: 'numeric', month: 'long', year: 'numeric' },
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
  longDateTime: { dateStyle: 'long', timeStyle: 'short' },
  time: { timeStyle: 'short' },
} satisfies Record<string, Intl.DateTimeFormatOptions>

const formats = new Map<string, Intl.DateTimeFormat>()

function formatter(lng: string, style: keyof typeof STYLES) {
  const key = `${lng}|${style}`
  let format = formats.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale(lng), { ...STYLES[style], timeZone: 'Europe/Amsterdam' })
    formats.set(key, format)
  }
  return format
}

/** A day, e.g. "25-11-2026" (nl) or "25/11/2026" (en). */
export function formatDate(value: string | Date, lng: string) {
  return formatter(lng, 'date').format(new Date(value))
}

/**
 * A day written out, e.g. "25 november 2026". A calendar date ('2026-11-25') is that day; a
 * moment is the day it was in Amsterdam.
 */
export function formatLongDate(value: string | Date, lng: string) {
  const date = typeof value === 'string' && value.length === 10 ? new Date(`${value}T12:00:00Z`) : new Date(value)
  return formatter(lng, 'longDate').format(date)
}

/** A moment, e.g. "25 nov 2026, 14:05". */
export function formatDateTime(value: string | Date, lng: string) {
  return formatter(lng, 'dateTime').format(new Date(value))
}

/** A moment written out, e.g. "25 november 2026 om 14:05". */
export function formatLongDateTime(value: string | Date, lng: string) {
  return formatter(lng, 'longDateTime').format(new Date(value))
}

/** A time of day, e.g. "14:05". */
export function formatTime(value: string | Date, lng: string) {
  return formatter(lng, 'time').format(new Date(value))
}
