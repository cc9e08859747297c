import { i18next } from './i18next.server'

/** A translated document title for a page's meta, e.g. "Privacy – Erkenningsportaal". */
export async function getPageTitle(request: Request, key: string, ns = 'pages') {
  const t = await i18next.getFixedT(request, [ns, 'common'])
  return `${t(key)} – ${t('common:siteName')}`
}
