import { createHash, randomBytes } from 'node:crypto'
import { and, asc, desc, eq, gte, inArray, isNull, lte } from 'drizzle-orm'
import { db, type DbOrTx, type Tx } from '@db/client.server'
import { userRoles, users } from '@db/schema/accounts'
import { stories } from '@db/schema/monument'
import { directoryEntries } from '@db/schema/referrals'
import { helpContactAttempts, helpMessages, helpNotes, helpReferrals, helpRequestEvents, helpRequests, type HelpRequest } from '@db/schema/triage'
import { recordAccess } from '~/audit/audit.server'
import { createGuestSubjectRef, grantConsent, hasConsent, withdrawConsent } from '~/consent/consent.server'
import { isConsentPurpose, type ConsentPurpose } from '~/consent/texts'
import type { Lng } from '~/i18n/config'
import { i18next } from '~/i18n/i18next.server'
import { absoluteUrl, dispatchMail, queueMail, type MailTemplate } from '~/mail/mail.server'
import { decryptField, encryptField } from '~/privacy/field-crypto.server'
import { logger } from '~/utils/logger.server'
import { addWorkingDays, firstNameOf, formatPhone } from './contact'
import type { AskGuidance, AttemptOutcome, ContactChannelChoice, ContactDetails, ShareableField } from './schemas'

/**
 * The triage chain: a survivor (or a guest with a private tracking link) asks for guidance;
 * a triage worker takes the request and becomes the fixed contact person until the survivor
 * is in care. Only the contact person sees contact details, notes and messages; every staff
 * view is written to the access log, with the survivor as subject when they have an account.
 */

export type Worker = { id: string; roles: readonly string[] }
type Actor = { id: string; roles: string[] }

/** The referral consent: the shared purpose, on the request, per organisation. */
export const REFERRAL_PURPOSE: ConsentPurpose = 'referral.shareWithOrganisation'
/** Consent object id for one organisation: `<requestId>:<entryId>` (the ledger keys on it). */
export function referralConsentObjectId(requestId: string, entryId: string) {
  return `${requestId}:${entryId}`
}

/**
 * Consent for processing the request itself. The purpose is not yet in app/consent/texts.ts
 * (owned elsewhere); until it is, the request is processed on the form's explicit agreement
 * and no ledger event is written for it.
 */
const PROCESSING_PURPOSE = 'triage.processRequest'

export const FOLLOW_UP_DAYS = 14
const DAY_MS = 24 * 60 * 60 * 1000
const OPEN_STATUSES = ['new', 'inContact', 'referred'] as const

export class TriageError extends Error {
  constructor(
    public code: 'notContact' | 'voicemailNotAllowed' | 'noConsent' | 'badState' | 'notTriageWorker' | 'alreadyTaken' | 'storyNotOwn',
  ) {
    super(code)
    this.name = 'TriageError'
  }
}

function hashGuestToken(token: string) {
  return createHash('sha256').update(token).digest('hex')
}

function decryptContact(value: string): ContactDetails {
  return JSON.parse(decryptField(value)) as ContactDetails
}

function actorOf(worker: Worker): Actor {
  return { id: worker.id, roles: [...worker.roles] }
}

async function afterCommitMail(mailIds: Array<string | null>) {
  for (const id of mailIds) {
    if (!id) continue
    // The outbox row is committed; if the queue is down, the requeue job sends it later.
    await dispatchMail(id).catch((err: unknown) => logger.warn({ err }, 'mail not queued yet; requeue will retry'))
  }
}

/** Mail (never content, only that something happened) to a survivor with an account. */
async function notifySurvivor(request: HelpRequest, template: MailTemplate, tx: DbOrTx) {
  if (!request.userId) return null
  const [user] = await tx.select({ email: users.email, locale: users.locale, disabledAt: users.disabledAt }).from(users).where(eq(users.id, request.userId))
  if (!user || user.disabledAt) return null
  return queueMail({ to: user.email, userId: request.userId, template, locale: user.locale, params: { link: absoluteUrl(`/mijn-hulp/${request.id}`) } }, tx)
}

