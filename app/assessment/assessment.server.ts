import { and, asc, count, desc, eq, inArray, isNotNull, isNull, lte, ne, notInArray, sql } from 'drizzle-orm'
import { z } from 'zod'
import { db, type DbOrTx, type Tx } from '@db/client.server'
import { users } from '@db/schema/accounts'
import { assessmentChecklists, assessmentNotes, assessments, conflictsOfInterest, handoffOutbox, ASSESSMENT_OUTCOMES } from '@db/schema/assessment'
import { storedFiles } from '@db/schema/files'
import { stories } from '@db/schema/monument'
import { applicationDocuments, applicationEvents, applications, applicationStatusEnum, informationRequests, schemes, type ApplicationStatus } from '@db/schema/scheme'
import { recordAccess, type AuditActor } from '~/audit/audit.server'
import { hasConsent } from '~/consent/consent.server'
import { enqueue } from '~/jobs/publisher.server'
import { dispatchMail } from '~/mail/mail.server'
import { decryptField } from '~/privacy/field-crypto.server'
import { createInformationRequest, decryptSurvivorIdentity } from '~/scheme/applications.server'
import { toSchemeDate } from '~/scheme/dates'
import { precheckEligibility, type Warning } from '~/scheme/eligibility'
import { maskBsn, maskIban } from '~/scheme/identifiers'
import { decisionDeadline, SchemeConfigSchema, type SchemeConfig } from '~/scheme/scheme-config'
import { logger } from '~/utils/logger.server'
import { AUTHORISATION_DOCUMENT_TYPE, checklistItemsFor, CHECKLIST_ITEMS, readAnswers } from './answers'
import { buildFrozenCases } from './case-builder-v2.server'
import { listDuplicateLinks } from './duplicates.server'
import { handoffWebhookId, sealFrozenCase } from './handoff.server'

/**
 * Assessment of scheme applications by assessors: the queue, the case view, questions to
 * the applicant, notes, a proposal and its four-eyes confirmation, and conflicts of
 * interest. Every function takes the acting assessor and logs what it showed or changed.
 */

export type Staff = AuditActor
type Ip = string | null

const PURPOSE = 'schemeAssessment'

export type AssessmentErrorCode = 'notFound' | 'conflict' | 'ownProposal' | 'noOpenProposal' | 'proposalOpen' | 'invalidReason' | 'caseIncomplete' | 'wrongStatus'

export class AssessmentError extends Error {
  constructor(readonly code: AssessmentErrorCode) {
    super(code)
    this.name = 'AssessmentError'
  }
}

/** Statuses an assessor works with (drafts are the applicant's own; withdrawn ones are closed). */
const VISIBLE_STATUSES = applicationStatusEnum.enumValues.filter((s) => s !== 'draft')
const WORKABLE_STATUSES: ApplicationStatus[] = ['submitted', 'inAssessment', 'informationRequested', 'proposed']

const schemeCache = new Map<string, SchemeConfig>()
function schemeOf(id: string, config: unknown) {
  let s = schemeCache.get(id)
  if (!s) {
    s = SchemeConfigSchema.parse(config)
    schemeCache.set(id, s)
  }
  return s
}

const DAY_MS = 24 * 60 * 60 * 1000

function pausedDaysNow(app: { pausedDays: number; pausedSince: Date | null }, now: Date) {
  return app.pausedDays + (app.pausedSince ? Math.floor((now.getTime() - app.pausedSince.getTime()) / DAY_MS) : 0)
}

function deadlineOf(scheme: SchemeConfig, app: { submittedAt: Date | null; pausedDays: number; pausedSince: Date | null }, now: Date) {
  if (!app.submittedAt) return null
  return decisionDeadline({ scheme, receivedAt: app.submittedAt, pausedDays: pausedDaysNow(app, now) })
}

