/** Shared i18next settings for server and browser. Dutch is the default language. */
export const supportedLngs = ['nl', 'en'] as const
export type Lng = (typeof supportedLngs)[number]
export const fallbackLng: Lng = 'nl'
export const defaultNS = 'common'
export const namespaces = ['common', 'validation', 'pages', 'facets', 'account', 'mail', 'consent', 'privacy', 'monument', 'moderation', 'reading', 'referrals', 'triage', 'scheme', 'assessment'] as const

export const i18nConfig = {
  supportedLngs: [...supportedLngs],
  fallbackLng,
  defaultNS,
  react: { useSuspense: false },
  interpolation: { escapeValue: false },
}

export function isLng(value: unknown): value is Lng {
  return typeof value === 'string' && (supportedLngs as readonly string[]).includes(value)
}
