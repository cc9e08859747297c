import type { ZodTypeAny } from 'zod'
import { zodToJsonSchema } from 'zod-to-json-schema'
import { CASE_SCHEMA_ID, CaseDocumentV1Schema } from './case-document'
import { CASE_V2_SCHEMA_ID, CaseDocumentV2Schema } from './case-document-v2'

export const CASE_SCHEMA_PATH = 'public/schemas/case-v1.json'
export const CASE_V2_SCHEMA_PATH = 'public/schemas/case-v2.json'

/** A contract's zod schema as JSON Schema draft-07, everything inlined. */
function generate(schema: ZodTypeAny) {
  const { $schema, ...rest } = zodToJsonSchema(schema, {
    target: 'jsonSchema7',
    $refStrategy: 'none',
    effectStrategy: 'input',
    // zod strips unknown keys rather than refusing them; the schema says the same (a tolerant reader).
    removeAdditionalStrategy: 'strict',
  }) as Record<string, unknown>
  return { $schema, rest }
}

/** Both versions: a proposal other than a grant names its reason. */
const REASON_UNLESS_GRANT = {
  if: { properties: { assessment: { properties: { proposedOutcome: { not: { const: 'grant' } } } } } },
  then: { properties: { assessment: { required: ['reasonCode'] } } },
}

/** The file's exact text: stable key order and a trailing newline, so a fresh run diffs clean. */
function render(schema: Record<string, unknown>) {
  return `${JSON.stringify(schema, null, 2)}\n`
}

/**
 * The published JSON Schema (draft-07) of the case document, generated from the zod
 * schema so the two cannot drift. Cross-field rules that zod checks in a refinement are
 * added as if/then clauses; "proposer and confirmer differ" cannot be said in JSON Schema
 * and is stated in the description instead.
 */
export function buildCaseJsonSchema(): Record<string, unknown> {
  const { $schema, rest } = generate(CaseDocumentV1Schema)
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
      REASON_UNLESS_GRANT,
    ],
  }
}

export function renderCaseJsonSchema(): string {
  return render(buildCaseJsonSchema())
}

/**
 * The published JSON Schema of case v2, generated the same way. The role rules are if/then
 * clauses; "proposer and confirmer differ" and "the fingerprint is the SHA-256 of the text"
 * cannot be said in JSON Schema and are stated in the description.
 */
function buildCaseV2JsonSchema(): Record<string, unknown> {
  const { $schema, rest } = generate(CaseDocumentV2Schema)
  const role = (value: string | string[]) => ({
    properties: { applicant: { properties: { role: Array.isArray(value) ? { enum: value } : { const: value } } } },
  })
  return {
    $schema,
    $id: CASE_V2_SCHEMA_ID,
    title: 'Case document v2 (Erkenningsportaal jeugdzorg → Schadefonds Geweldsmisdrijven)',
    description:
      'One case version, delivered as a Standard Webhooks POST. `survivor` is the person the case is about; `applicant` is who applied. ' +
      'assessment.confirmedBy must be a different assessor than assessment.proposedBy; narrative.sha256 is the SHA-256 (hex) of narrative.text as UTF-8.',
    ...rest,
    allOf: [
      { if: role('representative'), then: { required: ['representative'] }, else: { not: { required: ['representative'] } } },
      {
        if: role('relative'),
        then: {
          properties: { survivor: { required: ['diedOn'] }, applicant: { required: ['bsn', 'dateOfBirth', 'address'] }, payee: { properties: { holder: { const: 'relative' } } } },
        },
        else: { properties: { survivor: { required: ['bsn', 'address'], not: { required: ['diedOn'] } } } },
      },
      { if: role('self'), then: { properties: { payee: { properties: { holder: { const: 'survivor' } } } } } },
      { if: role('representative'), then: { properties: { payee: { properties: { holder: { enum: ['survivor', 'representative'] } } } } } },
      {
        if: { properties: { payee: { properties: { holder: { const: 'representative' } } } } },
        then: { properties: { representative: { properties: { authorisation: { properties: { coversPayment: { const: true } } } } } } },
      },
      {
        if: { required: ['narrative'], properties: { narrative: { properties: { source: { not: { const: 'written' } } } } } },
        then: { properties: { narrative: { required: ['consent'] } } },
      },
      {
        if: { required: ['narrative'], properties: { narrative: { properties: { source: { const: 'commissionStory' } } } } },
        then: { properties: { narrative: { required: ['lifeStoryReference'] } } },
      },
      REASON_UNLESS_GRANT,
    ],
  }
}

export function renderCaseV2JsonSchema(): string {
  return render(buildCaseV2JsonSchema())
}
