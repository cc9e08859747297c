import { and, asc, eq, isNull, lt, ne, sql } from 'drizzle-orm'
import { db } from '@db/client.server'
import { userRoles, users } from '@db/schema/accounts'
import { moderationEvents, storyReports, type ReportDecision, type ReportReason } from '@db/schema/moderation'
import { recordAccess } from '~/audit/audit.server'
import type { AuditActor as Actor } from '~/audit/audit.server'
import { absoluteUrl, queueMail } from '~/mail/mail.server'
import {
  describeReportedStories,
  hideStory,
  lockReportedStory,
  lockVisibleStory,
  setStoryStatus,
  takeBackIntoReview,
  unhideStory,
} from '~/monument/for-moderation.server'
import { nextStatus } from '~/monument/lifecycle'
import type { Reader } from '~/monument/reading.server'
import { decryptField, encryptField } from '~/privacy/field-crypto.server'
import { storeGuardMarks } from './guard-marks.server'
import { dispatchAll, ModerationError, queueAuthorNotice, runFormStep } from './moderation-step.server'
import { REPORT_DECISION_HOURS, ReportDecisionSchema } from './reports-schemas'

/**
 * Reports and takedown. Anyone can report a published story; a report that says someone is
 * identified hides the story at once (every public page, search and listing uses the same
 * visibility rule, so it is gone from the next request). Moderators decide within 48 hours.
 */

/**
 * Files a report on a story this reader can see. Returns false when the story is not visible
 * (already gone): the form then says thank you all the same, nothing to hide.
 */
export async function createReport({
  slug,
  reader,
  reason,
  details,
  contact,
  reporterId,
  ip,
  now = new Date(),
}: {
  slug: string
  reader: Reader
  reason: ReportReason
  details?: string
  contact?: string
  reporterId?: string | null
  ip?: string | null
  now?: Date
}): Promise<boolean> {
  return db.transaction(async (tx) => {
    const story = await lockVisibleStory({ slug, reader }, tx)
    if (!story) return false
    await tx.insert(storyReports).values({
      storyId: story.id,
      reason,
      detailsEncrypted: details?.trim() ? encryptField(details.trim()) : null,
      contactEncrypted: contact?.trim() ? encryptField(contact.trim()) : null,
      reporterId: reporterId ?? null,
      dueAt: new Date(now.getTime() + REPORT_DECISION_HOURS * 3600_000),
      createdAt: now,
    })
    // Someone says a person can be recognised: hide first, decide afterwards.
    if (reason === 'identifies') {
      await hideStory({ storyId: story.id, at: now }, tx)
    }
    await tx.insert(moderationEvents).values({ storyId: story.id, actorId: reporterId ?? null, action: 'reportReceived', note: reason })
    await recordAccess(
      {
        actor: null,
        action: 'story.reportReceived',
        objectType: 'story',
        objectId: story.id,
        subjectId: story.authorId,
        purpose: 'takedown',
        outcome: 'success',
        ip,
      },
      tx,
    )
    return true
  })
}

type OpenReport = {
  id: string
  storyId: string
  storySlug: string
  storyTitle: string
  storyStatus: string
  hidden: boolean
  reason: ReportReason
  details: string | null
  hasContact: boolean
  createdAt: string
  dueAt: string
  overdue: boolean
  hoursLeft: number
}

/** Open reports, the most urgent first, with the 48-hour clock. */
export async function listOpenReports({ actor, ip, now = new Date() }: { actor: Actor; ip?: string | null; now?: Date }) {
  const rows = await db
    .select({
      id: storyReports.id,
      storyId: storyReports.storyId,
      reason: storyReports.reason,
      details: storyReports.detailsEncrypted,
      contact: storyReports.contactEncrypted,
      createdAt: storyReports.createdAt,
      dueAt: storyReports.dueAt,
    })
    .from(storyReports)
    .where(eq(storyReports.status, 'open'))
    .orderBy(asc(storyReports.dueAt))
    .limit(500)
  // A story its author withdrew since the report keeps no title here (monument decides what staff may read).
  const reported = await describeReportedStories({ storyIds: rows.map((r) => r.storyId) })
  await recordAccess({ actor, action: 'report.list', objectType: 'storyReport', purpose: 'takedown', outcome: 'success', ip })
  const reports: OpenReport[] = rows.flatMap((r) => {
    const story = reported.get(r.storyId)
    // A story deleted between the two reads takes its reports with it (cascade).
    if (!story) return []
    return [
      {
        id: r.id,
        storyId: r.storyId,
        storySlug: story.slug,
        storyTitle: story.title ?? '',
        storyStatus: story.status,
        hidden: story.hidden,
        reason: r.reason,
        details: r.details ? decryptField(r.details) : null,
        hasContact: r.contact !== null,
        createdAt: r.createdAt.toISOString(),
        dueAt: r.dueAt.toISOString(),
        overdue: r.dueAt.getTime() < now.getTime(),
        hoursLeft: Math.floor((r.dueAt.getTime() - now.getTime()) / 3600_000),
      },
    ]
  })
  return { reports, overdue: reports.filter((r) => r.overdue).length }
}

