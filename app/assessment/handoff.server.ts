import { and, asc, desc, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm'
import { db, type DbOrTx } from '@db/client.server'
import { users } from '@db/schema/accounts'
import { handoffOutbox, type Assessment, type HandoffOutboxRow } from '@db/schema/assessment'
import { storedFiles } from '@db/schema/files'
import { applicationDocuments, applicationEvents, applications, schemes } from '@db/schema/scheme'
import { recordAccess, type AuditActor } from '~/audit/audit.server'
import { listConsentHistory } from '~/consent/consent.server'
import { VIOLENCE_KINDS } from '~/facets/facets'
import { CaseDocumentV1Schema, type CaseDocumentV1 } from '~/assessment/case-document/case-document'
import { SchemeConfigSchema } from '~/scheme/scheme-config'
import { signWebhook } from '~/assessment/case-document/webhooks.server'
import { decryptField, encryptField, lookupHash } from '~/privacy/field-crypto.server'
import { logger } from '~/utils/logger.server'
import { storage } from '~/utils/storage.server'
import { readAnswers } from './answers'
import { caseDocumentForEndpoint, CaseHeldBackError } from './case-builder-v2.server'
import { getHandoffConfig } from './handoff-config.server'

/** Stable per case version: every redelivery of this version carries the same id. */
export function handoffWebhookId({ applicationId, caseVersion }: { applicationId: string; caseVersion: number }) {
  return `case_${applicationId}_v${caseVersion}`
}

/** A pseudonymous, stable reference for an assessor: the fund sees that two people decided, not who. */
export function assessorRef(userId: string) {
  return `assessor-${lookupHash({ kind: 'assessorRef', value: userId }).replace(/[^a-zA-Z0-9]/g, '').slice(0, 12)}`
}

/** A document as frozen at confirmation; the download link is made at each delivery. */
type FrozenDocument = Omit<CaseDocumentV1['evidence']['documents'][number], 'downloadUrl' | 'downloadUrlExpiresAt'> & { storageKey: string }
export type FrozenCase = Omit<CaseDocumentV1, 'evidence'> & {
  evidence: { recordsSearchRequested: boolean; documents: FrozenDocument[] }
}

const DOCUMENT_TYPE_MAP: Record<string, CaseDocumentV1['evidence']['documents'][number]['type']> = {
  guardianshipCard: 'placementProof',
  registrationProof: 'placementProof',
  courtRuling: 'placementProof',
  photo: 'placementProof',
  policeReport: 'placementProof',
  addresses: 'placementProof',
  authorisation: 'authorisation',
}

/** A relative's authorisation is the other next of kin's (or proof of being next of kin): the contract's 'relativesAuthorisation'. */
function documentTypeOf(type: string, applicantKind: string): CaseDocumentV1['evidence']['documents'][number]['type'] {
  if (type === 'authorisation' && applicantKind === 'relative') return 'relativesAuthorisation'
  return DOCUMENT_TYPE_MAP[type] ?? 'other'
}

/** The application with its scheme and the applicant's e-mail, as both case versions read it. */
export async function readCaseApplication({ applicationId, tx }: { applicationId: string; tx: DbOrTx }) {
  const [row] = await tx
    .select({ app: applications, schemeConfig: schemes.config, email: users.email })
    .from(applications)
    .innerJoin(schemes, eq(schemes.id, applications.schemeId))
    .leftJoin(users, eq(users.id, applications.applicantUserId))
    .where(eq(applications.id, applicationId))
  if (!row) throw new CaseIncompleteError(['application'])
  return { app: row.app, email: row.email, scheme: SchemeConfigSchema.parse(row.schemeConfig) }
}

/** The evidence documents of an application with their stored files, oldest first (both case versions). */
export function readCaseDocuments({ applicationId, tx }: { applicationId: string; tx: DbOrTx }) {
  return tx
    .select({ id: applicationDocuments.id, type: applicationDocuments.type, fileName: applicationDocuments.fileName, file: storedFiles })
    .from(applicationDocuments)
    .innerJoin(storedFiles, eq(storedFiles.id, applicationDocuments.fileId))
    .where(eq(applicationDocuments.applicationId, applicationId))
    .orderBy(asc(applicationDocuments.createdAt))
}

/** The evidence as frozen at confirmation: the same in v1 and v2 (the download links are made per delivery). */
export function frozenEvidence({ docs, applicantKind, recordsSearchRequested }: { docs: Awaited<ReturnType<typeof readCaseDocuments>>; applicantKind: string; recordsSearchRequested: boolean }): FrozenCase['evidence'] {
  return {
    recordsSearchRequested,
    documents: docs.map((d) => ({
      id: d.id,
      type: documentTypeOf(d.type, applicantKind),
      fileName: d.fileName,
      byteSize: d.file.byteSize,
      sha256: d.file.sha256,
      contentType: d.file.contentType,
      storageKey: d.file.key,
    })),
  }
}

/** The four-eyes assessment with pseudonymous assessor references, never names (both case versions). */
export function frozenAssessment(assessment: Assessment): FrozenCase['assessment'] {
  return {
    proposedOutcome: assessment.outcome,
    reasonCode: assessment.reasonCode ?? undefined,
    motivation: assessment.motivation,
    proposedBy: { assessorRef: assessorRef(assessment.proposedBy ?? 'unknown') },
    confirmedBy: { assessorRef: assessorRef(assessment.confirmedBy ?? 'unknown') },
    confirmedAt: (assessment.confirmedAt ?? new Date()).toISOString(),
  }
}

/** A ledger grant as the case documents name it. */
export function caseConsentOf(c: { id: number; purpose: string; textVersion: string; occurredAt: Date }) {
  return { purpose: c.purpose, eventId: consentEventUuid(c.id), textVersion: c.textVersion, grantedAt: c.occurredAt.toISOString() }
}

export const DOWNLOAD_LINK_SECONDS = 24 * 60 * 60

export class CaseIncompleteError extends Error {
  constructor(readonly paths: string[]) {
    super(`case document incomplete: ${paths.join(', ')}`)
    this.name = 'CaseIncompleteError'
  }
}

type StoredAddress = { street?: string; houseNumber?: string; postcode?: string; town?: string; city?: string; country?: string }

function parseAddress(plain: string | null): StoredAddress | null {
  if (!plain) return null
  try {
    const value = JSON.parse(plain) as unknown
    return value && typeof value === 'object' ? (value as StoredAddress) : null
  } catch {
    return null
  }
}

/**
 * Builds the case document of a confirmed assessment (inside the confirming transaction) and
 * checks it against the contract, so an incomplete case is refused at confirmation, not by
 * the fund a day later.
 */
export async function buildFrozenCase({ applicationId, assessment, caseVersion, tx }: { applicationId: string; assessment: Assessment; caseVersion: number; tx: DbOrTx }): Promise<FrozenCase> {
  const row = await readCaseApplication({ applicationId, tx })
  const { app, scheme } = row
  const answers = readAnswers(app.answers)
  const decrypt = (v: string | null) => (v ? decryptField(v) : null)

  const docs = await readCaseDocuments({ applicationId, tx })

  const consents = app.applicantUserId ? await listConsentHistory({ subjectRef: app.applicantUserId }, tx) : []
  // The newest event per object and purpose; only current grants are referenced.
  const latest = new Map<string, (typeof consents)[number]>()
  for (const c of consents) {
    const key = `${c.objectType}:${c.objectId}:${c.purpose}`
    if (c.objectId === applicationId && !latest.has(key)) latest.set(key, c)
  }
  const grants = [...latest.values()].filter((c) => c.action === 'grant')
  const storyConsent = grants.find((c) => c.purpose === 'scheme.useMonumentStory')

  const address = parseAddress(decrypt(app.addressEncrypted))
  const frozen = {
    schemaVersion: 'case-v1' as const,
    caseId: app.id,
    reference: app.reference ?? '',
    version: caseVersion,
    scheme: { code: scheme.code, version: scheme.version },
    submittedAt: (app.submittedAt ?? app.createdAt).toISOString(),
    applicant: {
      kind: answers.applicantKind,
      name: app.applicantName ?? '',
      dateOfBirth: decrypt(app.dateOfBirthEncrypted) ?? '',
      bsn: decrypt(app.bsnEncrypted) ?? '',
      address: address && {
        street: address.street,
        houseNumber: address.houseNumber,
        postcode: address.postcode,
        city: address.city ?? address.town,
        country: address.country ?? 'NL',
      },
      email: answers.email ?? row.email ?? undefined,
      phone: decrypt(app.phoneEncrypted) ?? undefined,
      iban: decrypt(app.ibanEncrypted) ?? '',
      accountHolder: answers.accountHolder ?? app.applicantName ?? '',
      // The portal asks a representative for their relation in their own words; the contract's
      // closed list gets 'other' and the fund reads the rest in the authorisation document.
      representative: answers.applicantKind === 'representative' ? { name: app.applicantName ?? '', relationship: 'other' as const } : undefined,
    },
    // A relative's own details are the applicant's; the deceased survivor's come from 'who is applying'.
    deceasedSurvivor:
      answers.applicantKind === 'relative' ? { name: answers.survivorName, dateOfBirth: answers.survivorDateOfBirth, diedOn: answers.survivorDiedOn } : undefined,
    placements: answers.placements,
    harms: {
      kinds: answers.harms.kinds.filter((k): k is (typeof VIOLENCE_KINDS)[number] => (VIOLENCE_KINDS as readonly string[]).includes(k)),
      account: answers.harms.account,
      monumentStoryRef:
        answers.harms.monumentStoryId && storyConsent ? { storyId: answers.harms.monumentStoryId, consentEventId: consentEventUuid(storyConsent.id) } : undefined,
    },
    evidence: frozenEvidence({ docs, applicantKind: answers.applicantKind, recordsSearchRequested: answers.recordsSearchRequested }),
    conversationWanted: answers.conversationWanted,
    assessment: frozenAssessment(assessment),
    consents: grants.map(caseConsentOf),
  }
  // Check the full contract now, with a placeholder link.
  const check = CaseDocumentV1Schema.safeParse(withLinks(frozen as FrozenCase, () => 'https://placeholder.invalid/x', new Date()))
  if (!check.success) throw new CaseIncompleteError(check.error.issues.map((i) => i.path.join('.')))
  return frozen as FrozenCase
}

/**
 * The ledger's event ids are numbers; the contract wants a UUID. A name-based UUID keeps
 * the reference stable and traceable (same event → same id).
 */
/** A stable UUID for a ledger event, the same in v1 and v2. */
export function consentEventUuid(eventId: number) {
  const hex = eventId.toString(16).padStart(12, '0').slice(-12)
  return `00000000-0000-4000-8000-${hex}`
}

function withLinks(frozen: FrozenCase, link: (key: string) => string, expiresAt: Date): CaseDocumentV1 {
  return {
    ...frozen,
    evidence: {
      recordsSearchRequested: frozen.evidence.recordsSearchRequested,
      documents: frozen.evidence.documents.map(({ storageKey, ...d }) => ({ ...d, downloadUrl: link(storageKey), downloadUrlExpiresAt: expiresAt.toISOString() })),
    },
  }
}

/** Adds fresh short-lived download links (every attempt gets new ones) and checks the contract. */
export async function finaliseCaseDocument(frozen: FrozenCase): Promise<CaseDocumentV1> {
  const links = new Map<string, string>()
  for (const d of frozen.evidence.documents) links.set(d.storageKey, await storage.presign({ key: d.storageKey, expiresInSeconds: DOWNLOAD_LINK_SECONDS, downloadName: d.fileName }))
  const expiresAt = new Date(Date.now() + DOWNLOAD_LINK_SECONDS * 1000)
  return CaseDocumentV1Schema.parse(withLinks(frozen, (key) => links.get(key)!, expiresAt))
}

export function sealFrozenCase(frozen: FrozenCase | Record<string, unknown>) {
  return encryptField(JSON.stringify(frozen))
}

export type DeliveryOptions = {
  url?: string
  secret?: string
  timeoutMs?: number
  /** First retry delay; doubles per attempt up to maxBackoffMs. */
  baseBackoffMs?: number
  maxBackoffMs?: number
  /** After this long without success the row is parked as dead. */
  giveUpAfterMs?: number
  /** How long a claim holds before another deliverer may take the row (after a crash). */
  lockMs?: number
  /** Skip link making and contract checks (benchmark payloads are checked by the receiver). */
  rawPayload?: boolean
}

const DEFAULTS = { timeoutMs: 10_000, baseBackoffMs: 30_000, maxBackoffMs: 60 * 60_000, giveUpAfterMs: 24 * 60 * 60_000 }

export function backoffMs(attempts: number, { baseBackoffMs = DEFAULTS.baseBackoffMs, maxBackoffMs = DEFAULTS.maxBackoffMs } = {}) {
  const exp = Math.min(maxBackoffMs, baseBackoffMs * 2 ** Math.max(0, attempts - 1))
  // Up to 20 % jitter so a burst of failures does not come back as one burst.
  return Math.round(exp * (0.8 + Math.random() * 0.2))
}

/**
 * Claims up to `limit` due rows for this deliverer, in one round trip: rows another
 * deliverer is claiming are skipped (SKIP LOCKED), not waited for. The claim (locked_until)
 * expires, so a row claimed by a worker that crashed is delivered again later, with the
 * same webhook id; the receiver's idempotency by that id makes the redelivery harmless.
 */
export async function claimDueHandoffs({ limit, lockMs, ids }: { limit: number; lockMs: number; ids?: string[] }): Promise<HandoffOutboxRow[]> {
  const due = db
    .select({ id: handoffOutbox.id })
    .from(handoffOutbox)
    .where(
      and(
        eq(handoffOutbox.status, 'pending'),
        lte(handoffOutbox.nextAttemptAt, sql`now()`),
        or(isNull(handoffOutbox.lockedUntil), lt(handoffOutbox.lockedUntil, sql`now()`)),
        ids?.length ? inArray(handoffOutbox.id, ids) : undefined,
      ),
    )
    .orderBy(asc(handoffOutbox.nextAttemptAt))
    .limit(limit)
    .for('update', { skipLocked: true })
  return db
    .update(handoffOutbox)
    .set({ lockedUntil: sql`now() + (${lockMs} * interval '1 millisecond')`, attempts: sql`${handoffOutbox.attempts} + 1` })
    .where(inArray(handoffOutbox.id, due))
    .returning()
}

type Attempt = { row: HandoffOutboxRow; ok: true } | { row: HandoffOutboxRow; ok: false; error: string; dead: boolean; nextAttemptAt: Date }

/** One delivery attempt of a claimed row, without touching the database. Never throws. */
async function attemptDelivery(row: HandoffOutboxRow, options: DeliveryOptions): Promise<Attempt> {
  const config = getHandoffConfig()
  const url = options.url ?? config.url
  const secret = options.secret ?? config.secret
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs
  let error: string
  let heldBack = false
  try {
    if (!secret) throw new Error('no webhook secret configured (SCHADEFONDS_WEBHOOK_SECRET or WEBHOOK_SECRET)')
    const plain = decryptField(row.payloadEncrypted)
    // A raw payload goes out as stored: parsing and serialising it again only costs time.
    // Otherwise the endpoint's configured version (case-builder-v2.server.ts); a case it cannot take is held back.
    const body = options.rawPayload ? plain : JSON.stringify(await caseDocumentForEndpoint(JSON.parse(plain) as unknown, config.caseVersion))
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signWebhook({ secret, id: row.webhookId, body }) },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    })
    await response.body?.cancel()
    if (response.ok) return { row, ok: true }
    error = `HTTP ${response.status}`
  } catch (e) {
    heldBack = e instanceof CaseHeldBackError
    error = e instanceof Error ? (e.name === 'TimeoutError' ? `timeout after ${timeoutMs} ms` : e.message) : String(e)
  }
  const giveUpAfterMs = options.giveUpAfterMs ?? DEFAULTS.giveUpAfterMs
  // Held back: retrying cannot help until someone changes the endpoint's version, so it waits for an admin.
  const dead = heldBack || Date.now() - row.windowStartedAt.getTime() >= giveUpAfterMs
  return { row, ok: false, error: error.slice(0, 500), dead, nextAttemptAt: new Date(Date.now() + backoffMs(row.attempts, options)) }
}

