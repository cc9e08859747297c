import { z } from 'zod'
import { PAYEES, type ApplicantPart, type Payee, type Placement } from './application-form'
import { APPLICANT_KINDS } from './scheme-config'

/**
 * What is kept in `applications.answers`: never the applicant's BSN, IBAN, birth date, address
 * or phone (those are encrypted columns). A deceased survivor's dates (`applicant`) are kept
 * here, next to their name: they are not the applicant's own details (see ADR 0013).
 */
/** A shared story or life story frozen at submission (NarrativeSnapshotSchema below). */
export type NarrativeSnapshot = { title: string; text: string; sha256: string; consentEventId: number; consentTextVersion: string; consentGrantedAt: string }

export type Answers = {
  applicant?: ApplicantPart
  /** A representative's survivor: masks only; the identity is in `applications.survivor_identity_encrypted`. */
  survivor?: { bsnMasked: string }
  personal?: {
    fullName: string
    email: string
    accountHolder: string
    /** Masks only ('*****4333', 'NL91 **** 4300'), so a person and an assessor recognise a number without decrypting it. */
    bsnMasked: string
    ibanMasked: string
    hasPhone: boolean
    /** Whose account (a representative's application only); absent means the applicant's own. */
    payee?: Payee
    authorisationCoversPayment?: true
  }
  placements?: Placement[]
  placementsDone?: boolean
  harm?: {
    mode: 'write' | 'story' | 'lifeStory'
    kinds: string[]
    ownWords?: string
    story?: {
      id: string
      title: string
      /**
       * The story as it was shared, frozen at submission: the moderated text, its SHA-256 and
       * the ledger event of the consent it was shared under. What the assessor reads and the
       * fund receives, even if the story is edited later.
       */
      snapshot?: NarrativeSnapshot
    }
    /**
     * The life story the commission or Slachtofferhulp recorded (app/life-stories), shared under
     * the application's 'scheme.useCommissionStory' consent; frozen at submission like a story.
     */
    lifeStory?: {
      id: string
      reference: string
      title: string
      snapshot?: NarrativeSnapshot & { source: string }
    }
  }
  evidence?: { searchRecords: boolean; done: boolean }
  conversation?: { wish: 'yes' | 'no' }
  /** Fast track (ADR 0032): a self-declared serious illness, asked on the conversation page; never which illness. */
  fastTrack?: { seriouslyIll: boolean }
  declarations?: { truthful: true; processing: true; at: string }
}

// The tolerant reader. `answers` is jsonb written step by step by the applicant's pages, but a
// case may also come in another way (on paper, an import) or from before a field was asked:
// every part falls back to "not answered" and every field to a harmless default, so both the
// applicant's pages and the assessors can open an odd case rather than get an error. Nothing is
// transformed: what the applicant's side wrote reads back exactly as it was written.
const Optional = z.string().optional().catch(undefined)
const Required = z.string().catch('')

/**
 * A story or recorded life story as it was shared, frozen at submission: the text, its SHA-256
 * and the ledger event of the consent it was shared under (a life story also names its source).
 */
const NarrativeSnapshotSchema = z.object({
  title: Required,
  text: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  consentEventId: z.number().int(),
  consentTextVersion: z.string(),
  consentGrantedAt: z.string(),
})

