import { z } from 'zod'
import { APPLICANT_KINDS } from '~/scheme/scheme-config'

/**
 * A tolerant reader of an application's `answers` (jsonb, written step by step by the
 * applicant's side, see app/scheme/application-form.ts `Answers`). Assessors must be able
 * to open an odd case rather than get an error, so every part falls back to "not answered".
 * The result is normalised to the case document's vocabulary.
 */
const Str = z.string().trim().min(1).optional().catch(undefined)

const RawAnswersSchema = z.object({
  applicant: z
    .object({ kind: z.enum(APPLICANT_KINDS).catch('self'), survivorName: Str, relation: Str, survivorDateOfBirth: Str, survivorDiedOn: Str })
    .optional()
    .catch(undefined),
  personal: z
    .object({
      fullName: Str,
      email: Str,
      accountHolder: Str,
      payee: z.enum(['survivor', 'representative']).optional().catch(undefined),
      authorisationCoversPayment: z.boolean().optional().catch(undefined),
    })
    .optional()
    .catch(undefined),
  placements: z
    .array(
      z.object({
        from: z.string().catch(''),
        to: Str,
        kind: z.string().catch('other'),
        place: Str,
        municipality: Str,
        placedBy: Str,
        inNetherlands: z.enum(['yes', 'no']).catch('yes'),
      }),
    )
    .catch([]),
  harm: z
    .object({
      mode: z.enum(['write', 'story']).catch('write'),
      kinds: z.array(z.string()).catch([]),
      ownWords: Str,
      story: z
        .object({
          id: z.string().uuid(),
          title: z.string().catch(''),
          snapshot: z
            .object({
              title: z.string().catch(''),
              text: z.string().min(1),
              sha256: z.string().regex(/^[0-9a-f]{64}$/),
              consentEventId: z.number().int(),
              consentTextVersion: z.string(),
              consentGrantedAt: z.string(),
            })
            .optional()
            .catch(undefined),
        })
        .optional()
        .catch(undefined),
    })
    .optional()
    .catch(undefined),
  evidence: z.object({ searchRecords: z.boolean().catch(false) }).optional().catch(undefined),
  conversation: z.object({ wish: z.enum(['yes', 'no']).catch('no') }).optional().catch(undefined),
})

export type AssessmentPlacement = { from: string; to?: string; kind: string; institutionName?: string; place?: string; inNetherlands: boolean }

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
  payee?: 'survivor' | 'representative'
  authorisationCoversPayment: boolean
  /** The monument story as it was shared, frozen at submission. */
  story?: { id: string; title: string; snapshot?: { title: string; text: string; sha256: string; consentEventId: number; consentTextVersion: string; consentGrantedAt: string } }
  placements: AssessmentPlacement[]
  harms: { kinds: string[]; account?: string; monumentStoryId?: string }
  recordsSearchRequested: boolean
  conversationWanted: boolean
}

export function readAnswers(answers: unknown): AssessmentAnswers {
  const raw = RawAnswersSchema.parse(answers && typeof answers === 'object' ? answers : {})
  return {
    applicantKind: raw.applicant?.kind ?? 'self',
    survivorName: raw.applicant?.survivorName,
    survivorDateOfBirth: raw.applicant?.survivorDateOfBirth,
    survivorDiedOn: raw.applicant?.survivorDiedOn,
    relation: raw.applicant?.relation,
    email: raw.personal?.email,
    accountHolder: raw.personal?.accountHolder,
    payee: raw.personal?.payee,
    authorisationCoversPayment: raw.personal?.authorisationCoversPayment === true,
    story: raw.harm?.mode === 'story' ? raw.harm.story : undefined,
    placements: raw.placements.map((p) => ({
      from: p.from,
      to: p.to,
      kind: p.kind,
      institutionName: p.place,
      place: p.municipality,
      inNetherlands: p.inNetherlands === 'yes',
    })),
    harms: {
      kinds: raw.harm?.kinds ?? [],
      account: raw.harm?.ownWords,
      monumentStoryId: raw.harm?.mode === 'story' ? raw.harm.story?.id : undefined,
    },
    recordsSearchRequested: raw.evidence?.searchRecords ?? false,
    conversationWanted: raw.conversation?.wish === 'yes',
  }
}
