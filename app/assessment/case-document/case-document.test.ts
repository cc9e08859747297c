import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { CASE_SCHEMA_ID, CaseDocumentV1Schema, type CaseDocumentV1 } from './case-document'
import { buildSampleCaseDocument } from './case-document.sample'
import { buildCaseJsonSchema, CASE_SCHEMA_PATH, renderCaseJsonSchema } from './case-json-schema'

const sample = buildSampleCaseDocument()
const issuePaths = (doc: unknown) => {
  const r = CaseDocumentV1Schema.safeParse(doc)
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'))
}
const withChange = (change: (d: CaseDocumentV1) => void) => {
  const doc = structuredClone(sample)
  change(doc)
  return issuePaths(doc)
}

describe('CaseDocumentV1Schema', () => {
  it('accepts a complete sample document, also after a JSON round trip', () => {
    expect(issuePaths(sample)).toEqual([])
    expect(CaseDocumentV1Schema.parse(JSON.parse(JSON.stringify(sample)))).toEqual(sample)
  })

  it('refuses identifiers that fail their checks', () => {
    expect(withChange((d) => (d.applicant.bsn = '123456789'))).toEqual(['applicant.bsn'])
    expect(withChange((d) => (d.applicant.bsn = '1112 22 333'))).toEqual(['applicant.bsn']) // must be normalised
    expect(withChange((d) => (d.applicant.iban = 'NL91ABNA0417164301'))).toEqual(['applicant.iban'])
    expect(withChange((d) => (d.caseId = 'not-a-uuid'))).toEqual(['caseId'])
    expect(withChange((d) => (d.reference = 'jz-2026-123'))).toEqual(['reference'])
    expect(withChange((d) => (d.evidence.documents[0]!.sha256 = 'abc'))).toEqual(['evidence.documents.0.sha256'])
  })

  it('takes remembered dates as precise as they are, but only real ones', () => {
    expect(withChange((d) => (d.placements[0]!.from = '1971'))).toEqual([])
    expect(withChange((d) => (d.placements[0]!.from = '1971-09-14'))).toEqual([])
    expect(withChange((d) => (d.placements[0]!.from = '1971-13'))).toEqual(['placements.0.from'])
    expect(withChange((d) => (d.placements[0]!.from = '1971-02-30'))).toEqual(['placements.0.from'])
    expect(withChange((d) => (d.applicant.dateOfBirth = '1962-5-17'))).toEqual(['applicant.dateOfBirth'])
    expect(withChange((d) => (d.submittedAt = '2026-02-03 10:15'))).toEqual(['submittedAt'])
  })

  it('enforces the cross-field rules', () => {
    expect(withChange((d) => (d.applicant.kind = 'representative'))).toEqual(['applicant.representative'])
    expect(
      withChange((d) => {
        d.applicant.kind = 'representative'
        d.applicant.representative = { name: 'Advocaat', relationship: 'lawyer' }
      }),
    ).toEqual([])
    expect(withChange((d) => (d.applicant.kind = 'relative'))).toEqual(['deceasedSurvivor'])
    expect(withChange((d) => (d.assessment.proposedOutcome = 'reject'))).toEqual(['assessment.reasonCode'])
    expect(
      withChange((d) => {
        d.assessment.proposedOutcome = 'reject'
        d.assessment.reasonCode = 'violenceOutsidePeriod'
      }),
    ).toEqual([])
    // Four eyes: the confirming assessor is someone else.
    expect(withChange((d) => (d.assessment.confirmedBy = { ...d.assessment.proposedBy }))).toEqual(['assessment.confirmedBy'])
  })

  it('is version 1 of the contract', () => {
    expect(withChange((d) => ((d as { schemaVersion: string }).schemaVersion = 'case-v2'))).toEqual(['schemaVersion'])
  })
})

describe('published JSON Schema', () => {
  it('the committed file equals a fresh generation (run `npx tsx scripts/generate-case-schema.ts`)', () => {
    expect(readFileSync(path.resolve(CASE_SCHEMA_PATH), 'utf8')).toBe(renderCaseJsonSchema())
  })

  it('is draft-07 with its own $id and the document fields required', () => {
    const schema = buildCaseJsonSchema() as {
      $schema: string
      $id: string
      required: string[]
      properties: Record<string, { properties?: Record<string, unknown> }>
      allOf: unknown[]
    }
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#')
    expect(schema.$id).toBe(CASE_SCHEMA_ID)
    expect(schema.required).toEqual(
      expect.arrayContaining(['schemaVersion', 'caseId', 'reference', 'applicant', 'placements', 'harms', 'evidence', 'assessment', 'consents']),
    )
    expect(schema.required).not.toContain('deceasedSurvivor')
    expect(schema.properties.applicant?.properties?.bsn).toMatchObject({ type: 'string', pattern: '^\\d{9}$' })
    expect(schema.allOf).toHaveLength(3)
  })
})
