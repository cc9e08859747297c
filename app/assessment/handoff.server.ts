import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm'
import { db, type DbOrTx } from '@db/client.server'
import { users } from '@db/schema/accounts'
import { handoffOutbox, type Assessment, type HandoffOutboxRow } from '@db/schema/assessment'
import { storedFiles } from '@db/schema/files'
import { applicationDocuments, applicationEvents, applications, schemes } from '@db/schema/scheme'
import { recordAccess, type AuditActor } from '~/audit/audit.server'
import { listConsentHistory } from '~/consent/consent.server'
import { VIOLENCE_KINDS } from '~/facets/facets'
import { CaseDocumentV1Schema, type CaseDocumentV1 } from '~/scheme/case-document'
import { SchemeConfigSchema } from '~/scheme/scheme-config'
import { signWebhook } from '~/scheme/webhooks.server'
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
  const [row] = await tx
    .select({ app: applications, schemeConfig: schemes.config, email: users.email })
    .from(applications)
    .innerJoin(schemes, eq(schemes.id, applications.schemeId))
    .leftJoin(users, eq(users.id, applications.applicantUserId))
    .where(eq(applications.id, applicationId))
  if (!row) throw new CaseIncompleteError(['application'])
  const { app } = row
  const scheme = SchemeConfigSchema.parse(row.schemeConfig)
  const answers = readAnswers(app.answers)
  const decrypt = (v: string | null) => (v ? decryptField(v) : null)

  const docs = await tx
    .select({ id: applicationDocuments.id, type: applicationDocuments.type, fileName: applicationDocuments.fileName, file: storedFiles })
    .from(applicationDocuments)
    .innerJoin(storedFiles, eq(storedFiles.id, applicationDocuments.fileId))
    .where(eq(applicationDocuments.applicationId, applicationId))
    .orderBy(asc(applicationDocuments.createdAt))

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
    evidence: {
      recordsSearchRequested: answers.recordsSearchRequested,
      documents: docs.map((d) => ({
        id: d.id,
        type: documentTypeOf(d.type, answers.applicantKind),
        fileName: d.fileName,
        byteSize: d.file.byteSize,
        sha256: d.file.sha256,
        contentType: d.file.contentType,
        storageKey: d.file.key,
      })),
    },
    conversationWanted: answers.conversationWanted,
    assessment: {
      proposedOutcome: assessment.outcome,
      reasonCode: assessment.reasonCode ?? undefined,
      motivation: assessment.motivation,
      proposedBy: { assessorRef: assessorRef(assessment.proposedBy ?? 'unknown') },
      confirmedBy: { assessorRef: assessorRef(assessment.confirmedBy ?? 'unknown') },
      confirmedAt: (assessment.confirmedAt ?? new Date()).toISOString(),
    },
    consents: grants.map((c) => ({ purpose: c.purpose, eventId: consentEventUuid(c.id), textVersion: c.textVersion, grantedAt: c.occurredAt.toISOString() })),
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
function consentEventUuid(eventId: number) {
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
 * Claims up to `limit` due rows for this deliverer. The claim (locked_until) expires, so a
 * row claimed by a worker that crashed is delivered again later, with the same webhook id.
 */
export async function claimDueHandoffs({ limit, lockMs, ids }: { limit: number; lockMs: number; ids?: string[] }): Promise<HandoffOutboxRow[]> {
  const only = ids?.length ? sql`and id in ${sql`(${sql.join(ids.map((i) => sql`${i}::uuid`), sql`, `)})`}` : sql``
  const rows = await db.execute<Record<string, unknown>>(sql`
    update handoff_outbox set locked_until = now() + (${lockMs} * interval '1 millisecond'), attempts = attempts + 1
    where id in (
      select id from handoff_outbox
      where status = 'pending' and next_attempt_at <= now() and (locked_until is null or locked_until < now()) ${only}
      order by next_attempt_at limit ${limit}
      for update skip locked
    )
    returning id`)
  const claimed = (rows as unknown as Array<{ id: string }>).map((r) => r.id)
  if (!claimed.length) return []
  return db.select().from(handoffOutbox).where(inArray(handoffOutbox.id, claimed))
}

/** One delivery attempt of a claimed row; records the result. Never throws for a failed delivery. */
export async function deliverClaimedHandoff(row: HandoffOutboxRow, options: DeliveryOptions = {}): Promise<'delivered' | 'retry' | 'dead'> {
  const config = getHandoffConfig()
  const url = options.url ?? config.url
  const secret = options.secret ?? config.secret
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs
  let error: string
  let heldBack = false
  try {
    if (!secret) throw new Error('no webhook secret configured (SCHADEFONDS_WEBHOOK_SECRET or WEBHOOK_SECRET)')
    const frozen = JSON.parse(decryptField(row.payloadEncrypted)) as unknown
    // The endpoint's configured version (case-builder-v2.server.ts); a case it cannot take is held back.
    const document = options.rawPayload ? frozen : await caseDocumentForEndpoint(frozen, config.caseVersion)
    const body = JSON.stringify(document)
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signWebhook({ secret, id: row.webhookId, body }) },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    })
    await response.body?.cancel()
    if (response.ok) {
      await markDelivered(row)
      return 'delivered'
    }
    error = `HTTP ${response.status}`
  } catch (e) {
    heldBack = e instanceof CaseHeldBackError
    error = e instanceof Error ? (e.name === 'TimeoutError' ? `timeout after ${timeoutMs} ms` : e.message) : String(e)
  }
  const giveUpAfterMs = options.giveUpAfterMs ?? DEFAULTS.giveUpAfterMs
  // Held back: retrying cannot help until someone changes the endpoint's version, so it waits for an admin.
  const dead = heldBack || Date.now() - row.windowStartedAt.getTime() >= giveUpAfterMs
  await db
    .update(handoffOutbox)
    .set({
      status: dead ? 'dead' : 'pending',
      lastError: error.slice(0, 500),
      lockedUntil: null,
      nextAttemptAt: new Date(Date.now() + backoffMs(row.attempts, options)),
    })
    .where(and(eq(handoffOutbox.id, row.id), eq(handoffOutbox.status, 'pending')))
  if (dead) logger.warn({ outboxId: row.id, attempts: row.attempts }, 'case hand-off parked as dead')
  return dead ? 'dead' : 'retry'
}

