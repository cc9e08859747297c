import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm'
import { db, type DbOrTx, type Tx } from '@db/client.server'
import { users } from '@db/schema/accounts'
import { moderationEvents, pilloryMarks, type ModerationAction, type PilloryMark } from '@db/schema/moderation'
import { stories, storyMedia, type Story, type StoryMedia, type StoryStatus } from '@db/schema/monument'
import { recordAccess } from '~/audit/audit.server'
import type { AuditActor as Actor } from '~/audit/audit.server'
import { getConsentState } from '~/consent/consent.server'
import { consentPurposesFor } from '~/consent/texts'
import { fallbackLng, isLng } from '~/i18n/config'
import { i18next } from '~/i18n/i18next.server'
import { absoluteUrl, dispatchMail, queueMail } from '~/mail/mail.server'
import { nextStatus, type StoryTransition } from '~/monument/lifecycle'
import { readCaptionsText } from '~/monument/media.server'
import { MEDIA_TEXT_FIELDS, mediaMarkField, type MediaMarkField, type MediaTextField } from './media-text'
import {
  applyRedactions,
  findIdentifyingDetails,
  findIdentifyingDetailsInCaptions,
  findUndecidedMarks,
  MARK_KINDS,
  StaleMarksError,
  type Mark,
  type MarkKind,
  type RedactionLabels,
} from '~/monument/pillory-guard'

/**
 * Moderation before publication. Moderators review, mark by mark, what the pillory guard found,
 * ask for changes or propose a moderated version; they never publish: the author approves the
 * version and their consent decides who may read it (app/monument/lifecycle.ts).
 * Every step is written twice: to moderation_events (what happened, with the note) and to the
 * access log (who, without content).
 */

export const QUEUE_STATUSES = ['submitted', 'inReview', 'awaitingAuthor'] as const satisfies readonly StoryStatus[]
export const MARKED_FIELDS = ['title', 'body', 'contentNote'] as const
export type MarkedField = (typeof MARKED_FIELDS)[number]

export { MEDIA_TEXT_FIELDS, mediaMarkField, parseMediaMarkField, type MediaTextField } from './media-text'
export type MarkField = MarkedField | MediaMarkField

export class ModerationError extends Error {
  constructor(
    /** i18n key in the `moderation` namespace, shown to the moderator. */
    readonly messageKey: string,
    readonly status = 409,
  ) {
    super(messageKey)
    this.name = 'ModerationError'
  }
}

type Who = { actor: Actor; ip?: string | null }

async function logStep(
  tx: DbOrTx,
  { actor, ip, story, action, note, outcome = 'success' }: Who & { story: Pick<Story, 'id' | 'authorId'>; action: ModerationAction; note?: string | null; outcome?: 'success' | 'failure' },
) {
  await tx.insert(moderationEvents).values({ storyId: story.id, actorId: actor.id, action, note: note ?? null })
  await recordAccess(
    { actor, action: `story.${action}`, objectType: 'story', objectId: story.id, subjectId: story.authorId, purpose: 'moderation', outcome, ip },
    tx,
  )
}

/**
 * The states in which staff may read a story: from the moment the author sends it in. A draft
 * is the author's alone (also one taken back before review), and a story its author withdrew
 * is no longer ours to read; no moderation step starts from either, and the media route
 * refuses their media to moderators likewise (`canViewMedia`).
 */
export const STAFF_STORY_STATUSES = [
  'submitted',
  'inReview',
  'changesRequested',
  'awaitingAuthor',
  'approved',
  'published',
  'removed',
] as const satisfies readonly StoryStatus[]

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * THE one query that loads a story for staff, scoped by status in its `where`: the review
 * page (with its media, consent state and history) and every moderation step go through it,
 * so a draft cannot be read by forgetting a check. Null for a story outside those states,
 * exactly as for one that does not exist: staff must not learn that a draft exists.
 */
async function findStoryForStaff(tx: DbOrTx, storyId: string, { lock = false }: { lock?: boolean } = {}) {
  if (!UUID.test(storyId)) return null
  const query = tx
    .select()
    .from(stories)
    .where(and(eq(stories.id, storyId), inArray(stories.status, [...STAFF_STORY_STATUSES])))
  const [story] = lock ? await query.for('update') : await query
  return story ?? null
}

async function lockStory(tx: Tx, storyId: string) {
  const story = await findStoryForStaff(tx, storyId, { lock: true })
  if (!story) throw new ModerationError('errors.notFound', 404)
  return story
}

