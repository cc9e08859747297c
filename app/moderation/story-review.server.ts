import { asc, desc, eq } from 'drizzle-orm'
import { db, type DbOrTx } from '@db/client.server'
import { moderationEvents, pilloryMarks, type PilloryMark } from '@db/schema/moderation'
import { recordAccess } from '~/audit/audit.server'
import { getConsentState } from '~/consent/consent.server'
import { consentPurposesFor } from '~/consent/texts'
import { lifeStoryOriginForModeration } from '~/life-stories/for-moderation.server'
import { isUuid } from '~/monument/stories.server'
import { findStoryForStaff, listMediaForModeration, type ModerationMedia, type ModerationStory } from '~/monument/for-moderation.server'
import { mediaTextsOf } from './guard-marks.server'
import { MEDIA_TEXT_FIELDS, mediaMarkField, parseMediaMarkField, type MediaTextField } from './media-text'
import type { Who } from './moderation-step.server'

/** The review page's read model: one story with everything a moderator needs to review it. */

type ReviewMark = Pick<PilloryMark, 'id' | 'markId' | 'kind' | 'start' | 'end' | 'text' | 'confidence' | 'decision' | 'reason'> & { field: string }
export type TextPart = { text: string; mark?: ReviewMark }

/** The text cut into plain runs and marked runs, for highlighting (rendered as text, never HTML). */
function splitByMarks(text: string, marks: ReviewMark[]): TextPart[] {
  const parts: TextPart[] = []
  let at = 0
  for (const mark of [...marks].sort((a, b) => a.start - b.start)) {
    if (mark.start < at || mark.end > text.length || text.slice(mark.start, mark.end) !== mark.text) continue
    if (mark.start > at) parts.push({ text: text.slice(at, mark.start) })
    parts.push({ text: mark.text, mark })
    at = mark.end
  }
  if (at < text.length) parts.push({ text: text.slice(at) })
  return parts
}

type ReviewMedia = {
  id: string
  /** 1-based, in the author's order: "photo 2". */
  number: number
  kind: ModerationMedia['kind']
  mime: string
  publishConsent: boolean
  /** Portal URLs (the media route checks the moderator and logs every view). */
  url: string
  thumbUrl: string | null
  captionsUrl: string | null
  texts: Record<MediaTextField, string>
  /** The moderated texts proposed to (or approved by) the author; null before a proposal. */
  published: Record<MediaTextField, string | null> | null
}

/** The story's photos, audio and video for the moderator: kind, own consent, link and every text. */
async function listMediaForReview(story: ModerationStory, tx: DbOrTx = db): Promise<ReviewMedia[]> {
  const media = await listMediaForModeration({ storyId: story.id }, tx)
  const out: ReviewMedia[] = []
  for (const [i, m] of media.entries()) {
    const consent = story.authorId ? await getConsentState({ subjectRef: story.authorId, objectType: 'media', objectId: m.id }, tx) : null
    out.push({
      id: m.id,
      number: i + 1,
      kind: m.kind,
      mime: m.mime,
      publishConsent: consent?.['media.publish'].granted ?? false,
      url: `/media/${m.id}`,
      thumbUrl: m.variants.web ? `/media/${m.id}/web` : m.kind === 'photo' ? `/media/${m.id}` : null,
      captionsUrl: m.captionsFileId ? `/media/${m.id}/captions` : null,
      texts: await mediaTextsOf(m, tx),
      published: m.textModeratedAt ? { description: m.publishedDescription, transcript: m.publishedTranscript, captions: m.publishedCaptions } : null,
    })
  }
  return out
}

/** Where each mark is: a field of the story, or a text of "audio 2". */
function placeOf(mark: ReviewMark, media: ReviewMedia[]): { field: string; kind?: ReviewMedia['kind']; number?: number } {
  const inMedia = parseMediaMarkField(mark.field)
  const medium = inMedia ? media.find((m) => m.id === inMedia.mediaId) : undefined
  return inMedia && medium ? { field: inMedia.field, kind: medium.kind, number: medium.number } : { field: mark.field }
}

/**
 * One story with everything a moderator needs to review it, or null (the page answers 404)
 * when it does not exist or is not in a state staff may read (`findStoryForStaff`). A refusal
 * is logged as denied, never as a view, and names no subject.
 */
export async function getStoryForReview({ storyId, actor, ip }: Who & { storyId: string }) {
  const story = await findStoryForStaff({ storyId })
  if (!story) {
    if (isUuid(storyId)) {
      await recordAccess({ actor, action: 'story.view', objectType: 'story', objectId: storyId, purpose: 'moderation', outcome: 'denied', ip })
    }
    return null
  }
  const rows = await db
    .select()
    .from(pilloryMarks)
    .where(eq(pilloryMarks.storyId, storyId))
    .orderBy(asc(pilloryMarks.field), asc(pilloryMarks.start))
  const events = await db
    .select({ action: moderationEvents.action, note: moderationEvents.note, createdAt: moderationEvents.createdAt })
    .from(moderationEvents)
    .where(eq(moderationEvents.storyId, storyId))
    .orderBy(desc(moderationEvents.createdAt))
    .limit(50)
  const consent = story.authorId ? await getConsentState({ subjectRef: story.authorId, objectType: 'story', objectId: story.id }) : null
  const media = await listMediaForReview(story)
  await recordAccess({ actor, action: 'story.view', objectType: 'story', objectId: story.id, subjectId: story.authorId, purpose: 'moderation', outcome: 'success', ip })
  const marks: ReviewMark[] = rows.map((m) => ({ id: m.id, field: m.field, markId: m.markId, kind: m.kind, start: m.start, end: m.end, text: m.text, confidence: m.confidence, decision: m.decision, reason: m.reason }))
  const marksIn = (field: string) => marks.filter((m) => m.field === field)
  return {
    story: {
      id: story.id,
      slug: story.slug,
      status: story.status,
      title: story.title,
      body: story.body,
      contentNote: story.contentNote,
      publishedTitle: story.publishedTitle,
      publishedBody: story.publishedBody,
      hiddenAt: story.hiddenAt?.toISOString() ?? null,
      submittedAt: story.submittedAt?.toISOString() ?? null,
    },
    marks: marks.map((mark) => ({ ...mark, place: placeOf(mark, media) })),
    undecided: marks.filter((m) => !m.decision).length,
    consent: consentPurposesFor('story').map((purpose) => ({ purpose, granted: consent?.[purpose].granted ?? false })),
    media,
    /** The author's texts cut at the marks, for highlighting. */
    parts: {
      title: splitByMarks(story.title, marksIn('title')),
      contentNote: splitByMarks(story.contentNote ?? '', marksIn('contentNote')),
      body: splitByMarks(story.body, marksIn('body')),
    },
    mediaParts: Object.fromEntries(
      media.map((m) => [m.id, Object.fromEntries(MEDIA_TEXT_FIELDS.map((f) => [f, splitByMarks(m.texts[f], marksIn(mediaMarkField(m.id, f)))]))]),
    ) as Record<string, Record<MediaTextField, TextPart[]>>,
    events: events.map((e) => ({ action: e.action, note: e.note, createdAt: e.createdAt.toISOString() })),
    /** Recorded with an interviewer (ADR 0030): the moderator sees where the text came from. */
    origin: await lifeStoryOriginForModeration({ storyId: story.id }),
  }
}

export type StoryReview = NonNullable<Awaited<ReturnType<typeof getStoryForReview>>>
