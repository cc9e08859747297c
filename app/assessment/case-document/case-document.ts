import { z } from 'zod'
import { VIOLENCE_KINDS } from '~/facets/facets'
import { isPartialDate } from '~/scheme/dates'
import { isValidBsn, isValidIban } from '~/scheme/identifiers'
import { APPLICANT_KINDS } from '~/scheme/scheme-config'

/**
 * The case as the portal hands it to the Schadefonds' own workflow: one JSON document per
 * case version, delivered as a signed webhook. The published JSON Schema
 * (public/schemas/case-v1.json) is generated from this file, so this is the contract.
 * A breaking change is a new schemaVersion ('case-v2'), never an edit of v1.
 *
 * Values are normalised: BSN as 9 digits, IBAN in electronic format, dates as ISO strings.
 */

const CASE_SCHEMA_VERSION = 'case-v1'
export const CASE_SCHEMA_ID = '/schemas/case-v1.json'

const DateSchema = z.string().date().describe('Calendar date, YYYY-MM-DD')
const DateTimeSchema = z.string().datetime({ offset: true }).describe('Instant, ISO 8601 with offset')
/** What people remember: a year, a month or a day. */
const PartialDateSchema = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/)
  .refine(isPartialDate, { message: 'Expected YYYY, YYYY-MM or YYYY-MM-DD' })
  .describe('YYYY, YYYY-MM or YYYY-MM-DD, as precise as the applicant remembers')
const Text = (max: number) => z.string().trim().min(1).max(max)

export const CaseBsnSchema = z
  .string()
  .regex(/^\d{9}$/)
  .refine(isValidBsn, { message: 'BSN fails the 11-test' })
  .describe('Burgerservicenummer, 9 digits, passes the 11-test')

export const CaseIbanSchema = z
  .string()
  .regex(/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/)
  .refine(isValidIban, { message: 'Invalid IBAN' })
  .describe('IBAN in electronic format (no spaces, upper case)')

export const AddressSchema = z.object({
  street: Text(200),
  houseNumber: Text(20).describe('Number with addition, e.g. 12a or 3-II'),
  postcode: Text(20),
  city: Text(120),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .describe('ISO 3166-1 alpha-2'),
})

const RepresentativeSchema = z.object({
  name: Text(200),
  relationship: z.enum(['relative', 'friend', 'lawyer', 'other']),
  organisation: Text(200).optional(),
  email: z.string().email().optional(),
  phone: Text(40).optional().describe('E.164 where possible'),
})

const ApplicantSchema = z.object({
  kind: z.enum(APPLICANT_KINDS).describe('self: the survivor; representative: someone acting for the survivor; relative: a surviving relative'),
  name: Text(200),
  dateOfBirth: DateSchema,
  bsn: CaseBsnSchema,
  address: AddressSchema,
  email: z.string().email().optional(),
  phone: Text(40).optional().describe('E.164 where possible'),
  iban: CaseIbanSchema,
  accountHolder: Text(200),
  representative: RepresentativeSchema.optional().describe('Present when kind is representative'),
})

const DeceasedSurvivorSchema = z
  .object({
    name: Text(200),
    dateOfBirth: DateSchema,
    diedOn: DateSchema,
    bsn: CaseBsnSchema.optional(),
  })
  .describe('Present when the applicant is a surviving relative')

export const PlacementSchema = z.object({
  from: PartialDateSchema,
  to: PartialDateSchema.optional(),
  kind: Text(60).describe("A placement kind code of the scheme, or a code outside it such as 'adoption' or 'other'"),
  institutionName: Text(300).optional(),
  place: Text(120).optional(),
  inNetherlands: z.boolean(),
})

const MonumentStoryRefSchema = z.object({
  storyId: z.string().uuid(),
  consentEventId: z.string().uuid().describe('The consent event in which the survivor agreed to bring the story into the application'),
})

const HarmsSchema = z.object({
  kinds: z.array(z.enum(VIOLENCE_KINDS)),
  account: z.string().trim().min(1).max(100_000).optional(),
  monumentStoryRef: MonumentStoryRefSchema.optional(),
})