/** How many open reports are past their 48 hours (for the dashboard). */
export async function countOverdueReports({ now = new Date() }: { now?: Date } = {}) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(storyReports)
    .where(and(eq(storyReports.status, 'open'), lt(storyReports.dueAt, now)))
  return Number(row?.n ?? 0)
}

/**
 * Decides a report, with a reason: keep (the story comes back, unless another open report
 * says someone is identified), redact (the story leaves the monument and goes back to review
 * with the reason as note; the author approves a new version) or remove (status removed).
 * The author is told, and the reporter when they left contact (only that a decision was made).
 */
export async function decideReport({
  reportId,
  decision,
  reason,
  actor,
  ip,
}: {
  reportId: string
  decision: ReportDecision
  reason: string
  actor: Actor
  ip?: string | null
}) {
  if (!reason.trim()) throw new ModerationError('errors.reasonRequired', 400)
  const mailIds = await db.transaction(async (tx) => {
    const [report] = await tx.select().from(storyReports).where(eq(storyReports.id, reportId)).for('update')
    if (!report) throw new ModerationError('errors.notFound', 404)
    if (report.status !== 'open') throw new ModerationError('errors.alreadyDecided')
    const story = await lockReportedStory({ storyId: report.storyId }, tx)
    if (!story) throw new ModerationError('errors.notFound', 404)

    if (decision === 'keep') {
      const [other] = await tx
        .select({ id: storyReports.id })
        .from(storyReports)
        .where(and(eq(storyReports.storyId, story.id), eq(storyReports.status, 'open'), eq(storyReports.reason, 'identifies'), ne(storyReports.id, report.id)))
        .limit(1)
      if (!other) await unhideStory({ storyId: story.id }, tx)
    } else if (decision === 'redact') {
      // A published story goes back into review, off the monument until the author approves a new version.
      if (story.status === 'published' || story.status === 'approved') {
        await takeBackIntoReview({ storyId: story.id }, tx)
        await storeGuardMarks(tx, story)
      }
    } else {
      const to = nextStatus('remove', 'moderator', story.status)
      if (to) await setStoryStatus({ storyId: story.id, status: to }, tx)
    }

    await tx
      .update(storyReports)
      .set({ status: 'decided', decision, decisionReason: reason.trim(), decidedBy: actor.id, decidedAt: new Date() })
      .where(eq(storyReports.id, report.id))
    const action = decision === 'keep' ? 'reportKeep' : decision === 'redact' ? 'reportRedact' : 'reportRemove'
    await tx.insert(moderationEvents).values({ storyId: story.id, actorId: actor.id, action, note: reason.trim() })
    await recordAccess(
      { actor, action: `story.${action}`, objectType: 'storyReport', objectId: report.id, subjectId: story.authorId, purpose: 'takedown', outcome: 'success', ip },
      tx,
    )

    const ids: Array<string | null> = [await queueAuthorNotice(tx, story.authorId)]
    if (report.contactEncrypted) {
      ids.push(
        await queueMail({ to: decryptField(report.contactEncrypted), template: 'statusChanged', locale: 'nl', params: { link: absoluteUrl('/verhalen') } }, tx),
      )
    }
    return ids
  })
  await dispatchAll(mailIds)
}

/** The reports page's form post: the decision on one report, then back to the list. */
export async function decideReportAction({ form, actor, ip }: { form: Record<string, FormDataEntryValue>; actor: Actor; ip?: string | null }) {
  return runFormStep(form, {
    schema: ReportDecisionSchema,
    rowField: 'reportId',
    step: async (v) => {
      await decideReport({ ...v, actor, ip })
      return `/beheer/meldingen?besloten=${v.decision}`
    },
  })
}

/** How long before a report's 48 hours are up the moderators are reminded. */
const REMINDER_HOURS_BEFORE_DUE = 12

/**
 * Mails every active moderator once when open reports are within 12 hours of their deadline
 * (or past it) and nobody was reminded of them yet. The mail names no story or content, only
 * that reports wait, with a link to the reports page. Returns how many reports it covered.
 */
export async function remindModeratorsOfDueReports({ now = new Date() }: { now?: Date } = {}) {
  const soon = new Date(now.getTime() + REMINDER_HOURS_BEFORE_DUE * 3600_000)
  const { count, mailIds } = await db.transaction(async (tx) => {
    const due = await tx
      .update(storyReports)
      .set({ remindedAt: now })
      .where(and(eq(storyReports.status, 'open'), isNull(storyReports.remindedAt), lt(storyReports.dueAt, soon)))
      .returning({ id: storyReports.id })
    if (due.length === 0) return { count: 0, mailIds: [] as string[] }
    const moderators = await tx
      .selectDistinct({ id: users.id, email: users.email, locale: users.locale })
      .from(users)
      .innerJoin(userRoles, eq(userRoles.userId, users.id))
      .where(and(eq(userRoles.role, 'moderator'), isNull(users.disabledAt)))
    const ids: string[] = []
    for (const m of moderators) {
      ids.push(await queueMail({ to: m.email, userId: m.id, template: 'reportsDue', locale: m.locale, params: { link: absoluteUrl('/beheer/meldingen') } }, tx))
    }
    return { count: due.length, mailIds: ids }
  })
  await dispatchAll(mailIds)
  return count
}
