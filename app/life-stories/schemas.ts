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

/** The survivor's detail page's one action. */
export const OwnLifeStoryActionSchema = z.object({ intent: z.literal('makeMonumentStory') })