export const QueueFiltersSchema = z.object({
  status: z.enum(VISIBLE_STATUSES as [ApplicationStatus, ...ApplicationStatus[]]).optional().catch(undefined),
  minAgeDays: z.coerce.number().int().min(0).max(3650).optional().catch(undefined),
  duplicate: z
    .enum(['1'])
    .optional()
    .catch(undefined)
    .transform((v) => v === '1'),
})
export type QueueFilters = z.infer<typeof QueueFiltersSchema>

function notConflicted(actorId: string) {
  return sql`not exists (select 1 from ${conflictsOfInterest} c where c.application_id = ${applications.id} and c.assessor_id = ${actorId})`
}

/** The queue: oldest first, without cases the assessor declared a conflict for. Logged without a subject. */
export async function listApplicationQueue({ actor, filters, ip, now = new Date() }: { actor: Staff; filters: QueueFilters; ip: Ip; now?: Date }) {
  const where = [inArray(applications.status, filters.status ? [filters.status] : VISIBLE_STATUSES), notConflicted(actor.id)]
  if (filters.minAgeDays !== undefined) where.push(lte(applications.submittedAt, new Date(now.getTime() - filters.minAgeDays * DAY_MS)))
  if (filters.duplicate) where.push(isNotNull(applications.possibleDuplicateOf))
  const rows = await db
    .select({
      id: applications.id,
      reference: applications.reference,
      status: applications.status,
      submittedAt: applications.submittedAt,
      pausedDays: applications.pausedDays,
      pausedSince: applications.pausedSince,
      possibleDuplicateOf: applications.possibleDuplicateOf,
      schemeId: applications.schemeId,
      schemeConfig: schemes.config,
    })
    .from(applications)
    .innerJoin(schemes, eq(schemes.id, applications.schemeId))
    .where(and(...where))
    .orderBy(asc(applications.submittedAt))
    .limit(200)
  await recordAccess({ actor, action: 'application.list', objectType: 'application', objectId: null, subjectId: null, purpose: PURPOSE, outcome: 'success', ip })
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    status: r.status,
    submittedOn: r.submittedAt ? toSchemeDate(r.submittedAt) : null,
    ageDays: r.submittedAt ? Math.floor((now.getTime() - r.submittedAt.getTime()) / DAY_MS) : 0,
    decisionDue: deadlineOf(schemeOf(r.schemeId, r.schemeConfig), r, now),
    possibleDuplicate: r.possibleDuplicateOf !== null,
  }))
}

async function hasConflict(tx: DbOrTx, applicationId: string, assessorId: string) {
  const [row] = await tx
    .select({ id: conflictsOfInterest.id })
    .from(conflictsOfInterest)
    .where(and(eq(conflictsOfInterest.applicationId, applicationId), eq(conflictsOfInterest.assessorId, assessorId)))
  return Boolean(row)
}

const Uuid = z.string().uuid()

/**
 * Loads an application for an assessor, refusing a draft (notFound) and a case the assessor
 * declared a conflict for (conflict, logged as denied). Locks the row inside a transaction.
 */
async function requireCase(tx: DbOrTx, { actor, applicationId, ip, lock = false }: { actor: Staff; applicationId: string; ip: Ip; lock?: boolean }) {
  if (!Uuid.safeParse(applicationId).success) throw new AssessmentError('notFound')
  const query = tx
    .select({ app: applications, schemeConfig: schemes.config })
    .from(applications)
    .innerJoin(schemes, eq(schemes.id, applications.schemeId))
    .where(and(eq(applications.id, applicationId), ne(applications.status, 'draft')))
  const [row] = lock ? await query.for('update', { of: applications }) : await query
  if (!row) throw new AssessmentError('notFound')
  if (await hasConflict(tx, applicationId, actor.id)) {
    // Outside the caller's transaction: the refusal is kept even when that rolls back.
    await recordAccess({ actor, action: 'application.view', objectType: 'application', objectId: applicationId, subjectId: row.app.applicantUserId, purpose: PURPOSE, outcome: 'denied', ip })
    throw new AssessmentError('conflict')
  }
  return { app: row.app, scheme: schemeOf(row.app.schemeId, row.schemeConfig) }
}