const AnswersSchema = z.object({
  applicant: z
    .object({ kind: z.enum(APPLICANT_KINDS).catch('self'), survivorName: Optional, relation: Optional, survivorDateOfBirth: Optional, survivorDiedOn: Optional })
    .optional()
    .catch(undefined),
  survivor: z.object({ bsnMasked: z.string() }).optional().catch(undefined),
  personal: z
    .object({
      fullName: Required,
      email: Required,
      accountHolder: Required,
      bsnMasked: Required,
      ibanMasked: Required,
      hasPhone: z.boolean().catch(false),
      payee: z.enum(PAYEES).optional().catch(undefined),
      authorisationCoversPayment: z.literal(true).optional().catch(undefined),
    })
    .optional()
    .catch(undefined),
  placements: z
    .array(
      z.object({
        from: Required,
        to: Optional,
        kind: z.string().catch('other'),
        place: Required,
        municipality: Required,
        placedBy: Optional,
        inNetherlands: z.enum(['yes', 'no']).catch('yes'),
      }),
    )
    .optional()
    .catch(undefined),
  placementsDone: z.boolean().optional().catch(undefined),
  harm: z
    .object({
      mode: z.enum(['write', 'story', 'lifeStory']).catch('write'),
      kinds: z.array(z.string()).catch([]),
      ownWords: Optional,
      story: z
        .object({
          id: z.string().uuid(),
          title: Required,
          snapshot: NarrativeSnapshotSchema.optional()
            .catch(undefined),
        })
        .optional()
        .catch(undefined),
      lifeStory: z
        .object({
          id: z.string().uuid(),
          reference: Required,
          title: Required,
          snapshot: NarrativeSnapshotSchema.extend({ source: Required }).optional()
            .catch(undefined),
        })
        .optional()
        .catch(undefined),
    })
    .optional()
    .catch(undefined),
  evidence: z.object({ searchRecords: z.boolean().catch(false), done: z.boolean().catch(false) }).optional().catch(undefined),
  conversation: z.object({ wish: z.enum(['yes', 'no']).catch('no') }).optional().catch(undefined),
  fastTrack: z.object({ seriouslyIll: z.boolean().catch(false) }).optional().catch(undefined),
  declarations: z.object({ truthful: z.literal(true), processing: z.literal(true), at: z.string() }).optional().catch(undefined),
})

/** THE reader of an application's `answers` (the applicant's pages, the PDF copy and the assessors all read through it). */
export function readAnswers(answers: unknown): Answers {
  const read: Answers = AnswersSchema.parse(answers && typeof answers === 'object' ? answers : {})
  return read
}

export type AssessmentPlacement = { from: string; to?: string; kind: string; institutionName?: string; place?: string; inNetherlands: boolean }

/** The answers as the assessors and the case document name them (blank fields read as not answered). */
export type AssessmentAnswers = {
  applicantKind: (typeof APPLICANT_KINDS)[number]
  survivorName?: string
  /** The deceased survivor's birth date, asked of a surviving relative. */
  survivorDateOfBirth?: string
  survivorDiedOn?: string
  /** A representative's or relative's relation to the survivor, in their own words. */
  relation?: string
  email?: string
  accountHolder?: string
  /** A representative's choice of account; absent for anyone else (their own account). */
  payee?: Payee
  authorisationCoversPayment: boolean
  /** The monument story as it was shared, frozen at submission. */
  story?: NonNullable<NonNullable<Answers['harm']>['story']>
  /** The recorded life story as it was shared, frozen at submission. */
  lifeStory?: NonNullable<NonNullable<Answers['harm']>['lifeStory']>
  placements: AssessmentPlacement[]
  harms: { kinds: string[]; account?: string; monumentStoryId?: string }
  recordsSearchRequested: boolean
  conversationWanted: boolean
}

const filled = (value: string | undefined) => value?.trim() || undefined

/** The same reader, normalised to the case document's vocabulary for the assessors' side and the hand-off. */
export function readAnswersForAssessment(answers: unknown): AssessmentAnswers {
  const read = readAnswers(answers)
  const story = read.harm?.mode === 'story' ? read.harm.story : undefined
  const lifeStory = read.harm?.mode === 'lifeStory' ? read.harm.lifeStory : undefined
  return {
    applicantKind: read.applicant?.kind ?? 'self',
    survivorName: filled(read.applicant?.survivorName),
    survivorDateOfBirth: filled(read.applicant?.survivorDateOfBirth),
    survivorDiedOn: filled(read.applicant?.survivorDiedOn),
    relation: filled(read.applicant?.relation),
    email: filled(read.personal?.email),
    accountHolder: filled(read.personal?.accountHolder),
    payee: read.personal?.payee,
    authorisationCoversPayment: read.personal?.authorisationCoversPayment === true,
    story,
    lifeStory,
    placements: (read.placements ?? []).map((p) => ({
      from: p.from,
      to: filled(p.to),
      kind: p.kind,
      institutionName: filled(p.place),
      place: filled(p.municipality),
      inNetherlands: p.inNetherlands === 'yes',
    })),
    harms: { kinds: read.harm?.kinds ?? [], account: filled(read.harm?.ownWords), monumentStoryId: story?.id },
    recordsSearchRequested: read.evidence?.searchRecords ?? false,
    conversationWanted: read.conversation?.wish === 'yes',
  }
}
