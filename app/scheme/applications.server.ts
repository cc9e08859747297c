import { createHash, randomBytes } from 'node:crypto'
import { Readable } from 'node:stream'
import { and, asc, desc, eq, inArray, isNotNull, isNull, ne, notInArray, or, sql, type SQL } from 'drizzle-orm'
import { db, type DbOrTx } from '@db/client.server'
import { users } from '@db/schema/accounts'
import { storedFiles } from '@db/schema/files'
import { stories } from '@db/schema/monument'
import {
  applicationDocuments,
  applicationEvents,
  applications,
  informationRequests,
  schemes,
  type Application,
  type ApplicationStatus,
} from '@db/schema/scheme'
import { grantConsent, listConsentHistory } from '~/consent/consent.server'
import type { Lng } from '~/i18n/config'
import { absoluteUrl, dispatchMail, queueMail } from '~/mail/mail.server'
import { decryptField, encryptField, lookupHash } from '~/privacy/field-crypto.server'
import { storage } from '~/utils/storage.server'
import {
  isComplete,
  partStates,
  precheckInputOf,
  formatReference,
  type Answers,
  type ApplicantPart,
  type EvidenceType,
  type PersonalPart,
  type Placement,
  type SurvivorPart,
} from './application-form'
import { amsterdamDate, formatLongDate, toSchemeDate, type IsoDate } from './dates'
import type { StoredUpload } from './documents.server'
import { precheckEligibility } from './eligibility'
import { maskBsn, maskIban } from './identifiers'
import { decisionDeadline, isSchemeOpen, SchemeConfigSchema, type SchemeConfig } from './scheme-config'
import { SCHEMES } from './schemes'
import { renderSubmissionPdf } from './submission-pdf.server'

/**
 * Applications for a financial scheme: the applicant's drafts and submission, and the
 * functions the assessors' side builds on. Everything an applicant can reach is scoped by
 * their user id by construction; the sensitive columns are encrypted and only decrypted for
 * the applicant themselves or through `revealSensitive`.
 */

export type SchemeRow = { id: string; config: SchemeConfig }
export type SensitiveField = 'bsn' | 'iban' | 'dateOfBirth' | 'address' | 'phone'
export type Address = { street: string; houseNumber: string; postcode: string; town: string }

/** Upserts every configured scheme by (code, version); the data in app/scheme/schemes.ts is the source. */
export async function syncSchemes(tx: DbOrTx = db): Promise<SchemeRow[]> {
  const rows: SchemeRow[] = []
  for (const config of SCHEMES) {
    const [row] = await tx
      .insert(schemes)
      .values({ code: config.code, version: config.version, config })
      .onConflictDoUpdate({ target: [schemes.code, schemes.version], set: { config } })
      .returning({ id: schemes.id })
    rows.push({ id: row!.id, config })
  }
  return rows
}

/** The known schemes with their database ids (created on first use, so a fresh database just works). */
export async function listSchemes(tx: DbOrTx = db): Promise<SchemeRow[]> {
  const rows = await tx.select().from(schemes).orderBy(asc(schemes.createdAt))
  const known = new Set(rows.map((r) => `${r.code}@${r.version}`))
  if (SCHEMES.some((s) => !known.has(`${s.code}@${s.version}`))) return syncSchemes(tx)
  return rows.map((r) => ({ id: r.id, config: SchemeConfigSchema.parse(r.config) }))
}

/** The scheme that takes applications today, if any (the newest open one). */
export async function getOpenScheme({ now = new Date() }: { now?: Date } = {}, tx: DbOrTx = db): Promise<SchemeRow | null> {
  const open = (await listSchemes(tx)).filter((s) => isSchemeOpen(s.config, now))
  return open.at(-1) ?? null
}

async function schemeById(id: string, tx: DbOrTx = db): Promise<SchemeConfig> {
  const [row] = await tx.select({ config: schemes.config }).from(schemes).where(eq(schemes.id, id))
  if (!row) throw new Error('unknown scheme')
  return SchemeConfigSchema.parse(row.config)
}

/** A date kept as a timestamp at noon UTC, so its Amsterdam calendar date is the date itself. */
function dateAt(iso: IsoDate): Date {
  return new Date(`${iso}T12:00:00Z`)
}

// ---------------------------------------------------------------------------------------
// The applicant's draft

/** The applicant's current (not withdrawn) application for a scheme, or null. */
export async function getCurrentApplication({ userId, schemeId }: { userId: string; schemeId: string }, tx: DbOrTx = db): Promise<Application | null> {
  const [row] = await tx
    .select()
    .from(applications)
    .where(and(eq(applications.applicantUserId, userId), eq(applications.schemeId, schemeId), ne(applications.status, 'withdrawn')))
  return row ?? null
}

/** The draft to write into; created on the first answer (one per person per scheme, by a unique index). */
export async function getOrCreateDraft({ userId, schemeId }: { userId: string; schemeId: string }, tx: DbOrTx = db): Promise<Application> {
  const existing = await getCurrentApplication({ userId, schemeId }, tx)
  if (existing) return existing
  const [created] = await tx
    .insert(applications)
    .values({ schemeId, applicantUserId: userId, answers: {} })
    .onConflictDoNothing()
    .returning()
  if (created) {
    await tx.insert(applicationEvents).values({ applicationId: created.id, status: 'draft', visibleToApplicant: false })
    return created
  }
  // Two first saves at once: the other one created it.
  const again = await getCurrentApplication({ userId, schemeId }, tx)
  if (!again) throw new Error('draft not created')
  return again
}

export class ApplicationLockedError extends Error {
  constructor() {
    super('the application was already submitted')
    this.name = 'ApplicationLockedError'
  }
}