const BEFORE_HANDOFF = ['confirmed'] as const

async function markDelivered(row: HandoffOutboxRow) {
  await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(handoffOutbox)
      .set({ status: 'delivered', deliveredAt: new Date(), lockedUntil: null, lastError: null })
      .where(and(eq(handoffOutbox.id, row.id), eq(handoffOutbox.status, 'pending')))
      .returning({ id: handoffOutbox.id })
    if (!updated) return
    // Only move forward: the fund may already have reported "received" through the inbound hook.
    const [app] = await tx
      .update(applications)
      .set({ status: 'handedOff' })
      .where(and(eq(applications.id, row.applicationId), inArray(applications.status, [...BEFORE_HANDOFF])))
      .returning({ id: applications.id })
    if (app) await tx.insert(applicationEvents).values({ applicationId: row.applicationId, status: 'handedOff', visibleToApplicant: true })
  })
}

/** Delivers everything that is due, `concurrency` at a time (the cron job and the benchmark). */
export async function drainHandoffOutbox({ batch = 20, concurrency = 8, options = {}, ids }: { batch?: number; concurrency?: number; options?: DeliveryOptions; ids?: string[] } = {}) {
  const lockMs = options.lockMs ?? (options.timeoutMs ?? DEFAULTS.timeoutMs) + 15_000
  const counts = { delivered: 0, retry: 0, dead: 0 }
  for (;;) {
    const rows = await claimDueHandoffs({ limit: batch, lockMs, ids })
    if (!rows.length) return counts
    let next = 0
    await Promise.all(
      Array.from({ length: Math.min(concurrency, rows.length) }, async () => {
        while (next < rows.length) {
          const row = rows[next++]!
          counts[await deliverClaimedHandoff(row, options)]++
        }
      }),
    )
  }
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