const BEFORE_HANDOFF = ['confirmed'] as const

/**
 * Records a batch of attempts: two statements whatever the batch size. A delivered row, its
 * application's step to "handed off" (only forward: the fund may already have reported
 * "received") and the timeline line are one statement, so they commit together.
 */
async function recordAttempts(attempts: Attempt[]) {
  const delivered = attempts.filter((a) => a.ok).map((a) => a.row.id)
  const failed = attempts.filter((a): a is Extract<Attempt, { ok: false }> => !a.ok)
  // The ids and results go as one JSON parameter each, whatever the batch size.
  await Promise.all([
    delivered.length
      ? db.execute(sql`
          with done as (
            update ${handoffOutbox} set status = 'delivered', delivered_at = now(), locked_until = null, last_error = null
            where id in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(delivered)}::jsonb)) and status = 'pending'
            returning application_id
          ), moved as (
            update ${applications} set status = 'handedOff'
            where id in (select application_id from done) and status in ${sql`(${sql.join(BEFORE_HANDOFF.map((s) => sql`${s}`), sql`, `)})`}
            returning id
          )
          insert into ${applicationEvents} (application_id, status, visible_to_applicant) select id, 'handedOff', true from moved`)
      : null,
    failed.length
      ? db.execute(sql`
          update ${handoffOutbox} as o
          set status = case when f.dead then 'dead' else 'pending' end, last_error = f.error, locked_until = null, next_attempt_at = f.next_attempt_at
          from jsonb_to_recordset(${JSON.stringify(failed.map((f) => ({ id: f.row.id, error: f.error, next_attempt_at: f.nextAttemptAt.toISOString(), dead: f.dead })))}::jsonb)
            as f(id uuid, error text, next_attempt_at timestamptz, dead boolean)
          where o.id = f.id and o.status = 'pending'`)
      : null,
  ])
  for (const f of failed) if (f.dead) logger.warn({ outboxId: f.row.id, attempts: f.row.attempts }, 'case hand-off parked as dead')
}

