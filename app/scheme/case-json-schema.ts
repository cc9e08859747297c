import { zodToJsonSchema } from 'zod-to-json-schema'
import { CASE_SCHEMA_ID, CaseDocumentV1Schema } from './case-document'

export const CASE_SCHEMA_PATH = 'public/schemas/case-v1.json'

/**
 * The published JSON Schema (draft-07) of the case document, generated from the zod
 * schema so the two cannot drift. Cross-field rules that zod checks in a refinement are
 * added as if/then clauses; "proposer and confirmer differ" cannot be said in JSON Schema
 * and is stated in the description instead.
 */
export function buildCaseJsonSchema(): Record<string, unknown> {
  const generated = zodToJsonSchema(CaseDocumentV1Schema, {
    target: 'jsonSchema7',
    $refStrategy: 'none',
    effectStrategy: 'input',
    // zod strips unknown keys rather than refusing them; the schema says the same (a tolerant reader).
    removeAdditionalStrategy: 'strict',
  }) as Record<string, unknown>
  const { $schema, ...rest } = generated
  return {
    $schema,
    $id: CASE_SCHEMA_ID,
    title: 'Case document v1 (Erkenningsportaal jeugdzorg → Schadefonds Geweldsmisdrijven)',
    description:
      'One case version, delivered as a Standard Webhooks POST. assessment.confirmedBy must be a different assessor than assessment.proposedBy.',
    ...rest,
    allOf: [
      {
        if: { properties: { applicant: { properties: { kind: { const: 'representative' } } } } },
        then: { properties: { applicant: { required: ['representative'] } } },
      },
      {
        if: { properties: { applicant: { properties: { kind: { const: 'relative' } } } } },
        then: { required: ['deceasedSurvivor'] },
      },
      {
        if: { properties: { assessment: { properties: { proposedOutcome: { not: { const: 'grant' } } } } } },
        then: { properties: { assessment: { required: ['reasonCode'] } } },
      },
    ],
  }
}

/** The file's exact text: stable key order and a trailing newline, so a fresh run diffs clean. */
export function renderCaseJsonSchema(): string {
  return `${JSON.stringify(buildCaseJsonSchema(), null, 2)}\n`
}
