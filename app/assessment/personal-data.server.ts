import { asc, eq, inArray } from 'drizzle-orm'
import { assessmentChecklists, assessmentNotes, assessments, conflictsOfInterest, handoffOutbox, schadefondsInbound } from '@db/schema/assessment'
import { registerPersonalData } from '~/privacy/data-registry.server'
import { listApplicationIdsOf } from '~/scheme/for-assessment.server'

// The assessment of a person's application is about them, so it is part of their export
// (GDPR art. 15): the outcome with its reason and motivation, the checklist, assessors'
// notes (their text and date; which staff member wrote them is left out, art. 15(4)), the
// hand-off status and what the Schadefonds reported. Not exported: the hand-off document
// itself (a copy of the application, which the scheme section already exports) and who the
// assessors were. Erasure follows the application: the scheme keeps a case for its legal
// retention term, so these rows stay while the application does and go with it (cascade).

registerPersonalData({
  name: 'assessment',
  tables: ['assessments', 'assessment_checklists', 'assessment_notes', 'handoff_outbox', 'schadefonds_inbound'],
  exportFor: async ({ userId, tx }) => {
    const ids = await listApplicationIdsOf({ userId }, tx)
    if (!ids.length) return []
    const [outcomes, checklists, notes, handoffs, reports] = await Promise.all([
      tx
        .select({
          applicationId: assessments.applicationId,
          status: assessments.status,
          outcome: assessments.outcome,
          reasonCode: assessments.reasonCode,
          motivation: assessments.motivation,
          proposedAt: assessments.proposedAt,
          confirmedAt: assessments.confirmedAt,
          returnedAt: assessments.returnedAt,
        })
        .from(assessments)
        .where(inArray(assessments.applicationId, ids))
        .orderBy(asc(assessments.createdAt)),
      tx.select({ applicationId: assessmentChecklists.applicationId, items: assessmentChecklists.items }).from(assessmentChecklists).where(inArray(assessmentChecklists.applicationId, ids)),
      tx
        .select({ applicationId: assessmentNotes.applicationId, text: assessmentNotes.body, at: assessmentNotes.createdAt })
        .from(assessmentNotes)
        .where(inArray(assessmentNotes.applicationId, ids))
        .orderBy(asc(assessmentNotes.createdAt)),
      tx
        .select({ applicationId: handoffOutbox.applicationId, caseVersion: handoffOutbox.caseVersion, status: handoffOutbox.status, deliveredAt: handoffOutbox.deliveredAt })
        .from(handoffOutbox)
        .where(inArray(handoffOutbox.applicationId, ids)),
      tx
        .select({ applicationId: schadefondsInbound.applicationId, event: schadefondsInbound.event, receivedAt: schadefondsInbound.receivedAt })
        .from(schadefondsInbound)
        .where(inArray(schadefondsInbound.applicationId, ids)),
    ])
    return ids.map((id) => ({
      applicationId: id,
      assessments: outcomes.filter((o) => o.applicationId === id),
      checklist: checklists.find((c) => c.applicationId === id)?.items ?? null,
      notes: notes.filter((n) => n.applicationId === id),
      handoffs: handoffs.filter((h) => h.applicationId === id),
      schadefondsReports: reports.filter((r) => r.applicationId === id),
    }))
  },
  eraseFor: async ({ userId, tx }) => {
    const ids = await listApplicationIdsOf({ userId }, tx)
    return ids.length ? { kept: 'assessment:kept.assessment' } : {}
  },
})

// An assessor's own declarations of a conflict of interest: theirs to see; removed with them.
registerPersonalData({
  name: 'assessorConflicts',
  tables: ['conflicts_of_interest'],
  exportFor: ({ userId, tx }) =>
    tx.select({ applicationId: conflictsOfInterest.applicationId, declaredAt: conflictsOfInterest.declaredAt }).from(conflictsOfInterest).where(eq(conflictsOfInterest.assessorId, userId)),
  eraseFor: async ({ userId, tx }) => {
    await tx.delete(conflictsOfInterest).where(eq(conflictsOfInterest.assessorId, userId))
    return {}
  },
})
