// The moderation capability's personal data for export and erasure (see app/privacy/data-registry.server.ts).
import { eq, inArray } from 'drizzle-orm'
import { moderationEvents, pilloryMarks, storyReports } from '@db/schema/moderation'
import { listStoryIdsOfAuthor } from '~/monument/for-moderation.server'
import { decryptField } from '~/privacy/field-crypto.server'
import { declareNotPersonal, registerPersonalData } from '~/privacy/data-registry.server'

registerPersonalData({
  name: 'moderation',
  tables: ['story_reports', 'moderation_events', 'pillory_marks'],
  exportFor: async ({ userId, tx }) => {
    // Reports this person made while signed in, with what they wrote and the outcome.
    const reports = await tx
      .select({
        reason: storyReports.reason,
        details: storyReports.detailsEncrypted,
        contact: storyReports.contactEncrypted,
        status: storyReports.status,
        decision: storyReports.decision,
        createdAt: storyReports.createdAt,
        decidedAt: storyReports.decidedAt,
      })
      .from(storyReports)
      .where(eq(storyReports.reporterId, userId))
    // What happened to their own stories in moderation (with the notes moderators left them).
    const own = await listStoryIdsOfAuthor({ authorId: userId }, tx)
    const events =
      own.length === 0
        ? []
        : await tx
            .select({ storyId: moderationEvents.storyId, action: moderationEvents.action, note: moderationEvents.note, createdAt: moderationEvents.createdAt })
            .from(moderationEvents)
            .where(inArray(moderationEvents.storyId, own))
    return {
      reportsMade: reports.map((r) => ({ ...r, details: r.details ? decryptField(r.details) : null, contact: r.contact ? decryptField(r.contact) : null })),
      moderationOfMyStories: events,
    }
  },
  eraseFor: async ({ userId, tx }) => {
    // The marks hold third parties' names and the events the notes about the story: both go
    // with the person's stories (also when an archive transfer keeps the story itself).
    const own = await listStoryIdsOfAuthor({ authorId: userId }, tx)
    if (own.length > 0) {
      await tx.delete(pilloryMarks).where(inArray(pilloryMarks.storyId, own))
      await tx.delete(moderationEvents).where(inArray(moderationEvents.storyId, own))
    }
    // A report stays (the decision on a published story must remain accountable), but without
    // anything that points to the reporter.
    await tx
      .update(storyReports)
      .set({ reporterId: null, contactEncrypted: null, detailsEncrypted: null })
      .where(eq(storyReports.reporterId, userId))
    return {}
  },
})

declareNotPersonal({
  table: 'publication_state',
  reason: 'one counter raised whenever the public monument may have changed (ADR 0011); holds no person, story or content',
})
