import { z } from 'zod'
import { DECADES, NEEDS, REGIONS, SETTINGS } from '~/facets/facets'
import { line, optionalText, text } from '~/utils/text-schema'

/**
 * The documentary's staff forms (isomorphic; messages are i18n keys). Every form of the
 * chapter editor posts an `intent`, so one no-JavaScript page carries several small forms.
 * An excerpt is testimony quoted exactly: control characters are refused, never stripped.
 */

export const THEME_KIND_CHOICES = ['period', 'setting', 'violenceKind', 'history'] as const
export const REPORT_REFS = ['main', 'fosterCare', 'residential', 'disability', 'mentalHealth', 'blindDeaf', 'judicial', 'unaccompanied', 'followUp'] as const
export type ReportRef = (typeof REPORT_REFS)[number]

const uuid = z.string({ required_error: 'validation:required', invalid_type_error: 'validation:required' }).uuid('documentary:staff.editor.errors.pick')
const contentNote = optionalText({ max: 600 })

export const ChapterFieldsSchema = z.object({
  title: line({ max: 160 }),
  intro: text({ max: 4000 }),
  themeKind: z.enum(THEME_KIND_CHOICES, { errorMap: () => ({ message: 'documentary:staff.editor.errors.themeKind' }) }),
  themeValue: line({ max: 160 }),
  contentNote,
})
export type ChapterFields = z.infer<typeof ChapterFieldsSchema>

const optionalChoice = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .enum(values, { errorMap: () => ({ message: 'documentary:staff.editor.errors.pick' }) })
    .optional()
    .or(z.literal('').transform(() => undefined))

/** Everything the chapter editor page posts, by `intent`. */
export const ChapterEditorActionSchema = z.discriminatedUnion('intent', [
  ChapterFieldsSchema.extend({ intent: z.literal('updateChapter') }),
  z.object({ intent: z.literal('addStory'), storyId: uuid, excerpt: optionalText({ max: 20_000 }), contentNote }),
  z.object({ intent: z.literal('addMedium'), mediaId: uuid, contentNote }),
  z.object({
    intent: z.literal('addReport'),
    reportRef: z.enum(REPORT_REFS, { errorMap: () => ({ message: 'documentary:staff.editor.errors.pick' }) }),
    body: text({ max: 4000 }),
    contentNote,
  }),
  z.object({ intent: z.literal('addText'), body: text({ max: 8000 }), contentNote }),
  z.object({
    intent: z.literal('addHelp'),
    setting: optionalChoice(SETTINGS),
    decade: optionalChoice(DECADES),
    region: optionalChoice(REGIONS),
    need: optionalChoice(NEEDS),
  }),
  z.object({ intent: z.literal('removeBlock'), blockId: uuid }),
  z.object({ intent: z.literal('moveBlock'), blockId: uuid, direction: z.enum(['up', 'down']) }),
  z.object({ intent: z.literal('submitForReview') }),
  z.object({ intent: z.literal('publish') }),
  z.object({ intent: z.literal('unpublish') }),
])
export type ChapterEditorAction = z.infer<typeof ChapterEditorActionSchema>

/** The sounding board's page: a verdict on the current version, or a comment on one block. */
export const BoardActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('approve'), version: z.coerce.number().int().min(1).max(100_000), note: optionalText({ max: 2000 }) }),
  z.object({ intent: z.literal('changes'), version: z.coerce.number().int().min(1).max(100_000), note: text({ max: 2000 }) }),
  z.object({ intent: z.literal('comment'), blockId: uuid, body: text({ max: 2000 }) }),
])
export type BoardAction = z.infer<typeof BoardActionSchema>

/** The author's request that one block not be used (account page). */
export const ExclusionRequestSchema = z.object({ intent: z.literal('exclude'), blockId: uuid })

