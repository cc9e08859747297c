import { z } from 'zod'
import { LANGUAGES, NEEDS, REGIONS, SETTINGS } from '~/facets/facets'
import { ContactChannelSchema, DIRECTORY_KINDS } from './schemas'
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
 * One contact channel per line: `type | value | hours (nl) | hours (en)`, e.g.
 * `phone | 0800-1238 | ma–vr 9–17 uur | Mon–Fri 9am–5pm`. Plain text keeps the form usable
 * without JavaScript; each line is checked with the directory's own ContactChannelSchema.
 */
export function parseContactLines(text: string) {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)
  return lines.map((line) => {
    const [type, value, hoursNl, hoursEn] = line.split('|').map((p) => p.trim())
    return ContactChannelSchema.safeParse({ type, value, hours_nl: hoursNl || undefined, hours_en: hoursEn || undefined })
  })
}

export function formatContactLines(contacts: Array<{ type: string; value: string; hours_nl?: string; hours_en?: string }>) {
  return contacts.map((c) => [c.type, c.value, c.hours_nl ?? '', c.hours_en ?? ''].join(' | ').replace(/( \| )+$/, '')).join('\n')
}

/** The staff edit form for a directory entry (the slug and check date are not edited here). */
export const DirectoryEntryFormSchema = z
  .object({
    name: name(200),
    kind: z.enum(DIRECTORY_KINDS),
    descriptionNl: required(4000),
    descriptionEn: required(4000),
    forWhomNl: required(4000),
    forWhomEn: required(4000),
    settings: z.array(z.enum(SETTINGS)).default([]),
    periodFrom: year,
    periodTo: year,
    regions: z.array(z.enum(REGIONS), { required_error: 'triage:directory.errors.regions' }).min(1, 'triage:directory.errors.regions'),
    languages: z.array(z.enum(LANGUAGES)).default([]),
    needs: z.array(z.enum(NEEDS)).default([]),
    accessibilityNl: optional(4000),
    accessibilityEn: optional(4000),
    contacts: optionalText({ max: 4000, tooLong }).transform((v) => v ?? ''),
    source: required(500),
    published: z.preprocess((v) => v === 'on', z.boolean()),
  })
  .superRefine((v, ctx) => {
    if (parseContactLines(v.contacts).some((r) => !r.success)) ctx.addIssue({ code: 'custom', path: ['contacts'], message: 'triage:directory.errors.contacts' })
    if (v.periodFrom !== null && v.periodTo !== null && v.periodFrom > v.periodTo) ctx.addIssue({ code: 'custom', path: ['periodTo'], message: 'triage:directory.errors.period' })
    if ((v.accessibilityNl === null) !== (v.accessibilityEn === null)) ctx.addIssue({ code: 'custom', path: ['accessibilityEn'], message: 'triage:directory.errors.accessibility' })
  })
  .transform((v) => ({ ...v, contacts: parseContactLines(v.contacts).flatMap((r) => (r.success ? [r.data] : [])) }))
export type DirectoryEntryForm = z.infer<typeof DirectoryEntryFormSchema>

/** The edit form as the browser sends it (for conform's field typing). */
export type DirectoryEntryFormFields = {
  name?: string
  kind?: string
  descriptionNl?: string
  descriptionEn?: string
  forWhomNl?: string
  forWhomEn?: string
  settings?: string[]
  periodFrom?: string
  periodTo?: string
  regions?: string[]
  languages?: string[]
  needs?: string[]
  accessibilityNl?: string
  accessibilityEn?: string
  contacts?: string
  source?: string
  published?: string
}