/** Runs `change` on the applicant's draft (locked), refusing once it was submitted. */
async function updateDraft(
  { userId, schemeId }: { userId: string; schemeId: string },
  change: (draft: Application, tx: DbOrTx) => Promise<Partial<typeof applications.$inferInsert> | void>,
) {
  return db.transaction(async (tx) => {
    const created = await getOrCreateDraft({ userId, schemeId }, tx)
    const [draft] = await tx.select().from(applications).where(eq(applications.id, created.id)).for('update')
    if (!draft || draft.status !== 'draft') throw new ApplicationLockedError()
    const set = await change(draft, tx)
    if (set) await tx.update(applications).set({ ...set, updatedAt: new Date() }).where(eq(applications.id, draft.id))
    return draft.id
  })
}

function answersOf(app: Pick<Application, 'answers'>): Answers {
  return (app.answers ?? {}) as Answers
}

export async function saveApplicantPart({ userId, schemeId, value }: { userId: string; schemeId: string; value: ApplicantPart }) {
  return updateDraft({ userId, schemeId }, async (draft) => {
    const { survivor, ...answers } = answersOf(draft)
    if (value.kind === 'representative') return { answers: { ...answers, survivor, applicant: value } }
    // No longer for a living survivor: their identity and the payee choice are not kept.
    const personal = answers.personal ? { ...answers.personal, payee: undefined, authorisationCoversPayment: undefined } : undefined
    return { answers: { ...answers, personal, applicant: value }, survivorIdentityEncrypted: null, survivorBsnHash: null }
  })
}

/**
 * A representative's survivor: BSN, birth date and address encrypted in one column (the case
 * is about this person), a keyed hash of the BSN for the duplicate check, and only the mask in
 * `answers`.
 */
export async function saveSurvivorPart({ userId, schemeId, value }: { userId: string; schemeId: string; value: SurvivorPart }) {
  return updateDraft({ userId, schemeId }, async (draft) => {
    const identity: SurvivorIdentity = {
      bsn: value.bsn,
      dateOfBirth: value.dateOfBirth,
      address: { street: value.street, houseNumber: value.houseNumber, postcode: value.postcode, town: value.town },
    }
    return {
      survivorIdentityEncrypted: encryptField(JSON.stringify(identity)),
      survivorBsnHash: lookupHash({ kind: 'bsn', value: value.bsn }),
      answers: { ...answersOf(draft), survivor: { bsnMasked: maskBsn(value.bsn) } },
    }
  })
}

export type SurvivorIdentity = { bsn: string; dateOfBirth: string; address: Address }

/** The survivor's identity of a representative's application, decrypted (the applicant's own page, the case document). */
export function decryptSurvivorIdentity(app: Pick<Application, 'survivorIdentityEncrypted'>): SurvivorIdentity | null {
  return app.survivorIdentityEncrypted ? (JSON.parse(decryptField(app.survivorIdentityEncrypted)) as SurvivorIdentity) : null
}

/** Personal details: the sensitive ones go to encrypted columns, only masks and plain contact data to `answers`. */
export async function savePersonalPart({ userId, schemeId, value }: { userId: string; schemeId: string; value: PersonalPart }) {
  return updateDraft({ userId, schemeId }, async (draft) => {
    const answers = answersOf(draft)
    const address: Address = { street: value.street, houseNumber: value.houseNumber, postcode: value.postcode, town: value.town }
    return {
      applicantName: value.fullName,
      bsnEncrypted: encryptField(value.bsn),
      bsnHash: lookupHash({ kind: 'bsn', value: value.bsn }),
      ibanEncrypted: encryptField(value.iban),
      dateOfBirthEncrypted: encryptField(value.dateOfBirth),
      addressEncrypted: encryptField(JSON.stringify(address)),
      phoneEncrypted: value.phone ? encryptField(value.phone) : null,
      answers: {
        ...answers,
        personal: {
          fullName: value.fullName,
          email: value.email,
          accountHolder: value.accountHolder,
          bsnMasked: maskBsn(value.bsn),
          ibanMasked: maskIban(value.iban),
          hasPhone: Boolean(value.phone),
          ...(value.payee ? { payee: value.payee } : {}),
          ...(value.authorisationCoversPayment ? { authorisationCoversPayment: true as const } : {}),
        },
      },
    }
  })
}

export async function addPlacement({ userId, schemeId, value }: { userId: string; schemeId: string; value: Placement }) {
  return updateDraft({ userId, schemeId }, async (draft) => {
    const answers = answersOf(draft)
    const placements = [...(answers.placements ?? []), value].slice(0, 30)
    return { answers: { ...answers, placements, placementsDone: false } }
  })
}

export async function removePlacement({ userId, schemeId, index }: { userId: string; schemeId: string; index: number }) {
  return updateDraft({ userId, schemeId }, async (draft) => {
    const answers = answersOf(draft)
    const placements = (answers.placements ?? []).filter((_, i) => i !== index)
    return { answers: { ...answers, placements, placementsDone: placements.length > 0 && answers.placementsDone } }
  })
}

/** "I have added every placement I remember": marks the part done (it needs at least one). */
export async function finishPlacements({ userId, schemeId }: { userId: string; schemeId: string }) {
  let ok = false
  await updateDraft({ userId, schemeId }, async (draft) => {
    const answers = answersOf(draft)
    ok = (answers.placements ?? []).length > 0
    return ok ? { answers: { ...answers, placementsDone: true } } : undefined
  })
  return { ok }
}

/** The purpose in the consent ledger: the story's own "use in my application" consent, one for both sides. */
export const STORY_USE_PURPOSE = 'monument.useInSchemeApplication' as const

