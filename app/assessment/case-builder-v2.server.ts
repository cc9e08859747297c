import { createHash } from 'node:crypto'
import type { DbOrTx } from '@db/client.server'
import type { Assessment } from '@db/schema/assessment'
import { listConsentHistory } from '~/consent/consent.server'
import { VIOLENCE_KINDS } from '~/facets/facets'
import { decryptField } from '~/privacy/field-crypto.server'
import { decryptSurvivorIdentity } from '~/scheme/applications.server'
import type { CaseDocumentV1 } from '~/assessment/case-document/case-document'
import { CaseDocumentV2Schema, type CaseDocumentV2 } from '~/assessment/case-document/case-document-v2'
import { storage } from '~/utils/storage.server'
import { readAnswers } from './answers'
import type { CaseVersion } from './handoff-config.server'
import { buildFrozenCase, CaseIncompleteError, caseConsentOf, readCaseApplication, DOWNLOAD_LINK_SECONDS, finaliseCaseDocument, frozenAssessment, frozenEvidence, readCaseDocuments, type FrozenCase } from './handoff.server'

/**
 * Case document v2 (app/assessment/case-document/case-document-v2.ts): built at confirmation next to v1, sealed
 * in the outbox as one payload, and at delivery the endpoint's configured version is sent.
 * A case v1 cannot express (a representative's: v1 would carry the representative's identity
 * as the survivor's) has no v1 part, and a v1 endpoint holds it back instead of sending it wrong.
 */

type FrozenDocument = Omit<CaseDocumentV2['evidence']['documents'][number], 'downloadUrl' | 'downloadUrlExpiresAt'> & { storageKey: string }
export type FrozenCaseV2 = Omit<CaseDocumentV2, 'evidence'> & { evidence: { recordsSearchRequested: boolean; documents: FrozenDocument[] } }

/** What the outbox seals since v2: both versions, v1 absent when it cannot express the case. */
export type FrozenCases = { format: 'frozen-cases'; v1: FrozenCase | null; v1Unavailable?: 'representative'; v2: FrozenCaseV2 }

/** Why a delivery is held back; the admin's hand-off page explains the code. */
export class CaseHeldBackError extends Error {
  constructor(readonly code: 'caseV1CannotExpressRepresentative') {
    super(`heldBack:${code}`)
    this.name = 'CaseHeldBackError'
  }
}

type StoredAddress = { street?: string; houseNumber?: string; postcode?: string; town?: string; city?: string; country?: string }
function caseAddress(a: StoredAddress | null | undefined) {
  if (!a) return undefined
  return { street: a.street ?? '', houseNumber: a.houseNumber ?? '', postcode: a.postcode ?? '', city: a.city ?? a.town ?? '', country: a.country ?? 'NL' }
}
function parseAddress(plain: string | null): StoredAddress | null {
  if (!plain) return null
  try {
    return JSON.parse(plain) as StoredAddress
  } catch {
    return null
  }
}