async function relatedItems(tx: DbOrTx, { applicationId, institutionNames, decades }: { applicationId: string; institutionNames: string[]; decades: string[] }) {
  if (!institutionNames.length) return { stories: [] as Array<{ id: string; title: string; decades: string[] }>, otherApplications: 0 }
  const lowered = institutionNames.map((n) => n.toLowerCase())
  const candidates = await tx
    .select({ id: stories.id, authorId: stories.authorId, title: stories.publishedTitle, decades: stories.decades })
    .from(stories)
    .where(
      and(
        inArray(sql`lower(${stories.institutionName})`, lowered),
        decades.length ? sql`${stories.decades} && ${sql`array[${sql.join(decades.map((d) => sql`${d}`), sql`, `)}]::text[]`}` : sql`true`,
        isNull(stories.hiddenAt),
        // Only a version the author approved: never a draft (the author's alone), one still in
        // review, nor one withdrawn or removed.
        inArray(stories.status, ['approved', 'published']),
      ),
    )
    .limit(50)
  const shown = []
  for (const s of candidates) {
    // Only where the author agreed that their story may be used to learn from (research).
    if (s.authorId && (await hasConsent({ subjectRef: s.authorId, objectType: 'story', objectId: s.id, purpose: 'monument.research' }, tx))) {
      shown.push({ id: s.id, title: s.title ?? '', decades: s.decades })
    }
  }
  // Other applications: a count only, never their details ('place' is the institution or foster family in the applicant's answers).
  const conditions = institutionNames.map((n) => sql`exists (select 1 from jsonb_array_elements(case when jsonb_typeof(${applications.answers}->'placements') = 'array' then ${applications.answers}->'placements' else '[]'::jsonb end) p where lower(p->>'place') = ${n.toLowerCase()})`)
  const [other] = await tx
    .select({ n: count() })
    .from(applications)
    .where(and(ne(applications.id, applicationId), notInArray(applications.status, ['draft', 'withdrawn']), sql`(${sql.join(conditions, sql` or `)})`))
  return { stories: shown, otherApplications: other?.n ?? 0 }
}

function decadesOf(placements: Array<{ from: string; to?: string }>) {
  const set = new Set<string>()
  for (const p of placements) {
    const from = Number(p.from.slice(0, 4))
    const to = Number((p.to ?? p.from).slice(0, 4))
    if (!Number.isFinite(from) || !Number.isFinite(to)) continue
    for (let d = Math.floor(from / 10) * 10; d <= to && d <= 2030; d += 10) set.add(`${d}s`)
  }
  return [...set]
}

