import { recordAccess, type AuditActor } from '~/audit/audit.server'
import { getDocumentaryConsentedStories, getPublishableMedia, listDocumentaryGrants } from '~/consent/for-documentary.server'
import { type DbOrTx } from '@db/client.server'
import { getPublicStoriesForDocumentary, getStoryIdOfMedium, type DocumentaryStory } from '~/monument/for-documentary.server'

/**
 * What a curator may add: ONLY stories on the public monument whose author holds the
 * documentary consent, and of those only media with their own 'media.publish' consent and
 * moderated text (audio and video with a transcript). The same function decides a POSTed
 * addition, so a forged story or medium id is refused exactly like one not offered.
 */

export type Pickable = DocumentaryStory

export async function listPickableStories({ tx, storyIds }: { tx?: DbOrTx; storyIds?: string[] } = {}): Promise<Pickable[]> {
  // Start from the consents (few) rather than the monument (many).
  const candidates = storyIds ?? (await listDocumentaryGrants({ tx })).map((g) => g.storyId)
  const stories = await getPublicStoriesForDocumentary({ storyIds: candidates, tx })
  const consented = await getDocumentaryConsentedStories({ stories: [...stories.values()].map((s) => ({ storyId: s.id, authorId: s.authorId })), tx })
  const usable = [...stories.values()].filter((s) => consented.has(s.id))
  const media = usable.flatMap((s) => s.media.map((m) => ({ mediaId: m.id, authorId: s.authorId })))
  const publishable = await getPublishableMedia({ media, tx })
  return usable.map((s) => ({ ...s, media: s.media.filter((m) => publishable.has(m.id)) })).sort((a, b) => a.title.localeCompare(b.title, 'nl'))
}

/** One story if it may be added now, else null. */
export async function getPickableStory({ storyId, tx }: { storyId: string; tx?: DbOrTx }): Promise<Pickable | null> {
  const [story] = await listPickableStories({ storyIds: [storyId], tx })
  return story ?? null
}

/**
 * A curator sees story texts in the pick-list: personal data, written to the access log one
 * row per story shown (like a moderator's story view), with the author as the subject.
 */
export async function logStoryViews({ actor, stories, purpose, ip }: { actor: AuditActor; stories: ReadonlyArray<{ id: string; authorId: string }>; purpose: 'documentaryCuration' | 'documentaryReview'; ip?: string | null }) {
  for (const s of stories) {
    await recordAccess({ actor, action: 'documentary.storyView', objectType: 'story', objectId: s.id, subjectId: s.authorId, purpose, outcome: 'success', ip: ip ?? null })
  }
}

/** A medium that may be added now (its story pickable, its own consent held), with its story. */
export async function getPickableMedium({ mediaId, tx }: { mediaId: string; tx?: DbOrTx }): Promise<{ storyId: string; mediaId: string } | null> {
  const storyId = await getStoryIdOfMedium({ mediaId, tx })
  if (!storyId) return null
  const story = await getPickableStory({ storyId, tx })
  return story?.media.some((m) => m.id === mediaId) ? { storyId, mediaId } : null
}
