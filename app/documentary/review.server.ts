import { and, asc, desc, eq, inArray } from 'drizzle-orm'
import { db as defaultDb, type DbOrTx } from '@db/client.server'
import { documentaryChapters, documentaryComments, documentaryEvents, documentaryReviews, type DocumentaryChapter } from '@db/schema/documentary'
import { getEnv } from '~/utils/env.server'
import { recordEvent, type Actor, type ComposeResult } from './compose.server'
import type { BoardAction } from './schemas'

/**
 * The sounding board (ADR 0029): survivors invited as staff read the draft chapter, comment per
 * block, and approve or ask for changes — once per member per version. A chapter is published
 * only with the configured number of approvals (DOCUMENTARY_APPROVALS_REQUIRED, default 2) on
 * its CURRENT version and no request for changes on that version.
 */

export function approvalsRequired() {
  return getEnv().DOCUMENTARY_APPROVALS_REQUIRED
}

export async function getReviewStatus({ chapter, tx = defaultDb }: { chapter: Pick<DocumentaryChapter, 'id' | 'version'>; tx?: DbOrTx }) {
  const rows = await tx
    .select({ verdict: documentaryReviews.verdict, reviewerId: documentaryReviews.reviewerId })
    .from(documentaryReviews)
    .where(and(eq(documentaryReviews.chapterId, chapter.id), eq(documentaryReviews.version, chapter.version)))
  const approvals = rows.filter((r) => r.verdict === 'approve').length
  const objections = rows.filter((r) => r.verdict === 'changes').length
  const required = approvalsRequired()
  return { approvals, objections, required, reviewers: rows.map((r) => r.reviewerId), publishable: approvals >= required && objections === 0 }
}

export async function publishChapter({ chapter, curator, tx }: { chapter: DocumentaryChapter; curator: Actor; tx: DbOrTx }): Promise<ComposeResult> {
  if (chapter.state !== 'in_review') return { ok: false, field: 'intent', message: 'documentary:staff.editor.errors.wrongState' }
  const status = await getReviewStatus({ chapter, tx })
  if (!status.publishable) return { ok: false, field: 'intent', message: status.objections ? 'documentary:staff.editor.errors.openObjection' : 'documentary:staff.editor.errors.notEnoughApprovals' }
  await tx.update(documentaryChapters).set({ state: 'published', publishedAt: new Date() }).where(eq(documentaryChapters.id, chapter.id))
  await recordEvent(tx, { chapterId: chapter.id, version: chapter.version, kind: 'published', actorId: curator.id })
  return { ok: true }
}

export type BoardResult = { ok: true } | { ok: false; field: string; message: string } | null

/** One board action on a chapter in review; null for a chapter the board may not see. */
export async function applyBoardAction({ member, chapterId, action, tx }: { member: Actor; chapterId: string; action: BoardAction; tx?: DbOrTx }): Promise<BoardResult> {
  const run = async (t: DbOrTx): Promise<BoardResult> => {
    if (!/^[0-9a-f-]{36}$/i.test(chapterId)) return null
    const [chapter] = await t.select().from(documentaryChapters).where(eq(documentaryChapters.id, chapterId)).for('update')
    if (!chapter || !BOARD_STATES.includes(chapter.state)) return null
    if (chapter.curatorId === member.id) return { ok: false, field: 'intent', message: 'documentary:staff.board.errors.ownChapter' }
    if (action.intent === 'comment') {
      await t.insert(documentaryComments).values({ chapterId, blockId: action.blockId, version: chapter.version, authorId: member.id, body: action.body })
      await recordEvent(t, { chapterId, version: chapter.version, kind: 'commented', actorId: member.id, blockId: action.blockId })
      return { ok: true }
    }
    // The version the member read: a verdict on an older version than the current one is refused.
    if (chapter.state !== 'in_review' || action.version !== chapter.version) return { ok: false, field: 'intent', message: 'documentary:staff.board.errors.versionChanged' }
    const [inserted] = await t
      .insert(documentaryReviews)
      .values({ chapterId, version: chapter.version, reviewerId: member.id, verdict: action.intent === 'approve' ? 'approve' : 'changes', note: action.note ?? null })
      .onConflictDoNothing()
      .returning({ id: documentaryReviews.id })
    if (!inserted) return { ok: false, field: 'intent', message: 'documentary:staff.board.errors.alreadyReviewed' }
    if (action.intent === 'changes') await t.update(documentaryChapters).set({ state: 'changes_requested' }).where(eq(documentaryChapters.id, chapterId))
    await recordEvent(t, { chapterId, version: chapter.version, kind: action.intent === 'approve' ? 'approved' : 'changesRequested', actorId: member.id })
    return { ok: true }
  }
  return tx ? run(tx) : defaultDb.transaction(run)
}

/** The board works on chapters in review and sees those waiting for the curator's changes. */
export const BOARD_STATES: readonly DocumentaryChapter['state'][] = ['in_review', 'changes_requested']

export async function listChaptersForBoard({ tx = defaultDb }: { tx?: DbOrTx } = {}) {
  return tx
    .select({ id: documentaryChapters.id, title: documentaryChapters.title, state: documentaryChapters.state, version: documentaryChapters.version, updatedAt: documentaryChapters.updatedAt })
    .from(documentaryChapters)
    .where(inArray(documentaryChapters.state, [...BOARD_STATES]))
    .orderBy(asc(documentaryChapters.updatedAt))
}

/** Comments and verdicts, for both the curator and the board: roles and dates, no names. */
export async function listFeedback({ chapterId, tx = defaultDb }: { chapterId: string; tx?: DbOrTx }) {
  const comments = await tx
    .select({ id: documentaryComments.id, blockId: documentaryComments.blockId, version: documentaryComments.version, body: documentaryComments.body, at: documentaryComments.createdAt })
    .from(documentaryComments)
    .where(eq(documentaryComments.chapterId, chapterId))
    .orderBy(asc(documentaryComments.createdAt))
  const reviews = await tx
    .select({ id: documentaryReviews.id, version: documentaryReviews.version, verdict: documentaryReviews.verdict, note: documentaryReviews.note, reviewerId: documentaryReviews.reviewerId, at: documentaryReviews.createdAt })
    .from(documentaryReviews)
    .where(eq(documentaryReviews.chapterId, chapterId))
    .orderBy(asc(documentaryReviews.createdAt))
  return { comments, reviews }
}

export async function listHistory({ chapterId, tx = defaultDb }: { chapterId: string; tx?: DbOrTx }) {
  return tx
    .select({ id: documentaryEvents.id, kind: documentaryEvents.kind, version: documentaryEvents.version, reason: documentaryEvents.reason, at: documentaryEvents.createdAt })
    .from(documentaryEvents)
    .where(eq(documentaryEvents.chapterId, chapterId))
    .orderBy(desc(documentaryEvents.createdAt), desc(documentaryEvents.id))
}