/** The case view for an assessor: masked identifiers only. Logged with the applicant as subject. */
export async function getCaseForAssessor({ actor, applicationId, ip, now = new Date() }: { actor: Staff; applicationId: string; ip: Ip; now?: Date }) {
  const { app, scheme } = await requireCase(db, { actor, applicationId, ip })
  const answers = readAnswers(app.answers)
  const decrypt = (v: string | null) => (v ? decryptField(v) : null)
  const bsn = decrypt(app.bsnEncrypted)
  const iban = decrypt(app.ibanEncrypted)
  // A representative's survivor: the person the case is about (their identity is encrypted apart).
  const survivorIdentity = answers.applicantKind === 'representative' ? decryptSurvivorIdentity(app) : null

  const [docs, requests, notes, history, checklistRow] = await Promise.all([
    db
      .select({ id: applicationDocuments.id, type: applicationDocuments.type, fileName: applicationDocuments.fileName, byteSize: storedFiles.byteSize })
      .from(applicationDocuments)
      .innerJoin(storedFiles, eq(storedFiles.id, applicationDocuments.fileId))
      .where(eq(applicationDocuments.applicationId, app.id))
      .orderBy(asc(applicationDocuments.createdAt)),
    db.select().from(informationRequests).where(eq(informationRequests.applicationId, app.id)).orderBy(asc(informationRequests.askedAt)),
    db
      .select({ id: assessmentNotes.id, body: assessmentNotes.body, createdAt: assessmentNotes.createdAt, author: users.displayName })
      .from(assessmentNotes)
      .leftJoin(users, eq(users.id, assessmentNotes.authorId))
      .where(eq(assessmentNotes.applicationId, app.id))
      .orderBy(asc(assessmentNotes.createdAt)),
    db.select().from(assessments).where(eq(assessments.applicationId, app.id)).orderBy(desc(assessments.createdAt)),
    db.select().from(assessmentChecklists).where(eq(assessmentChecklists.applicationId, app.id)),
  ])
  const warnings: Warning[] = precheckEligibility({
    scheme,
    applicantKind: answers.applicantKind,
    // The age rule is about the survivor: a relative's deceased survivor, a representative's survivor, never the applicant's own date.
    survivorDateOfBirth:
      answers.applicantKind === 'relative'
        ? (answers.survivorDateOfBirth ?? null)
        : answers.applicantKind === 'representative'
          ? (survivorIdentity?.dateOfBirth ?? null)
          : decrypt(app.dateOfBirthEncrypted),
    survivorDiedOn: answers.survivorDiedOn ?? null,
    placements: answers.placements,
    harms: answers.harms.kinds,
  })
  const related = await relatedItems(db, {
    applicationId: app.id,
    institutionNames: [...new Set(answers.placements.map((p) => p.institutionName).filter((n): n is string => Boolean(n)))],
    decades: decadesOf(answers.placements),
  })
  await recordAccess({ actor, action: 'application.view', objectType: 'application', objectId: app.id, subjectId: app.applicantUserId, purpose: PURPOSE, outcome: 'success', ip })
  const duplicates = await listDuplicateLinks(db, app)

  // The monument story as it was shared (frozen at submission), only while its consent stands;
  // reading it is logged apart, as a story's text is the most personal part of the case.
  const snapshot = answers.story?.snapshot
  const storyConsentStands =
    snapshot && answers.story && app.applicantUserId
      ? await hasConsent({ subjectRef: app.applicantUserId, objectType: 'story', objectId: answers.story.id, purpose: 'monument.useInSchemeApplication' })
      : false
  if (snapshot && storyConsentStands) {
    await recordAccess({ actor, action: 'application.viewStory', objectType: 'story', objectId: answers.story!.id, subjectId: app.applicantUserId, purpose: PURPOSE, outcome: 'success', ip })
  }

  const open = history.find((a) => a.status === 'proposed') ?? null
  return {
    id: app.id,
    reference: app.reference,
    status: app.status,
    applicantName: app.applicantName,
    applicantKind: answers.applicantKind,
    // For whom a representative or a relative applies; a relative also gives the survivor's dates.
    survivor:
      answers.applicantKind === 'self'
        ? null
        : {
            name: answers.survivorName ?? null,
            relation: answers.relation ?? null,
            dateOfBirth: survivorIdentity?.dateOfBirth ?? answers.survivorDateOfBirth ?? null,
            diedOn: answers.survivorDiedOn ?? null,
            bsnMasked: survivorIdentity ? maskBsn(survivorIdentity.bsn) : null,
          },
    /** Whose account the money goes to (a representative chooses; anyone else's is their own). */
    payee: answers.applicantKind === 'representative' ? (answers.payee ?? null) : answers.applicantKind === 'relative' ? 'relative' : 'survivor',
    authorisationCoversPayment: answers.authorisationCoversPayment,
    bsnMasked: bsn ? maskBsn(bsn) : null,
    ibanMasked: iban ? maskIban(iban) : null,
    submittedOn: app.submittedAt ? toSchemeDate(app.submittedAt) : null,
    decisionDue: deadlineOf(scheme, app, now),
    clockPaused: app.pausedSince !== null,
    // Both ways: this case points at the other, or the other at this one.
    duplicates,
    possibleDuplicate: app.possibleDuplicateOf !== null || duplicates.length > 0,
    placements: answers.placements,
    harms: answers.harms,
    /** The story the applicant brought in, as shared; `withdrawn` when its consent was withdrawn since (the text is not shown then). */
    story: answers.story
      ? {
          title: snapshot?.title || answers.story.title,
          text: snapshot && storyConsentStands ? snapshot.text : null,
          sharedOn: snapshot ? snapshot.consentGrantedAt : null,
          withdrawn: Boolean(snapshot) && !storyConsentStands,
        }
      : null,
    recordsSearchRequested: answers.recordsSearchRequested,
    conversationWanted: answers.conversationWanted,
    documents: docs,
    warnings,
    informationRequests: requests.map((r) => ({ id: r.id, question: r.question, askedAt: r.askedAt, answer: r.answer, answeredAt: r.answeredAt })),
    notes,
    assessments: history.map((a) => ({
      id: a.id,
      status: a.status,
      outcome: a.outcome,
      reasonCode: a.reasonCode,
      motivation: a.motivation,
      proposedAt: a.proposedAt,
      byMe: a.proposedBy === actor.id,
      returnNote: a.returnNote,
    })),
    openProposal: open ? { id: open.id, outcome: open.outcome, reasonCode: open.reasonCode, motivation: open.motivation, byMe: open.proposedBy === actor.id } : null,
    checklistItems: checklistItemsFor(answers.applicantKind),
    /** Whether an authorisation was uploaded (on 'who is applying' or with the evidence), shown next to its checklist item. */
    authorisationPresent: docs.some((d) => d.type === AUTHORISATION_DOCUMENT_TYPE),
    checklist: checklistRow[0]?.items ?? {},
    rejectionReasons: scheme.rejectionReasons,
    /** Plain-language names of the scheme's placement kinds (the answers keep codes). */
    placementKinds: scheme.placementKinds.map((k) => ({ code: k.code, label: k.label })),
    related,
    workable: WORKABLE_STATUSES.includes(app.status),
  }
}
export type AssessorCase = Awaited<ReturnType<typeof getCaseForAssessor>>

