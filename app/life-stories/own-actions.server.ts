import { and, eq } from 'drizzle-orm'
import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { db } from '@db/client.server'
import { lifeStories } from '@db/schema/life-stories'
import { recordAccess, type AuditActor } from '~/audit/audit.server'
import { createDraftFromLifeStory } from '~/monument/for-life-stories.server'
import { encryptField } from '~/privacy/field-crypto.server'
import { getOwnLifeStory } from './own.server'
import { CorrectLifeStorySchema, OwnLifeStoryActionSchema } from './schemas'

/**
 * "Make it a monument story": a new DRAFT of the survivor's, with this title and text, made by
 * the monument (which owns stories). The life story itself is untouched and stays private; the
 * draft goes through the editor, the consents and moderation like any story. Null when the story
 * is not the survivor's own (or the intent is not this one). An interviewer's story gets its
 * draft at approval instead (approveLifeStory).
 */
export async function makeMonumentStory({ userId, id, intent }: { userId: string; id: string; intent: unknown }) {
  if (!OwnLifeStoryActionSchema.safeParse({ intent }).success) return null
  const story = await getOwnLifeStory({ userId, id })
  if (!story || story.source === 'interviewer') return null
  const { storyId } = await createDraftFromLifeStory({ authorId: userId, title: story.title, body: story.body })
  return storyId
}

type CorrectOutcome = { notFound: true } | { redirectTo: string } | { result: SubmissionResult<string[]>; status: 400 }

/**
 * The survivor's corrections of an interviewer's story (ADR 0030). 'save' keeps them (still
 * awaiting approval); 'approve' keeps them and approves in one transaction: the story becomes
 * the survivor's monument DRAFT with the corrected text (through the monument's own function),
 * and the interviewer's access ends, written to the access log. A second approve (double
 * submit, another tab) finds nothing awaiting and lands on the approved story.
 */
export async function correctLifeStory({ survivor, id, form, ip }: { survivor: AuditActor; id: string; form: FormData; ip?: string | null }): Promise<CorrectOutcome> {
  const story = await getOwnLifeStory({ userId: survivor.id, id })
  if (!story || story.source !== 'interviewer') return { notFound: true }
  const s = parseWithZod(form, { schema: CorrectLifeStorySchema })
  if (s.status !== 'success') return { result: s.reply(), status: 400 }
  if (story.state === 'approved') return { redirectTo: `/mijn-verhalen/levensverhaal/${id}` }
  const { intent, title, body } = s.value
  const corrected = { correctedTitleEncrypted: encryptField(title), correctedBodyEncrypted: encryptField(body) }
  const awaiting = and(eq(lifeStories.id, id), eq(lifeStories.claimedBy, survivor.id), eq(lifeStories.state, 'awaiting_survivor'))
  if (intent === 'save') {
    await db.update(lifeStories).set({ ...corrected, updatedAt: new Date() }).where(awaiting)
    return { redirectTo: `/mijn-verhalen/levensverhaal/${id}?klaar=saved` }
  }
  const storyId = await db.transaction(async (tx) => {
    const now = new Date()
    const [row] = await tx
      .update(lifeStories)
      .set({ ...corrected, state: 'approved', approvedAt: now, interviewerAccessEndedAt: now, updatedAt: now })
      .where(awaiting)
      .returning({ id: lifeStories.id, registeredBy: lifeStories.registeredBy })
    if (!row) return null
    const draft = await createDraftFromLifeStory({ authorId: survivor.id, title, body }, tx)
    await tx.update(lifeStories).set({ monumentStoryId: draft.storyId }).where(eq(lifeStories.id, row.id))
    await recordAccess({ actor: survivor, action: 'lifeStory.approve', objectType: 'lifeStory', objectId: row.id, subjectId: survivor.id, purpose: 'lifeStories', outcome: 'success', ip }, tx)
    // The interviewer's access ends here: logged with them as the subject, so their reach is traceable.
    await recordAccess({ actor: survivor, action: 'lifeStory.interviewerAccessEnded', objectType: 'lifeStory', objectId: row.id, subjectId: row.registeredBy, purpose: 'lifeStories', outcome: 'success', ip }, tx)
    return draft.storyId
  })
  return { redirectTo: storyId ? `/mijn-verhalen/${storyId}?stap=verhaal` : `/mijn-verhalen/levensverhaal/${id}` }
}
