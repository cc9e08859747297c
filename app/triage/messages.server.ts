import { and, asc, eq, gte } from 'drizzle-orm'
import { db, type Tx } from '@db/client.server'
import { helpMessages, helpRequests, type HelpRequest } from '@db/schema/triage'
import { decryptField, encryptField } from '~/privacy/field-crypto.server'
import { afterCommitMail, isOpen, markFirstContact, notifySurvivor, requireContact, TriageError, type Worker } from './help-request.server'

/** The same text from the same side of a request within this many seconds is one message, not two. */
export const REPEAT_MESSAGE_SECONDS = 30

/**
 * Adds a secure message unless the same side sent the very same text moments ago: a double
 * click, or a form sent again after a slow answer, must not reach the other person twice. The
 * request row is locked first, so two submits arriving together are taken one after the other
 * and the second sees the first. Returns false for such a repeat (nothing written).
 */
async function addMessageOnce(
  tx: Tx,
  { requestId, fromSurvivor, senderId, body, now }: { requestId: string; fromSurvivor: boolean; senderId: string | null; body: string; now: Date },
) {
  await tx.select({ id: helpRequests.id }).from(helpRequests).where(eq(helpRequests.id, requestId)).for('update')
  const recent = await tx
    .select({ body: helpMessages.bodyEncrypted })
    .from(helpMessages)
    .where(
      and(
        eq(helpMessages.requestId, requestId),
        eq(helpMessages.fromSurvivor, fromSurvivor),
        gte(helpMessages.createdAt, new Date(now.getTime() - REPEAT_MESSAGE_SECONDS * 1000)),
      ),
    )
  if (recent.some((m) => decryptField(m.body) === body)) return false
  await tx.insert(helpMessages).values({ requestId, fromSurvivor, senderId, bodyEncrypted: encryptField(body) })
  return true
}

/** A message from the survivor to their contact person. False when it repeats one just sent (see `addMessageOnce`). */
export async function sendSurvivorMessage({ request, body, now = new Date() }: { request: HelpRequest; body: string; now?: Date }) {
  if (!isOpen(request.status) && request.status !== 'inCare') throw new TriageError('badState')
  return db.transaction((tx) => addMessageOnce(tx, { requestId: request.id, fromSurvivor: true, senderId: request.userId, body, now }))
}

/** A secure message to the survivor. The mail only says there is a message. Reaching them in the portal is first contact. */
export async function sendWorkerMessage({ worker, requestId, body, ip, now = new Date() }: { worker: Worker; requestId: string; body: string; ip?: string | null; now?: Date }) {
  const mailIds = await db.transaction(async (tx) => {
    const r = await requireContact(tx, worker, requestId, ip)
    // A repeat of the message just sent: no second message, and no second mail.
    if (!(await addMessageOnce(tx, { requestId, fromSurvivor: false, senderId: worker.id, body, now }))) return []
    await markFirstContact(tx, r, worker.id)
    return [await notifySurvivor(r, 'newMessage', tx)]
  })
  await afterCommitMail(mailIds)
}

/** The messages of a request, oldest first, decrypted for the survivor's or the contact person's page. */
export async function listMessages({ requestId }: { requestId: string }) {
  const rows = await db.select().from(helpMessages).where(eq(helpMessages.requestId, requestId)).orderBy(asc(helpMessages.createdAt))
  return rows.map((m) => ({ id: m.id, fromSurvivor: m.fromSurvivor, body: decryptField(m.bodyEncrypted), at: m.createdAt.toISOString() }))
}