/** The current grant of the story's "use in my application" consent, or null (never granted, or withdrawn). */
export async function currentStoryConsent({ userId, storyId }: { userId: string; storyId: string }, tx: DbOrTx = db) {
  const history = await listConsentHistory({ subjectRef: userId }, tx)
  const latest = history.find((e) => e.objectType === 'story' && e.objectId === storyId && e.purpose === STORY_USE_PURPOSE)
  return latest?.action === 'grant' ? latest : null
}

/**
 * The applicant's own stories that can be brought into the application: only those with a
 * moderated text (what would be shared is what was reviewed, never a draft), newest first,
 * each with whether its author already agreed to its use in an application.
 */
export async function listOwnStories({ userId }: { userId: string }, tx: DbOrTx = db) {
  const rows = await tx
    .select({ id: stories.id, title: stories.publishedTitle, body: stories.publishedBody, updatedAt: stories.updatedAt })
    .from(stories)
    .where(and(eq(stories.authorId, userId), isNotNull(stories.publishedBody)))
    .orderBy(desc(stories.updatedAt))
  const out = []
  for (const r of rows) {
    const consent = await currentStoryConsent({ userId, storyId: r.id }, tx)
    out.push({ id: r.id, title: r.title ?? '', text: r.body ?? '', consentGrantedAt: consent ? consent.occurredAt.toISOString() : null })
  }
  return out
}

/** The story text as it is shared: moderated title and text, with a SHA-256 fingerprint of exactly that text. */
export function storySnapshot({ title, text }: { title: string; text: string }) {
  return { title, text, sha256: createHash('sha256').update(text, 'utf8').digest('hex') }
}

/**
 * What happened: in their own words, or by using their monument story. Using the story needs
 * the story's own "use in my application" consent in the ledger ('monument.useInSchemeApplication'
 * on the story): one consent, the same one the story's page shows and withdraws. When it was not
 * given yet, ticking the box here records that same consent, in the same transaction as the
 * reference, so the story is never used without it.
 */
export async function saveHarmPart({
  userId,
  schemeId,
  locale,
  value,
}: {
  userId: string
  schemeId: string
  locale: Lng
  value: { mode: 'write' | 'story'; kinds: string[]; ownWords?: string; storyId?: string; storyConsent?: 'on' }
}): Promise<{ ok: true } | { ok: false; error: 'storyNotFound' | 'storyConsent' }> {
  let result: { ok: true } | { ok: false; error: 'storyNotFound' | 'storyConsent' } = { ok: true }
  await updateDraft({ userId, schemeId }, async (draft, tx) => {
    const answers = answersOf(draft)
    const kinds = value.kinds.filter((k) => typeof k === 'string')
    if (value.mode === 'story') {
      const [story] = await tx
        .select({ id: stories.id, title: stories.publishedTitle })
        .from(stories)
        .where(and(eq(stories.id, value.storyId ?? ''), eq(stories.authorId, userId), isNotNull(stories.publishedBody)))
      if (!story) {
        result = { ok: false, error: 'storyNotFound' }
        return
      }
      const given = await currentStoryConsent({ userId, storyId: story.id }, tx)
      if (!given) {
        if (!value.storyConsent) {
          result = { ok: false, error: 'storyConsent' }
          return
        }
        await grantConsent({ subjectRef: userId, userId, objectType: 'story', objectId: story.id, purpose: STORY_USE_PURPOSE, locale, channel: 'web' }, tx)
      }
      return { answers: { ...answers, harm: { mode: 'story', kinds, ownWords: value.ownWords, story: { id: story.id, title: story.title ?? '' } } } }
    }
    return { answers: { ...answers, harm: { mode: 'write', kinds, ownWords: value.ownWords } } }
  })
  return result
}

/** Registers an uploaded document (already in storage) with the draft, in one transaction with its stored_files row. */
export async function addDocument({ userId, schemeId, type, upload }: { userId: string; schemeId: string; type: EvidenceType; upload: StoredUpload }) {
  return updateDraft({ userId, schemeId }, async (draft, tx) => {
    const [file] = await tx
      .insert(storedFiles)
      .values({ key: upload.key, byteSize: upload.size, contentType: upload.contentType, sha256: upload.sha256, purpose: 'scheme.evidence' })
      .returning({ id: storedFiles.id })
    await tx.insert(applicationDocuments).values({ applicationId: draft.id, fileId: file!.id, type, fileName: upload.fileName })
    const answers = answersOf(draft)
    return { answers: { ...answers, evidence: { searchRecords: answers.evidence?.searchRecords ?? false, done: answers.evidence?.done ?? false } } }
  })
}

/**
 * The authorisation (machtiging, or proof of being next of kin) added on the 'who is applying'
 * page. Kept as a document of type 'authorisation' so the assessors' checklist and the case
 * document find it where they find one added with the evidence; it does not start the evidence part.
 */
export async function addAuthorisationDocument({ userId, schemeId, upload }: { userId: string; schemeId: string; upload: StoredUpload }) {
  let documentId = ''
  await updateDraft({ userId, schemeId }, async (draft, tx) => {
    const [file] = await tx
      .insert(storedFiles)
      .values({ key: upload.key, byteSize: upload.size, contentType: upload.contentType, sha256: upload.sha256, purpose: 'scheme.evidence' })
      .returning({ id: storedFiles.id })
    const [doc] = await tx
      .insert(applicationDocuments)
      .values({ applicationId: draft.id, fileId: file!.id, type: 'authorisation', fileName: upload.fileName })
      .returning({ id: applicationDocuments.id })
    documentId = doc!.id
  })
  return { documentId }
}

