// A date ('2020-03-01' or an ISO time) as people read it, in Amsterdam's calendar: one formatter per language (utils/format-date).
export { formatLongDate as formatDate } from '~/utils/format-date'
