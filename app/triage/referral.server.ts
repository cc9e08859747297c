import { and, asc, eq, inArray } from 'drizzle-orm'
import { db, type DbOrTx } from '@db/client.server'
import { helpReferrals, helpRequests, type HelpRequest } from '@db/schema/triage'
import { recordAccess } from '~/audit/audit.server'
import { grantConsent, hasConsent, withdrawConsent } from '~/consent/consent.server'
import type { ConsentPurpose } from '~/consent/texts'
import type { Lng } from '~/i18n/config'
import { getReferralTarget, getReferralTargetNames } from '~/referrals/for-triage.server'
import { actorOf, addEvent, afterCommitMail, isOpen, notifySurvivor, requireContact, TriageError, type Worker } from './help-request.server'
import type { ShareableField } from './schemas'

/**
 * Referral, from both sides: the contact person proposes an organisation with exactly the
 * fields to share; it is shared only once the consent ledger holds the survivor's consent
 * for that organisation, given in the portal or recorded by the worker in a conversation.
 */

/** The referral consent: the shared purpose, on the request, per organisation. */
export const REFERRAL_PURPOSE: ConsentPurpose = 'referral.shareWithOrganisation'
/** Consent object id for one organisation: `<requestId>:<entryId>` (the ledger keys on it). */
export function referralConsentObjectId(requestId: string, entryId: string) {
  return `${requestId}:${entryId}`
}

/**
 * The referrals of these requests in the order they were made, each with the name and slug of
 * the organisation (read from the directory's owner, app/referrals).
 */
export async function listReferralsWithNames({ requestIds, tx = db }: { requestIds: string[]; tx?: DbOrTx }) {
  if (requestIds.length === 0) return []
  const rows = await tx.select().from(helpReferrals).where(inArray(helpReferrals.requestId, requestIds)).orderBy(asc(helpReferrals.createdAt))
  const names = await getReferralTargetNames({ entryIds: rows.map((r) => r.entryId), tx })
  return rows.map((r) => ({ ...r, fields: r.fields as ShareableField[], name: names.get(r.entryId)?.name ?? '', slug: names.get(r.entryId)?.slug ?? '' }))
}

const FOLLOW_UP_DAYS = 14
const DAY_MS = 24 * 60 * 60 * 1000

/**
 * Marks a referral as shared, only when the ledger holds the survivor's consent for this
 * organisation. The worker stays the contact person; a follow-up is due in two weeks.
 */
async function shareReferral(tx: DbOrTx, request: HelpRequest, referralId: string, entryId: string, actorId: string | null) {
  const consented = await hasConsent(
    { subjectRef: request.subjectRef, objectType: 'helpRequest', objectId: referralConsentObjectId(request.id, entryId), purpose: REFERRAL_PURPOSE },
    tx,
  )
  if (!consented) throw new TriageError('noConsent')
  const now = new Date()
  await tx.update(helpReferrals).set({ status: 'shared', sharedAt: now }).where(eq(helpReferrals.id, referralId))
  await tx
    .update(helpRequests)
    .set({ status: 'referred', referredAt: now, followUpDueAt: new Date(now.getTime() + FOLLOW_UP_DAYS * DAY_MS), followUpFlaggedAt: null })
    .where(eq(helpRequests.id, request.id))
  await addEvent(tx, request.id, 'referred', actorId, { entryId })
}

/**
 * Proposes a referral with exactly these fields. When the survivor agreed in a conversation,
 * the worker records that consent (channel 'staffRecorded') and it is shared at once;
 * otherwise the survivor answers in the portal.
 */
export async function proposeReferral({
  worker,
  requestId,
  entryId,
  fields,
  consentGivenByPhone,
  ip,
}: {
  worker: Worker
  requestId: string
  entryId: string
  fields: ShareableField[]
  consentGivenByPhone: boolean
  ip?: string | null
}) {
  const mailIds = await db.transaction(async (tx) => {
    const r = await requireContact(tx, worker, requestId, ip)
    if (!isOpen(r.status)) throw new TriageError('badState')
    if (!(await getReferralTarget({ entryId, tx }))) throw new TriageError('badState')
    const [referral] = await tx.insert(helpReferrals).values({ requestId, entryId, fields, proposedBy: worker.id }).returning({ id: helpReferrals.id })
    if (consentGivenByPhone) {
      await grantConsent(
        { subjectRef: r.subjectRef, userId: r.userId, objectType: 'helpRequest', objectId: referralConsentObjectId(r.id, entryId), purpose: REFERRAL_PURPOSE, locale: r.locale, channel: 'staffRecorded', recordedBy: worker.id },
        tx,
      )
      await shareReferral(tx, r, referral!.id, entryId, worker.id)
    } else {
      await addEvent(tx, r.id, 'referralProposed', worker.id, { entryId })
    }
    await recordAccess({ actor: actorOf(worker), action: 'helpRequest.refer', objectType: 'helpRequest', objectId: r.id, subjectId: r.userId, purpose: 'triage', outcome: 'success', ip }, tx)
    return [await notifySurvivor(r, 'statusChanged', tx)]
  })
  await afterCommitMail(mailIds)
}

/** The survivor's answer to a proposed referral: agreeing records consent and shares. */
export async function answerReferral({ request, referralId, agree, locale }: { request: HelpRequest; referralId: string; agree: boolean; locale: Lng }) {
  if (!isOpen(request.status)) throw new TriageError('badState')
  await db.transaction(async (tx) => {
    const [referral] = await tx
      .select()
      .from(helpReferrals)
      .where(and(eq(helpReferrals.id, referralId), eq(helpReferrals.requestId, request.id), eq(helpReferrals.status, 'proposed')))
    if (!referral) throw new TriageError('badState')
    if (!agree) {
      await tx.update(helpReferrals).set({ status: 'declined' }).where(eq(helpReferrals.id, referral.id))
      return
    }
    await grantConsent(
      { subjectRef: request.subjectRef, userId: request.userId, objectType: 'helpRequest', objectId: referralConsentObjectId(request.id, referral.entryId), purpose: REFERRAL_PURPOSE, locale, channel: 'web' },
      tx,
    )
    await shareReferral(tx, request, referral.id, referral.entryId, null)
  })
}

/** The survivor withdraws their consent for one organisation: nothing more goes there. */
export async function withdrawReferralConsent({ request, referralId, locale }: { request: HelpRequest; referralId: string; locale: Lng }) {
  const [referral] = await db.select().from(helpReferrals).where(and(eq(helpReferrals.id, referralId), eq(helpReferrals.requestId, request.id)))
  if (!referral) throw new TriageError('badState')
  await withdrawConsent({ subjectRef: request.subjectRef, userId: request.userId, objectType: 'helpRequest', objectId: referralConsentObjectId(request.id, referral.entryId), purpose: REFERRAL_PURPOSE, locale, channel: 'web' })
}
