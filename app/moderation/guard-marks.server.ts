import { eq } from 'drizzle-orm'
import type { DbOrTx, Tx } from '@db/client.server'
import { pilloryMarks, type PilloryMark } from '@db/schema/moderation'
import { listMediaForModeration, type ModerationMedia, type ModerationStory } from '~/monument/for-moderation.server'
import { readCaptionsText } from '~/monument/media-moderated-text.server'
import { findIdentifyingDetails, findIdentifyingDetailsInCaptions } from '~/monument/pillory-guard/find'
import type { Mark } from '~/monument/pillory-guard/marks'
import { MEDIA_TEXT_FIELDS, mediaMarkField, type MediaTextField } from './media-text'

/**
 * What the pillory guard reads: every text of a story that is published when the story is, its
 * own fields and its media's texts, and the marks it stores on them for the moderator.
 */

const MARKED_FIELDS = ['title', 'body', 'contentNote'] as const
type MarkedField = (typeof MARKED_FIELDS)[number]

function textOf(story: Pick<ModerationStory, 'title' | 'body' | 'contentNote'>, field: MarkedField) {
  return field === 'title' ? story.title : field === 'body' ? story.body : (story.contentNote ?? '')
}

type GuardedText = { field: string; text: string; find: (text: string) => Mark[]; media?: ModerationMedia; mediaField?: MediaTextField }

/** The texts of one medium as the author wrote them (captions read from the stored WebVTT file). */
export async function mediaTextsOf(m: ModerationMedia, tx: DbOrTx): Promise<Record<MediaTextField, string>> {
  return {
    description: m.description ?? '',
    transcript: m.kind === 'photo' ? '' : (m.transcript ?? ''),
    captions: m.captionsFileId ? ((await readCaptionsText({ fileId: m.captionsFileId }, tx)) ?? '') : '',
  }
}

/** Every text of a story that is published when the story is: its own fields and its media's texts. */
export async function guardedTextsOf(tx: DbOrTx, story: ModerationStory): Promise<GuardedText[]> {
  const out: GuardedText[] = MARKED_FIELDS.map((field) => ({ field, text: textOf(story, field), find: findIdentifyingDetails }))
  const media = await listMediaForModeration({ storyId: story.id }, tx)
  for (const m of media) {
    const texts = await mediaTextsOf(m, tx)
    for (const field of MEDIA_TEXT_FIELDS) {
      out.push({ field: mediaMarkField(m.id, field), text: texts[field], find: field === 'captions' ? findIdentifyingDetailsInCaptions : findIdentifyingDetails, media: m, mediaField: field })
    }
  }
  return out
}

/**
 * Runs the pillory guard over the author's current text and stores its marks. A decision taken
 * earlier on the very same span (same place, same words) is kept, so a story that comes back
 * after changes does not have to be decided again where nothing changed.
 */
export async function storeGuardMarks(tx: Tx, story: ModerationStory) {
  const previous = await tx.select().from(pilloryMarks).where(eq(pilloryMarks.storyId, story.id))
  const decided = new Map(previous.filter((m) => m.decision).map((m) => [`${m.field}|${m.markId}|${m.text}`, m]))
  await tx.delete(pilloryMarks).where(eq(pilloryMarks.storyId, story.id))
  const texts = await guardedTextsOf(tx, story)
  const rows = texts.flatMap(({ field: f, text, find }) =>
    find(text).map((m) => {
      // pillory_marks.field is plain text; media fields are `media:<id>:<text>` (see mediaMarkField).
      const field = f as PilloryMark['field']
      const old = decided.get(`${field}|${m.id}|${m.text}`)
      return {
        storyId: story.id,
        field,
        markId: m.id,
        kind: m.kind,
        start: m.start,
        end: m.end,
        text: m.text,
        confidence: m.confidence,
        decision: old?.decision ?? null,
        reason: old?.reason ?? null,
        decidedBy: old?.decidedBy ?? null,
        decidedAt: old?.decidedAt ?? null,
      }
    }),
  )
  if (rows.length) await tx.insert(pilloryMarks).values(rows)
  return rows.length
}