async function addEvent(tx: DbOrTx, requestId: string, kind: (typeof helpRequestEvents.$inferInsert)['kind'], actorId: string | null, detail: Record<string, string> = {}) {
  await tx.insert(helpRequestEvents).values({ requestId, kind, actorId, detail })
}

// ---------------------------------------------------------------- the survivor's side

/**
 * Creates a request. A guest gets a random tracking token (returned once; only its hash is
 * stored). The story link is kept only when the story is the person's own.
 */
export async function createHelpRequest({ input, userId, locale }: { input: AskGuidance; userId: string | null; locale: Lng }) {
  const guestToken = userId ? null : randomBytes(24).toString('base64url')
  const contact: ContactDetails = {
    phone: input.phone,
    email: input.email,
    street: input.street,
    postcode: input.postcode,
    town: input.town,
    safeTimes: input.safeTimes,
    neutralName: input.neutralName,
  }
  const id = await db.transaction(async (tx) => {
    let storyId: string | null = null
    if (input.storyId) {
      if (!userId) throw new TriageError('storyNotOwn')
      const [own] = await tx.select({ id: stories.id }).from(stories).where(and(eq(stories.id, input.storyId), eq(stories.authorId, userId)))
      if (!own) throw new TriageError('storyNotOwn')
      storyId = own.id
    }
    const subjectRef = userId ?? createGuestSubjectRef()
    const [row] = await tx
      .insert(helpRequests)
      .values({
        userId,
        subjectRef,
        guestTokenHash: guestToken ? hashGuestToken(guestToken) : null,
        needs: input.needs,
        contactChannel: input.channel,
        contactEncrypted: encryptField(JSON.stringify(contact)),
        voicemailAllowed: input.channel === 'phone' ? input.voicemail === 'yes' : false,
        language: input.language,
        interpreter: input.interpreter,
        setting: input.setting ?? null,
        decade: input.decade ?? null,
        region: input.region ?? null,
        storyId,
        locale,
      })
      .returning({ id: helpRequests.id })
    await addEvent(tx, row!.id, 'created', userId)
    if (isConsentPurpose(PROCESSING_PURPOSE)) {
      await grantConsent({ subjectRef, userId, objectType: 'helpRequest', objectId: row!.id, purpose: PROCESSING_PURPOSE, locale, channel: 'web' }, tx)
    }
    return row!.id
  })
  return { id, guestToken }
}

/** A guest's request by their tracking token, or null (an unknown token looks like no request). */
export async function getRequestByGuestToken({ token }: { token: string }) {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null
  const [row] = await db.select().from(helpRequests).where(eq(helpRequests.guestTokenHash, hashGuestToken(token)))
  return row ?? null
}

/** A survivor's own request, or null: another person's request is never found. */
export async function getOwnRequest({ requestId, userId }: { requestId: string; userId: string }) {
  if (!/^[0-9a-f-]{36}$/i.test(requestId)) return null
  const [row] = await db.select().from(helpRequests).where(and(eq(helpRequests.id, requestId), eq(helpRequests.userId, userId)))
  return row ?? null
}

export async function listOwnRequests({ userId }: { userId: string }) {
  return db
    .select({ id: helpRequests.id, status: helpRequests.status, needs: helpRequests.needs, createdAt: helpRequests.createdAt })
    .from(helpRequests)
    .where(eq(helpRequests.userId, userId))
    .orderBy(desc(helpRequests.createdAt))
}

/** The survivor's own stories, to link one to a request. */
export async function listOwnStories({ userId }: { userId: string }) {
  return db.select({ id: stories.id, title: stories.title }).from(stories).where(eq(stories.authorId, userId)).orderBy(desc(stories.createdAt))
}

export type SurvivorView = Awaited<ReturnType<typeof getSurvivorView>>

