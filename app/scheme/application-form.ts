import { z } from 'zod'
import { dateInputSchema, optionalDateInputSchema } from './date-input'
import { BsnSchema, IbanSchema } from './identifiers'
import type { Answers } from './answers'
import type { PrecheckInput } from './eligibility'
import { APPLICANT_KINDS, type ApplicantKind, type SchemeConfig } from './scheme-config'
import { line, optionalLine, optionalText as optionalWrittenText } from '~/utils/text-schema'

/**
 * The application form, GOV.UK question-page style: one part per page, each saved on its
 * own so someone can stop at any moment and continue later. Isomorphic: the pages use the
 * same schemas as the server. Zod messages are i18n keys.
 */

export const PARTS = ['applicant', 'survivor', 'personal', 'placements', 'harm', 'evidence', 'conversation', 'declarations'] as const
export type Part = (typeof PARTS)[number]

/**
 * The pages that apply to who is applying. Only a representative gets the survivor's own page:
 * the survivor is alive and is who the case is about (for themselves, the personal details are
 * the survivor's; a relative gives the deceased survivor's dates on 'who is applying').
 */
export function partsFor(kind: ApplicantKind | undefined): Part[] {
  return PARTS.filter((p) => p !== 'survivor' || kind === 'representative')
}

/** Dutch URL segment per part (/regeling/aanvraag/<slug>). */
export const PART_SLUGS: Record<Part, string> = {
  applicant: 'wie-vraagt-aan',
  survivor: 'persoon-om-wie-het-gaat',
  personal: 'persoonlijke-gegevens',
  placements: 'plaatsingen',
  harm: 'wat-er-gebeurde',
  evidence: 'bewijs',
  conversation: 'gesprek',
  declarations: 'verklaring',
}

export function partOfSlug(slug: string | undefined): Part | null {
  return (Object.entries(PART_SLUGS).find(([, s]) => s === slug)?.[0] as Part | undefined) ?? null
}

export function nextPart(part: Part, kind?: ApplicantKind): Part | null {
  const parts = partsFor(kind)
  const index = parts.indexOf(part)
  return index < 0 ? null : (parts[index + 1] ?? null)
}

export const EVIDENCE_TYPES = ['guardianshipCard', 'registrationProof', 'courtRuling', 'photo', 'policeReport', 'addresses', 'authorisation', 'other'] as const
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
export type ApplicantAnswer = {
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
  return PersonalFields.superRefine((v, ctx) => {
    if (kind !== 'representative') return
    if (!v.payee) ctx.addIssue({ code: 'custom', path: ['payee'], message: 'scheme:form.errors.chooseOne' })
    if (v.payee === 'representative' && !v.authorisationCoversPayment) {
      ctx.addIssue({ code: 'custom', path: ['authorisationCoversPayment'], message: 'scheme:personal.errors.authorisationCoversPayment' })
    }
  }).transform((v) => ({
    ...v,
    payee: kind === 'representative' ? v.payee : undefined,
    authorisationCoversPayment: kind === 'representative' && v.payee === 'representative' ? true : undefined,
  }))
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
    mode: z.enum(['write', 'story'], { required_error: 'scheme:form.errors.chooseOne' }),
    kinds: z.array(line({ max: 40 })).default([]),
    ownWords: writtenText(20_000),
    storyId: z.string().uuid().optional(),
    storyConsent: z.literal('on').optional(),
  })
  .superRefine((v, ctx) => {
    if (v.mode === 'story' && !v.storyId) ctx.addIssue({ code: 'custom', path: ['storyId'], message: 'scheme:form.errors.chooseStory' })
    // Whether the box must be ticked depends on the ledger (the story may have the consent
    // already): the server says so (saveHarmPart's 'storyConsent').
  })
export type HarmPartInput = z.infer<typeof HarmPartSchema>

export const EvidenceUploadSchema = z.object({ type: z.enum(EVIDENCE_TYPES, { required_error: 'scheme:form.errors.chooseOne' }) })
export const EvidenceDoneSchema = z.object({ searchRecords: z.literal('on').optional() })

export const ConversationPartSchema = z.object({
  wish: z.enum(['yes', 'no'], { required_error: 'scheme:form.errors.chooseOne' }),
})

