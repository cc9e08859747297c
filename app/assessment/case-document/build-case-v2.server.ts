import { VIOLENCE_KINDS } from '~/facets/facets'
import { lookupHash } from '~/privacy/field-crypto.server'
import { readApplicationForHandoff, type StoredAddress } from '~/scheme/for-assessment-handoff.server'
import { getApplicationRegistration } from '~/scheme/for-assessment-registration.server'
import type { CaseVersion } from '../handoff-config.server'
import { buildFrozenCase, finaliseCaseDocument, type FrozenCase } from './build-case-v1.server'
import type { CaseDocumentV1 } from './case-document'
import { CaseDocumentV2Schema, type CaseDocumentV2 } from './case-document-v2'
import { caseConsentOf, CaseIncompleteError, currentGrants, frozenAssessment, frozenEvidence, sha256Hex, withFreshLinks, withPlaceholderLinks, type BuildArgs, type FrozenEvidence } from './case-parts.server'

/**
 * Case document v2 (./case-document-v2.ts): built at confirmation next to v1, sealed in the
 * outbox as one payload, and at delivery the endpoint's configured version is sent. A case
 * v1 cannot express (a representative's: v1 would carry the representative's identity as
 * the survivor's) has no v1 part, and a v1 endpoint holds it back instead of sending it wrong.
 */

type FrozenCaseV2 = Omit<CaseDocumentV2, 'evidence'> & { evidence: FrozenEvidence }

/** What the outbox seals since v2: both versions, v1 absent when it cannot express the case. */
export type FrozenCases = { format: 'frozen-cases'; v1: FrozenCase | null; v1Unavailable?: 'representative'; v2: FrozenCaseV2 }

/** Why a delivery is held back; the admin's hand-off page explains the code. */
export class CaseHeldBackError extends Error {
  constructor(readonly code: 'caseV1CannotExpressRepresentative') {
    super(`heldBack:${code}`)
    this.name = 'CaseHeldBackError'
  }
}

/** A staff member as the fund sees them: a keyed pseudonym, like the assessors' references. */
function staffRef(userId: string) {
  return `staff-${lookupHash({ kind: 'staffRef', value: userId }).replace(/[^a-zA-Z0-9]/g, '').slice(0, 12)}`
}

function caseAddress(a: StoredAddress | null | undefined) {
  if (!a) return undefined
  return { street: a.street ?? '', houseNumber: a.houseNumber ?? '', postcode: a.postcode ?? '', city: a.city ?? a.town ?? '', country: a.country ?? 'NL' }
}

/**
 * Builds case v2 of a confirmed assessment (inside the confirming transaction) and checks it
 * against the contract, so an incomplete case is refused at confirmation.
 */
async function buildFrozenCaseV2({ record, assessment, caseVersion, tx }: BuildArgs): Promise<FrozenCaseV2> {
  const { app, scheme, answers, identity } = record
  const role = answers.applicantKind
  const docs = record.documents

  // Current grants about this application, and about the story it uses (the story's own consent).
  const storyId = answers.story?.id
  const grants = await currentGrants({ applicantUserId: app.applicantUserId, objectIds: storyId ? [app.id, storyId] : [app.id] }, tx)

  const ownName = app.applicantName ?? ''
  const own = {
    name: ownName,
    dateOfBirth: identity.dateOfBirth ?? undefined,
    bsn: identity.bsn ?? undefined,
    address: caseAddress(identity.address),
    email: answers.email ?? record.accountEmail ?? undefined,
    phone: identity.phone ?? undefined,
  }
  const survivorIdentity = identity.survivor
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
  // The recorded life story, under the application's own 'scheme.useCommissionStory' consent
  // (its text only: an audio recording is not sent).
  const life = answers.lifeStory?.snapshot
  const lifeGrant = life ? grants.find((c) => c.id === life.consentEventId && c.objectType === 'application' && c.objectId === app.id) : undefined
  const lifeNarrative =
    life && lifeGrant && answers.lifeStory
      ? {
          source: 'commissionStory' as const,
          text: life.text,
          sha256: sha256Hex(life.text),
          title: life.title || undefined,
          lifeStoryReference: answers.lifeStory.reference,
          recordedBy: life.source === 'slachtofferhulp' ? ('slachtofferhulp' as const) : ('commission' as const),
          consent: caseConsentOf(lifeGrant),
          addition: written,
        }
      : undefined
  const storyNarrative =
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
  const narrative = lifeNarrative ?? storyNarrative

  // How it came in (ADR 0031): a paper or phone application names who entered it, pseudonymously.
  const registration = await getApplicationRegistration({ applicationId: app.id }, tx)
  const intake = registration
    ? { channel: registration.channel, receivedOn: registration.receivedOn, enteredBy: { staffRef: staffRef(registration.registeredBy ?? 'unknown') } }
    : { channel: 'online' as const }

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
    payee: { holder, iban: identity.iban ?? '', accountHolder: answers.accountHolder ?? ownName },
    narrative,
    placements: answers.placements,
    harms: { kinds: answers.harms.kinds.filter((k): k is (typeof VIOLENCE_KINDS)[number] => (VIOLENCE_KINDS as readonly string[]).includes(k)) },
    intake,
    evidence: frozenEvidence({ docs, applicantKind: role, recordsSearchRequested: answers.recordsSearchRequested }),
    conversationWanted: answers.conversationWanted,
    assessment: frozenAssessment(assessment),
    consents: grants.map(caseConsentOf),
  }
  const check = CaseDocumentV2Schema.safeParse(withPlaceholderLinks(frozen))
  if (!check.success) throw new CaseIncompleteError(check.error.issues.map((i) => i.path.join('.') || i.message))
  return frozen
}

/**
 * Both versions at confirmation, from one read of the application. v2 must hold (an
 * incomplete case is refused); v1 is built as before for someone applying for themselves or
 * a relative, and left out for a representative, whose case v1 would put under the
 * representative's identity.
 */
export async function buildFrozenCases({ applicationId, ...args }: { applicationId: string } & Omit<BuildArgs, 'record'>): Promise<FrozenCases> {
  const record = await readApplicationForHandoff({ applicationId }, args.tx)
  if (!record) throw new CaseIncompleteError(['application'])
  const v2 = await buildFrozenCaseV2({ record, ...args })
  if (v2.applicant.role === 'representative') return { format: 'frozen-cases', v1: null, v1Unavailable: 'representative', v2 }
  return { format: 'frozen-cases', v1: await buildFrozenCase({ record, ...args }), v2 }
}

function isFrozenCases(value: unknown): value is FrozenCases {
  return Boolean(value && typeof value === 'object' && (value as { format?: unknown }).format === 'frozen-cases')
}

/**
 * The document for the endpoint's version, with fresh download links and its contract
 * checked once more. An outbox row sealed before v2 (a bare v1 case) goes as v1 whatever the
 * setting: it has nothing more to give. Throws CaseHeldBackError when the endpoint reads v1
 * and the case has no v1.
 */
export async function caseDocumentForEndpoint(sealed: unknown, caseVersion: CaseVersion): Promise<CaseDocumentV1 | CaseDocumentV2> {
  if (!isFrozenCases(sealed)) return finaliseCaseDocument(sealed as FrozenCase)
  if (caseVersion === 'v2') return CaseDocumentV2Schema.parse(await withFreshLinks(sealed.v2))
  if (!sealed.v1) throw new CaseHeldBackError('caseV1CannotExpressRepresentative')
  return finaliseCaseDocument(sealed.v1)
}
