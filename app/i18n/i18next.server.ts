import { createCookie } from '@remix-run/node'
import { RemixI18Next } from 'remix-i18next/server'
import { fallbackLng, i18nConfig, supportedLngs } from './config'
import { ensureResources } from './resources.server'

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
