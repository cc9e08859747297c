import { z } from 'zod'
import { isIsoDate } from './dates'
import { BsnSchema, IbanSchema } from './identifiers'
import type { PrecheckInput } from './eligibility'
import { APPLICANT_KINDS, type SchemeConfig } from './scheme-config'
import { line, optionalLine, optionalText as optionalWrittenText } from '~/utils/text-schema'

/**
 * The application form, GOV.UK question-page style: one part per page, each saved on its
 * own so someone can stop at any moment and continue later. Isomorphic: the pages use the
 * same schemas as the server. Zod messages are i18n keys.
 */

export const PARTS = ['applicant', 'personal', 'placements', 'harm', 'evidence', 'conversation', 'declarations'] as const
export type Part = (typeof PARTS)[number]

/** Dutch URL segment per part (/regeling/aanvraag/<slug>). */
export const PART_SLUGS: Record<Part, string> = {
  applicant: 'wie-vraagt-aan',
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

export function nextPart(part: Part): Part | null {
  return PARTS[PARTS.indexOf(part) + 1] ?? null
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

/** A full calendar date as the browser's date field sends it ('YYYY-MM-DD'), and a real one (no 30 February). */
const CalendarDateSchema = z
  .string()
  .trim()
  .refine((v) => /^(1[89]|20)\d{2}-\d{2}-\d{2}$/.test(v) && isIsoDate(v), 'scheme:form.errors.date')

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
    survivorDateOfBirth: CalendarDateSchema.optional(),
    survivorDiedOn: CalendarDateSchema.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind !== 'self' && !v.survivorName) ctx.addIssue({ code: 'custom', path: ['survivorName'], message: required })
    if (v.kind !== 'relative') return
    if (!v.survivorDateOfBirth) ctx.addIssue({ code: 'custom', path: ['survivorDateOfBirth'], message: required })
    if (!v.survivorDiedOn) ctx.addIssue({ code: 'custom', path: ['survivorDiedOn'], message: required })
    const today = new Date().toISOString().slice(0, 10)
    if (v.survivorDateOfBirth && v.survivorDateOfBirth > today) {
      ctx.addIssue({ code: 'custom', path: ['survivorDateOfBirth'], message: 'scheme:form.errors.dateInFuture' })
    }
    if (v.survivorDiedOn && v.survivorDiedOn > today) {
      ctx.addIssue({ code: 'custom', path: ['survivorDiedOn'], message: 'scheme:form.errors.dateInFuture' })
    } else if (v.survivorDateOfBirth && v.survivorDiedOn && v.survivorDiedOn < v.survivorDateOfBirth) {
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

export const PersonalPartSchema = z.object({
  fullName: text(200),
  dateOfBirth: z
    .string({ required_error: required })
    .trim()
    .regex(/^(19|20)\d{2}-\d{2}-\d{2}$/, 'scheme:form.errors.date'),
  bsn: BsnSchema,
  street: text(200),
  houseNumber: text(20),
  postcode: PostcodeSchema,
  town: text(120),
  email: z.string({ required_error: required }).trim().email('validation:email'),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[\d\s-]{8,20}$/, 'scheme:form.errors.phone')
    .optional(),
  iban: IbanSchema,
  accountHolder: text(200),
})
export type PersonalPart = z.infer<typeof PersonalPartSchema>

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
    if (v.mode === 'story' && !v.storyConsent) ctx.addIssue({ code: 'custom', path: ['storyConsent'], message: 'scheme:form.errors.storyConsent' })
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

/**
 * What is kept in `applications.answers`: never the applicant's BSN, IBAN, birth date, address
 * or phone (those are encrypted columns). A deceased survivor's dates (`applicant`) are kept
 * here, next to their name: they are not the applicant's own details (see ADR 0013).
 */
export type Answers = {
  applicant?: ApplicantPart
  personal?: {
    fullName: string
    email: string
    accountHolder: string
    /** Masks only ('*****4333', 'NL91 **** 4300'), so a person and an assessor recognise a number without decrypting it. */
    bsnMasked: string
    ibanMasked: string
    hasPhone: boolean
  }
  placements?: Placement[]
  placementsDone?: boolean
  harm?: {
    mode: 'write' | 'story'
    kinds: string[]
    ownWords?: string
    story?: { id: string; title: string }
  }
  evidence?: { searchRecords: boolean; done: boolean }
  conversation?: { wish: 'yes' | 'no' }
  declarations?: { truthful: true; processing: true; at: string }
}

export type PartState = 'notStarted' | 'inProgress' | 'done'

/** A relative's answer saved before the survivor's birth date was asked is not complete: the fund needs both dates. */
function isApplicantComplete(applicant: ApplicantAnswer): boolean {
  return applicant.kind !== 'relative' || Boolean(applicant.survivorDateOfBirth && applicant.survivorDiedOn)
}

/** The task list: what someone has done, so they see where they left off. */
export function partStates({ answers, documentCount }: { answers: Answers; documentCount: number }): Record<Part, PartState> {
  const placements = answers.placements ?? []
  return {
    applicant: !answers.applicant ? 'notStarted' : isApplicantComplete(answers.applicant) ? 'done' : 'inProgress',
    personal: answers.personal ? 'done' : 'notStarted',
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

/**
 * The pre-check's input from what has been answered so far (missing parts read as "not yet").
 * `dateOfBirth` is the birth date from the personal details (the applicant's own).
 */
export function precheckInputOf({ scheme, answers, dateOfBirth }: { scheme: SchemeConfig; answers: Answers; dateOfBirth?: string | null }): PrecheckInput {
  const applicantKind = answers.applicant?.kind ?? 'self'
  return {
    scheme,
    applicantKind,
    survivorDiedOn: answers.applicant?.survivorDiedOn ?? null,
    // The age rule is about the survivor. A relative's own birth date (personal details) says
    // nothing about it; the deceased survivor's date comes from the 'who is applying' page.
    survivorDateOfBirth: applicantKind === 'relative' ? (answers.applicant?.survivorDateOfBirth ?? null) : (dateOfBirth ?? null),
    placements: (answers.placements ?? []).map((p) => ({ from: p.from, to: p.to ?? null, kind: p.kind, inNetherlands: p.inNetherlands === 'yes' })),
    harms: answers.harm?.kinds ?? [],
  }
}

/** Reference numbers: JZ-2026-000123. */
export function formatReference({ year, number }: { year: number; number: number }): string {
  return `JZ-${year}-${String(number).padStart(6, '0')}`
}