/**
 * What the survivor sees: the timeline, their contact person's first name, the messages,
 * referrals waiting for their answer, and what was shared with whom (from the consent ledger).
 * Notes and contact attempts are staff work and never shown here.
 */
export async function getSurvivorView({ request, locale }: { request: HelpRequest; locale: Lng }) {
  const [contact] = request.contactPersonId
    ? await db.select({ displayName: users.displayName }).from(users).where(eq(users.id, request.contactPersonId))
    : []
  const events = await db
    .select({ kind: helpRequestEvents.kind, occurredAt: helpRequestEvents.occurredAt, detail: helpRequestEvents.detail })
    .from(helpRequestEvents)
    .where(eq(helpRequestEvents.requestId, request.id))
    .orderBy(asc(helpRequestEvents.occurredAt), asc(helpRequestEvents.id))
  const messages = await db
    .select({ id: helpMessages.id, fromSurvivor: helpMessages.fromSurvivor, body: helpMessages.bodyEncrypted, createdAt: helpMessages.createdAt })
    .from(helpMessages)
    .where(eq(helpMessages.requestId, request.id))
    .orderBy(asc(helpMessages.createdAt))
  const referrals = await db
    .select({ id: helpReferrals.id, entryId: helpReferrals.entryId, status: helpReferrals.status, fields: helpReferrals.fields, sharedAt: helpReferrals.sharedAt, name: directoryEntries.name, slug: directoryEntries.slug })
    .from(helpReferrals)
    .innerJoin(directoryEntries, eq(directoryEntries.id, helpReferrals.entryId))
    .where(eq(helpReferrals.requestId, request.id))
    .orderBy(asc(helpReferrals.createdAt))
  const shared = []
  for (const r of referrals.filter((x) => x.status === 'shared')) {
    const granted = await hasConsent({ subjectRef: request.subjectRef, objectType: 'helpRequest', objectId: referralConsentObjectId(request.id, r.entryId), purpose: REFERRAL_PURPOSE })
    shared.push({ ...r, consentActive: granted })
  }
  const entryNames = new Map(referrals.map((r) => [r.entryId, r.name]))
  return {
    id: request.id,
    status: request.status,
    needs: request.needs,
    createdAt: request.createdAt.toISOString(),
    locale,
    contactFirstName: firstNameOf(contact?.displayName),
    timeline: events.map((e) => ({ kind: e.kind, at: e.occurredAt.toISOString(), organisation: e.detail.entryId ? (entryNames.get(e.detail.entryId) ?? null) : null })),
    messages: messages.map((m) => ({ id: m.id, fromSurvivor: m.fromSurvivor, body: decryptField(m.body), at: m.createdAt.toISOString() })),
    proposals: referrals.filter((r) => r.status === 'proposed').map((r) => ({ id: r.id, name: r.name, slug: r.slug, fields: r.fields as ShareableField[] })),
    shared: shared.map((r) => ({ id: r.id, name: r.name, slug: r.slug, fields: r.fields as ShareableField[], sharedAt: r.sharedAt?.toISOString() ?? null, consentActive: r.consentActive })),
    open: (OPEN_STATUSES as readonly string[]).includes(request.status),
  }
}

/** The survivor stops the request at any time; it leaves the queue and the timeline says so. */
export async function withdrawRequest({ request }: { request: HelpRequest }) {
  if (!(OPEN_STATUSES as readonly string[]).includes(request.status)) return { changed: false }
  await db.transaction(async (tx) => {
    await tx.update(helpRequests).set({ status: 'withdrawn', endedAt: new Date() }).where(eq(helpRequests.id, request.id))
    await addEvent(tx, request.id, 'withdrawn', request.userId)
  })
  return { changed: true }
}

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
  if (!(OPEN_STATUSES as readonly string[]).includes(request.status) && request.status !== 'inCare') throw new TriageError('badState')
  return db.transaction((tx) => addMessageOnce(tx, { requestId: request.id, fromSurvivor: true, senderId: request.userId, body, now }))
}

