import { eq } from 'drizzle-orm'
import { db, type DbOrTx } from '@db/client.server'
import { stories, type Story } from '@db/schema/monument'
import { getConsentState, type ConsentLocale } from '~/consent/consent.server'
import { getOwnObjectConsents, recordOwnConsent } from '~/consent/own-consent.server'
import type { StoryConsentPurpose } from './schemas'
import { getOwnStory, inTx } from './stories.server'
import { publishIfConsented } from './story-steps.server'

type StoryAudience = Story['audience']

/** The reading audience that follows from the ledger's current state. */
function audienceFrom(state: Record<string, { granted: boolean }>): StoryAudience {
  if (state['monument.publishPublic']?.granted) return 'public'
  if (state['monument.fellowSurvivors']?.granted) return 'fellowSurvivors'
  return 'none'
}

/**
 * Gives or withdraws one consent for a story: a new ledger event AND the `audience`
 * projection in the same transaction, so the reading side (which filters on `audience`)
 * follows at the next request. One form and one button either way.
 */
export async function setStoryConsent(
  { authorId, storyId, purpose, grant, locale }: { authorId: string; storyId: string; purpose: StoryConsentPurpose; grant: boolean; locale: ConsentLocale },
  tx?: DbOrTx,
): Promise<{ ok: true; audience: StoryAudience; changed: boolean; published: boolean } | { ok: false; reason: 'notFound' }> {
  return inTx(tx, async (t) => {
    const story = await getOwnStory({ authorId, storyId, lock: true }, t)
    if (!story) return { ok: false, reason: 'notFound' }
    const result = await recordOwnConsent({ userId: authorId, objectType: 'story', objectId: story.id, purpose, grant, locale }, t)
    const state = await getConsentState({ subjectRef: authorId, objectType: 'story', objectId: story.id }, t)
    const audience = audienceFrom(state)
    if (audience !== story.audience) await t.update(stories).set({ audience, updatedAt: new Date() }).where(eq(stories.id, story.id))
    const { published } = await publishIfConsented({ storyId: story.id }, t)
    return { ok: true, audience, changed: result.changed, published }
  })
}

/** The current state of the story's consents and their full history (newest first). */
export function getStoryConsents({ authorId, storyId }: { authorId: string; storyId: string }, tx: DbOrTx = db) {
  return getOwnObjectConsents({ userId: authorId, objectType: 'story', objectId: storyId }, tx)
}