export async function removeDocument({ userId, schemeId, documentId }: { userId: string; schemeId: string; documentId: string }) {
  let key: string | null = null
  await updateDraft({ userId, schemeId }, async (draft, tx) => {
    const [doc] = await tx
      .delete(applicationDocuments)
      .where(and(eq(applicationDocuments.id, documentId), eq(applicationDocuments.applicationId, draft.id), isNull(applicationDocuments.informationRequestId)))
      .returning({ fileId: applicationDocuments.fileId })
    if (doc) {
      const [file] = await tx.delete(storedFiles).where(eq(storedFiles.id, doc.fileId)).returning({ key: storedFiles.key })
      key = file?.key ?? null
    }
  })
  if (key) await storage.remove(key).catch(() => {})
}

export async function finishEvidence({ userId, schemeId, searchRecords }: { userId: string; schemeId: string; searchRecords: boolean }) {
  return updateDraft({ userId, schemeId }, async (draft) => ({ answers: { ...answersOf(draft), evidence: { searchRecords, done: true } } }))
}

export async function saveConversationPart({ userId, schemeId, wish }: { userId: string; schemeId: string; wish: 'yes' | 'no' }) {
  return updateDraft({ userId, schemeId }, async (draft) => ({ answers: { ...answersOf(draft), conversation: { wish } } }))
}

export async function saveDeclarationsPart({ userId, schemeId }: { userId: string; schemeId: string }) {
  return updateDraft({ userId, schemeId }, async (draft) => ({
    answers: { ...answersOf(draft), declarations: { truthful: true, processing: true, at: new Date().toISOString() } },
  }))
}

export async function listDocuments({ applicationId }: { applicationId: string }, tx: DbOrTx = db) {
  return tx
    .select({
      id: applicationDocuments.id,
      type: applicationDocuments.type,
      fileName: applicationDocuments.fileName,
      informationRequestId: applicationDocuments.informationRequestId,
      createdAt: applicationDocuments.createdAt,
      key: storedFiles.key,
      byteSize: storedFiles.byteSize,
      contentType: storedFiles.contentType,
      sha256: storedFiles.sha256,
    })
    .from(applicationDocuments)
    .innerJoin(storedFiles, eq(storedFiles.id, applicationDocuments.fileId))
    .where(eq(applicationDocuments.applicationId, applicationId))
    .orderBy(asc(applicationDocuments.createdAt))
}

/** The applicant's own decrypted details, to fill the personal-details page again (nothing is typed twice). */
export function decryptOwnDetails(app: Application) {
  const address = app.addressEncrypted ? (JSON.parse(decryptField(app.addressEncrypted)) as Address) : null
  return {
    bsn: app.bsnEncrypted ? decryptField(app.bsnEncrypted) : null,
    iban: app.ibanEncrypted ? decryptField(app.ibanEncrypted) : null,
    dateOfBirth: app.dateOfBirthEncrypted ? decryptField(app.dateOfBirthEncrypted) : null,
    phone: app.phoneEncrypted ? decryptField(app.phoneEncrypted) : null,
    address,
  }
}

/**
 * Everything the application pages need: the open scheme, the draft (or null before the
 * first answer), the task list, documents and the pre-check's warnings.
 */
export async function getApplicationDraft({ userId }: { userId: string }) {
  const scheme = await getOpenScheme()
  if (!scheme) return { scheme: null } as const
  const application = await getCurrentApplication({ userId, schemeId: scheme.id })
  const answers = application ? answersOf(application) : {}
  const documents = application ? await listDocuments({ applicationId: application.id }) : []
  const own = application ? decryptOwnDetails(application) : null
  const survivor = application && answers.applicant?.kind === 'representative' ? decryptSurvivorIdentity(application) : null
  const states = partStates({ answers, documentCount: documents.length })
  // No warning before an answer gives reason for it: "no placement" or "no kind of harm" on
  // an untouched page is not news, it is the form being empty.
  const warnings = precheckEligibility(
    precheckInputOf({ scheme: scheme.config, answers, dateOfBirth: own?.dateOfBirth, survivorDateOfBirth: survivor?.dateOfBirth }),
  ).filter((w) => (w.code !== 'noPlacement' || states.placements !== 'notStarted') && (w.code !== 'noHarmKind' || answers.harm))
  // The story's moderated text as it stands now: the check page shows exactly what will be shared.
  const storyId = answers.harm?.mode === 'story' ? answers.harm.story?.id : undefined
  const [story] = storyId
    ? await db.select({ text: stories.publishedBody }).from(stories).where(and(eq(stories.id, storyId), eq(stories.authorId, userId)))
    : []
  return { scheme, application, answers, documents, own, survivor, storyText: story?.text ?? null, states, complete: isComplete(states), warnings } as const
}

/** A fresh token for the check page's submit button: the same token twice is one submission. */
export function createSubmitToken(): string {
  return randomBytes(24).toString('base64url')
}

export type SubmitResult =
  | { ok: true; applicationId: string; reference: string; alreadySubmitted: boolean }
  | { ok: false; error: 'noScheme' | 'noDraft' | 'incomplete' }

/**
 * Submits the applicant's draft. Idempotent: the draft row is locked, so a double click or a
 * retry after a network error waits for the first and then finds it submitted (and the
 * unique submit_token makes a replay of the same token land on the same application).
 */
