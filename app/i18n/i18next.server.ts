import { createCookie } from '@remix-run/node'
import { RemixI18Next } from 'remix-i18next/server'
import type { TFunction } from 'i18next'
import { fallbackLng, i18nConfig, supportedLngs, toLng } from './config'
import { ensureResources } from './resources.server'
import { getServerI18n } from './server-instances.server'

// `react` options are for the React binding only.
const { react: _react, ...serverConfig } = i18nConfig


/** The language choice. Not a secret and not personal; readable by the language switcher only. */
export const languageCookie = createCookie('lng', {
  path: '/',
  sameSite: 'lax',
  httpOnly: true,
  secure: process.env.APP_ENV === 'production',
  maxAge: 60 * 60 * 24 * 365,
})

export const i18next = new RemixI18Next({
  detection: {
    // The live list (not a copy), so a language registered later is detected too.
    supportedLanguages: supportedLngs,
    fallbackLanguage: fallbackLng,
    cookie: languageCookie,
    // An address that names its language (`?lng=en`, the hreflang alternates of ADR 0034)
    // wins, then the cookie (set by the switcher), then the browser's Accept-Language.
    order: ['searchParams', 'cookie', 'header'],
    searchParamKey: 'lng',
  },
  // Translations come from memory (resources.server.ts), not from disk per request.
  i18next: { ...serverConfig, resources: ensureResources() },
})

// Cheap per request (ADR 0033): the language is detected once per request however many loaders
// ask, and a fixed translator comes from the process's instance for that language instead of a
// new i18next instance (remix-i18next creates and initialises one per call).
const detected = new WeakMap<Request, Promise<string>>()
const detectLocale = i18next.getLocale.bind(i18next)
i18next.getLocale = (request: Request) => {
  let locale = detected.get(request)
  if (!locale) {
    locale = detectLocale(request)
    detected.set(request, locale)
  }
  return locale
}
const createFixedT = i18next.getFixedT.bind(i18next)
i18next.getFixedT = (async (requestOrLocale: Request | string, namespaces?: string | readonly string[], options: Record<string, unknown> = {}) => {
  const { keyPrefix, ...rest } = options as { keyPrefix?: string }
  if (Object.keys(rest).length > 0) return createFixedT(requestOrLocale as never, namespaces as never, options as never)
  const lng = toLng(typeof requestOrLocale === 'string' ? requestOrLocale : await i18next.getLocale(requestOrLocale))
  return getServerI18n(lng).getFixedT(lng, namespaces as string[] | undefined, keyPrefix) as TFunction
}) as typeof i18next.getFixedT