function transitionOrFail(transition: StoryTransition, from: StoryStatus) {
  const to = nextStatus(transition, 'moderator', from)
  if (!to) throw new ModerationError('errors.wrongStatus')
  return to
}

/** Tells the author (in their language, without content) that something changed; returns the mail id to dispatch after commit. */
export async function queueAuthorNotice(tx: DbOrTx, authorId: string | null, link = '/mijn-verhalen') {
  if (!authorId) return null
  const [author] = await tx.select({ email: users.email, locale: users.locale }).from(users).where(eq(users.id, authorId))
  if (!author) return null
  return queueMail({ to: author.email, userId: authorId, template: 'statusChanged', locale: author.locale, params: { link: absoluteUrl(link) } }, tx)
}

/** Dispatches queued mail after commit; a queue outage must not undo a moderation step (the outbox re-queues). */
export async function dispatchAll(ids: Array<string | null>) {
  for (const id of ids) if (id) await dispatchMail(id).catch(() => {})
}

// ——— queue ————————————————————————————————————————————————————————————————

export type QueueItem = { id: string; title: string; status: StoryStatus; submittedAt: string | null; waitingSince: string }

/** Stories waiting for a moderator or for their author, oldest first. */
export async function listModerationQueue({ actor, ip }: Who): Promise<QueueItem[]> {
  const rows = await db
    .select({ id: stories.id, title: stories.title, status: stories.status, submittedAt: stories.submittedAt, updatedAt: stories.updatedAt })
    .from(stories)
    .where(inArray(stories.status, [...QUEUE_STATUSES]))
    .orderBy(asc(sql`coalesce(${stories.submittedAt}, ${stories.updatedAt})`), asc(stories.id))
    .limit(200)
  await recordAccess({ actor, action: 'story.list', objectType: 'storyQueue', purpose: 'moderation', outcome: 'success', ip })
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    status: r.status,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    waitingSince: (r.submittedAt ?? r.updatedAt).toISOString(),
  }))
}

// ——— one story under review ————————————————————————————————————————————————————————

export type ReviewMark = Pick<PilloryMark, 'id' | 'markId' | 'kind' | 'start' | 'end' | 'text' | 'confidence' | 'decision' | 'reason'> & { field: string }
export type TextPart = { text: string; mark?: ReviewMark }

/** The text cut into plain runs and marked runs, for highlighting (rendered as text, never HTML). */
export function splitByMarks(text: string, marks: ReviewMark[]): TextPart[] {
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

/**
 * One story with everything a moderator needs to review it, or null (the page answers 404)
 * when it does not exist or is not in a state staff may read (`findStoryForStaff`). A refusal
 * is logged as denied, never as a view, and names no subject.
 */
export async function getStoryForReview({ storyId, actor, ip }: Who & { storyId: string }) {
  const story = await findStoryForStaff(db, storyId)
  if (!story) {
    if (UUID.test(storyId)) {
      await recordAccess({ actor, action: 'story.view', objectType: 'story', objectId: storyId, purpose: 'moderation', outcome: 'denied', ip })
    }
    return null
  }
  const marks = await db
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
  const granted = consentPurposesFor('story').map((purpose) => ({ purpose, granted: consent?.[purpose].granted ?? false }))
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
    marks: marks.map((m) => ({ id: m.id, field: m.field, markId: m.markId, kind: m.kind, start: m.start, end: m.end, text: m.text, confidence: m.confidence, decision: m.decision, reason: m.reason })),
    undecided: marks.filter((m) => !m.decision).length,
    consent: granted,
    media,
    events: events.map((e) => ({ action: e.action, note: e.note, createdAt: e.createdAt.toISOString() })),
  }
}

// ——— steps ————————————————————————————————————————————————————————————————

function textOf(story: Pick<Story, 'title' | 'body' | 'contentNote'>, field: MarkedField) {
  return field === 'title' ? story.title : field === 'body' ? story.body : (story.contentNote ?? '')
}

type GuardedText = { field: string; text: string; find: (text: string) => Mark[]; media?: StoryMedia; mediaField?: MediaTextField }

/** The texts of one medium as the author wrote them (captions read from the stored WebVTT file). */
async function mediaTextsOf(m: StoryMedia, tx: DbOrTx): Promise<Record<MediaTextField, string>> {
  return {
    description: m.description ?? '',
    transcript: m.kind === 'photo' ? '' : (m.transcript ?? ''),
    captions: m.captionsFileId ? ((await readCaptionsText({ fileId: m.captionsFileId }, tx)) ?? '') : '',
  }
}