export async function submitApplication({ userId, submitToken, locale }: { userId: string; submitToken: string; locale: Lng }): Promise<SubmitResult> {
  const scheme = await getOpenScheme()
  if (!scheme) return { ok: false, error: 'noScheme' }
  const outcome = await db.transaction(async (tx) => {
    const [byToken] = await tx
      .select({ id: applications.id, reference: applications.reference })
      .from(applications)
      .where(and(eq(applications.submitToken, submitToken), eq(applications.applicantUserId, userId)))
    if (byToken?.reference) return { ok: true as const, applicationId: byToken.id, reference: byToken.reference, alreadySubmitted: true, mailId: null }
    const current = await getCurrentApplication({ userId, schemeId: scheme.id }, tx)
    if (!current) return { ok: false as const, error: 'noDraft' as const }
    const [draft] = await tx.select().from(applications).where(eq(applications.id, current.id)).for('update')
    if (!draft) return { ok: false as const, error: 'noDraft' as const }
    if (draft.status !== 'draft') {
      return { ok: true as const, applicationId: draft.id, reference: draft.reference ?? '', alreadySubmitted: true, mailId: null }
    }
    let answers = answersOf(draft)
    const documents = await listDocuments({ applicationId: draft.id }, tx)
    if (!isComplete(partStates({ answers, documentCount: documents.length }))) return { ok: false as const, error: 'incomplete' as const }
    if (answers.harm?.mode === 'story' && answers.harm.story) {
      // Freeze exactly what is shared, under the consent that stands now; a withdrawn
      // consent or a story no longer moderated sends the applicant back to that page.
      const storyId = answers.harm.story.id
      const consent = await currentStoryConsent({ userId, storyId }, tx)
      const [story] = await tx
        .select({ title: stories.publishedTitle, text: stories.publishedBody })
        .from(stories)
        .where(and(eq(stories.id, storyId), eq(stories.authorId, userId)))
      if (!consent || !story?.text) return { ok: false as const, error: 'incomplete' as const }
      const snapshot = {
        ...storySnapshot({ title: story.title ?? '', text: story.text }),
        consentEventId: consent.id,
        consentTextVersion: consent.textVersion,
        consentGrantedAt: consent.occurredAt.toISOString(),
      }
      answers = { ...answers, harm: { ...answers.harm, story: { ...answers.harm.story, snapshot } } }
    }

    const now = new Date()
    const today = amsterdamDate(now)
    const seq = await tx.execute(sql`select nextval('application_reference_seq')::int as n`)
    const reference = formatReference({ year: Number(today.slice(0, 4)), number: Number((seq as unknown as Array<{ n: number }>)[0]!.n) })
    const decisionDue = decisionDeadline({ scheme: scheme.config, receivedAt: now })

    // Another application about the same person: found through the keyed hash, never by
    // decrypting. For a representative that person is the survivor, not the representative.
    const subjectHash = answers.applicant?.kind === 'representative' ? draft.survivorBsnHash : draft.bsnHash
    const [duplicate] = subjectHash
      ? await tx
          .select({ id: applications.id })
          .from(applications)
          .where(
            and(
              eq(applications.schemeId, scheme.id),
              or(
                // Someone's own BSN is the subject's only when they did not apply as a representative.
                and(eq(applications.bsnHash, subjectHash), sql`coalesce(${applications.answers}->'applicant'->>'kind', 'self') <> 'representative'`),
                eq(applications.survivorBsnHash, subjectHash),
              ),
              ne(applications.id, draft.id),
              notInArray(applications.status, ['draft', 'withdrawn']),
            ),
          )
          .orderBy(asc(applications.submittedAt))
          .limit(1)
      : []

    const fileId = await storeSubmissionPdf(
      { applicationId: draft.id, scheme: scheme.config, reference, submittedOn: today, decisionDue, locale, answers, documents, app: draft },
      tx,
    )

    await tx
      .update(applications)
      .set({
        status: 'submitted',
        reference,
        submitToken,
        submittedAt: now,
        decisionDueAt: dateAt(decisionDue),
        possibleDuplicateOf: duplicate?.id ?? null,
        submissionFileId: fileId,
        answers,
        updatedAt: now,
      })
      .where(eq(applications.id, draft.id))
    // The flag goes both ways: the earlier application points back at this one (unless it is
    // already flagged), so an assessor of either case sees the other.
    if (duplicate) {
      await tx
        .update(applications)
        .set({ possibleDuplicateOf: draft.id })
        .where(and(eq(applications.id, duplicate.id), isNull(applications.possibleDuplicateOf)))
    }
    await tx.insert(applicationEvents).values({ applicationId: draft.id, status: 'submitted', at: now })
    const mailId = await notifyReceived({ applicationId: draft.id, reference, submittedOn: today, decisionDue }, tx)
    return { ok: true as const, applicationId: draft.id, reference, alreadySubmitted: false, mailId }
  })
  if (!outcome.ok) return outcome
  if (outcome.mailId) await dispatchMail(outcome.mailId)
  return { ok: true, applicationId: outcome.applicationId, reference: outcome.reference, alreadySubmitted: outcome.alreadySubmitted }
}

/** Renders the PDF copy, stores it and registers it in stored_files (in the caller's transaction). Returns the file id. */
async function storeSubmissionPdf(
  args: {
    applicationId: string
    scheme: SchemeConfig
    reference: string
    submittedOn: IsoDate
    decisionDue: IsoDate
    locale: Lng
    answers: Answers
    documents: Array<{ type: string; fileName: string }>
    /** For the encrypted answers (birth date, address, phone; a representative's survivor), decrypted for this copy only. */
    app: Application
  },
  tx: DbOrTx,
): Promise<string> {
  const own = decryptOwnDetails(args.app)
  const pdf = await renderSubmissionPdf({
    scheme: args.scheme,
    reference: args.reference,
    submittedOn: args.submittedOn,
    decisionDue: args.decisionDue,
    locale: args.locale,
    answers: args.answers,
    documents: args.documents.map((d) => ({ type: d.type, fileName: d.fileName })),
    own: { dateOfBirth: own.dateOfBirth, address: own.address, phone: own.phone },
    survivor: args.answers.applicant?.kind === 'representative' ? decryptSurvivorIdentity(args.app) : null,
  })
  const key = `scheme/applications/${args.applicationId}/submission-${args.reference}-${randomBytes(4).toString('hex')}.pdf`
  const stored = await storage.put({ key, body: Readable.from([pdf]), contentType: 'application/pdf' })
  const [file] = await tx
    .insert(storedFiles)
    .values({ key, byteSize: stored.size, contentType: 'application/pdf', sha256: stored.sha256, purpose: 'scheme.submission' })
    .returning({ id: storedFiles.id })
  return file!.id
}

