import { z } from 'zod'
import { dateInputSchema, optionalDateInputSchema } from './date-input'
import { BsnSchema, IbanSchema } from './identifiers'
import { APPLICANT_KINDS, type ApplicantKind } from './scheme-config'
import { line, optionalLine, optionalText as optionalWrittenText } from '~/utils/text-schema'

/**
 * The application form's schemas, one per page (the pages are in ./application-pages).
 * Isomorphic: the pages use the same schemas as the server. Zod messages are i18n keys.
 */

export const EVIDENCE_TYPES = ['guardianshipCard', 'registrationProof', 'courtRuling', 'photo', 'policeReport', 'addresses', 'authorisation', 'medicalStatement', 'other'] as const
export type EvidenceType = (typeof EVIDENCE_TYPES)[number]

const required = 'validation:required'
// Names, places and short answers are single lines (invisible junk stripped); the harm in the
// applicant's own words is written text (control characters refused). See app/utils/text-schema.ts.
const text = (max: number) => line({ max, required, tooLong: 'scheme:form.errors.tooLong' })
const optionalText = (max: number) => optionalLine({ max, tooLong: 'scheme:form.errors.tooLong' })
const writtenText = (max: number) => optionalWrittenText({ max, tooLong: 'scheme:form.errors.tooLong' })

/** A month and year as people remember them; 'YYYY-MM' or just 'YYYY'. */
const MonthYearSchema = z
  .string()
  .trim()
  .regex(/^(1[89]|20)\d{2}(-(0[1-9]|1[0-2]))?$/, 'scheme:form.errors.monthYear')

/** The 'who is applying' answer as stored in `answers.applicant`. */
type ApplicantAnswer = {
  kind: (typeof APPLICANT_KINDS)[number]
  survivorName?: string
  relation?: string
  survivorDateOfBirth?: string
  survivorDiedOn?: string
}

export const ApplicantPartSchema = z
  .object({
    kind: z.enum(APPLICANT_KINDS, { required_error: 'scheme:form.errors.chooseOne', invalid_type_error: 'scheme:form.errors.chooseOne' }),
    survivorName: optionalText(200),
    relation: optionalText(200),
    // A surviving relative applies for someone who died: the scheme's rules (the age rule,
    // the window of death) are about that person, so the fund needs both of their dates.
    // Three fields each (GOV.UK date input), read as an ISO date.
    survivorDateOfBirth: optionalDateInputSchema('survivorDateOfBirth'),
    survivorDiedOn: optionalDateInputSchema('survivorDiedOn'),
  })
  .superRefine((v, ctx) => {
    if (v.kind !== 'self' && !v.survivorName) ctx.addIssue({ code: 'custom', path: ['survivorName'], message: required })
    if (v.kind !== 'relative') return
    if (!v.survivorDateOfBirth) ctx.addIssue({ code: 'custom', path: ['survivorDateOfBirth'], message: 'scheme:dateInput.survivorDateOfBirth.required' })
    if (!v.survivorDiedOn) ctx.addIssue({ code: 'custom', path: ['survivorDiedOn'], message: 'scheme:dateInput.survivorDiedOn.required' })
    if (v.survivorDateOfBirth && v.survivorDiedOn && v.survivorDiedOn < v.survivorDateOfBirth) {
      ctx.addIssue({ code: 'custom', path: ['survivorDiedOn'], message: 'scheme:form.errors.diedBeforeBorn' })
    }
  })
  .transform((v): ApplicantAnswer => {
    // Only what belongs to the chosen kind is kept: someone who switches back to "for myself"
    // leaves no details of another person behind.
    if (v.kind === 'self') return { kind: 'self' }
    if (v.kind === 'representative') return { kind: 'representative', survivorName: v.survivorName, relation: v.relation }
    return v
  })
export type ApplicantPart = z.output<typeof ApplicantPartSchema>

const PostcodeSchema = z
  .string({ required_error: required })
  .trim()
  .transform((v) => v.toUpperCase().replace(/\s+/g, ''))
  .pipe(z.string().regex(/^[1-9]\d{3}[A-Z]{2}$/, 'scheme:form.errors.postcode'))
  .transform((v) => `${v.slice(0, 4)} ${v.slice(4)}`)

/**
 * The survivor's identity, asked when a representative applies: the case is about this person,
 * so the fund needs their BSN, birth date and address (kept encrypted, like the applicant's own).
 * Their name is given on 'who is applying'.
 */
export const SurvivorPartSchema = z.object({
  dateOfBirth: dateInputSchema('survivorDateOfBirth'),
  bsn: BsnSchema,
  street: text(200),
  houseNumber: text(20),
  postcode: PostcodeSchema,
  town: text(120),
})
export type SurvivorPart = z.infer<typeof SurvivorPartSchema>

export const PAYEES = ['survivor', 'representative'] as const
export type Payee = (typeof PAYEES)[number]