/** The full BSN or IBAN, for someone who re-authenticated in the last five minutes (the route checks). Logged. */
export async function revealSensitive({ actor, applicationId, field, ip }: { actor: Staff; applicationId: string; field: 'bsn' | 'iban'; ip: Ip }) {
  const { app } = await requireCase(db, { actor, applicationId, ip })
  const value = field === 'bsn' ? app.bsnEncrypted : app.ibanEncrypted
  await recordAccess({
    actor,
    action: field === 'bsn' ? 'application.revealBsn' : 'application.revealIban',
    objectType: 'application',
    objectId: app.id,
    subjectId: app.applicantUserId,
    purpose: PURPOSE,
    outcome: 'success',
    ip,
  })
  return value ? decryptField(value) : null
}

async function logChange(tx: Tx, { actor, action, app, ip }: { actor: Staff; action: string; app: { id: string; applicantUserId: string | null }; ip: Ip }) {
  await recordAccess({ actor, action, objectType: 'application', objectId: app.id, subjectId: app.applicantUserId, purpose: PURPOSE, outcome: 'success', ip }, tx)
}

/** Opening work on a submitted case moves it to "being assessed" (the applicant sees that). */
async function startAssessment(tx: Tx, app: { id: string; status: ApplicationStatus }) {
  if (app.status !== 'submitted') return
  await tx.update(applications).set({ status: 'inAssessment' }).where(eq(applications.id, app.id))
  await tx.insert(applicationEvents).values({ applicationId: app.id, status: 'inAssessment', visibleToApplicant: true })
}

export async function saveChecklist({ actor, applicationId, items, ip }: { actor: Staff; applicationId: string; items: string[]; ip: Ip }) {
  await db.transaction(async (tx) => {
    const { app } = await requireCase(tx, { actor, applicationId, ip, lock: true })
    const state = Object.fromEntries(CHECKLIST_ITEMS.map((i) => [i, items.includes(i)]))
    await tx
      .insert(assessmentChecklists)
      .values({ applicationId: app.id, items: state, updatedBy: actor.id })
      .onConflictDoUpdate({ target: assessmentChecklists.applicationId, set: { items: state, updatedBy: actor.id, updatedAt: new Date() } })
    await startAssessment(tx, app)
    await logChange(tx, { actor, action: 'application.checklist', app, ip })
  })
}

