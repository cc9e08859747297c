import { i18next } from './i18next.server'
import { getServerI18n } from './server-instances.server'

/** A translated document title for a page's meta, e.g. "Privacy – Erkenningsportaal". */
export async function getPageTitle(request: Request, key: string, ns = 'pages') {
  const lng = await i18next.getLocale(request)
  const t = getServerI18n(lng).getFixedT(lng, [ns, 'common'])
  return `${t(key)} – ${t('common:siteName')}`
}