const EVIDENCE_DOCUMENT_TYPES = [
  'placementProof',
  'identity',
  'authorisation',
  'deathCertificate',
  'relativesAuthorisation',
  'medical',
  'other',
] as const

const EvidenceDocumentSchema = z.object({
  id: z.string().uuid(),
  type: z.enum(EVIDENCE_DOCUMENT_TYPES),
  fileName: Text(255),
  byteSize: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  contentType: z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/i),
  downloadUrl: z.string().url().describe('Short-lived pre-signed URL'),
  downloadUrlExpiresAt: DateTimeSchema,
})

export const EvidenceSchema = z.object({
  recordsSearchRequested: z.boolean().describe('The applicant has no proof of placement and asks the fund to search the records'),
  documents: z.array(EvidenceDocumentSchema),
})

const AssessorRefSchema = z.object({ assessorRef: Text(100).describe('Pseudonymous assessor reference, never a name') })

export const AssessmentSchema = z.object({
  proposedOutcome: z.enum(['grant', 'reject', 'notEligible']),
  reasonCode: z
    .string()
    .regex(/^[a-z][a-zA-Z0-9]*$/)
    .optional()
    .describe("A rejection reason code of the scheme; required unless the outcome is 'grant'"),
  motivation: Text(20_000),
  proposedBy: AssessorRefSchema,
  confirmedBy: AssessorRefSchema.describe('A second assessor (four eyes)'),
  confirmedAt: DateTimeSchema,
})

export const ConsentSchema = z.object({
  purpose: Text(100),
  eventId: z.string().uuid(),
  textVersion: Text(50),
  grantedAt: DateTimeSchema,
})

/** The fields every case version opens with: which case, which version of it, under which scheme. */
export const CASE_HEADER = {
  caseId: z.string().uuid(),
  reference: z
    .string()
    .regex(/^[A-Z]{2,6}-\d{4}-\d{6}$/)
    .describe('Human reference, e.g. JZ-2026-000123'),
  version: z.number().int().positive().describe('Case version; a correction is delivered as a higher version'),
  scheme: z.object({ code: z.string().min(1), version: z.number().int().positive() }),
  submittedAt: DateTimeSchema,
}

/** The fields every case version closes with: evidence, the wish for a conversation, the four-eyes assessment, the consents. */
export const CASE_CLOSING = {
  evidence: EvidenceSchema,
  conversationWanted: z.boolean().describe('The applicant would like a conversation with two staff members'),
  assessment: AssessmentSchema,
  consents: z.array(ConsentSchema),
}

type Issue = (path: (string | number)[], message: string) => void

/** Four eyes, in every version: a proposal other than a grant names its reason, and someone else confirmed it. */
export function checkAssessment(assessment: z.infer<typeof AssessmentSchema>, issue: Issue) {
  if (assessment.proposedOutcome !== 'grant' && !assessment.reasonCode) issue(['assessment', 'reasonCode'], 'Required unless the outcome is grant')
  if (assessment.proposedBy.assessorRef === assessment.confirmedBy.assessorRef) {
    issue(['assessment', 'confirmedBy'], 'Must be a different assessor than the one who proposed')
  }
}

export const CaseDocumentV1Schema = z
  .object({
    schemaVersion: z.literal(CASE_SCHEMA_VERSION),
    ...CASE_HEADER,
    applicant: ApplicantSchema,
    deceasedSurvivor: DeceasedSurvivorSchema.optional(),
    placements: z.array(PlacementSchema),
    harms: HarmsSchema,
    ...CASE_CLOSING,
  })
  .superRefine((doc, ctx) => {
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: z.ZodIssueCode.custom, path, message })
    if (doc.applicant.kind === 'representative' && !doc.applicant.representative) {
      issue(['applicant', 'representative'], 'Required when the applicant kind is representative')
    }
    if (doc.applicant.kind === 'relative' && !doc.deceasedSurvivor) {
      issue(['deceasedSurvivor'], 'Required when the applicant kind is relative')
    }
    checkAssessment(doc.assessment, issue)
  })
export type CaseDocumentV1 = z.infer<typeof CaseDocumentV1Schema>