const PersonalFields = z.object({
  fullName: text(200),
  dateOfBirth: dateInputSchema('dateOfBirth'),
  bsn: BsnSchema,
  street: text(200),
  houseNumber: text(20),
  postcode: PostcodeSchema,
  town: text(120),
  email: z.string({ required_error: required }).trim().email('validation:invalidEmail'),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[\d\s-]{8,20}$/, 'scheme:form.errors.phone')
    .optional(),
  iban: IbanSchema,
  accountHolder: text(200),
  // Whose account the money goes to: only a representative chooses (see personalPartSchemaFor).
  payee: z.enum(PAYEES, { invalid_type_error: 'scheme:form.errors.chooseOne' }).optional(),
  authorisationCoversPayment: z.literal('on').optional(),
})

/**
 * The applicant's own details and the account the money goes to. For someone applying for
 * themselves or a relative the account is their own; a representative says whether it is the
 * survivor's or their own, and their own only when the authorisation covers receiving it.
 */
export function personalPartSchemaFor(kind: ApplicantKind | undefined) {
  return PersonalFields.superRefine(payeeRule(kind)).transform(payeeChoice(kind))
}

/**
 * The same page entered by staff from a paper form or a phone call (app/intake): the same
 * fields and rules, but the e-mail address may be left empty (not everyone has one; the
 * applicant then gets status letters by post).
 */
export function registeredPersonalPartSchemaFor(kind: ApplicantKind | undefined) {
  return PersonalFields.extend({ email: z.string().trim().max(254, 'validation:invalidEmail').email('validation:invalidEmail').optional() })
    .superRefine(payeeRule(kind))
    .transform(payeeChoice(kind))
}

type PayeeFields = { payee?: Payee; authorisationCoversPayment?: 'on' }

function payeeRule(kind: ApplicantKind | undefined) {
  return (v: PayeeFields, ctx: z.RefinementCtx) => {
    if (kind !== 'representative') return
    if (!v.payee) ctx.addIssue({ code: 'custom', path: ['payee'], message: 'scheme:form.errors.chooseOne' })
    if (v.payee === 'representative' && !v.authorisationCoversPayment) {
      ctx.addIssue({ code: 'custom', path: ['authorisationCoversPayment'], message: 'scheme:personal.errors.authorisationCoversPayment' })
    }
  }
}

function payeeChoice(kind: ApplicantKind | undefined) {
  return <T extends PayeeFields>(v: T) => ({
    ...v,
    payee: kind === 'representative' ? v.payee : undefined,
    authorisationCoversPayment: kind === 'representative' && v.payee === 'representative' ? (true as const) : undefined,
  })
}
export const PersonalPartSchema = personalPartSchemaFor('self')
export type PersonalPart = z.infer<ReturnType<typeof personalPartSchemaFor>>

export const PlacementSchema = z
  .object({
    from: MonthYearSchema,
    to: MonthYearSchema.optional(),
    kind: line({ max: 60, required: 'scheme:form.errors.chooseOne' }),
    place: text(300),
    municipality: text(120),
    placedBy: optionalText(300),
    inNetherlands: z.enum(['yes', 'no'], { required_error: 'scheme:form.errors.chooseOne' }),
  })
  .refine((p) => !p.to || p.to.slice(0, 7) >= p.from.slice(0, 7), { path: ['to'], message: 'scheme:form.errors.toBeforeFrom' })
export type Placement = z.infer<typeof PlacementSchema>

export const HarmPartSchema = z
  .object({
    mode: z.enum(['write', 'story', 'lifeStory'], { required_error: 'scheme:form.errors.chooseOne' }),
    kinds: z.array(line({ max: 40 })).default([]),
    ownWords: writtenText(20_000),
    storyId: z.string().uuid().optional(),
    storyConsent: z.literal('on').optional(),
    lifeStoryId: z.string().uuid().optional(),
    lifeStoryConsent: z.literal('on').optional(),
  })
  .superRefine((v, ctx) => {
    if (v.mode === 'story' && !v.storyId) ctx.addIssue({ code: 'custom', path: ['storyId'], message: 'scheme:form.errors.chooseStory' })
    if (v.mode === 'lifeStory' && !v.lifeStoryId) ctx.addIssue({ code: 'custom', path: ['lifeStoryId'], message: 'scheme:form.errors.chooseLifeStory' })
    // Whether the box must be ticked depends on the ledger (the story may have the consent
    // already): the server says so (saveHarmPart's 'storyConsent').
  })

export const EvidenceUploadSchema = z.object({ type: z.enum(EVIDENCE_TYPES, { required_error: 'scheme:form.errors.chooseOne' }) })
export const EvidenceDoneSchema = z.object({ searchRecords: z.literal('on').optional() })

export const ConversationPartSchema = z.object({
  wish: z.enum(['yes', 'no'], { required_error: 'scheme:form.errors.chooseOne' }),
  // Fast track (ADR 0032): ticked only by who wants it; never a reason or a diagnosis.
  seriouslyIll: z.literal('on').optional(),
})

export const DeclarationsPartSchema = z.object({
  truthful: z.literal('on', { errorMap: () => ({ message: 'scheme:form.errors.declaration' }) }),
  processing: z.literal('on', { errorMap: () => ({ message: 'scheme:form.errors.declaration' }) }),
})
