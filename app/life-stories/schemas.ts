import { z } from 'zod'
import { LOCALE_CODES } from '~/i18n/config'
import { line, text } from '~/utils/text-schema'

/**
 * The life-story forms' schemas (isomorphic: the pages validate with the same schemas as the
 * server). Messages are i18n keys. The text is testimony: control characters are refused, never
 * stripped (app/utils/text-schema.ts).
 */

export const LIFE_STORY_SOURCE_CHOICES = ['commission', 'slachtofferhulp'] as const

/** Well under the upload form's per-field limit (100 000 bytes, app/files/multipart.server.ts), and the monument's story limit. */
export const LIFE_STORY_TEXT_MAX = 90_000
export const LIFE_STORY_TITLE_MAX = 200

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/

export const RegisterLifeStorySchema = z.object({
  email: z
    .string({ required_error: 'validation:required', invalid_type_error: 'validation:required' })
    .trim()
    .max(254, 'validation:invalidEmail')
    .email('validation:invalidEmail'),
  source: z.enum(LIFE_STORY_SOURCE_CHOICES, { errorMap: () => ({ message: 'lifeStories:register.errors.source' }) }),
  recordedOn: z
    .string({ required_error: 'validation:required', invalid_type_error: 'validation:required' })
    .trim()
    .regex(ISO_DATE, 'lifeStories:register.errors.recordedOn')
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'lifeStories:register.errors.recordedOn')
    .refine((v) => v >= '2018-01-01' && v <= new Date().toISOString().slice(0, 10), 'lifeStories:register.errors.recordedOnRange'),
  title: line({ max: LIFE_STORY_TITLE_MAX, tooLong: 'lifeStories:register.errors.titleTooLong' }),
  body: text({ max: LIFE_STORY_TEXT_MAX, tooLong: 'lifeStories:register.errors.bodyTooLong' }),
  locale: z.enum(LOCALE_CODES).catch('nl'),
})
export type RegisterLifeStory = z.infer<typeof RegisterLifeStorySchema>

/** The survivor's detail page's action for a story that needs no approval. */
export const OwnLifeStoryActionSchema = z.object({ intent: z.literal('makeMonumentStory') })

/** How the interviewer reaches a survivor: an e-mailed link, or a code in a letter printed from the portal. */
export const INTERVIEW_CONTACTS = ['email', 'letter'] as const

/**
 * The interviewer's registration of a conversation (ADR 0030): the source is always
 * 'interviewer'; an e-mail address only when the survivor is invited by e-mail.
 */
export const RegisterInterviewSchema = z
  .object({
    contact: z.enum(INTERVIEW_CONTACTS, { errorMap: () => ({ message: 'lifeStories:interview.errors.contact' }) }),
    email: z.string({ invalid_type_error: 'validation:required' }).trim().max(254, 'validation:invalidEmail').optional(),
    recordedOn: RegisterLifeStorySchema.shape.recordedOn,
    title: RegisterLifeStorySchema.shape.title,
    body: RegisterLifeStorySchema.shape.body,
    locale: z.enum(LOCALE_CODES).catch('nl'),
  })
  .superRefine((v, ctx) => {
    if (v.contact !== 'email') return
    if (!v.email) ctx.addIssue({ code: 'custom', path: ['email'], message: 'lifeStories:interview.errors.emailForEmail' })
    else if (!z.string().email().safeParse(v.email).success) ctx.addIssue({ code: 'custom', path: ['email'], message: 'validation:invalidEmail' })
  })
export type RegisterInterview = z.infer<typeof RegisterInterviewSchema>

/**
 * The survivor's corrections of an interviewer's story, saved ('save') or saved and approved
 * ('approve'). The same limits as the registration: the text is testimony, never stripped.
 */
export const CorrectLifeStorySchema = z.object({
  intent: z.enum(['save', 'approve'], { errorMap: () => ({ message: 'lifeStories:correct.errors.intent' }) }),
  title: line({ max: LIFE_STORY_TITLE_MAX, tooLong: 'lifeStories:register.errors.titleTooLong' }),
  body: text({ max: LIFE_STORY_TEXT_MAX, tooLong: 'lifeStories:register.errors.bodyTooLong' }),
})
export type CorrectLifeStory = z.infer<typeof CorrectLifeStorySchema>

/**
 * A letter code as typed: spaces, dashes and lower case are forgiven; anything else is simply
 * a code that does not work (one message for wrong, used and expired codes).
 */
export const LetterCodeSchema = z.object({
  code: z
    .string({ required_error: 'lifeStories:code.errors.required', invalid_type_error: 'lifeStories:code.errors.required' })
    .max(64, 'lifeStories:code.errors.invalid')
    .transform((v) => v.replace(/[\s-]/g, '').toUpperCase())
    .pipe(z.string().min(1, 'lifeStories:code.errors.required').regex(/^[A-Z0-9]+$/, 'lifeStories:code.errors.invalid')),
})