/** The survivor's answer to a proposed referral: agreeing records consent and shares. */
export async function answerReferral({ request, referralId, agree, locale }: { request: HelpRequest; referralId: string; agree: boolean; locale: Lng }) {
  if (!(OPEN_STATUSES as readonly string[]).includes(request.status)) throw new TriageError('badState')
  const mailIds = await db.transaction(async (tx) => {
    const [referral] = await tx
      .select()
      .from(helpReferrals)
      .where(and(eq(helpReferrals.id, referralId), eq(helpReferrals.requestId, request.id), eq(helpReferrals.status, 'proposed')))
    if (!referral) throw new TriageError('badState')
    if (!agree) {
      await tx.update(helpReferrals).set({ status: 'declined' }).where(eq(helpReferrals.id, referral.id))
      return []
    }
    await grantConsent(
      { subjectRef: request.subjectRef, userId: request.userId, objectType: 'helpRequest', objectId: referralConsentObjectId(request.id, referral.entryId), purpose: REFERRAL_PURPOSE, locale, channel: 'web' },
      tx,
    )
    await shareReferral(tx, request, referral.id, referral.entryId, null)
    return []
  })
  await afterCommitMail(mailIds)
}

/** The survivor withdraws their consent for one organisation: nothing more goes there. */
export async function withdrawReferralConsent({ request, referralId, locale }: { request: HelpRequest; referralId: string; locale: Lng }) {
  const [referral] = await db.select().from(helpReferrals).where(and(eq(helpReferrals.id, referralId), eq(helpReferrals.requestId, request.id)))
  if (!referral) throw new TriageError('badState')
  await withdrawConsent({ subjectRef: request.subjectRef, userId: request.userId, objectType: 'helpRequest', objectId: referralConsentObjectId(request.id, referral.entryId), purpose: REFERRAL_PURPOSE, locale, channel: 'web' })
}

// ---------------------------------------------------------------- referral (shared by both sides)

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

// ---------------------------------------------------------------- the triage worker's side

export type QueueRow = {
  id: string
  needs: string[]
  language: string
  status: string
  createdAt: string
  mine: boolean
  taken: boolean
  overdueFirstContact: boolean
  followUpDue: boolean
}

/**
 * The queue, oldest first, with minimal details only: needs, age, language, status. Who has
 * taken a request shows as "mine" or "taken"; contact details never appear here.
 */
export async function listQueue({ worker, now = new Date(), ip }: { worker: Worker; now?: Date; ip?: string | null }): Promise<QueueRow[]> {
  // The queue shows minimal facts about many people at once: one log row for the listing.
  await recordAccess({ actor: actorOf(worker), action: 'helpRequest.listQueue', objectType: 'helpRequestQueue', subjectId: null, purpose: 'triage', outcome: 'success', ip })
  const rows = await db
    .select({
      id: helpRequests.id,
      needs: helpRequests.needs,
      language: helpRequests.language,
      status: helpRequests.status,
      createdAt: helpRequests.createdAt,
      contactPersonId: helpRequests.contactPersonId,
      firstContactAt: helpRequests.firstContactAt,
      followUpDueAt: helpRequests.followUpDueAt,
      followUpFlaggedAt: helpRequests.followUpFlaggedAt,
    })
    .from(helpRequests)
    .where(inArray(helpRequests.status, [...OPEN_STATUSES]))
    .orderBy(asc(helpRequests.createdAt))
  return rows.map((r) => ({
    id: r.id,
    needs: r.needs,
    language: r.language,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
    mine: r.contactPersonId === worker.id,
    taken: r.contactPersonId !== null,
    overdueFirstContact: !r.firstContactAt && addWorkingDays(r.createdAt, 2) < now,
    followUpDue: r.status === 'referred' && (r.followUpFlaggedAt !== null || (r.followUpDueAt !== null && r.followUpDueAt <= now)),
  }))
}