export async function addAssessmentNote({ actor, applicationId, body, ip }: { actor: Staff; applicationId: string; body: string; ip: Ip }) {
  await db.transaction(async (tx) => {
    const { app } = await requireCase(tx, { actor, applicationId, ip, lock: true })
    await tx.insert(assessmentNotes).values({ applicationId: app.id, authorId: actor.id, body })
    await logChange(tx, { actor, action: 'application.note', app, ip })
  })
}

async function dispatchAfterCommit(mailId: string | null) {
  if (!mailId) return
  try {
    await dispatchMail(mailId)
  } catch (err) {
    // The outbox row is committed; the mail.requeue cron sends it later.
    logger.warn({ err }, 'mail dispatch deferred')
  }
}

/**
 * Asks the applicant a question (through the applicant module: status "more information
 * requested", the clock pauses when the scheme says so, the applicant gets a mail).
 */
export async function requestInformation({ actor, applicationId, question, ip }: { actor: Staff; applicationId: string; question: string; ip: Ip }) {
  const mailId = await db.transaction(async (tx) => {
    const { app } = await requireCase(tx, { actor, applicationId, ip, lock: true })
    if (!['submitted', 'inAssessment', 'informationRequested'].includes(app.status)) throw new AssessmentError('wrongStatus')
    const { mailId } = await createInformationRequest({ applicationId: app.id, question, askedBy: actor.id }, tx)
    await logChange(tx, { actor, action: 'application.requestInformation', app, ip })
    return mailId
  })
  await dispatchAfterCommit(mailId)
}

export const ProposalSchema = z
  .object({
    outcome: z.enum(ASSESSMENT_OUTCOMES, { errorMap: () => ({ message: 'assessment:errors.outcomeRequired' }) }),
    reasonCode: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || undefined),
    motivation: z.string({ required_error: 'assessment:errors.motivationRequired' }).trim().min(1, 'assessment:errors.motivationRequired').max(20_000),
  })
  .refine((p) => p.outcome === 'grant' || Boolean(p.reasonCode), { path: ['reasonCode'], message: 'assessment:errors.reasonRequired' })
export type Proposal = z.infer<typeof ProposalSchema>

export async function proposeAssessment({ actor, applicationId, proposal, ip }: { actor: Staff; applicationId: string; proposal: Proposal; ip: Ip }) {
  await db.transaction(async (tx) => {
    const { app, scheme } = await requireCase(tx, { actor, applicationId, ip, lock: true })
    if (!['submitted', 'inAssessment'].includes(app.status)) throw new AssessmentError(app.status === 'proposed' ? 'proposalOpen' : 'wrongStatus')
    const reasonCode = proposal.outcome === 'grant' ? null : (proposal.reasonCode ?? null)
    if (reasonCode && !scheme.rejectionReasons.some((r) => r.code === reasonCode)) throw new AssessmentError('invalidReason')
    await tx.insert(assessments).values({ applicationId: app.id, outcome: proposal.outcome, reasonCode, motivation: proposal.motivation, proposedBy: actor.id })
    await tx.update(applications).set({ status: 'proposed' }).where(eq(applications.id, app.id))
    // Internal step: the applicant keeps seeing "being assessed" until it is confirmed.
    await tx.insert(applicationEvents).values({ applicationId: app.id, status: 'proposed', visibleToApplicant: false })
    await logChange(tx, { actor, action: 'application.propose', app, ip })
  })
}

async function openProposal(tx: Tx, applicationId: string) {
  const [open] = await tx
    .select()
    .from(assessments)
    .where(and(eq(assessments.applicationId, applicationId), eq(assessments.status, 'proposed')))
    .for('update')
  if (!open) throw new AssessmentError('noOpenProposal')
  return open
}

