import { CaseDocumentV1Schema, type CaseDocumentV1 } from './case-document'

/**
 * A complete, valid, made-up case (BSN and IBAN are public test numbers) for tests,
 * the reference receiver and benchmarks. Not imported by the application.
 */
export function buildSampleCaseDocument(overrides: Partial<CaseDocumentV1> = {}): CaseDocumentV1 {
  const doc: CaseDocumentV1 = {
    schemaVersion: 'case-v1',
    caseId: crypto.randomUUID(),
    reference: 'JZ-2026-000123',
    version: 1,
    scheme: { code: 'jeugdzorg-demo-2026', version: 1 },
    submittedAt: '2026-02-03T10:15:00.000Z',
    applicant: {
      kind: 'self',
      name: 'Voorbeeld Persoon',
      dateOfBirth: '1962-05-17',
      bsn: '111222333',
      address: { street: 'Voorbeeldstraat', houseNumber: '12a', postcode: '3511 AB', city: 'Utrecht', country: 'NL' },
      email: 'voorbeeld@example.org',
      iban: 'NL91ABNA0417164300',
      accountHolder: 'V. Persoon',
    },
    placements: [
      { from: '1971-09', to: '1976-06', kind: 'residentialYouthCare', institutionName: 'Voorbeeldhuis', place: 'Zeist', inNetherlands: true },
    ],
    harms: { kinds: ['physical', 'psychological'], account: 'Een korte, verzonnen beschrijving voor tests.' },
    evidence: {
      recordsSearchRequested: true,
      documents: [
        {
          id: crypto.randomUUID(),
          type: 'placementProof',
          fileName: 'inschrijving.pdf',
          byteSize: 48_213,
          sha256: 'a'.repeat(64),
          contentType: 'application/pdf',
          downloadUrl: 'https://s3.example/portal-media/evidence/abc?X-Amz-Signature=x',
          downloadUrlExpiresAt: '2026-02-10T10:15:00.000Z',
        },
      ],
    },
    conversationWanted: false,
    assessment: {
      proposedOutcome: 'grant',
      motivation: 'De plaatsing en het geweld zijn aannemelijk gemaakt.',
      proposedBy: { assessorRef: 'assessor-7f3a' },
      confirmedBy: { assessorRef: 'assessor-19bc' },
      confirmedAt: '2026-02-05T14:00:00.000+01:00',
    },
    consents: [
      { purpose: 'schemeApplication', eventId: crypto.randomUUID(), textVersion: '2026-01', grantedAt: '2026-02-03T10:10:00.000Z' },
    ],
    ...overrides,
  }
  return CaseDocumentV1Schema.parse(doc)
}
