import { z } from 'zod'
import { DECADES, REGIONS, SETTINGS, THEMES, VIOLENCE_KINDS } from '~/facets/facets'
import { optionalLine, optionalText as optionalTextOf, text } from '~/utils/text-schema'

/**
 * The zod schemas of the survivor's story editor, one per step. Messages are i18n keys
 * (namespace `monument`), shown next to the field. Isomorphic: the browser validates with
 * the same schemas the server enforces.
 */

export const TITLE_MAX = 200
export const BODY_MAX = 100_000
export const CONTENT_NOTE_MAX = 500
const INSTITUTION_MAX = 200
const PSEUDONYM_MAX = 80
const DESCRIPTION_MAX = 1_000
const TRANSCRIPT_MAX = 200_000

/**
 * Empty form fields arrive as '' or are missing: both mean "nothing filled in". What the
 * survivor wrote (title, story, note, media text) refuses control characters; names (the
 * pseudonym, an institution) lose them (app/utils/text-schema.ts).
 */
const optionalText = (max: number, key: string) => optionalTextOf({ max, tooLong: key })
const optionalName = (max: number, key: string) => optionalLine({ max, tooLong: key })

/** A checkbox group: nothing ticked arrives as undefined, one tick as a string. */
const facetList = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(
    (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(values, { errorMap: () => ({ message: 'monument:editor.errors.invalidChoice' }) })),
  )

export const StoryTextSchema = z.object({
  // A draft may stay without a title for a while; submitting needs one (SubmitStorySchema).
  title: optionalText(TITLE_MAX, 'monument:editor.errors.titleTooLong'),
  body: optionalText(BODY_MAX, 'monument:editor.errors.bodyTooLong'),
  contentNote: optionalText(CONTENT_NOTE_MAX, 'monument:editor.errors.contentNoteTooLong'),
})
export type StoryText = z.infer<typeof StoryTextSchema>

export const StoryDetailsSchema = z.object({
  decades: facetList(DECADES),
  settings: facetList(SETTINGS),
  violenceKinds: facetList(VIOLENCE_KINDS),
  themes: facetList(THEMES),
  institutionName: optionalName(INSTITUTION_MAX, 'monument:editor.errors.institutionTooLong'),
  region: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.enum(REGIONS, { errorMap: () => ({ message: 'monument:editor.errors.invalidChoice' }) }).optional(),
  ),
})
export type StoryDetails = z.infer<typeof StoryDetailsSchema>

export const DISPLAY_MODES = ['ownName', 'pseudonym', 'anonymous'] as const

export const StoryDisplaySchema = z
  .object({
    displayMode: z.enum(DISPLAY_MODES, { errorMap: () => ({ message: 'monument:editor.errors.chooseDisplayMode' }) }),
    pseudonym: optionalName(PSEUDONYM_MAX, 'monument:editor.errors.pseudonymTooLong'),
  })
  .superRefine((v, ctx) => {
    if (v.displayMode === 'pseudonym' && !v.pseudonym) {
      ctx.addIssue({ code: 'custom', path: ['pseudonym'], message: 'monument:editor.errors.pseudonymRequired' })
    }
  })
export type StoryDisplay = z.infer<typeof StoryDisplaySchema>

/** Every field a draft save may carry; each step sends its own part. */
export const StoryFieldsSchema = StoryTextSchema.merge(StoryDetailsSchema)
  .merge(z.object({ displayMode: z.enum(DISPLAY_MODES), pseudonym: optionalName(PSEUDONYM_MAX, 'monument:editor.errors.pseudonymTooLong') }))
  .partial()
export type StoryFields = z.infer<typeof StoryFieldsSchema>

/** What must be there before a story goes to the moderators. */
export const SubmitStorySchema = z
  .object({
    title: text({ max: TITLE_MAX, required: 'monument:editor.errors.titleRequired', tooLong: 'monument:editor.errors.titleTooLong' }),
    body: text({ max: BODY_MAX, required: 'monument:editor.errors.bodyRequired', tooLong: 'monument:editor.errors.bodyTooLong' }),
    displayMode: z.enum(DISPLAY_MODES),
    pseudonym: z.string().nullish(),
  })
  .superRefine((v, ctx) => {
    if (v.displayMode === 'pseudonym' && !v.pseudonym?.trim()) {
      ctx.addIssue({ code: 'custom', path: ['pseudonym'], message: 'monument:editor.errors.pseudonymRequired' })
    }
  })

/** The editor's steps, in order, with the slug used in `?stap=`. */
export const EDITOR_STEPS = ['verhaal', 'details', 'weergave', 'media', 'toestemming', 'controle'] as const
export type EditorStep = (typeof EDITOR_STEPS)[number]
export const EDITOR_STEP_KEYS: Record<EditorStep, string> = {
  verhaal: 'story',
  details: 'details',
  weergave: 'display',
  media: 'media',
  toestemming: 'consent',
  controle: 'check',
}
export function isEditorStep(v: unknown): v is EditorStep {
  return typeof v === 'string' && (EDITOR_STEPS as readonly string[]).includes(v)
}

/** The story consents a survivor chooses on the consent step (ledger purposes). */
export const STORY_CONSENT_PURPOSES = [
  'monument.publishPublic',
  'monument.fellowSurvivors',
  'monument.research',
  'monument.archiveTransfer',
  'monument.documentary',
  'monument.useInSchemeApplication',
] as const
export type StoryConsentPurpose = (typeof STORY_CONSENT_PURPOSES)[number]

export const StoryConsentChangeSchema = z.object({
  purpose: z.enum(STORY_CONSENT_PURPOSES),
  grant: z.enum(['true', 'false']).transform((v) => v === 'true'),
})

export const MediaDetailsSchema = z.object({
  description: optionalText(DESCRIPTION_MAX, 'monument:media.errors.descriptionTooLong'),
  transcript: optionalText(TRANSCRIPT_MAX, 'monument:media.errors.transcriptTooLong'),
})
export type MediaDetails = z.infer<typeof MediaDetailsSchema>

/** A WebVTT file starts with "WEBVTT" (after an optional byte-order mark), then a space, tab or line end. */
export function isWebVtt(text: string) {
  return /^\uFEFF?WEBVTT(?:[ \t].*)?(?:\r\n|\r|\n|$)/.test(text)
}
