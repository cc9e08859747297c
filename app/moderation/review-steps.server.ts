import { and, eq } from 'drizzle-orm'
import { db } from '@db/client.server'
import { pilloryMarks } from '@db/schema/moderation'
import { setStoryStatus } from '~/monument/for-moderation.server'
import { storeGuardMarks } from './guard-marks.server'
import { dispatchAll, lockStory, logStep, ModerationError, queueAuthorNotice, transitionOrFail, type Who } from './moderation-step.server'

/** The moderator's steps on a story under review, before a version is proposed (see propose-version.server.ts). */

/** submitted → inReview, with the guard's marks stored for the moderator to decide. */
export async function startReview({ storyId, actor, ip }: Who & { storyId: string }) {
  return db.transaction(async (tx) => {
    const story = await lockStory(tx, storyId)
    const status = transitionOrFail('startReview', story.status)
    const marks = await storeGuardMarks(tx, story)
    await setStoryStatus({ storyId, status }, tx)
    await logStep(tx, { actor, ip, story, action: 'startReview' })
    return { marks }
  })
}

/** Redact or keep one mark, always with a reason (the moderator's account of the decision). */
export async function decideMark({
  storyId,
  markRowId,
  decision,
  reason,
  actor,
  ip,
}: Who & { storyId: string; markRowId: string; decision: 'redact' | 'keep'; reason: string }) {
  if (!reason.trim()) throw new ModerationError('errors.reasonRequired', 400)
  return db.transaction(async (tx) => {
    const story = await lockStory(tx, storyId)
    if (story.status !== 'inReview') throw new ModerationError('errors.wrongStatus')
    const [mark] = await tx
      .update(pilloryMarks)
      .set({ decision, reason: reason.trim(), decidedBy: actor.id, decidedAt: new Date() })
      .where(and(eq(pilloryMarks.id, markRowId), eq(pilloryMarks.storyId, storyId)))
      .returning({ id: pilloryMarks.id, kind: pilloryMarks.kind })
    if (!mark) throw new ModerationError('errors.notFound', 404)
    await logStep(tx, { actor, ip, story, action: 'decideMark', note: `${decision} ${mark.kind}: ${reason.trim()}` })
  })
}

/** inReview → changesRequested, with a note to the author; the author is told by mail. */
export async function requestChanges({ storyId, note, actor, ip }: Who & { storyId: string; note: string }) {
  if (!note.trim()) throw new ModerationError('errors.noteRequired', 400)
  const mailId = await db.transaction(async (tx) => {
    const story = await lockStory(tx, storyId)
    const status = transitionOrFail('requestChanges', story.status)
    await setStoryStatus({ storyId, status }, tx)
    await logStep(tx, { actor, ip, story, action: 'requestChanges', note: note.trim() })
    return queueAuthorNotice(tx, story.authorId)
  })
  await dispatchAll([mailId])
}
