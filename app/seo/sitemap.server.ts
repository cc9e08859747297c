import { listPublishedEntryPaths } from '~/referrals/for-sitemap.server'
import { supportedLngs } from '~/i18n/config'
import { alternateLinks, languageUrl, xmlEscape } from './links'
import { PUBLIC_PAGES } from './public-pages'

/**
 * sitemap.xml (ADR 0034): the indexed pages only (help, scheme, about, reports), each language's
 * address with its hreflang alternates. Stories, the story listing and everything behind a
 * sign-in never appear.
 */
export async function renderSitemap(origin: string): Promise<string> {
  const fixed = PUBLIC_PAGES.filter((p) => p.indexed && !p.path.includes('$')).map((p) => ({ path: p.path, lastmod: null as Date | null }))
  const entries = (await listPublishedEntryPaths()).map((e) => ({ path: `/hulp/${encodeURIComponent(e.slug)}`, lastmod: e.updatedAt }))
  const urls = [...fixed, ...entries].flatMap(({ path, lastmod }) =>
    supportedLngs.map((lng) => {
      const alternates = alternateLinks(origin, path)
        .map((a) => `    <xhtml:link rel="alternate" hreflang="${xmlEscape(a.hrefLang)}" href="${xmlEscape(a.href)}"/>`)
        .join('\n')
      const modified = lastmod ? `\n    <lastmod>${lastmod.toISOString().slice(0, 10)}</lastmod>` : ''
      return `  <url>\n    <loc>${xmlEscape(languageUrl(origin, path, lng))}</loc>${modified}\n${alternates}\n  </url>`
    }),
  )
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ...urls,
    '</urlset>',
    '',
  ].join('\n')
}

/**
 * robots.txt: crawlers may read the indexed pages; the monument (stories, listing, media), forms
 * and everything behind a sign-in are closed to them. Story pages also say `noindex` themselves,
 * for crawlers that reach them anyway.
 */
export function renderRobots(origin: string): string {
  return [
    'User-agent: *',
    'Allow: /verhalen/rapporten',
    'Disallow: /verhalen',
    'Disallow: /documentaire',
    'Disallow: /media/',
    'Disallow: /mijn-',
    'Disallow: /account',
    'Disallow: /beheer',
    'Disallow: /inloggen',
    'Disallow: /registreren',
    'Disallow: /wachtwoord-',
    'Disallow: /uitnodiging/',
    'Disallow: /levensverhaal/',
    'Disallow: /regeling/aanvraag',
    'Disallow: /hulp/begeleiding',
    'Disallow: /dev/',
    'Disallow: /api/',
    '',
    `Sitemap: ${origin}/sitemap.xml`,
    '',
  ].join('\n')
}
