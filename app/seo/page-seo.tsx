import { useTranslation } from 'react-i18next'
import { getLocale } from '~/i18n/config'
import { alternateLinks, canonicalUrl } from './links'
import type { PublicPage } from './public-pages'

type LeafData = { title?: unknown; entry?: { description?: unknown } } | null | undefined

const HELP_PAGES = new Set(['helpEntry', 'help', 'professionals'])
const DESCRIPTION_MAX = 160

function shorten(text: string) {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length <= DESCRIPTION_MAX ? flat : `${flat.slice(0, DESCRIPTION_MAX - 1).replace(/\s+\S*$/, '')}…`
}

/**
 * The head tags search engines read (ADR 0034): a meta description on every page; on indexed
 * pages a canonical address, `hreflang` alternates per language and, on help pages, Open Graph;
 * on every other page (stories, forms, accounts, staff, errors) `noindex`.
 */
export function PageSeo({
  page,
  leafData,
  seo,
  path,
  locale,
}: {
  page: PublicPage | undefined
  leafData: unknown
  seo: { origin: string; pinnedLng: string | null } | null
  path: string
  locale: string
}) {
  const { t } = useTranslation('common')
  const data = leafData as LeafData
  const entryDescription = typeof data?.entry?.description === 'string' ? data.entry.description : null
  const description = shorten(entryDescription ?? t(`seo.descriptions.${page?.description ?? 'default'}`))
  if (!page?.indexed || !seo) {
    return (
      <>
        <meta name="robots" content="noindex" />
        <meta name="description" content={description} />
      </>
    )
  }
  const canonical = canonicalUrl(seo.origin, path, seo.pinnedLng)
  const title = typeof data?.title === 'string' ? data.title : t('siteName')
  return (
    <>
      <meta name="description" content={description} />
      <link rel="canonical" href={canonical} />
      {alternateLinks(seo.origin, path).map((link) => (
        <link key={link.hrefLang} rel="alternate" hrefLang={link.hrefLang} href={link.href} />
      ))}
      {HELP_PAGES.has(page.description) ? (
        <>
          <meta property="og:type" content="website" />
          <meta property="og:site_name" content={t('siteName')} />
          <meta property="og:title" content={title} />
          <meta property="og:description" content={description} />
          <meta property="og:url" content={canonical} />
          <meta property="og:locale" content={getLocale(locale).intl.replace('-', '_')} />
        </>
      ) : null}
    </>
  )
}