/** Every text of a story that is published when the story is: its own fields and its media's texts. */
async function guardedTextsOf(tx: DbOrTx, story: Story): Promise<GuardedText[]> {
  const out: GuardedText[] = MARKED_FIELDS.map((field) => ({ field, text: textOf(story, field), find: findIdentifyingDetails }))
  const media = await tx.select().from(storyMedia).where(eq(storyMedia.storyId, story.id)).orderBy(asc(storyMedia.position))
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
export async function storeGuardMarks(tx: Tx, story: Story) {
  const previous = await tx.select().from(pilloryMarks).where(eq(pilloryMarks.storyId, story.id))
  const decided = new Map(previous.filter((m) => m.decision).map((m) => [`${m.field}|${m.markId}|${m.text}`, m]))
  await tx.delete(pilloryMarks).where(eq(pilloryMarks.storyId, story.id))
  const texts = await guardedTextsOf(tx, story)
  const rows = texts.flatMap(({ field: f, text, find }) =>
    find(text).map((m) => {
      // pillory_marks.field is plain text; media fields are `media:<id>:<text>` (see MarkField).
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

/** submitted → inReview, with the guard's marks stored for the moderator to decide. */
export async function startReview({ storyId, actor, ip }: Who & { storyId: string }) {
  return db.transaction(async (tx) => {
    const story = await lockStory(tx, storyId)
    const status = transitionOrFail('startReview', story.status)
    const marks = await storeGuardMarks(tx, story)
    await tx.update(stories).set({ status }).where(eq(stories.id, storyId))
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
    await tx.update(stories).set({ status }).where(eq(stories.id, storyId))
    await logStep(tx, { actor, ip, story, action: 'requestChanges', note: note.trim() })
    return queueAuthorNotice(tx, story.authorId)
  })
  await dispatchAll([mailId])
}

/** The placeholders put in place of redacted details, in the monument's language. */
export async function redactionLabels(locale: string = fallbackLng): Promise<RedactionLabels> {
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
    const contentNote = out.get('contentNote') ?? ''
    await tx
      .update(stories)
      .set({ status, publishedTitle: out.get('title') ?? '', publishedBody: out.get('body') ?? '', publishedContentNote: contentNote.trim() ? contentNote : null })
      .where(eq(stories.id, storyId))
    // The media texts' moderated version goes to the author with the story, and is all readers get.
    const moderatedAt = new Date()
    for (const m of new Map(texts.filter((t) => t.media).map((t) => [t.media!.id, t.media!])).values()) {
      const value = (field: MediaTextField) => {
        const text = out.get(mediaMarkField(m.id, field)) ?? ''
        return text.trim() ? text : null
      }
      await tx
        .update(storyMedia)
        .set({ publishedDescription: value('description'), publishedTranscript: value('transcript'), publishedCaptions: value('captions'), textModeratedAt: moderatedAt })
        .where(eq(storyMedia.id, m.id))
    }
    await logStep(tx, { actor, ip, story, action: 'proposeVersion' })
    return queueAuthorNotice(tx, story.authorId)
  })
  if (mailId === 'undecided') throw new ModerationError('errors.undecidedMarks')
  await dispatchAll([mailId])
}

/** The latest note a moderator left for the author (for the author's own pages). */
export async function getLatestModeratorNote({ storyId }: { storyId: string }, tx: DbOrTx = db) {
  const [row] = await tx
    .select({ note: moderationEvents.note, createdAt: moderationEvents.createdAt })
    .from(moderationEvents)
    .where(and(eq(moderationEvents.storyId, storyId), inArray(moderationEvents.action, ['requestChanges', 'reportRedact'])))
    .orderBy(desc(moderationEvents.createdAt))
    .limit(1)
  return row ?? null
}


// ——— the story's media under review ——————————————————————————————————————————————

export type ReviewMedia = {
  id: string
  /** 1-based, in the author's order: "photo 2". */
  number: number
  kind: StoryMedia['kind']
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
async function listMediaForReview(story: Story, tx: DbOrTx = db): Promise<ReviewMedia[]> {
  const media = await tx.select().from(storyMedia).where(eq(storyMedia.storyId, story.id)).orderBy(asc(storyMedia.position))
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
