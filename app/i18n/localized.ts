import { z } from 'zod'
import { fallbackLng, LOCALES, type Lng } from './config'

type Fallback = typeof fallbackLng
/** Content kept per language: Dutch always (the fallback), every other language optional. */
export type Localized<T> = { [K in Fallback]: T } & { [K in Exclude<Lng, Fallback>]?: T }

type LocalizedShape<T extends z.ZodTypeAny> = { [K in Fallback]: T } & { [K in Exclude<Lng, Fallback>]: z.ZodOptional<T> }

/**
 * The zod shape of content per language, generated from the locale list: the fallback
 * language required, the others optional. A shape, so a schema can extend it with other keys.
 */
export function localizedShape<T extends z.ZodTypeAny>(inner: T): LocalizedShape<T> {
  return Object.fromEntries(LOCALES.map((l) => [l.code, l.code === fallbackLng ? inner : inner.optional()])) as LocalizedShape<T>
}

/** Content per language, with no key that is not a supported locale (a typo cannot hide a text). */
export function localizedSchema<T extends z.ZodTypeAny>(inner: T) {
  return z.object(localizedShape(inner)).strict()
}

/** The text in the reader's language, or the Dutch one when that language has none. */
export function pickLocalized<T>(texts: Localized<T>, lng: string): T {
  return (texts as Partial<Record<string, T>>)[lng] ?? texts[fallbackLng]
}
