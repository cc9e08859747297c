import type { ContactType } from './schemas'
import { intlLocale } from '~/i18n/config'

/** A contact channel ready for display: the link target and the text people see. */
export type ContactLink = { type: ContactType; href: string; label: string; hours: string | null }

/** `tel:`, `mailto:` or the https address itself; phone numbers keep only digits and a leading +. */
export function contactHref(channel: { type: ContactType; value: string }): string {
  switch (channel.type) {
    case 'phone':
      return `tel:${channel.value.replace(/(?!^\+)[^0-9]/g, '')}`
    case 'email':
      return `mailto:${channel.value}`
    case 'website':
    case 'chat':
      return channel.value
  }
}

/** What people read: a number as it is written, a web address without `https://` and trailing slash. */
export function contactLabel(channel: { type: ContactType; value: string }): string {
  if (channel.type === 'website' || channel.type === 'chat') {
    return channel.value.replace(/^https:\/\//, '').replace(/\/$/, '')
  }
  return channel.value
}

/**
 * A calendar date (YYYY-MM-DD) in the reader's language, e.g. "24 november 2026". Formatted
 * in UTC so server and browser render the same text.
 */
export function formatCalendarDate(isoDate: string, locale: string): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${isoDate}T00:00:00Z`),
  )
}