/**
 * The PDF copy for a submitted application that has none (one that came in another way, such as
 * on paper or from an import). Returns the file id.
 */
export async function ensureSubmissionPdf({ applicationId, locale = 'nl' }: { applicationId: string; locale?: Lng }): Promise<string | null> {
  return db.transaction(async (tx) => {
    const [app] = await tx.select().from(applications).where(eq(applications.id, applicationId)).for('update')
    if (!app || app.status === 'draft') return null
    if (app.submissionFileId) return app.submissionFileId
    const scheme = await schemeById(app.schemeId, tx)
    const submittedOn = toSchemeDate(app.submittedAt ?? app.createdAt)
    const fileId = await storeSubmissionPdf(
      {
        applicationId,
        scheme,
        reference: app.reference ?? applicationId.slice(0, 8),
        submittedOn,
        decisionDue: app.decisionDueAt ? toSchemeDate(app.decisionDueAt) : decisionDeadline({ scheme, receivedAt: submittedOn }),
        locale,
        answers: answersOf(app),
        documents: await listDocuments({ applicationId }, tx),
        app,
      },
      tx,
    )
    await tx.update(applications).set({ submissionFileId: fileId }).where(eq(applications.id, applicationId))
    return fileId
  })
}

/**
 * Queues the "something changed" mail to the applicant (no content, only a link). Returns the
 * mail id to dispatch after the transaction commits, or null when there is no one to tell.
 */
export async function notifyApplicant({ applicationId }: { applicationId: string }, tx: DbOrTx = db): Promise<string | null> {
  const [row] = await tx
    .select({ email: users.email, locale: users.locale, userId: users.id })
    .from(applications)
    .innerJoin(users, eq(users.id, applications.applicantUserId))
    .where(eq(applications.id, applicationId))
  if (!row) return null
  return queueMail(
    { to: row.email, userId: row.userId, template: 'statusChanged', locale: row.locale, params: { link: absoluteUrl('/mijn-aanvraag') } },
    tx,
  )
}

/**
 * The acknowledgement the check page promises: the reference, the date, what happens next and
 * the decision term, with a link to the copy. Nothing about what happened (or the scheme's
 * name, which says it): a mailbox is not always private.
 */
async function notifyReceived(
  { applicationId, reference, submittedOn, decisionDue }: { applicationId: string; reference: string; submittedOn: IsoDate; decisionDue: IsoDate },
  tx: DbOrTx,
): Promise<string | null> {
  const [row] = await tx
    .select({ email: users.email, locale: users.locale, userId: users.id })
    .from(applications)
    .innerJoin(users, eq(users.id, applications.applicantUserId))
    .where(eq(applications.id, applicationId))
  if (!row) return null
  const locale: Lng = row.locale === 'en' ? 'en' : 'nl'
  return queueMail(
    {
      to: row.email,
      userId: row.userId,
      template: 'applicationReceived',
      locale,
      params: { reference, date: formatLongDate(submittedOn, locale), decisionDue: formatLongDate(decisionDue, locale), link: absoluteUrl('/mijn-aanvraag') },
    },
    tx,
  )
}

// ---------------------------------------------------------------------------------------
// The applicant's status page

/** Statuses an applicant sees on their timeline (assessors' internal steps are folded into these). */
export const APPLICANT_STATUSES = ['submitted', 'inAssessment', 'informationRequested', 'handedOff', 'received', 'decided', 'paid', 'objectionReceived', 'withdrawn'] as const

/** The applicant's applications (submitted or withdrawn, not drafts), newest first, with timeline, questions, documents and terms. */
export async function getApplicantOverview({ userId }: { userId: string }) {
  const rows = await db
    .select()
    .from(applications)
    .where(and(eq(applications.applicantUserId, userId), ne(applications.status, 'draft')))
    .orderBy(desc(applications.submittedAt))
  const schemeRows = await listSchemes()
  return Promise.all(
    rows.map(async (app) => {
      const scheme = schemeRows.find((s) => s.id === app.schemeId)!.config
      const events = await db
        .select({ status: applicationEvents.status, at: applicationEvents.at, note: applicationEvents.note })
        .from(applicationEvents)
        .where(and(eq(applicationEvents.applicationId, app.id), eq(applicationEvents.visibleToApplicant, true), ne(applicationEvents.status, 'draft')))
        .orderBy(asc(applicationEvents.at))
      const requests = await db
        .select()
        .from(informationRequests)
        .where(eq(informationRequests.applicationId, app.id))
        .orderBy(asc(informationRequests.askedAt))
      const documents = await listDocuments({ applicationId: app.id })
      return {
        id: app.id,
        reference: app.reference,
        status: app.status,
        scheme,
        submittedOn: app.submittedAt ? toSchemeDate(app.submittedAt) : null,
        decisionDue: app.decisionDueAt ? toSchemeDate(app.decisionDueAt) : null,
        clockPaused: Boolean(app.pausedSince),
        hasPdf: Boolean(app.submissionFileId),
        events: events.filter((e) => (APPLICANT_STATUSES as readonly string[]).includes(e.status)),
        requests: requests.map((r) => ({ id: r.id, question: r.question, askedAt: r.askedAt, answer: r.answer, answeredAt: r.answeredAt })),
        documents: documents.map((d) => ({ id: d.id, type: d.type, fileName: d.fileName, informationRequestId: d.informationRequestId })),
        canWithdraw: ['submitted', 'inAssessment', 'informationRequested'].includes(app.status),
      }
    }),
  )
}

