import { createHash } from 'node:crypto'
import { db, type DbOrTx } from '@db/client.server'
import { grantConsent, listConsentHistory } from '~/consent/consent.server'
import type { Lng } from '~/i18n/config'
import { getModeratedStory, listModeratedStories } from '~/monument/for-scheme.server'
import { updateDraft } from './draft-store.server'
import { chooseLifeStory } from './life-story-use.server'
import { answersOf } from './read-application.server'

/**
 * "Tell your story once": the applicant's own monument story in the application, under the
 * story's own "use in my application" consent (the stories are app/monument's: read through
 * app/monument/for-scheme.server.ts).
 */

/** The purpose in the consent ledger: the story's own "use in my application" consent, one for both sides. */
const STORY_USE_PURPOSE = 'monument.useInSchemeApplication' as const

/** The current grant of the story's "use in my application" consent, or null (never granted, or withdrawn). */
export async function currentStoryConsent({ userId, storyId }: { userId: string; storyId: string }, tx: DbOrTx = db) {
  const history = await listConsentHistory({ subjectRef: userId }, tx)
  const latest = history.find((e) => e.objectType === 'story' && e.objectId === storyId && e.purpose === STORY_USE_PURPOSE)
  return latest?.action === 'grant' ? latest : null
}

/**
 * The applicant's own stories that can be brought into the application: only those with a
 * moderated text (what would be shared is what was reviewed, never a draft), newest first,
 * each with whether its author already agreed to its use in an application.
 */
export async function listOwnStories({ userId }: { userId: string }, tx: DbOrTx = db) {
  const out = []
  for (const r of await listModeratedStories({ authorId: userId }, tx)) {
    const consent = await currentStoryConsent({ userId, storyId: r.id }, tx)
    out.push({ id: r.id, title: r.title, text: r.text, consentGrantedAt: consent ? consent.occurredAt.toISOString() : null })
  }
  return out
}

/** The story text as it is shared: moderated title and text, with a SHA-256 fingerprint of exactly that text. */
export function storySnapshot({ title, text }: { title: string; text: string }) {
  return { title, text, sha256: createHash('sha256').update(text, 'utf8').digest('hex') }
}

export type HarmError = 'storyNotFound' | 'storyConsent' | 'lifeStoryNotFound' | 'lifeStoryConsent'

/**
 * What happened: in their own words, by using their monument story, or by using the life story
 * recorded with them (./life-story-use.server.ts). Using the story needs
 * the story's own "use in my application" consent in the ledger ('monument.useInSchemeApplication'
 * on the story): one consent, the same one the story's page shows and withdraws. When it was not
 * given yet, ticking the box here records that same consent, in the same transaction as the
 * reference, so the story is never used without it.
 */
export async function saveHarmPart({
  userId,
  schemeId,
  locale,
  value,
}: {
  userId: string
  schemeId: string
  locale: Lng
  value: { mode: 'write' | 'story' | 'lifeStory'; kinds: string[]; ownWords?: string; storyId?: string; storyConsent?: 'on'; lifeStoryId?: string; lifeStoryConsent?: 'on' }
}): Promise<{ ok: true } | { ok: false; error: HarmError }> {
  let result: { ok: true } | { ok: false; error: HarmError } = { ok: true }
  await updateDraft({ userId, schemeId }, async (draft, tx) => {
    const answers = answersOf(draft)
    const { kinds } = value
    if (value.mode === 'lifeStory') {
      const chosen = await chooseLifeStory(
        { userId, applicationId: draft.id, answers, lifeStoryId: value.lifeStoryId ?? '', consentTicked: value.lifeStoryConsent === 'on', locale },
        tx,
      )
      if (!chosen.ok) {
        result = chosen
        return
      }
      return { answers: { ...answers, harm: { mode: 'lifeStory', kinds, ownWords: value.ownWords, lifeStory: chosen.lifeStory } } }
    }
    if (value.mode === 'story') {
      const story = await getModeratedStory({ authorId: userId, storyId: value.storyId ?? '' }, tx)
      if (!story) {
        result = { ok: false, error: 'storyNotFound' }
        return
      }
      const given = await currentStoryConsent({ userId, storyId: story.id }, tx)
      if (!given) {
        if (!value.storyConsent) {
          result = { ok: false, error: 'storyConsent' }
          return
        }
        await grantConsent({ subjectRef: userId, userId, objectType: 'story', objectId: story.id, purpose: STORY_USE_PURPOSE, locale, channel: 'web' }, tx)
      }
      return { answers: { ...answers, harm: { mode: 'story', kinds, ownWords: value.ownWords, story: { id: story.id, title: story.title } } } }
    }
    return { answers: { ...answers, harm: { mode: 'write', kinds, ownWords: value.ownWords } } }
  })
  return result
}
