import { eq } from 'drizzle-orm'
import { db } from '@db/client.server'
import { pilloryMarks, type PilloryMark } from '@db/schema/moderation'
import { fallbackLng, isLng } from '~/i18n/config'
import { i18next } from '~/i18n/i18next.server'
import { saveModeratedVersion } from '~/monument/for-moderation.server'
import { MARK_KINDS, type Mark, type MarkKind, type RedactionLabels } from '~/monument/pillory-guard/marks'
import { applyRedactions, findUndecidedMarks, StaleMarksError } from '~/monument/pillory-guard/redactions'
import { guardedTextsOf } from './guard-marks.server'
import { mediaMarkField, type MediaTextField } from './media-text'
import { dispatchAll, lockStory, logStep, ModerationError, queueAuthorNotice, transitionOrFail, type Who } from './moderation-step.server'

/** The placeholders put in place of redacted details, in the monument's language. */
async function redactionLabels(locale: string = fallbackLng): Promise<RedactionLabels> {
  const t = await i18next.getFixedT(isLng(locale) ? locale : fallbackLng, 'moderation')
  return Object.fromEntries(MARK_KINDS.map((kind) => [kind, t(`placeholders.${kind}`)])) as RedactionLabels
}

/**
 * The moderated version: every mark decided, redactions applied exactly (text outside a
 * redacted span stays character for character), stored as `published*` and sent to the author
 * for approval (inReview → awaitingAuthor). Nothing is published here.
 */
export async function proposeVersion({ storyId, actor, ip }: Who & { storyId: string }) {
  const labels = await redactionLabels()
  const mailId = await db.transaction(async (tx) => {
    const story = await lockStory(tx, storyId)
    const status = transitionOrFail('proposeVersion', story.status)
    const rows = await tx.select().from(pilloryMarks).where(eq(pilloryMarks.storyId, storyId))
    const texts = await guardedTextsOf(tx, story)
    // A text the guard never read (review begun before media text was guarded) gets its marks
    // now, for the moderator to decide: nothing is proposed unguarded.
    const unseen = texts.flatMap(({ field, text, find }) =>
      find(text)
        .filter((m) => !rows.some((r) => r.field === field && r.markId === m.id))
        .map((m) => ({ storyId, field: field as PilloryMark['field'], markId: m.id, kind: m.kind, start: m.start, end: m.end, text: m.text, confidence: m.confidence })),
    )
    if (unseen.length > 0) {
      await tx.insert(pilloryMarks).values(unseen).onConflictDoNothing()
      return 'undecided' as const
    }
    const out = new Map<string, string>()
    for (const { field, text } of texts) {
      const fieldRows = rows.filter((r) => r.field === field)
      const marks: Mark[] = fieldRows.map((r) => ({ id: r.markId, kind: r.kind as MarkKind, start: r.start, end: r.end, text: r.text, confidence: r.confidence as Mark['confidence'] }))
      const decisions = fieldRows.filter((r) => r.decision).map((r) => ({ markId: r.markId, action: r.decision! }))
      if (findUndecidedMarks(marks, decisions).length > 0) throw new ModerationError('errors.undecidedMarks')
      try {
        out.set(field, applyRedactions(text, decisions, marks, labels))
      } catch (error) {
        // The author's text changed under the marks: review must start again, never guess.
        if (error instanceof StaleMarksError) throw new ModerationError('errors.staleMarks')
        throw error
      }
    }
    const orNull = (text: string | undefined) => (text?.trim() ? text : null)
    // The media texts' moderated version goes to the author with the story, and is all readers get.
    const mediaIds = new Set(texts.flatMap((t) => (t.media ? [t.media.id] : [])))
    const media = [...mediaIds].map((mediaId) => {
      const value = (field: MediaTextField) => orNull(out.get(mediaMarkField(mediaId, field)))
      return { mediaId, description: value('description'), transcript: value('transcript'), captions: value('captions') }
    })
    await saveModeratedVersion(
      { storyId, status, title: out.get('title') ?? '', body: out.get('body') ?? '', contentNote: orNull(out.get('contentNote')), media },
      tx,
    )
    await logStep(tx, { actor, ip, story, action: 'proposeVersion' })
    return queueAuthorNotice(tx, story.authorId)
  })
  if (mailId === 'undecided') throw new ModerationError('errors.undecidedMarks')
  await dispatchAll([mailId])
}
