import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm'
import { db, type DbOrTx } from '@db/client.server'
import { applications, informationRequests } from '@db/schema/scheme'
import { applicationRegistrations } from '@db/schema/scheme-intake'
import { toSchemeDate, type IsoDate } from './dates'
import { letterCodeHash, type Channel } from './for-intake.server'
import { decryptOwnDetails } from './read-application.server'

/** Letters and claiming for applications registered from paper or phone (app/intake, ADR 0031). */

/** Whether a letter code belongs to this application and still works (the welcome letter prints it only then). */
export async function letterCodeMatches({ applicationId, code }: { applicationId: string; code: string }, tx: DbOrTx = db): Promise<boolean> {
  const hash = letterCodeHash(code)
  if (!hash) return false
  const [row] = await tx
    .select({ id: applicationRegistrations.applicationId })
    .from(applicationRegistrations)
    .where(and(eq(applicationRegistrations.applicationId, applicationId), eq(applicationRegistrations.claimCodeHash, hash), isNull(applicationRegistrations.claimedAt)))
  return Boolean(row)
}

export type StatusLetterData = {
  reference: string
  status: (typeof applications.$inferSelect)['status']
  applicantName: string
  address: {
    street: string
    houseNumber: string
    postcode: string
    town: string
  } | null
  receivedOn: IsoDate | null
  decisionDue: IsoDate | null
  /** A question from the assessor that waits for an answer (a letter must say it, a page shows it). */
  openQuestion: string | null
  channel: Channel | null
  claimed: boolean
  applicantUserId: string | null
}

/**
 * What a status letter for posting needs: the current status, reference, dates and the address
 * to post it to (decrypted for the letter only). Null for a draft or an unknown id. The staff
 * route checks the permission and logs the view.
 */
export async function getStatusLetterData({ applicationId }: { applicationId: string }, tx: DbOrTx = db): Promise<StatusLetterData | null> {
  const [row] = await tx
    .select({
      app: applications,
      channel: applicationRegistrations.channel,
      claimedAt: applicationRegistrations.claimedAt,
    })
    .from(applications)
    .leftJoin(applicationRegistrations, eq(applicationRegistrations.applicationId, applications.id))
    .where(and(eq(applications.id, applicationId), ne(applications.status, 'draft')))
  if (!row) return null
  const { app } = row
  const [question] = await tx
    .select({ question: informationRequests.question })
    .from(informationRequests)
    .where(and(eq(informationRequests.applicationId, app.id), isNull(informationRequests.answeredAt)))
    .limit(1)
  return {
    reference: app.reference ?? '',
    status: app.status,
    applicantName: app.applicantName ?? '',
    address: decryptOwnDetails(app).address,
    receivedOn: app.submittedAt ? toSchemeDate(app.submittedAt) : null,
    decisionDue: app.decisionDueAt ? toSchemeDate(app.decisionDueAt) : null,
    openQuestion: app.status === 'informationRequested' ? question?.question ?? null : null,
    channel: row.channel ?? null,
    claimed: Boolean(row.claimedAt),
    applicantUserId: app.applicantUserId,
  }
}

export type ClaimOutcome = { ok: true; applicationId: string; reference: string } | { ok: false; error: 'invalid' | 'hasApplication' }

/**
 * The applicant claims a registered application into their account with the letter code.
 * Single use: the hash is cleared in the same transaction. Unknown, used and expired codes
 * are one answer ('invalid'), so the form tells nobody which codes once existed.
 */
export async function claimRegisteredApplication({ code, userId }: { code: string; userId: string }): Promise<ClaimOutcome> {
  const hash = letterCodeHash(code)
  if (!hash) return { ok: false, error: 'invalid' }
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        applicationId: applicationRegistrations.applicationId,
        schemeId: applications.schemeId,
        reference: applications.reference,
        owner: applications.applicantUserId,
      })
      .from(applicationRegistrations)
      .innerJoin(applications, eq(applications.id, applicationRegistrations.applicationId))
      .where(and(eq(applicationRegistrations.claimCodeHash, hash), isNull(applicationRegistrations.claimedAt), gt(applicationRegistrations.claimCodeExpiresAt, sql`now()`)))
      .for('update')
    if (!row || row.owner) return { ok: false as const, error: 'invalid' as const }
    // One application per person per scheme (the unique index): someone who already applied
    // online is asked to call, rather than having two cases about them.
    const [other] = await tx
      .select({ id: applications.id })
      .from(applications)
      .where(and(eq(applications.schemeId, row.schemeId), eq(applications.applicantUserId, userId), ne(applications.status, 'withdrawn')))
      .limit(1)
    if (other) return { ok: false as const, error: 'hasApplication' as const }
    await tx.update(applications).set({ applicantUserId: userId }).where(eq(applications.id, row.applicationId))
    await tx
      .update(applicationRegistrations)
      .set({
        claimedAt: new Date(),
        claimCodeHash: null,
        claimCodeExpiresAt: null,
      })
      .where(eq(applicationRegistrations.applicationId, row.applicationId))
    return {
      ok: true as const,
      applicationId: row.applicationId,
      reference: row.reference ?? '',
    }
  })
}
