import { intlLocale } from '~/i18n/config'

/** A date ('2020-03-01' or an ISO time) as people read it, in Amsterdam's calendar. */
export function formatDate(value: string, lng: string) {
  const date = value.length === 10 ? new Date(`${value}T12:00:00Z`) : new Date(value)
  return new Intl.DateTimeFormat(intlLocale(lng), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' }).format(date)
}