/** One delivery attempt of a claimed row; records the result. Never throws for a failed delivery. */
export async function deliverClaimedHandoff(row: HandoffOutboxRow, options: DeliveryOptions = {}): Promise<'delivered' | 'retry' | 'dead'> {
  const attempt = await attemptDelivery(row, options)
  await recordAttempts([attempt])
  return attempt.ok ? 'delivered' : attempt.dead ? 'dead' : 'retry'
}

/**
 * Delivers everything that is due, keeping up to `concurrency` requests in flight (the cron
 * job, the job after a confirmation, and the benchmark). Free slots are refilled by claims of
 * up to `batch` rows, and results are recorded in batches as they come in, so a delivery
 * costs a share of three statements instead of seven round trips; a slow or hanging fund
 * ties up one slot, not the deliverer. A crash between the attempt and its record leaves the
 * row claimed: it is delivered again with the same webhook id when the claim expires.
 */
export async function drainHandoffOutbox({ batch = 20, concurrency = 8, options = {}, ids }: { batch?: number; concurrency?: number; options?: DeliveryOptions; ids?: string[] } = {}) {
  const lockMs = options.lockMs ?? (options.timeoutMs ?? DEFAULTS.timeoutMs) + 15_000
  const counts = { delivered: 0, retry: 0, dead: 0 }
  const inFlight = new Set<Promise<void>>()
  const writes = new Set<Promise<void>>()
  let pending: Attempt[] = []
  let timer: NodeJS.Timeout | null = null
  let failure: unknown = null

  const flush = () => {
    if (timer) clearTimeout(timer)
    timer = null
    if (!pending.length) return
    const taken = pending
    pending = []
    const write = recordAttempts(taken)
      .then(() => {
        for (const a of taken) counts[a.ok ? 'delivered' : a.dead ? 'dead' : 'retry']++
      })
      .catch((error: unknown) => {
        // Not recorded: the claims expire and the rows are delivered again (same webhook ids).
        failure ??= error
      })
      .finally(() => writes.delete(write))
    writes.add(write)
  }
  const record = (attempt: Attempt) => {
    pending.push(attempt)
    if (pending.length >= batch) flush()
    // A short wait gathers results that finish together into one write.
    else timer ??= setTimeout(flush, 5)
  }

  // Refill when a quarter of the slots is free (or nothing runs), so claims stay batched.
  const refillAt = Math.max(1, Math.min(batch, Math.floor(concurrency / 4)))
  for (;;) {
    const free = concurrency - inFlight.size
    if (failure) break
    if (free >= refillAt || inFlight.size === 0) {
      const rows = await claimDueHandoffs({ limit: Math.min(batch, free), lockMs, ids })
      for (const row of rows) {
        const run: Promise<void> = attemptDelivery(row, options)
          .then(record)
          .finally(() => inFlight.delete(run))
        inFlight.add(run)
      }
      if (rows.length === 0 && inFlight.size === 0) break
      if (rows.length === free) continue
    }
    await Promise.race(inFlight)
  }
  await Promise.all(inFlight)
  flush()
  await Promise.all(writes)
  if (failure) throw failure
  return counts
}

/** The admin's dead-letter list: no case content, only what is needed to act. Logged. */
export async function listDeadHandoffs({ actor, ip }: { actor: AuditActor; ip: string | null }) {
  await recordAccess({ actor, action: 'handoff.listDead', objectType: 'handoffOutbox', objectId: null, subjectId: null, purpose: 'schemeHandoff', outcome: 'success', ip })
  return db
    .select({
      id: handoffOutbox.id,
      reference: applications.reference,
      caseVersion: handoffOutbox.caseVersion,
      attempts: handoffOutbox.attempts,
      lastError: handoffOutbox.lastError,
      createdAt: handoffOutbox.createdAt,
    })
    .from(handoffOutbox)
    .innerJoin(applications, eq(applications.id, handoffOutbox.applicationId))
    .where(eq(handoffOutbox.status, 'dead'))
    .orderBy(desc(handoffOutbox.createdAt))
    .limit(200)
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
