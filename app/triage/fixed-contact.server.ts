import { and, asc, eq, inArray, isNull } from 'drizzle-orm'
import { db } from '@db/client.server'
import { userRoles, users } from '@db/schema/accounts'
import { helpMessages, helpRequests } from '@db/schema/triage'
import { recordAccess } from '~/audit/audit.server'
import { i18next } from '~/i18n/i18next.server'
import { encryptField } from '~/privacy/field-crypto.server'
import { firstNameOf } from './contact'
import { actorOf, addEvent, afterCommitMail, isOpen, loadRequest, notifySurvivor, OPEN_STATUSES, requireContact, TriageError, type Worker } from './help-request.server'

/** Who the fixed contact person is: taking a request, handing it on, taking it over. */

/** Taking an unassigned request makes the worker its fixed contact person. */
export async function takeRequest({ worker, requestId, ip }: { worker: Worker; requestId: string; ip?: string | null }) {
  const mailIds = await db.transaction(async (tx) => {
    const taken = await tx
      .update(helpRequests)
      .set({ contactPersonId: worker.id, takenAt: new Date() })
      .where(and(eq(helpRequests.id, requestId), isNull(helpRequests.contactPersonId), inArray(helpRequests.status, [...OPEN_STATUSES])))
      .returning()
    if (!taken[0]) throw new TriageError('alreadyTaken')
    await addEvent(tx, requestId, 'taken', worker.id)
    await recordAccess({ actor: actorOf(worker), action: 'helpRequest.take', objectType: 'helpRequest', objectId: requestId, subjectId: taken[0].userId, purpose: 'triage', outcome: 'success', ip }, tx)
    return [await notifySurvivor(taken[0], 'statusChanged', tx)]
  })
  await afterCommitMail(mailIds)
}

/** Hands the request to another triage worker (or to oneself: a take-over). The survivor is told. */
export async function transferRequest({ worker, requestId, toWorkerId, ip, takeOver = false }: { worker: Worker; requestId: string; toWorkerId: string; ip?: string | null; takeOver?: boolean }) {
  const mailIds = await db.transaction(async (tx) => {
    const r = takeOver ? await loadRequest(requestId, tx) : await requireContact(tx, worker, requestId, ip)
    if (!r || !isOpen(r.status)) throw new TriageError('badState')
    const [isTriage] = await tx
      .select({ id: users.id })
      .from(users)
      .innerJoin(userRoles, eq(userRoles.userId, users.id))
      .where(and(eq(users.id, toWorkerId), eq(userRoles.role, 'triage'), isNull(users.disabledAt)))
    if (!isTriage) throw new TriageError('notTriageWorker')
    if (r.contactPersonId === toWorkerId) return []
    await tx.update(helpRequests).set({ contactPersonId: toWorkerId, takenAt: r.takenAt ?? new Date() }).where(eq(helpRequests.id, r.id))
    await addEvent(tx, r.id, 'transferred', worker.id)
    await recordAccess(
      { actor: actorOf(worker), action: takeOver ? 'helpRequest.takeOver' : 'helpRequest.transfer', objectType: 'helpRequest', objectId: r.id, subjectId: r.userId, purpose: 'triage', outcome: 'success', ip },
      tx,
    )
    // A portal message from the new contact person, in the survivor's language, says who it is now.
    const [next] = await tx.select({ displayName: users.displayName }).from(users).where(eq(users.id, toWorkerId))
    const t = await i18next.getFixedT(r.locale, 'triage')
    const body = t('mine.transferMessage', { name: firstNameOf(next?.displayName) ?? '' })
    await tx.insert(helpMessages).values({ requestId: r.id, fromSurvivor: false, senderId: toWorkerId, bodyEncrypted: encryptField(body) })
    return [await notifySurvivor(r, 'statusChanged', tx)]
  })
  await afterCommitMail(mailIds)
}

/** Active triage workers, for the transfer list. */
export async function listTriageWorkers() {
  return db
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(eq(userRoles.role, 'triage'), isNull(users.disabledAt)))
    .orderBy(asc(users.displayName))
}