/**
 * Four eyes: a second assessor confirms. In one transaction: the confirmation, the status
 * "confirmed" and the outbox row with the structured case document, so a confirmed case
 * can never miss its hand-off, and a failed hand-off build leaves nothing confirmed.
 * The route checks step-up before calling this.
 */
export async function confirmAssessment({ actor, applicationId, ip }: { actor: Staff; applicationId: string; ip: Ip }) {
  const outboxId = await db.transaction(async (tx) => {
    const { app } = await requireCase(tx, { actor, applicationId, ip, lock: true })
    const open = await openProposal(tx, app.id)
    if (open.proposedBy === actor.id) throw new AssessmentError('ownProposal')
    const [confirmed] = await tx
      .update(assessments)
      .set({ status: 'confirmed', confirmedBy: actor.id, confirmedAt: new Date() })
      .where(eq(assessments.id, open.id))
      .returning()
    const [versions] = await tx.select({ n: count() }).from(handoffOutbox).where(eq(handoffOutbox.applicationId, app.id))
    const caseVersion = (versions?.n ?? 0) + 1
    let frozen
    try {
      // Both case versions; the endpoint's configured one is sent at delivery.
      frozen = await buildFrozenCases({ applicationId: app.id, assessment: confirmed!, caseVersion, tx })
    } catch (error) {
      logger.warn({ err: error, applicationId: app.id }, 'case document incomplete')
      throw new AssessmentError('caseIncomplete')
    }
    await tx.update(applications).set({ status: 'confirmed' }).where(eq(applications.id, app.id))
    await tx.insert(applicationEvents).values({ applicationId: app.id, status: 'confirmed', visibleToApplicant: false })
    const [row] = await tx
      .insert(handoffOutbox)
      .values({ applicationId: app.id, caseVersion, webhookId: handoffWebhookId({ applicationId: app.id, caseVersion }), payloadEncrypted: sealFrozenCase(frozen) })
      .returning({ id: handoffOutbox.id })
    await logChange(tx, { actor, action: 'application.confirm', app, ip })
    return row!.id
  })
  try {
    await enqueue('assessment.handoff-deliver', { outboxId }, { singletonKey: `handoff:${outboxId}`, retryLimit: 0 })
  } catch (err) {
    // The outbox row is committed; the every-minute drain delivers it.
    logger.warn({ err }, 'hand-off enqueue deferred to the drain')
  }
  return { outboxId }
}

/** The second assessor sends a proposal back with a note; the case is open for a new proposal. */
export async function returnAssessment({ actor, applicationId, note, ip }: { actor: Staff; applicationId: string; note: string; ip: Ip }) {
  await db.transaction(async (tx) => {
    const { app } = await requireCase(tx, { actor, applicationId, ip, lock: true })
    const open = await openProposal(tx, app.id)
    if (open.proposedBy === actor.id) throw new AssessmentError('ownProposal')
    await tx.update(assessments).set({ status: 'returned', returnedBy: actor.id, returnedAt: new Date(), returnNote: note }).where(eq(assessments.id, open.id))
    await tx.update(applications).set({ status: 'inAssessment' }).where(eq(applications.id, app.id))
    await tx.insert(applicationEvents).values({ applicationId: app.id, status: 'inAssessment', visibleToApplicant: false })
    await logChange(tx, { actor, action: 'application.returnProposal', app, ip })
  })
}

/** From now on the assessor cannot see or act on this case. */
export async function declareConflictOfInterest({ actor, applicationId, ip }: { actor: Staff; applicationId: string; ip: Ip }) {
  await db.transaction(async (tx) => {
    const { app } = await requireCase(tx, { actor, applicationId, ip, lock: true })
    await tx.insert(conflictsOfInterest).values({ applicationId: app.id, assessorId: actor.id }).onConflictDoNothing()
    await logChange(tx, { actor, action: 'application.declareConflict', app, ip })
  })
}