/** The submitted PDF of the applicant's own application, or null (also for someone else's: the caller answers 404). */
export async function getSubmissionPdf({ userId, applicationId }: { userId: string; applicationId: string }) {
  if (!/^[0-9a-f-]{36}$/i.test(applicationId)) return null
  const [row] = await db
    .select({ key: storedFiles.key, reference: applications.reference })
    .from(applications)
    .innerJoin(storedFiles, eq(storedFiles.id, applications.submissionFileId))
    .where(and(eq(applications.id, applicationId), eq(applications.applicantUserId, userId)))
  if (!row) return null
  const object = await storage.stream({ key: row.key })
  return object ? { ...object, fileName: `${row.reference ?? 'aanvraag'}.pdf` } : null
}

/** Withdraws the applicant's own application (before a decision). */
export async function withdrawApplication({ userId, applicationId }: { userId: string; applicationId: string }) {
  return db.transaction(async (tx) => {
    const [app] = await tx
      .select()
      .from(applications)
      .where(and(eq(applications.id, applicationId), eq(applications.applicantUserId, userId)))
      .for('update')
    if (!app || !['submitted', 'inAssessment', 'informationRequested'].includes(app.status)) return { ok: false as const }
    await tx.update(applications).set({ status: 'withdrawn', updatedAt: new Date() }).where(eq(applications.id, app.id))
    await tx.insert(applicationEvents).values({ applicationId: app.id, status: 'withdrawn' })
    return { ok: true as const }
  })
}

// ---------------------------------------------------------------------------------------
// For the assessors' side (app/assessment/**). Callers check roles, step-up and write the access log.

/** An application for assessment, with masked identifiers only (no decryption here). */
export async function getApplicationForAssessment({ applicationId }: { applicationId: string }, tx: DbOrTx = db) {
  if (!/^[0-9a-f-]{36}$/i.test(applicationId)) return null
  const [app] = await tx.select().from(applications).where(eq(applications.id, applicationId))
  if (!app || app.status === 'draft') return null
  const scheme = await schemeById(app.schemeId, tx)
  const answers = answersOf(app)
  const documents = await listDocuments({ applicationId }, tx)
  const requests = await tx.select().from(informationRequests).where(eq(informationRequests.applicationId, applicationId)).orderBy(asc(informationRequests.askedAt))
  const events = await tx.select().from(applicationEvents).where(eq(applicationEvents.applicationId, applicationId)).orderBy(asc(applicationEvents.at))
  const {
    bsnEncrypted: _b,
    ibanEncrypted: _i,
    dateOfBirthEncrypted: _d,
    addressEncrypted: _a,
    phoneEncrypted: _p,
    bsnHash: _h,
    submitToken: _t,
    ...safe
  } = app
  return {
    application: safe,
    scheme,
    answers,
    masked: { bsn: answers.personal?.bsnMasked ?? null, iban: answers.personal?.ibanMasked ?? null },
    has: { dateOfBirth: Boolean(app.dateOfBirthEncrypted), address: Boolean(app.addressEncrypted), phone: Boolean(app.phoneEncrypted) },
    documents,
    requests,
    events,
    decisionDue: app.decisionDueAt ? toSchemeDate(app.decisionDueAt) : null,
  }
}

/**
 * THE one place an assessor's view decrypts a sensitive field. The caller must have checked
 * step-up (requireRecentAuth) and must log the reveal (recordAccess 'application.reveal').
 */
export async function revealSensitive({ applicationId, field }: { applicationId: string; field: SensitiveField }, tx: DbOrTx = db): Promise<string | null> {
  const column = {
    bsn: applications.bsnEncrypted,
    iban: applications.ibanEncrypted,
    dateOfBirth: applications.dateOfBirthEncrypted,
    address: applications.addressEncrypted,
    phone: applications.phoneEncrypted,
  }[field]
  const [row] = await tx.select({ value: column }).from(applications).where(and(eq(applications.id, applicationId), ne(applications.status, 'draft')))
  if (!row?.value) return null
  const plain = decryptField(row.value)
  if (field === 'address') {
    const a = JSON.parse(plain) as Address
    return `${a.street} ${a.houseNumber}, ${a.postcode} ${a.town}`
  }
  return plain
}

export type ApplicationFilters = {
  status?: ApplicationStatus | ApplicationStatus[]
  schemeId?: string
  possibleDuplicate?: boolean
  reference?: string
  submittedBefore?: Date
}

/** The queue: submitted applications (never drafts), oldest first, with masks only. */
export async function listApplications({ filters = {}, limit = 50, offset = 0 }: { filters?: ApplicationFilters; limit?: number; offset?: number } = {}, tx: DbOrTx = db) {
  const where: SQL[] = [ne(applications.status, 'draft')]
  if (filters.status) where.push(Array.isArray(filters.status) ? inArray(applications.status, filters.status) : eq(applications.status, filters.status))
  if (filters.schemeId) where.push(eq(applications.schemeId, filters.schemeId))
  if (filters.possibleDuplicate) where.push(isNotNull(applications.possibleDuplicateOf))
  if (filters.reference) where.push(eq(applications.reference, filters.reference.trim().toUpperCase()))
  if (filters.submittedBefore) where.push(sql`${applications.submittedAt} < ${filters.submittedBefore}`)
  const rows = await tx
    .select({
      id: applications.id,
      reference: applications.reference,
      status: applications.status,
      schemeId: applications.schemeId,
      applicantName: applications.applicantName,
      submittedAt: applications.submittedAt,
      decisionDueAt: applications.decisionDueAt,
      possibleDuplicateOf: applications.possibleDuplicateOf,
      pausedSince: applications.pausedSince,
      answers: applications.answers,
    })
    .from(applications)
    .where(and(...where))
    .orderBy(asc(applications.submittedAt))
    .limit(limit)
    .offset(offset)
  return rows.map(({ answers, ...r }) => {
    const a = answers as Answers
    return { ...r, bsnMasked: a.personal?.bsnMasked ?? null, placementCount: a.placements?.length ?? 0 }
  })
}

