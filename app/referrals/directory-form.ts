import { z } from 'zod'
import { LANGUAGES, NEEDS, REGIONS, SETTINGS } from '~/facets/facets'
import { fallbackLng, LOCALES } from '~/i18n/config'
import type { Localized } from '~/i18n/localized'
import { ContactChannelSchema, DIRECTORY_KINDS, type DirectoryTexts } from './schemas'
import { line, optionalText, text } from '~/utils/text-schema'

// Texts the editors write are refused with a control character; the entry's name is one line
// and loses them (app/utils/text-schema.ts).
const tooLong = 'triage:directory.errors.tooLong'
const required = (max: number) => text({ max, tooLong })
const name = (max: number) => line({ max, tooLong })
const optional = (max: number) => optionalText({ max, tooLong }).transform((v) => v ?? null)
const year = z.preprocess(
  (v) => (v === '' || v === undefined ? null : Number(v)),
  z.number({ invalid_type_error: 'triage:directory.errors.year' }).int('triage:directory.errors.year').min(1900, 'triage:directory.errors.year').max(2100, 'triage:directory.errors.year').nullable(),
)

/**
 * One contact channel per line: `type | value | hours…`, the hours in the order of the locale
 * list (nl, en, …), e.g. `phone | 0800-1238 | ma–vr 9–17 uur | Mon–Fri 9am–5pm`. Plain text keeps
 * the form usable without JavaScript; each line is checked with the directory's own ContactChannelSchema.
 */
export function parseContactLines(text: string) {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)
  return lines.map((line) => {
    const [type, value, ...hours] = line.split('|').map((p) => p.trim())
    const byLocale = Object.fromEntries(LOCALES.flatMap((l, i) => (hours[i] ? [[l.code, hours[i]]] : [])))
    return ContactChannelSchema.safeParse({ type, value, hours: Object.keys(byLocale).length > 0 ? byLocale : undefined })
  })
}

export function formatContactLines(contacts: Array<{ type: string; value: string; hours?: Partial<Record<string, string>> }>) {
  return contacts.map((c) => [c.type, c.value, ...LOCALES.map((l) => c.hours?.[l.code] ?? '')].join(' | ').replace(/( \| )+$/, '')).join('\n')
}

// One fieldset per language. Dutch must be complete (it is every other language's fallback);
// another language may be left empty as a whole, and then its readers see the Dutch texts.
const localeTexts = (fallback: boolean) =>
  z.object({ description: fallback ? required(4000) : optional(4000), forWhom: fallback ? required(4000) : optional(4000), accessibility: optional(4000) })
const FormTexts = z.object(Object.fromEntries(LOCALES.map((l) => [l.code, l.code === fallbackLng ? localeTexts(true) : localeTexts(false).default({})])))
type FormLocaleTexts = { description: string | null; forWhom: string | null; accessibility: string | null }

/** The filled-in languages as stored: empty ones left out, an empty accessibility note left out. */
function toStoredTexts(texts: Record<string, FormLocaleTexts>): Localized<DirectoryTexts> {
  const filled = Object.entries(texts).flatMap(([code, t]) =>
    t.description && t.forWhom ? [[code, { description: t.description, forWhom: t.forWhom, ...(t.accessibility ? { accessibility: t.accessibility } : {}) }] as const] : [],
  )
  return Object.fromEntries(filled) as Localized<DirectoryTexts>
}

/** The stored texts as the form's fields (`texts.<code>.description` …), for editing. */
export function toFormTexts(texts: Record<string, DirectoryTexts | undefined>) {
  return Object.fromEntries(LOCALES.map((l) => [l.code, { description: texts[l.code]?.description ?? '', forWhom: texts[l.code]?.forWhom ?? '', accessibility: texts[l.code]?.accessibility ?? '' }]))
}

/** The staff edit form for a directory entry (the slug and check date are not edited here). */
export const DirectoryEntryFormSchema = z
  .object({
    name: name(200),
    kind: z.enum(DIRECTORY_KINDS),
    texts: FormTexts,
    settings: z.array(z.enum(SETTINGS)).default([]),
    periodFrom: year,
    periodTo: year,
    regions: z.array(z.enum(REGIONS), { required_error: 'triage:directory.errors.regions' }).min(1, 'triage:directory.errors.regions'),
    languages: z.array(z.enum(LANGUAGES)).default([]),
    needs: z.array(z.enum(NEEDS)).default([]),
    contacts: optionalText({ max: 4000, tooLong }).transform((v) => v ?? ''),
    source: required(500),
    published: z.preprocess((v) => v === 'on', z.boolean()),
  })
  .superRefine((v, ctx) => {
    if (parseContactLines(v.contacts).some((r) => !r.success)) ctx.addIssue({ code: 'custom', path: ['contacts'], message: 'triage:directory.errors.contacts' })
    if (v.periodFrom !== null && v.periodTo !== null && v.periodFrom > v.periodTo) ctx.addIssue({ code: 'custom', path: ['periodTo'], message: 'triage:directory.errors.period' })
    const texts = v.texts as Record<string, FormLocaleTexts>
    for (const [code, t] of Object.entries(texts)) {
      // A language half filled in is a mistake, not a fallback.
      const started = t.description !== null || t.forWhom !== null || t.accessibility !== null
      if (started && t.description === null) ctx.addIssue({ code: 'custom', path: ['texts', code, 'description'], message: 'validation:required' })
      if (started && t.forWhom === null) ctx.addIssue({ code: 'custom', path: ['texts', code, 'forWhom'], message: 'validation:required' })
    }
    if (texts[fallbackLng]!.accessibility === null && Object.values(texts).some((t) => t.accessibility !== null)) {
      ctx.addIssue({ code: 'custom', path: ['texts', fallbackLng, 'accessibility'], message: 'triage:directory.errors.accessibility' })
    }
  })
  .transform((v) => ({ ...v, texts: toStoredTexts(v.texts as Record<string, FormLocaleTexts>), contacts: parseContactLines(v.contacts).flatMap((r) => (r.success ? [r.data] : [])) }))
export type DirectoryEntryForm = z.infer<typeof DirectoryEntryFormSchema>

/** The edit form as the browser sends it (for conform's field typing). */
export type DirectoryEntryFormFields = {
  name?: string
  kind?: string
  texts?: Record<string, { description?: string; forWhom?: string; accessibility?: string }>
  settings?: string[]
  periodFrom?: string
  periodTo?: string
  regions?: string[]
  languages?: string[]
  needs?: string[]
  contacts?: string
  source?: string
  published?: string
}
