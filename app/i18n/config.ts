/**
 * The one list of languages the portal speaks (ADR 0021). Everything else derives from it:
 * i18next's supported languages, the language switchers, zod enums, the locale columns, the
 * `dir` on <html>, date and number formats, and the per-language fieldsets of the directory
 * editor. Adding a language is an entry here, a `public/locales/<code>/` folder and content.
 */
export type LocaleDefinition = {
  /** BCP 47 tag, used in URLs of translation files, cookies and the `lang` attribute. */
  code: string
  /** The language's own name for itself, as a switcher shows it. */
  nativeName: string
  dir: 'ltr' | 'rtl'
  /** The locale Intl uses for dates and amounts (British English: day before month, as in Dutch). */
  intl: string
  /**
   * Test-only: translations given in memory instead of read from `public/locales/<code>/`,
   * so a test can add a pseudo-locale without writing into the shared locale folders.
   */
  resources?: Record<string, unknown>
}

export const LOCALES = [
  { code: 'nl', nativeName: 'Nederlands', dir: 'ltr', intl: 'nl-NL' },
  { code: 'en', nativeName: 'English', dir: 'ltr', intl: 'en-GB' },
] as const satisfies readonly LocaleDefinition[]

/** The codes of the built-in languages, as a tuple for zod and drizzle enums. */
export const LOCALE_CODES = LOCALES.map((l) => l.code) as unknown as readonly [(typeof LOCALES)[number]['code'], ...(typeof LOCALES)[number]['code'][]]
export type Lng = (typeof LOCALES)[number]['code']
/** Dutch: the language every content text must have, and the one shown when a text lacks the reader's. */
export const fallbackLng = 'nl' satisfies Lng

const registered: LocaleDefinition[] = [...LOCALES]
/**
 * The languages this process speaks: the built-in list plus any registered with
 * `registerLocale`. A live array (never copied by its users), so a registration is seen everywhere.
 */
export const supportedLngs: Lng[] = registered.map((l) => l.code as Lng)

/**
 * The extension point for a language that is not (yet) in LOCALES, e.g. a pseudo-locale in a
 * test. Must run before the first request in that language. Its code is typed as a Lng only
 * at run time: content kept per language (directory texts, scheme texts) falls back to Dutch.
 */
export function registerLocale(definition: LocaleDefinition) {
  if (registered.some((l) => l.code === definition.code)) return
  registered.push(definition)
  supportedLngs.push(definition.code as Lng)
}

export function getLocale(code: string): LocaleDefinition {
  return registered.find((l) => l.code === code) ?? registered[0]!
}

export function localeDir(code: string): 'ltr' | 'rtl' {
  return getLocale(code).dir
}

/** The Intl locale for dates and amounts in `code` (Dutch for an unknown code). */
export function intlLocale(code: string): string {
  return getLocale(code).intl
}

export const defaultNS = 'common'
export const namespaces = ['common', 'validation', 'pages', 'facets', 'account', 'mail', 'consent', 'privacy', 'monument', 'moderation', 'reading', 'referrals', 'triage', 'scheme', 'assessment', 'archive', 'research', 'lifeStories', 'documentary', 'intake'] as const

export const i18nConfig = {
  supportedLngs,
  fallbackLng,
  defaultNS,
  react: { useSuspense: false },
  interpolation: { escapeValue: false },
}

export function isLng(value: unknown): value is Lng {
  return typeof value === 'string' && (supportedLngs as readonly string[]).includes(value)
}

/** The reader's language if the portal speaks it, otherwise Dutch. */
export function toLng(value: unknown): Lng {
  return isLng(value) ? value : fallbackLng
}
