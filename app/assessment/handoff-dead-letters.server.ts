import { and, desc, eq } from 'drizzle-orm'
import { db } from '@db/client.server'
import { handoffOutbox } from '@db/schema/assessment'
import { recordAccess, type AuditActor } from '~/audit/audit.server'
import { listApplicationReferences } from '~/scheme/for-assessment.server'

/** The admin's dead-letter list: no case content, only what is needed to act. Logged. */
export async function listDeadHandoffs({ actor, ip }: { actor: AuditActor; ip: string | null }) {
  await recordAccess({ actor, action: 'handoff.listDead', objectType: 'handoffOutbox', objectId: null, subjectId: null, purpose: 'schemeHandoff', outcome: 'success', ip })
  const rows = await db
    .select({
      id: handoffOutbox.id,
      applicationId: handoffOutbox.applicationId,
      caseVersion: handoffOutbox.caseVersion,
      attempts: handoffOutbox.attempts,
      lastError: handoffOutbox.lastError,
      createdAt: handoffOutbox.createdAt,
    })
    .from(handoffOutbox)
    .where(eq(handoffOutbox.status, 'dead'))
    .orderBy(desc(handoffOutbox.createdAt))
    .limit(200)
  const references = await listApplicationReferences({ ids: [...new Set(rows.map((r) => r.applicationId))] })
  return rows.map(({ applicationId, ...r }) => ({ ...r, reference: references.get(applicationId) ?? null }))
}

/** Puts a dead row back in the queue for another day of retries, with the same webhook id. */
export async function retryDeadHandoff({ actor, outboxId, ip }: { actor: AuditActor; outboxId: string; ip: string | null }) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(handoffOutbox)
      .set({ status: 'pending', nextAttemptAt: new Date(), windowStartedAt: new Date(), lockedUntil: null })
      .where(and(eq(handoffOutbox.id, outboxId), eq(handoffOutbox.status, 'dead')))
      .returning({ id: handoffOutbox.id, applicationId: handoffOutbox.applicationId })
    if (!row) return false
    await recordAccess({ actor, action: 'handoff.retry', objectType: 'handoffOutbox', objectId: row.id, subjectId: null, purpose: 'schemeHandoff', outcome: 'success', ip }, tx)
    return true
  })
}