export function sha256Hex(text: string) {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

/**
 * Builds case v2 of a confirmed assessment (inside the confirming transaction) and checks it
 * against the contract, so an incomplete case is refused at confirmation.
 */
export async function buildFrozenCaseV2({ applicationId, assessment, caseVersion, tx }: { applicationId: string; assessment: Assessment; caseVersion: number; tx: DbOrTx }): Promise<FrozenCaseV2> {
  const row = await readCaseApplication({ applicationId, tx })
  const { app, scheme } = row
  const answers = readAnswers(app.answers)
  const role = answers.applicantKind
  const decrypt = (v: string | null) => (v ? decryptField(v) : null)

  const docs = await readCaseDocuments({ applicationId, tx })

  // Current grants about this application, and about the story it uses (the story's own consent).
  const history = app.applicantUserId ? await listConsentHistory({ subjectRef: app.applicantUserId }, tx) : []
  const latest = new Map<string, (typeof history)[number]>()
  const storyId = answers.story?.id
  for (const c of history) {
    if (c.objectId !== applicationId && c.objectId !== storyId) continue
    const key = `${c.objectType}:${c.objectId}:${c.purpose}`
    if (!latest.has(key)) latest.set(key, c)
  }
  const grants = [...latest.values()].filter((c) => c.action === 'grant')

  const ownAddress = caseAddress(parseAddress(decrypt(app.addressEncrypted)))
  const ownName = app.applicantName ?? ''
  const own = {
    name: ownName,
    dateOfBirth: decrypt(app.dateOfBirthEncrypted) ?? undefined,
    bsn: decrypt(app.bsnEncrypted) ?? undefined,
    address: ownAddress,
    email: answers.email ?? row.email ?? undefined,
    phone: decrypt(app.phoneEncrypted) ?? undefined,
  }
  const survivorIdentity = role === 'representative' ? decryptSurvivorIdentity(app) : null
  const survivor =
    role === 'self'
      ? { name: own.name, dateOfBirth: own.dateOfBirth ?? '', bsn: own.bsn, address: own.address }
      : role === 'representative'
        ? {
            name: answers.survivorName ?? '',
            dateOfBirth: survivorIdentity?.dateOfBirth ?? '',
            bsn: survivorIdentity?.bsn,
            address: caseAddress(survivorIdentity?.address),
          }
        : { name: answers.survivorName ?? '', dateOfBirth: answers.survivorDateOfBirth ?? '', diedOn: answers.survivorDiedOn }
  // For the survivor applying themselves, their identity is under `survivor` only (said once).
  const applicant = role === 'self' ? { role, name: own.name, email: own.email, phone: own.phone } : { role, ...own }

  const authorisationIds = docs.filter((d) => d.type === 'authorisation').map((d) => d.id)
  const representative =
    role === 'representative'
      ? { relationToSurvivor: answers.relation, authorisation: { documentIds: authorisationIds, coversPayment: answers.authorisationCoversPayment } }
      : undefined
  const holder = role === 'relative' ? 'relative' : role === 'representative' ? (answers.payee ?? 'survivor') : 'survivor'

  // The story is shared only under a consent that still stands at confirmation; withdrawn
  // before the hand-off, it does not go (what the applicant wrote in the form still does).
  const snapshot = answers.story?.snapshot
  const storyGrant = snapshot ? grants.find((c) => c.id === snapshot.consentEventId && c.objectType === 'story' && c.objectId === storyId) : undefined
  const written = answers.harms.account
  const narrative =
    snapshot && storyGrant && storyId
      ? {
          source: 'monumentStory' as const,
          text: snapshot.text,
          sha256: sha256Hex(snapshot.text),
          title: snapshot.title || undefined,
          storyId,
          consent: caseConsentOf(storyGrant),
          addition: written,
        }
      : written
        ? { source: 'written' as const, text: written, sha256: sha256Hex(written) }
        : undefined

  const frozen: FrozenCaseV2 = {
    schemaVersion: 'case-v2',
    caseId: app.id,
    reference: app.reference ?? '',
    version: caseVersion,
    scheme: { code: scheme.code, version: scheme.version },
    submittedAt: (app.submittedAt ?? app.createdAt).toISOString(),
    survivor: survivor as FrozenCaseV2['survivor'],
    applicant: applicant as FrozenCaseV2['applicant'],
    representative,
    payee: { holder, iban: decrypt(app.ibanEncrypted) ?? '', accountHolder: answers.accountHolder ?? ownName },
    narrative,
    placements: answers.placements,
    harms: { kinds: answers.harms.kinds.filter((k): k is (typeof VIOLENCE_KINDS)[number] => (VIOLENCE_KINDS as readonly string[]).includes(k)) },
    evidence: frozenEvidence({ docs, applicantKind: role, recordsSearchRequested: answers.recordsSearchRequested }),
    conversationWanted: answers.conversationWanted,
    assessment: frozenAssessment(assessment),
    consents: grants.map(caseConsentOf),
  }
  const check = CaseDocumentV2Schema.safeParse(withLinksV2(frozen, () => 'https://placeholder.invalid/x', new Date()))
  if (!check.success) throw new CaseIncompleteError(check.error.issues.map((i) => i.path.join('.') || i.message))
  return frozen
}

function withLinksV2(frozen: FrozenCaseV2, link: (key: string) => string, expiresAt: Date): CaseDocumentV2 {
  return {
    ...frozen,
    evidence: {
      recordsSearchRequested: frozen.evidence.recordsSearchRequested,
      documents: frozen.evidence.documents.map(({ storageKey, ...d }) => ({ ...d, downloadUrl: link(storageKey), downloadUrlExpiresAt: expiresAt.toISOString() })),
    },
  }
}

/**
 * Both versions at confirmation. v2 must hold (an incomplete case is refused); v1 is built
 * as before for someone applying for themselves or a relative, and left out for a
 * representative, whose case v1 would put under the representative's identity.
 */
export async function buildFrozenCases(args: { applicationId: string; assessment: Assessment; caseVersion: number; tx: DbOrTx }): Promise<FrozenCases> {
  const v2 = await buildFrozenCaseV2(args)
  if (v2.applicant.role === 'representative') return { format: 'frozen-cases', v1: null, v1Unavailable: 'representative', v2 }
  return { format: 'frozen-cases', v1: await buildFrozenCase(args), v2 }
}

/** Fresh short-lived download links, and the v2 contract checked once more. */
export async function finaliseCaseDocumentV2(frozen: FrozenCaseV2): Promise<CaseDocumentV2> {
  const links = new Map<string, string>()
  for (const d of frozen.evidence.documents) links.set(d.storageKey, await storage.presign({ key: d.storageKey, expiresInSeconds: DOWNLOAD_LINK_SECONDS, downloadName: d.fileName }))
  return CaseDocumentV2Schema.parse(withLinksV2(frozen, (key) => links.get(key)!, new Date(Date.now() + DOWNLOAD_LINK_SECONDS * 1000)))
}

function isFrozenCases(value: unknown): value is FrozenCases {
  return Boolean(value && typeof value === 'object' && (value as { format?: unknown }).format === 'frozen-cases')
}

/**
 * The document for the endpoint's version. An outbox row sealed before v2 (a bare v1 case)
 * goes as v1 whatever the setting: it has nothing more to give. Throws CaseHeldBackError when
 * the endpoint reads v1 and the case has no v1.
 */
export async function caseDocumentForEndpoint(sealed: unknown, caseVersion: CaseVersion): Promise<CaseDocumentV1 | CaseDocumentV2> {
  if (!isFrozenCases(sealed)) return finaliseCaseDocument(sealed as FrozenCase)
  if (caseVersion === 'v2') return finaliseCaseDocumentV2(sealed.v2)
  if (!sealed.v1) throw new CaseHeldBackError('caseV1CannotExpressRepresentative')
  return finaliseCaseDocument(sealed.v1)
}
