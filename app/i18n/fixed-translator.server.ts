import type { TFunction } from 'i18next'
import { i18next } from '~/i18n/i18next.server'

// The public monument pages are the portal's busiest: a fixed translator per language and
// namespace set is made once (the texts are static files), not on every request.
const translators = new Map<string, Promise<TFunction>>()

/** A translator for the request's language, reused across requests. */
export async function readingT(request: Request, namespaces: readonly [string, ...string[]]): Promise<TFunction> {
  const lng = await i18next.getLocale(request)
  const key = `${lng}|${namespaces.join(',')}`
  let t = translators.get(key)
  if (!t) {
    t = i18next.getFixedT(lng, namespaces) as Promise<TFunction>
    translators.set(key, t)
  }
  return t
}

/** "<page> – <site name>" for a page's <title>. */
export async function readingTitle(request: Request, key: string, ns: string) {
  const t = await readingT(request, [ns, 'common'])
  return `${t(`${ns}:${key}`)} – ${t('common:siteName')}`
}