export const DeclarationsPartSchema = z.object({
  truthful: z.literal('on', { errorMap: () => ({ message: 'scheme:form.errors.declaration' }) }),
  processing: z.literal('on', { errorMap: () => ({ message: 'scheme:form.errors.declaration' }) }),
})

export type PartState = 'notStarted' | 'inProgress' | 'done'

/** A relative's answer saved before the survivor's birth date was asked is not complete: the fund needs both dates. */
function isApplicantComplete(applicant: ApplicantAnswer): boolean {
  return applicant.kind !== 'relative' || Boolean(applicant.survivorDateOfBirth && applicant.survivorDiedOn)
}

/** The task list: what someone has done, so they see where they left off. */
export function partStates({ answers, documentCount }: { answers: Answers; documentCount: number }): Record<Part, PartState> {
  const placements = answers.placements ?? []
  const representative = answers.applicant?.kind === 'representative'
  return {
    applicant: !answers.applicant ? 'notStarted' : isApplicantComplete(answers.applicant) ? 'done' : 'inProgress',
    // Not asked of others (partsFor leaves it out); 'done' so it never holds up a submission.
    survivor: !representative || answers.survivor ? 'done' : 'notStarted',
    // A representative's details saved before the payee was asked are not complete.
    personal: !answers.personal ? 'notStarted' : representative && !answers.personal.payee ? 'inProgress' : 'done',
    placements: answers.placementsDone && placements.length > 0 ? 'done' : placements.length > 0 ? 'inProgress' : 'notStarted',
    harm: answers.harm ? 'done' : 'notStarted',
    evidence: answers.evidence?.done ? 'done' : documentCount > 0 || answers.evidence ? 'inProgress' : 'notStarted',
    conversation: answers.conversation ? 'done' : 'notStarted',
    declarations: answers.declarations ? 'done' : 'notStarted',
  }
}

export function isComplete(states: Record<Part, PartState>): boolean {
  return PARTS.every((p) => states[p] === 'done')
}

/** The name to put in a question ("Where was Kees placed?"), or null when the applicant is the survivor. */
export function subjectNameOf(answers: Answers): string | null {
  const a = answers.applicant
  return a && a.kind !== 'self' && a.survivorName ? a.survivorName : null
}

/**
 * The survivor's birth date: the rules (the age rule) are about the person the case is about.
 * Someone applying for themselves: their own (personal details). A representative: the
 * survivor's (the survivor page, `survivorDateOfBirth`). A relative: the deceased survivor's
 * ('who is applying'). A representative's or relative's own birth date never counts.
 */
export function survivorBirthDateOf({ answers, dateOfBirth, survivorDateOfBirth }: { answers: Answers; dateOfBirth?: string | null; survivorDateOfBirth?: string | null }): string | null {
  const kind = answers.applicant?.kind ?? 'self'
  if (kind === 'relative') return answers.applicant?.survivorDateOfBirth ?? null
  if (kind === 'representative') return survivorDateOfBirth ?? null
  return dateOfBirth ?? null
}

/**
 * The pre-check's input from what has been answered so far (missing parts read as "not yet").
 * `dateOfBirth` is the birth date from the personal details (the applicant's own);
 * `survivorDateOfBirth` the one from a representative's survivor page.
 */
export function precheckInputOf({
  scheme,
  answers,
  dateOfBirth,
  survivorDateOfBirth,
}: {
  scheme: SchemeConfig
  answers: Answers
  dateOfBirth?: string | null
  survivorDateOfBirth?: string | null
}): PrecheckInput {
  const applicantKind = answers.applicant?.kind ?? 'self'
  return {
    scheme,
    applicantKind,
    survivorDiedOn: answers.applicant?.survivorDiedOn ?? null,
    survivorDateOfBirth: survivorBirthDateOf({ answers, dateOfBirth, survivorDateOfBirth }),
    placements: (answers.placements ?? []).map((p) => ({ from: p.from, to: p.to ?? null, kind: p.kind, inNetherlands: p.inNetherlands === 'yes' })),
    harms: answers.harm?.kinds ?? [],
  }
}

/** Reference numbers: JZ-2026-000123. */
export function formatReference({ year, number }: { year: number; number: number }): string {
  return `JZ-${year}-${String(number).padStart(6, '0')}`
}
