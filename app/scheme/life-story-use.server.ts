import { db, type DbOrTx } from '@db/client.server'
import { listConsentHistory } from '~/consent/consent.server'
import { recordOwnConsent } from '~/consent/own-consent.server'
import type { Lng } from '~/i18n/config'
import { getLifeStoryForApplicant, lifeStoryTextSha256, listLifeStoriesForApplicant } from '~/life-stories/for-scheme.server'
import type { Answers } from './answers'

/**
 * The recorded life story as the application's narrative (source `commissionStory` in case
 * document v2). The stories are app/life-stories' (read through its for-scheme read model);
 * using one needs the application's own 'scheme.useCommissionStory' consent in the ledger.
 *
 * Conservatively, only a survivor applying for themselves is offered their life story: a
 * representative's or a relative's account never holds the survivor's claimed story, and the
 * consent text speaks to the survivor ("your life story").
 */
export const LIFE_STORY_USE_PURPOSE = 'scheme.useCommissionStory' as const

/** The current grant of the application's "use my recorded life story" consent, or null. */
export async function currentLifeStoryConsent({ userId, applicationId }: { userId: string; applicationId: string }, tx: DbOrTx = db) {
  const history = await listConsentHistory({ subjectRef: userId }, tx)
  const latest = history.find((e) => e.objectType === 'application' && e.objectId === applicationId && e.purpose === LIFE_STORY_USE_PURPOSE)
  return latest?.action === 'grant' ? latest : null
}

const appliesForSelf = (answers: Answers) => (answers.applicant?.kind ?? 'self') === 'self'

/** The applicant's claimed life stories to offer on the harm page (none for anyone but the survivor themselves). */
export async function listLifeStoriesToUse({ userId, applicationId, answers }: { userId: string; applicationId: string; answers: Answers }, tx: DbOrTx = db) {
  if (!appliesForSelf(answers)) return []
  const stories = await listLifeStoriesForApplicant({ userId }, tx)
  if (stories.length === 0) return []
  const consent = await currentLifeStoryConsent({ userId, applicationId }, tx)
  return stories.map((s) => ({ id: s.id, title: s.title, text: s.text, source: s.source, consentGrantedAt: consent ? consent.occurredAt.toISOString() : null }))
}

/**
 * Checks and records the choice of a life story inside the draft's transaction: the story must
 * be the applicant's own claimed one, and the consent must stand or be given now (ticking the
 * box records it, in the same transaction as the reference).
 */
export async function chooseLifeStory(
  { userId, applicationId, answers, lifeStoryId, consentTicked, locale }: { userId: string; applicationId: string; answers: Answers; lifeStoryId: string; consentTicked: boolean; locale: Lng },
  tx: DbOrTx,
): Promise<{ ok: true; lifeStory: { id: string; reference: string; title: string } } | { ok: false; error: 'lifeStoryNotFound' | 'lifeStoryConsent' }> {
  if (!appliesForSelf(answers)) return { ok: false, error: 'lifeStoryNotFound' }
  const story = await getLifeStoryForApplicant({ userId, lifeStoryId }, tx)
  if (!story) return { ok: false, error: 'lifeStoryNotFound' }
  if (!(await currentLifeStoryConsent({ userId, applicationId }, tx))) {
    if (!consentTicked) return { ok: false, error: 'lifeStoryConsent' }
    await recordOwnConsent({ userId, objectType: 'application', objectId: applicationId, purpose: LIFE_STORY_USE_PURPOSE, grant: true, locale }, tx)
  }
  return { ok: true, lifeStory: { id: story.id, reference: story.reference, title: story.title } }
}

/**
 * At submission: the life story's text as it is shared, under the consent that stands now.
 * Null when the consent was withdrawn or the story is no longer the applicant's: the applicant
 * is sent back to the harm page (nothing is shared without the consent).
 */
export async function lifeStorySnapshot({ userId, applicationId, lifeStoryId }: { userId: string; applicationId: string; lifeStoryId: string }, tx: DbOrTx) {
  const consent = await currentLifeStoryConsent({ userId, applicationId }, tx)
  const story = await getLifeStoryForApplicant({ userId, lifeStoryId }, tx)
  if (!consent || !story) return null
  return {
    title: story.title,
    text: story.text,
    sha256: lifeStoryTextSha256(story.text),
    source: story.source,
    consentEventId: consent.id,
    consentTextVersion: consent.textVersion,
    consentGrantedAt: consent.occurredAt.toISOString(),
  }
}

