import { createHash } from 'node:crypto'
import { eq } from 'drizzle-orm'
import type { DbOrTx, Tx } from '@db/client.server'
import { stories, type Story } from '@db/schema/monument'
import { rememberInstitution } from './institutions.server'
import { nextStatus, type StoryTransition } from './lifecycle'
import { SubmitStorySchema } from './schemas'
import { getOwnStory, inTx } from './stories.server'

/**
 * The author's steps on the story's path to publication (see lifecycle.ts): submit, take
 * back, approve or reject the moderated version, withdraw. Scoped by `authorId` like every
 * own-story function; each step locks the row so two tabs cannot take two steps at once.
 */

type StepResult = { ok: true; story: Story } | { ok: false; reason: 'notFound' | 'notAllowed' | 'incomplete' | 'needsConsent' | 'versionChanged' | 'mediaNeedsTranscript'; fields?: string[] }

export async function transition(
  t: Tx,
  story: Story,
  step: StoryTransition,
  extra: Partial<typeof stories.$inferInsert> = {},
): Promise<StepResult> {
  const to = nextStatus(step, 'author', story.status)
  if (!to) return { ok: false, reason: 'notAllowed' }
  const [updated] = await t
    .update(stories)
    .set({ ...extra, status: to, updatedAt: new Date() })
    .where(eq(stories.id, story.id))
    .returning()
  return { ok: true, story: updated! }
}

/** Locks the author's own story and takes one step on it that needs no check beyond lifecycle.ts. */
function plainStep(step: StoryTransition) {
  return ({ authorId, storyId }: { authorId: string; storyId: string }, tx?: DbOrTx): Promise<StepResult> =>
    inTx(tx, async (t) => {
      const story = await getOwnStory({ authorId, storyId, lock: true }, t)
      if (!story) return { ok: false, reason: 'notFound' }
      return transition(t, story, step)
    })
}

/** Takes a submitted story back before a moderator has started reading. */
export const retractSubmission = plainStep('retract')

/** The author does not agree with the moderated version: back to them to change, nothing published. */
export const rejectModeratedVersion = plainStep('rejectVersion')

/** The author takes the story back, from any state: it leaves every public page at the next request. */
export const withdrawStory = plainStep('withdraw')

/** Sends the story to the moderators. Needs a title and a text (and a pseudonym when chosen). */
export async function submitStory({ authorId, storyId }: { authorId: string; storyId: string }, tx?: DbOrTx): Promise<StepResult> {
  return inTx(tx, async (t) => {
    const story = await getOwnStory({ authorId, storyId, lock: true }, t)
    if (!story) return { ok: false, reason: 'notFound' }
    const check = SubmitStorySchema.safeParse(story)
    if (!check.success) return { ok: false, reason: 'incomplete', fields: check.error.issues.map((i) => String(i.path[0])) }
    const result = await transition(t, story, 'submit', { submittedAt: new Date() })
    if (result.ok && story.institutionName) await rememberInstitution(t, story.institutionName)
    return result
  })
}

/**
 * A fingerprint of the moderated version as the author saw it. The approve form carries it,
 * so a moderator's later change cannot be approved unseen: nothing is published that the
 * author has not seen.
 */
export function moderatedVersionFingerprint(story: Pick<Story, 'publishedTitle' | 'publishedBody' | 'publishedContentNote'>) {
  return createHash('sha256')
    .update(JSON.stringify([story.publishedTitle ?? '', story.publishedBody ?? '', story.publishedContentNote ?? '']))
    .digest('hex')
    .slice(0, 32)
}

/** The author agrees with the moderated version they were shown; published at once when a publish consent exists. */
export async function approveModeratedVersion(
  { authorId, storyId, seenVersion }: { authorId: string; storyId: string; seenVersion: string },
  tx?: DbOrTx,
): Promise<StepResult & { published?: boolean }> {
  return inTx(tx, async (t) => {
    const story = await getOwnStory({ authorId, storyId, lock: true }, t)
    if (!story) return { ok: false, reason: 'notFound' }
    if (story.status !== 'awaitingAuthor') return { ok: false, reason: 'notAllowed' }
    if (moderatedVersionFingerprint(story) !== seenVersion) return { ok: false, reason: 'versionChanged' }
    const approved = await transition(t, story, 'approveVersion', { authorApprovedAt: new Date() })
    if (!approved.ok) return approved
    const published = await publishIfConsented({ storyId }, t)
    return { ok: true, story: published.story ?? approved.story, published: published.published }
  })
}

/**
 * approved → published, only when a publish consent exists (audience 'public' or
 * 'fellowSurvivors', projected from the ledger). Safe to call at any time: it does nothing
 * in other states. Called after the author's approval and after every consent change.
 */
export async function publishIfConsented({ storyId }: { storyId: string }, tx?: DbOrTx): Promise<{ published: boolean; story?: Story }> {
  return inTx(tx, async (t) => {
    const [story] = await t.select().from(stories).where(eq(stories.id, storyId)).for('update')
    if (!story || story.status !== 'approved' || story.audience === 'none' || !story.authorApprovedAt) return { published: false, story }
    const [updated] = await t
      .update(stories)
      .set({ status: 'published', publishedAt: story.publishedAt ?? new Date(), updatedAt: new Date() })
      .where(eq(stories.id, story.id))
      .returning()
    return { published: true, story: updated! }
  })
}

