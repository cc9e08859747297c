import { z } from 'zod'
import { VIOLENCE_KINDS } from '~/facets/facets'
import { APPLICANT_KINDS } from '~/scheme/scheme-config'
import { AddressSchema, CASE_CLOSING, CASE_HEADER, CaseBsnSchema, CaseIbanSchema, checkAssessment, ConsentSchema, PlacementSchema } from './case-document'

/**
 * Case document v2: who the case is about is said once and apart from who applied.
 *
 * v1 had one `applicant` carrying name, BSN and birth date, so a representative's case went to
 * the fund under the representative's identity and the survivor appeared nowhere; and a
 * monument story was only a reference the fund could not read. v2 has:
 * - `survivor`: the person the case is about (for a relative: the deceased survivor);
 * - `applicant`: who filled it in, with `role` self, representative or relative;
 * - `representative`: how a representative relates to the survivor and what their authorisation covers;
 * - `payee`: whose account, explicitly;
 * - `narrative`: what happened, as text the fund can read (written in the form, or the
 *   monument story's moderated text as consented, with the consent and a SHA-256 fingerprint).
 *
 * v1 stays as it is (a fund that reads v1 keeps getting v1 for cases v1 can express); the
 * endpoint's version is configured (SCHADEFONDS_CASE_VERSION). The published JSON Schema
 * (public/schemas/case-v2.json) is generated from this file.
 */

const CASE_V2_SCHEMA_VERSION = 'case-v2'
export const CASE_V2_SCHEMA_ID = '/schemas/case-v2.json'

const DateSchema = z.string().date().describe('Calendar date, YYYY-MM-DD')
const Text = (max: number) => z.string().trim().min(1).max(max)
const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/)

const SurvivorV2Schema = z
  .object({
    name: Text(200),
    dateOfBirth: DateSchema,
    bsn: CaseBsnSchema.optional().describe('Required unless the survivor has died (a relative may not know it)'),
    address: AddressSchema.optional().describe('Required unless the survivor has died'),
    diedOn: DateSchema.optional().describe('Present when a surviving relative applies'),
  })
  .describe('The person the case is about: the survivor of the violence')

const APPLICANT_ROLES = APPLICANT_KINDS

const ApplicantV2Schema = z
  .object({
    role: z.enum(APPLICANT_ROLES).describe('self: the survivor applies; representative: someone acting for a living survivor; relative: a surviving relative of a deceased survivor'),
    name: Text(200),
    dateOfBirth: DateSchema.optional(),
    bsn: CaseBsnSchema.optional(),
    address: AddressSchema.optional(),
    email: z.string().email().optional(),
    phone: Text(40).optional().describe('E.164 where possible'),
  })
  .describe("Who filled in the application. For role 'self' this is the survivor and the identity is under `survivor` only")

const RepresentativeV2Schema = z
  .object({
    relationToSurvivor: Text(200).optional().describe("The representative's relation to the survivor, in their own words"),
    authorisation: z.object({
      documentIds: z.array(z.string().uuid()).describe('Evidence documents of type authorisation; empty when it is still to come'),
      coversPayment: z.boolean().describe("The representative declared that the authorisation covers receiving the payment on the survivor's behalf"),
    }),
  })
  .describe("Present when applicant.role is 'representative'")

const PAYEE_HOLDERS = ['survivor', 'representative', 'relative'] as const

const PayeeV2Schema = z
  .object({
    holder: z.enum(PAYEE_HOLDERS).describe('Whose account this is'),
    iban: CaseIbanSchema,
    accountHolder: Text(200).describe('The account holder as the applicant gave it'),
  })
  .describe("The account the payment goes to. A representative's own account only when representative.authorisation.coversPayment")

const NARRATIVE_SOURCES = ['written', 'monumentStory', 'commissionStory'] as const

const NarrativeV2Schema = z
  .object({
    source: z
      .enum(NARRATIVE_SOURCES)
      .describe(
        "written: typed in the application; monumentStory: the survivor's own story in the digital monument; commissionStory: the survivor's life story as recorded by the commission or Slachtofferhulp (its text only: an audio recording is not sent)",
      ),
    text: z
      .string()
      .trim()
      .min(1)
      .max(200_000)
      .describe('The text as the applicant consented to share it: for a monument story, its moderated text as it stood at submission; for a life story, its recorded text'),
    sha256: Sha256Schema.describe('SHA-256 (hex) of `text` as UTF-8, so both sides can show the text was not changed'),
    title: Text(300).optional(),
    storyId: z.string().uuid().optional().describe('The monument story, when source is monumentStory'),
    lifeStoryReference: z
      .string()
      .regex(/^LV-[A-Z0-9]{4,20}$/)
      .optional()
      .describe("The life story's reference in the portal (LV-…), when source is commissionStory"),
    recordedBy: z.enum(['commission', 'slachtofferhulp']).optional().describe('Who recorded the life story, when source is commissionStory'),
    consent: ConsentSchema.optional().describe('The ledger consent under which a story is shared; required when source is not written'),
    addition: z.string().trim().min(1).max(100_000).optional().describe('What the applicant wrote in the form besides a story'),
  })
  .describe('What happened, as text the fund can read')

