import { VIOLENCE_KINDS } from '~/facets/facets'
import { CaseDocumentV1Schema, type CaseDocumentV1 } from './case-document'
import { caseConsentOf, CaseIncompleteError, consentEventUuid, currentGrants, frozenAssessment, frozenEvidence, withFreshLinks, withPlaceholderLinks, type BuildArgs, type FrozenEvidence } from './case-parts.server'

/** Case document v1 as frozen at confirmation: everything but the download links. */
export type FrozenCase = Omit<CaseDocumentV1, 'evidence'> & { evidence: FrozenEvidence }

/**
 * Builds case v1 of a confirmed assessment (inside the confirming transaction) and checks it
 * against the contract, so an incomplete case is refused at confirmation, not by the fund a
 * day later.
 */
export async function buildFrozenCase({ record, assessment, caseVersion, tx }: BuildArgs): Promise<FrozenCase> {
  const { app, scheme, answers, identity } = record
  const grants = await currentGrants({ applicantUserId: app.applicantUserId, objectIds: [app.id] }, tx)
  const storyConsent = grants.find((c) => c.purpose === 'scheme.useMonumentStory')
  const address = identity.address
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
      dateOfBirth: identity.dateOfBirth ?? '',
      bsn: identity.bsn ?? '',
      address: address && {
        street: address.street,
        houseNumber: address.houseNumber,
        postcode: address.postcode,
        city: address.city ?? address.town,
        country: address.country ?? 'NL',
      },
      email: answers.email ?? record.accountEmail ?? undefined,
      phone: identity.phone ?? undefined,
      iban: identity.iban ?? '',
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
    evidence: frozenEvidence({ docs: record.documents, applicantKind: answers.applicantKind, recordsSearchRequested: answers.recordsSearchRequested }),
    conversationWanted: answers.conversationWanted,
    assessment: frozenAssessment(assessment),
    consents: grants.map(caseConsentOf),
  }
  // Check the full contract now, with a placeholder link.
  const check = CaseDocumentV1Schema.safeParse(withPlaceholderLinks(frozen as FrozenCase))
  if (!check.success) throw new CaseIncompleteError(check.error.issues.map((i) => i.path.join('.')))
  return frozen as FrozenCase
}

/** Adds fresh short-lived download links and checks the contract once more. */
export async function finaliseCaseDocument(frozen: FrozenCase): Promise<CaseDocumentV1> {
  return CaseDocumentV1Schema.parse(await withFreshLinks(frozen))
}
