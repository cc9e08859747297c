import { and, eq } from 'drizzle-orm'
import { type DbOrTx } from '@db/client.server'
import { storyMedia } from '@db/schema/monument'
import { getConsentState, type ConsentLocale } from '~/consent/consent.server'
import { recordOwnConsent } from '~/consent/own-consent.server'
import { MEDIA_CONSENT_PURPOSES, MediaConsentChangeSchema, type MediaConsentPurpose, type MediaConsentView } from './media-consent'
import { getOwnStory, inTx, isUuid } from './stories.server'

/**
 * Per-medium consent for the whole life of a story (ADR 0022): the author gives or withdraws
 * `media.publish` and `media.archiveTransfer` for each file, also after publication, without
 * touching the story or its other files.
 *
 * Effect at the next request, in every process: the ledger event is the only state (no
 * projection column), and `/media/<id>` and the public story page ask `hasConsent` on every
 * request. The public page cache follows because the `consent_events` insert trigger
 * (migration 0014) raises `publication_state.generation` in the same transaction as the event.
 *
 * Giving `media.publish` again does NOT send the medium back to moderation: withdrawing never
 * changes the file or its moderated text (`published_*`, `text_moderated_at`), so what comes
 * back is exactly what a moderator reviewed and the author approved. A medium whose text
 * changed lost its moderated version when it changed (media-edit.server.ts) and stays off the
 * monument until the next review, with or without consent.
 */

export type SetMediaConsentResult = { ok: true; granted: boolean; changed: boolean } | { ok: false; reason: 'notFound' }

export async function setOwnMediaConsent(
  { authorId, storyId, mediaId, purpose, grant, locale }: { authorId: string; storyId: string; mediaId: string; purpose: MediaConsentPurpose; grant: boolean; locale: ConsentLocale },
  tx?: DbOrTx,
): Promise<SetMediaConsentResult> {
  if (!isUuid(mediaId)) return { ok: false, reason: 'notFound' }
  return inTx(tx, async (t) => {
    // The story row is locked as for a story consent, so a medium's consent cannot interleave
    // with the story being withdrawn, published or deleted.
    const story = await getOwnStory({ authorId, storyId, lock: true }, t)
    if (!story) return { ok: false, reason: 'notFound' }
    // The medium must belong to this very story of this author: an id from another story (or
    // another survivor) is unknown here, and nothing is recorded.
    const [medium] = await t
      .select({ id: storyMedia.id })
      .from(storyMedia)
      .where(and(eq(storyMedia.id, mediaId), eq(storyMedia.storyId, story.id)))
    if (!medium) return { ok: false, reason: 'notFound' }
    const result = await recordOwnConsent({ userId: authorId, objectType: 'media', objectId: medium.id, purpose, grant, locale }, t)
    return { ok: true, granted: result.granted, changed: result.changed }
  })
}

/** The two per-medium consents of one of the author's media, for the author's pages. */
export async function getOwnMediaConsentView({ authorId, mediaId }: { authorId: string; mediaId: string }, tx?: DbOrTx): Promise<MediaConsentView> {
  const state = await getConsentState({ subjectRef: authorId, objectType: 'media', objectId: mediaId }, tx)
  return Object.fromEntries(
    MEDIA_CONSENT_PURPOSES.map((p) => [p, { granted: state[p].granted, since: state[p].since?.toISOString() ?? null }]),
  ) as MediaConsentView
}

/**
 * A medium's give-or-withdraw form (no JavaScript needed): where to go next, with the message,
 * or null for a medium that is not this author's (the route answers 404). A form with other
 * values than the two buttons send (hostile or broken) records nothing and goes back.
 */
export async function runMediaConsentForm({ authorId, storyId, mediaId, form, locale }: { authorId: string; storyId: string; mediaId: string; form: FormData; locale: ConsentLocale }): Promise<string | null> {
  const back = `/mijn-verhalen/${storyId}?stap=media`
  const parsed = MediaConsentChangeSchema.safeParse({ purpose: form.get('purpose'), grant: form.get('grant') })
  if (!parsed.success) return isUuid(mediaId) ? `${back}#media-${mediaId}` : back
  const result = await setOwnMediaConsent({ authorId, storyId, mediaId, locale, ...parsed.data })
  if (!result.ok) return null
  return `${back}&opgeslagen=${result.granted ? 'consentGiven' : 'consentWithdrawn'}#media-${mediaId}`
}
