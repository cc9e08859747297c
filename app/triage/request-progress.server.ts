import { and, eq, isNull, lte } from 'drizzle-orm'
import { db } from '@db/client.server'
import { helpContactAttempts, helpNotes, helpRequests, type HelpRequest } from '@db/schema/triage'
import { encryptField } from '~/privacy/field-crypto.server'
import { addEvent, afterCommitMail, isOpen, markFirstContact, notifySurvivor, requireContact, TriageError, type Worker } from './help-request.server'
import type { AttemptOutcome, ContactChannelChoice } from './schemas'

/** A request on its way: contact attempts and notes, in care, closed, withdrawn, follow-ups due. */

/** Records a contact attempt. A voicemail is refused when the survivor said no; reaching them is first contact. */
export async function logContactAttempt({ worker, requestId, channel, outcome, ip }: { worker: Worker; requestId: string; channel: ContactChannelChoice; outcome: AttemptOutcome; ip?: string | null }) {
  await db.transaction(async (tx) => {
    const r = await requireContact(tx, worker, requestId, ip)
    if (outcome === 'voicemailLeft' && !r.voicemailAllowed) throw new TriageError('voicemailNotAllowed')
    await tx.insert(helpContactAttempts).values({ requestId, workerId: worker.id, channel, outcome })
    if (outcome === 'reached') await markFirstContact(tx, r, worker.id)
  })
}

export async function addNote({ worker, requestId, body, ip }: { worker: Worker; requestId: string; body: string; ip?: string | null }) {
  await db.transaction(async (tx) => {
    await requireContact(tx, worker, requestId, ip)
    await tx.insert(helpNotes).values({ requestId, authorId: worker.id, bodyEncrypted: encryptField(body) })
  })
}

export async function markInCare({ worker, requestId, ip }: { worker: Worker; requestId: string; ip?: string | null }) {
  const mailIds = await db.transaction(async (tx) => {
    const r = await requireContact(tx, worker, requestId, ip)
    if (!isOpen(r.status)) throw new TriageError('badState')
    await tx.update(helpRequests).set({ status: 'inCare', inCareAt: new Date(), followUpDueAt: null, followUpFlaggedAt: null }).where(eq(helpRequests.id, r.id))
    await addEvent(tx, r.id, 'inCare', worker.id)
    return [await notifySurvivor(r, 'statusChanged', tx)]
  })
  await afterCommitMail(mailIds)
}

export async function closeRequest({ worker, requestId, reason, ip }: { worker: Worker; requestId: string; reason: string; ip?: string | null }) {
  const mailIds = await db.transaction(async (tx) => {
    const r = await requireContact(tx, worker, requestId, ip)
    if (r.status === 'closed' || r.status === 'withdrawn') throw new TriageError('badState')
    await tx.update(helpRequests).set({ status: 'closed', closeReason: reason, endedAt: new Date(), followUpDueAt: null }).where(eq(helpRequests.id, r.id))
    await addEvent(tx, r.id, 'closed', worker.id, { reason })
    return [await notifySurvivor(r, 'statusChanged', tx)]
  })
  await afterCommitMail(mailIds)
}

/** The survivor stops the request at any time; it leaves the queue and the timeline says so. */
export async function withdrawRequest({ request }: { request: HelpRequest }) {
  if (!isOpen(request.status)) return { changed: false }
  await db.transaction(async (tx) => {
    await tx.update(helpRequests).set({ status: 'withdrawn', endedAt: new Date() }).where(eq(helpRequests.id, request.id))
    await addEvent(tx, request.id, 'withdrawn', request.userId)
  })
  return { changed: true }
}

/**
 * The reminder job: referrals without "in care" two weeks on are flagged, so the contact
 * person sees them as due on their queue and dashboard. Returns how many were flagged.
 */
export async function flagDueFollowUps({ now = new Date() }: { now?: Date } = {}) {
  const flagged = await db
    .update(helpRequests)
    .set({ followUpFlaggedAt: now })
    .where(and(eq(helpRequests.status, 'referred'), isNull(helpRequests.followUpFlaggedAt), lte(helpRequests.followUpDueAt, now)))
    .returning({ id: helpRequests.id })
  return flagged.length
}