async function loadRequest(requestId: string, tx: DbOrTx = db) {
  if (!/^[0-9a-f-]{36}$/i.test(requestId)) return null
  const [row] = await tx.select().from(helpRequests).where(eq(helpRequests.id, requestId))
  return row ?? null
}

function summaryOf(r: HelpRequest) {
  return {
    id: r.id,
    needs: r.needs,
    language: r.language,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
  }
}

export type StaffRequestView =
  | { access: 'unassigned' | 'foreign'; summary: ReturnType<typeof summaryOf> }
  | { access: 'mine'; summary: ReturnType<typeof summaryOf>; details: Awaited<ReturnType<typeof loadDetails>> }

async function loadDetails(r: HelpRequest) {
  const contact = decryptContact(r.contactEncrypted)
  const notes = await db.select().from(helpNotes).where(eq(helpNotes.requestId, r.id)).orderBy(asc(helpNotes.createdAt))
  const attempts = await db.select().from(helpContactAttempts).where(eq(helpContactAttempts.requestId, r.id)).orderBy(asc(helpContactAttempts.occurredAt))
  const messages = await db.select().from(helpMessages).where(eq(helpMessages.requestId, r.id)).orderBy(asc(helpMessages.createdAt))
  const referrals = await db
    .select({ id: helpReferrals.id, name: directoryEntries.name, status: helpReferrals.status, fields: helpReferrals.fields, sharedAt: helpReferrals.sharedAt })
    .from(helpReferrals)
    .innerJoin(directoryEntries, eq(directoryEntries.id, helpReferrals.entryId))
    .where(eq(helpReferrals.requestId, r.id))
  return {
    channel: r.contactChannel as ContactChannelChoice,
    contact: { ...contact, phone: contact.phone ? formatPhone(contact.phone) : undefined },
    voicemailAllowed: r.voicemailAllowed,
    interpreter: r.interpreter,
    setting: r.setting,
    decade: r.decade,
    region: r.region,
    hasStory: r.storyId !== null,
    guest: r.userId === null,
    followUpDue: r.status === 'referred' && r.followUpDueAt !== null && r.followUpDueAt <= new Date(),
    notes: notes.map((n) => ({ id: n.id, body: decryptField(n.bodyEncrypted), at: n.createdAt.toISOString() })),
    attempts: attempts.map((a) => ({ id: a.id, channel: a.channel, outcome: a.outcome, at: a.occurredAt.toISOString() })),
    messages: messages.map((m) => ({ id: m.id, fromSurvivor: m.fromSurvivor, body: decryptField(m.bodyEncrypted), at: m.createdAt.toISOString() })),
    referrals: referrals.map((x) => ({ ...x, sharedAt: x.sharedAt?.toISOString() ?? null })),
  }
}

/**
 * Opens a request for a triage worker. Only the contact person gets the details (contact,
 * notes, messages); anyone else sees the summary and a take-over action, and that attempt is
 * logged as denied. Every opening is logged. Null for an unknown id.
 */
export async function openRequestForStaff({ worker, requestId, ip }: { worker: Worker; requestId: string; ip?: string | null }): Promise<StaffRequestView | null> {
  const r = await loadRequest(requestId)
  if (!r) return null
  const base = { actor: actorOf(worker), objectType: 'helpRequest', objectId: r.id, subjectId: r.userId, purpose: 'triage', ip }
  if (r.contactPersonId === worker.id) {
    await recordAccess({ ...base, action: 'helpRequest.view', outcome: 'success' })
    return { access: 'mine', summary: summaryOf(r), details: await loadDetails(r) }
  }
  if (r.contactPersonId) {
    await recordAccess({ ...base, action: 'helpRequest.detailsAttempt', outcome: 'denied' })
    return { access: 'foreign', summary: summaryOf(r) }
  }
  await recordAccess({ ...base, action: 'helpRequest.viewSummary', outcome: 'success' })
  return { access: 'unassigned', summary: summaryOf(r) }
}