/** Adds a line to an application's timeline (without changing its status). */
export async function recordApplicationEvent(
  { applicationId, status, note = null, visibleToApplicant = true, at = new Date() }: { applicationId: string; status: ApplicationStatus; note?: string | null; visibleToApplicant?: boolean; at?: Date },
  tx: DbOrTx = db,
) {
  const [row] = await tx.insert(applicationEvents).values({ applicationId, status, note, visibleToApplicant, at }).returning()
  return row!
}

/**
 * Changes the status, records the event and sets the matching date (decided, paid, received
 * with the fund's reference). Visible changes queue a mail; returns its id to dispatch after commit.
 */
export async function setApplicationStatus(
  {
    applicationId,
    status,
    note = null,
    visibleToApplicant = true,
    schadefondsReference,
    at = new Date(),
  }: { applicationId: string; status: ApplicationStatus; note?: string | null; visibleToApplicant?: boolean; schadefondsReference?: string; at?: Date },
  tx: DbOrTx = db,
): Promise<{ mailId: string | null }> {
  const set: Partial<typeof applications.$inferInsert> = { status, updatedAt: new Date() }
  if (status === 'decided') set.decidedAt = at
  if (status === 'paid') set.paidAt = at
  if (status === 'inAssessment') set.acknowledgedAt = sql`coalesce(${applications.acknowledgedAt}, now())` as unknown as Date
  if (schadefondsReference) set.schadefondsReference = schadefondsReference
  await tx.update(applications).set(set).where(eq(applications.id, applicationId))
  await recordApplicationEvent({ applicationId, status, note, visibleToApplicant, at }, tx)
  return { mailId: visibleToApplicant ? await notifyApplicant({ applicationId }, tx) : null }
}

/** An assessor's question. The decision clock pauses while it is open, when the scheme says so. */
export async function createInformationRequest(
  { applicationId, question, askedBy }: { applicationId: string; question: string; askedBy: string | null },
  tx: DbOrTx = db,
) {
  const [app] = await tx.select().from(applications).where(eq(applications.id, applicationId)).for('update')
  if (!app || app.status === 'draft') throw new Error('no such submitted application')
  const scheme = await schemeById(app.schemeId, tx)
  const now = new Date()
  const [request] = await tx.insert(informationRequests).values({ applicationId, question, askedBy, askedAt: now }).returning()
  await tx
    .update(applications)
    .set({ pausedSince: scheme.clockPausesWhileInformationRequested ? (app.pausedSince ?? now) : app.pausedSince, updatedAt: now })
    .where(eq(applications.id, applicationId))
  const { mailId } = await setApplicationStatus({ applicationId, status: 'informationRequested', at: now }, tx)
  return { request: request!, mailId }
}

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * The applicant's answer (scoped to their own application). Resumes the clock when no other
 * question is open: the paused days are added to the decision date.
 */
export async function answerInformationRequest(
  { applicantUserId, requestId, answer, upload }: { applicantUserId: string; requestId: string; answer: string; upload?: StoredUpload | null },
  tx?: DbOrTx,
): Promise<{ ok: boolean }> {
  const run = async (t: DbOrTx) => {
    if (!/^[0-9a-f-]{36}$/i.test(requestId)) return { ok: false }
    const [row] = await t
      .select({ request: informationRequests, app: applications })
      .from(informationRequests)
      .innerJoin(applications, eq(applications.id, informationRequests.applicationId))
      .where(and(eq(informationRequests.id, requestId), eq(applications.applicantUserId, applicantUserId)))
    if (!row || row.request.answeredAt || row.app.status === 'withdrawn') return { ok: false }
    const now = new Date()
    await t.update(informationRequests).set({ answer, answeredAt: now }).where(eq(informationRequests.id, requestId))
    if (upload) {
      const [file] = await t
        .insert(storedFiles)
        .values({ key: upload.key, byteSize: upload.size, contentType: upload.contentType, sha256: upload.sha256, purpose: 'scheme.evidence' })
        .returning({ id: storedFiles.id })
      await t.insert(applicationDocuments).values({ applicationId: row.app.id, fileId: file!.id, type: 'answer', fileName: upload.fileName, informationRequestId: requestId })
    }
    const [open] = await t
      .select({ id: informationRequests.id })
      .from(informationRequests)
      .where(and(eq(informationRequests.applicationId, row.app.id), isNull(informationRequests.answeredAt)))
      .limit(1)
    const [app] = await t.select().from(applications).where(eq(applications.id, row.app.id)).for('update')
    if (!open && app) {
      const scheme = await schemeById(app.schemeId, t)
      // Whole calendar days (Dutch time) the question was open: asked and answered on one day pauses nothing.
      const paused = app.pausedSince ? Math.round((Date.parse(amsterdamDate(now)) - Date.parse(amsterdamDate(app.pausedSince))) / DAY_MS) : 0
      const pausedDays = app.pausedDays + paused
      const decisionDue = app.submittedAt ? decisionDeadline({ scheme, receivedAt: app.submittedAt, pausedDays }) : null
      await t
        .update(applications)
        .set({ pausedDays, pausedSince: null, decisionDueAt: decisionDue ? dateAt(decisionDue) : app.decisionDueAt, status: 'inAssessment', updatedAt: now })
        .where(eq(applications.id, app.id))
      await recordApplicationEvent({ applicationId: app.id, status: 'inAssessment', note: 'informationReceived', at: now }, t)
    }
    return { ok: true }
  }
  return tx ? run(tx) : db.transaction(run)
}
