import { fallbackLng, supportedLngs } from '~/i18n/config'

/**
 * Each language of a page has an address of its own for search engines: Dutch (the fallback)
 * the bare path, every other language `?lng=<code>` (remix-i18next reads that parameter before
 * the cookie and Accept-Language). Other query parameters (directory filters) are not part of
 * the canonical address: a filtered list is the same page.
 */
export function languageUrl(origin: string, path: string, lng: string): string {
  const base = `${origin.replace(/\/+$/, '')}${path}`
  return lng === fallbackLng ? base : `${base}?lng=${encodeURIComponent(lng)}`
}

export type AlternateLink = { hrefLang: string; href: string }

/** `hreflang` alternates for every language the portal speaks, plus x-default (Dutch). */
export function alternateLinks(origin: string, path: string): AlternateLink[] {
  return [
    ...supportedLngs.map((lng) => ({ hrefLang: lng, href: languageUrl(origin, path, lng) })),
    { hrefLang: 'x-default', href: languageUrl(origin, path, fallbackLng) },
  ]
}

/**
 * The canonical address: the page in the language its address pins (`?lng=`), or the bare path.
 * A page reached without `?lng=` follows the reader's cookie or browser language; its canonical
 * is the Dutch address, which is what a crawler without either gets.
 */
export function canonicalUrl(origin: string, path: string, pinnedLng: string | null): string {
  return languageUrl(origin, path, pinnedLng && supportedLngs.includes(pinnedLng as never) ? pinnedLng : fallbackLng)
}

/** Escapes text for XML element content and attribute values. */
export function xmlEscape(text: string): string {
  return text.replace(/[<>&'"]/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[ch]!)
}