/** Loads a request the worker must be the contact person of; logs and throws otherwise. */
async function requireContact(tx: DbOrTx, worker: Worker, requestId: string, ip?: string | null) {
  const r = await loadRequest(requestId, tx)
  if (!r) throw new TriageError('badState')
  if (r.contactPersonId !== worker.id) {
    await recordAccess({ actor: actorOf(worker), action: 'helpRequest.change', objectType: 'helpRequest', objectId: r.id, subjectId: r.userId, purpose: 'triage', outcome: 'denied', ip })
    throw new TriageError('notContact')
  }
  return r
}

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
    if (!r || !(OPEN_STATUSES as readonly string[]).includes(r.status)) throw new TriageError('badState')
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

/** Records a contact attempt. A voicemail is refused when the survivor said no; reaching them is first contact. */
export async function logContactAttempt({ worker, requestId, channel, outcome, ip }: { worker: Worker; requestId: string; channel: ContactChannelChoice; outcome: AttemptOutcome; ip?: string | null }) {
  await db.transaction(async (tx) => {
    const r = await requireContact(tx, worker, requestId, ip)
    if (outcome === 'voicemailLeft' && !r.voicemailAllowed) throw new TriageError('voicemailNotAllowed')
    await tx.insert(helpContactAttempts).values({ requestId, workerId: worker.id, channel, outcome })
    if (outcome === 'reached') await markFirstContact(tx, r, worker.id)
  })
}

async function markFirstContact(tx: DbOrTx, r: HelpRequest, workerId: string) {
  if (r.firstContactAt) return
  await tx
    .update(helpRequests)
    .set({ firstContactAt: new Date(), status: r.status === 'new' ? 'inContact' : r.status })
    .where(and(eq(helpRequests.id, r.id), isNull(helpRequests.firstContactAt)))
  await addEvent(tx, r.id, 'firstContact', workerId)
}

export async function addNote({ worker, requestId, body, ip }: { worker: Worker; requestId: string; body: string; ip?: string | null }) {
  await db.transaction(async (tx) => {
    await requireContact(tx, worker, requestId, ip)
    await tx.insert(helpNotes).values({ requestId, authorId: worker.id, bodyEncrypted: encryptField(body) })
  })
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
    if (!(OPEN_STATUSES as readonly string[]).includes(r.status)) throw new TriageError('badState')
    const [entry] = await tx.select({ id: directoryEntries.id }).from(directoryEntries).where(and(eq(directoryEntries.id, entryId), eq(directoryEntries.published, true)))
    if (!entry) throw new TriageError('badState')
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

/** Shares a referral that is waiting, only when consent is in the ledger (throws 'noConsent' otherwise). */
export async function completeReferral({ worker, referralId, ip }: { worker: Worker; referralId: string; ip?: string | null }) {
  await db.transaction(async (tx) => {
    const [referral] = await tx.select().from(helpReferrals).where(and(eq(helpReferrals.id, referralId), eq(helpReferrals.status, 'proposed')))
    if (!referral) throw new TriageError('badState')
    const r = await requireContact(tx, worker, referral.requestId, ip)
    await shareReferral(tx, r, referral.id, referral.entryId, worker.id)
  })
}

export async function markInCare({ worker, requestId, ip }: { worker: Worker; requestId: string; ip?: string | null }) {
  const mailIds = await db.transaction(async (tx) => {
    const r = await requireContact(tx, worker, requestId, ip)
    if (!(OPEN_STATUSES as readonly string[]).includes(r.status)) throw new TriageError('badState')
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

/** Active triage workers, for the transfer list. */
export async function listTriageWorkers() {
  return db
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(eq(userRoles.role, 'triage'), isNull(users.disabledAt)))
    .orderBy(asc(users.displayName))
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