const INTAKE_CHANNELS = ['online', 'paper', 'phone'] as const

const IntakeV2Schema = z
  .object({
    channel: z.enum(INTAKE_CHANNELS).describe('online: sent by the applicant in the portal; paper: a paper form entered by staff (its scan is among the evidence); phone: taken down by staff during a call'),
    receivedOn: DateSchema.optional().describe('The day a paper or phone application came in; the decision term counts from it. Required unless online'),
    enteredBy: z
      .object({ staffRef: Text(100).describe('Pseudonymous staff reference, never a name') })
      .optional()
      .describe('Who entered a paper or phone application (never the assessor who proposed the decision). Required unless online'),
  })
  .describe('How the application came in. Absent only in cases sealed before this field existed, which came in online')

export const CaseDocumentV2Schema = z
  .object({
    schemaVersion: z.literal(CASE_V2_SCHEMA_VERSION),
    ...CASE_HEADER,
    survivor: SurvivorV2Schema,
    applicant: ApplicantV2Schema,
    representative: RepresentativeV2Schema.optional(),
    payee: PayeeV2Schema,
    narrative: NarrativeV2Schema.optional().describe('Absent only when the applicant described nothing beyond the kinds of harm'),
    placements: z.array(PlacementSchema),
    harms: z.object({ kinds: z.array(z.enum(VIOLENCE_KINDS)) }),
    intake: IntakeV2Schema.optional(),
    ...CASE_CLOSING,
  })
  .superRefine((doc, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path, message })
    if (doc.intake && doc.intake.channel !== 'online') {
      if (!doc.intake.receivedOn) issue(['intake', 'receivedOn'], 'Required when the channel is paper or phone')
      if (!doc.intake.enteredBy) issue(['intake', 'enteredBy'], 'Required when the channel is paper or phone')
    }
    const role = doc.applicant.role
    if (role === 'representative' && !doc.representative) issue(['representative'], "Required when applicant.role is 'representative'")
    if (role !== 'representative' && doc.representative) issue(['representative'], "Only when applicant.role is 'representative'")
    if (role === 'relative' && !doc.survivor.diedOn) issue(['survivor', 'diedOn'], "Required when applicant.role is 'relative'")
    if (role !== 'relative') {
      if (doc.survivor.diedOn) issue(['survivor', 'diedOn'], "Only when applicant.role is 'relative'")
      if (!doc.survivor.bsn) issue(['survivor', 'bsn'], 'Required for a living survivor')
      if (!doc.survivor.address) issue(['survivor', 'address'], 'Required for a living survivor')
    }
    if (role === 'relative' && (!doc.applicant.bsn || !doc.applicant.dateOfBirth || !doc.applicant.address)) {
      issue(['applicant'], 'A relative applies under their own identity: bsn, dateOfBirth and address are required')
    }
    // The payee is the survivor, the representative only when the authorisation covers it, and a relative (the survivor died).
    const expected = role === 'relative' ? ['relative'] : role === 'representative' ? ['survivor', 'representative'] : ['survivor']
    if (!expected.includes(doc.payee.holder)) issue(['payee', 'holder'], `Must be one of ${expected.join(', ')} when applicant.role is '${role}'`)
    if (doc.payee.holder === 'representative' && !doc.representative?.authorisation.coversPayment) {
      issue(['payee', 'holder'], "A representative's own account needs representative.authorisation.coversPayment")
    }
    if (doc.narrative && doc.narrative.source !== 'written') {
      if (!doc.narrative.consent) issue(['narrative', 'consent'], 'Required when the narrative is a story')
      if (doc.narrative.source === 'monumentStory' && !doc.narrative.storyId) issue(['narrative', 'storyId'], 'Required when source is monumentStory')
      if (doc.narrative.source === 'commissionStory' && !doc.narrative.lifeStoryReference) issue(['narrative', 'lifeStoryReference'], 'Required when source is commissionStory')
    }
    checkAssessment(doc.assessment, issue)
  })
export type CaseDocumentV2 = z.infer<typeof CaseDocumentV2Schema>
