import { createHash } from 'node:crypto'
import type { DbOrTx } from '@db/client.server'
import type { Assessment } from '@db/schema/assessment'
import { listConsentHistory } from '~/consent/consent.server'
import { lookupHash } from '~/privacy/field-crypto.server'
import type { HandoffApplication } from '~/scheme/for-assessment-handoff.server'
import { storage } from '~/utils/storage.server'
import type { CaseDocumentV1 } from './case-document'

/**
 * What case documents v1 and v2 build the same way: the evidence, the four-eyes assessment,
 * the consents referenced, and the short-lived download links made at each delivery.
 */

type DocumentType = CaseDocumentV1['evidence']['documents'][number]['type']

/** A document as frozen at confirmation; the download link is made at each delivery. */
type FrozenDocument = Omit<CaseDocumentV1['evidence']['documents'][number], 'downloadUrl' | 'downloadUrlExpiresAt'> & { storageKey: string }
export type FrozenEvidence = { recordsSearchRequested: boolean; documents: FrozenDocument[] }

/** What a case version is built from, inside the confirming transaction. */
export type BuildArgs = { record: HandoffApplication; assessment: Assessment; caseVersion: number; tx: DbOrTx }

const DOWNLOAD_LINK_SECONDS = 24 * 60 * 60

export class CaseIncompleteError extends Error {
  constructor(readonly paths: string[]) {
    super(`case document incomplete: ${paths.join(', ')}`)
    this.name = 'CaseIncompleteError'
  }
}

/** A pseudonymous, stable reference for an assessor: the fund sees that two people decided, not who. */
function assessorRef(userId: string) {
  return `assessor-${lookupHash({ kind: 'assessorRef', value: userId }).replace(/[^a-zA-Z0-9]/g, '').slice(0, 12)}`
}

export function sha256Hex(text: string) {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

const DOCUMENT_TYPE_MAP: Record<string, DocumentType> = {
  guardianshipCard: 'placementProof',
  registrationProof: 'placementProof',
  courtRuling: 'placementProof',
  photo: 'placementProof',
  policeReport: 'placementProof',
  addresses: 'placementProof',
  authorisation: 'authorisation',
}

/** A relative's authorisation is the other next of kin's (or proof of being next of kin): the contract's 'relativesAuthorisation'. */
function documentTypeOf(type: string, applicantKind: string): DocumentType {
  if (type === 'authorisation' && applicantKind === 'relative') return 'relativesAuthorisation'
  return DOCUMENT_TYPE_MAP[type] ?? 'other'
}

/** The evidence as frozen at confirmation (the download links are made per delivery). */
export function frozenEvidence({ docs, applicantKind, recordsSearchRequested }: { docs: HandoffApplication['documents']; applicantKind: string; recordsSearchRequested: boolean }): FrozenEvidence {
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

/** The four-eyes assessment with pseudonymous assessor references, never names. */
export function frozenAssessment(assessment: Assessment): CaseDocumentV1['assessment'] {
  return {
    proposedOutcome: assessment.outcome,
    reasonCode: assessment.reasonCode ?? undefined,
    motivation: assessment.motivation,
    proposedBy: { assessorRef: assessorRef(assessment.proposedBy ?? 'unknown') },
    confirmedBy: { assessorRef: assessorRef(assessment.confirmedBy ?? 'unknown') },
    confirmedAt: (assessment.confirmedAt ?? new Date()).toISOString(),
  }
}

/**
 * The ledger's event ids are numbers; the contract wants a UUID. A name-based UUID keeps
 * the reference stable and traceable (same event → same id).
 */
export function consentEventUuid(eventId: number) {
  const hex = eventId.toString(16).padStart(12, '0').slice(-12)
  return `00000000-0000-4000-8000-${hex}`
}

/** A ledger grant as the case documents name it. */
export function caseConsentOf(c: { id: number; purpose: string; textVersion: string; occurredAt: Date }) {
  return { purpose: c.purpose, eventId: consentEventUuid(c.id), textVersion: c.textVersion, grantedAt: c.occurredAt.toISOString() }
}

/** The applicant's consents that stand now about these objects: the newest event per object and purpose, if it is a grant. */
export async function currentGrants({ applicantUserId, objectIds }: { applicantUserId: string | null; objectIds: string[] }, tx: DbOrTx) {
  const history = applicantUserId ? await listConsentHistory({ subjectRef: applicantUserId }, tx) : []
  const latest = new Map<string, (typeof history)[number]>()
  for (const c of history) {
    if (!objectIds.includes(c.objectId)) continue
    const key = `${c.objectType}:${c.objectId}:${c.purpose}`
    if (!latest.has(key)) latest.set(key, c)
  }
  return [...latest.values()].filter((c) => c.action === 'grant')
}

type WithFrozenEvidence = { evidence: FrozenEvidence }
type WithLinks<T extends WithFrozenEvidence> = Omit<T, 'evidence'> & { evidence: CaseDocumentV1['evidence'] }

/** The frozen case with a download link per document. */
function withLinks<T extends WithFrozenEvidence>(frozen: T, link: (key: string) => string, expiresAt: Date): WithLinks<T> {
  return {
    ...frozen,
    evidence: {
      recordsSearchRequested: frozen.evidence.recordsSearchRequested,
      documents: frozen.evidence.documents.map(({ storageKey, ...d }) => ({ ...d, downloadUrl: link(storageKey), downloadUrlExpiresAt: expiresAt.toISOString() })),
    },
  }
}

/** A placeholder link, to check a frozen case against its contract at confirmation. */
export function withPlaceholderLinks<T extends WithFrozenEvidence>(frozen: T) {
  return withLinks(frozen, () => 'https://placeholder.invalid/x', new Date())
}

/** Fresh short-lived download links: every delivery attempt gets new ones. */
export async function withFreshLinks<T extends WithFrozenEvidence>(frozen: T) {
  const links = new Map<string, string>()
  for (const d of frozen.evidence.documents) links.set(d.storageKey, await storage.presign({ key: d.storageKey, expiresInSeconds: DOWNLOAD_LINK_SECONDS, downloadName: d.fileName }))
  return withLinks(frozen, (key) => links.get(key)!, new Date(Date.now() + DOWNLOAD_LINK_SECONDS * 1000))
}
