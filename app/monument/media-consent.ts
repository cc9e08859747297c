import { z } from 'zod'

/**
 * The consents a survivor gives or withdraws per medium, at every state of the story (draft,
 * in review, published, withdrawn): showing it with the story, and keeping it in the archive
 * package (which only counts together with the story's own `monument.archiveTransfer`).
 */
export const MEDIA_CONSENT_PURPOSES = ['media.publish', 'media.archiveTransfer'] as const
export type MediaConsentPurpose = (typeof MEDIA_CONSENT_PURPOSES)[number]

/** The hidden fields of a medium's give-or-withdraw form; anything else is refused, never looked up. */
export const MediaConsentChangeSchema = z.object({
  purpose: z.enum(MEDIA_CONSENT_PURPOSES),
  grant: z.enum(['true', 'false']).transform((v) => v === 'true'),
})
export type MediaConsentChange = z.infer<typeof MediaConsentChangeSchema>

/** One medium's consent state as the author's pages show it (dates as ISO strings for the loader). */
export type MediaConsentView = Record<MediaConsentPurpose, { granted: boolean; since: string | null }>
