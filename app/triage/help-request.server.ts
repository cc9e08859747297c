import { and, eq, isNull } from 'drizzle-orm'
import { db, type DbOrTx } from '@db/client.server'
import { users } from '@db/schema/accounts'
import { helpRequestEvents, helpRequests, type HelpRequest } from '@db/schema/triage'
import { recordAccess } from '~/audit/audit.server'
import { absoluteUrl, dispatchMail, queueMail, type MailTemplate } from '~/mail/mail.server'
import { decryptField } from '~/privacy/field-crypto.server'
import { logger } from '~/utils/logger.server'
import type { ContactDetails } from './schemas'

/**
 * The triage chain: a survivor (or a guest with a private tracking link) asks for guidance;
 * a triage worker takes the request and becomes the fixed contact person until the survivor
 * is in care. Only the contact person sees contact details, notes and messages; every staff
 * view is written to the access log, with the survivor as subject when they have an account.
 *
 * This file holds what every use case of a request shares: loading it, the contact-person
 * guard, its timeline events and the mail that only says something happened.
 */

export type Worker = { id: string; roles: readonly string[] }

export const OPEN_STATUSES = ['new', 'inContact', 'referred'] as const

/** New, in contact or referred: still in the queue, and the survivor can still withdraw. */
export function isOpen(status: string) {
  return (OPEN_STATUSES as readonly string[]).includes(status)
}

export class TriageError extends Error {
  constructor(
    public code: 'notContact' | 'voicemailNotAllowed' | 'noConsent' | 'badState' | 'notTriageWorker' | 'alreadyTaken' | 'storyNotOwn',
  ) {
    super(code)
    this.name = 'TriageError'
  }
}

export function decryptContact(value: string): ContactDetails {
  return JSON.parse(decryptField(value)) as ContactDetails
}

export function actorOf(worker: Worker) {
  return { id: worker.id, roles: [...worker.roles] }
}

export async function afterCommitMail(mailIds: Array<string | null>) {
  for (const id of mailIds) {
    if (!id) continue
    // The outbox row is committed; if the queue is down, the requeue job sends it later.
    await dispatchMail(id).catch((err: unknown) => logger.warn({ err }, 'mail not queued yet; requeue will retry'))
  }
}

/** Mail (never content, only that something happened) to a survivor with an account. */
export async function notifySurvivor(request: HelpRequest, template: MailTemplate, tx: DbOrTx) {
  if (!request.userId) return null
  const [user] = await tx.select({ email: users.email, locale: users.locale, disabledAt: users.disabledAt }).from(users).where(eq(users.id, request.userId))
  if (!user || user.disabledAt) return null
  return queueMail({ to: user.email, userId: request.userId, template, locale: user.locale, params: { link: absoluteUrl(`/mijn-hulp/${request.id}`) } }, tx)
}

export async function addEvent(tx: DbOrTx, requestId: string, kind: (typeof helpRequestEvents.$inferInsert)['kind'], actorId: string | null, detail: Record<string, string> = {}) {
  await tx.insert(helpRequestEvents).values({ requestId, kind, actorId, detail })
}

export async function loadRequest(requestId: string, tx: DbOrTx = db) {
  if (!/^[0-9a-f-]{36}$/i.test(requestId)) return null
  const [row] = await tx.select().from(helpRequests).where(eq(helpRequests.id, requestId))
  return row ?? null
}

/** Loads a request the worker must be the contact person of; logs and throws otherwise. */
export async function requireContact(tx: DbOrTx, worker: Worker, requestId: string, ip?: string | null) {
  const r = await loadRequest(requestId, tx)
  if (!r) throw new TriageError('badState')
  if (r.contactPersonId !== worker.id) {
    await recordAccess({ actor: actorOf(worker), action: 'helpRequest.change', objectType: 'helpRequest', objectId: r.id, subjectId: r.userId, purpose: 'triage', outcome: 'denied', ip })
    throw new TriageError('notContact')
  }
  return r
}

/** Reaching the survivor (by a logged attempt or a portal message) is first contact, once. */
export async function markFirstContact(tx: DbOrTx, r: HelpRequest, workerId: string) {
  if (r.firstContactAt) return
  await tx
    .update(helpRequests)
    .set({ firstContactAt: new Date(), status: r.status === 'new' ? 'inContact' : r.status })
    .where(and(eq(helpRequests.id, r.id), isNull(helpRequests.firstContactAt)))
  await addEvent(tx, r.id, 'firstContact', workerId)
}
