import { z } from 'zod'
import { SETTINGS, VIOLENCE_KINDS } from '~/facets/facets'
import { localizedSchema, localizedShape, pickLocalized } from '~/i18n/localized'
import { ALGEMENE_TERMIJNENWET, dutchHolidays, isWorkingDay } from '~/utils/dutch-holidays'
import { addDays, amsterdamDate, isIsoDate, toSchemeDate, type IsoDate } from './dates'

/**
 * A financial scheme as data. The 2021–2022 scheme lapsed on 1 January 2023, and a
 * follow-up or reopened scheme may come with other dates or rules, so nothing about a
 * scheme is hard-coded: every rule the portal applies is read from one of these versions.
 *
 * Ranges: `from`/`opens` and `to`/`closes` are inclusive unless the field name says
 * otherwise (`extendedBefore` and `survivorDiedBetween.to` are exclusive, as the
 * regulation words them: "before 1 January 1988", "before the scheme started").
 */

const DateSchema = z.string().refine(isIsoDate, { message: 'Expected a calendar date YYYY-MM-DD' })
const CodeSchema = z.string().regex(/^[a-z][a-zA-Z0-9]*$/, 'Expected a camelCase code')
/** A text per locale (ADR 0021): Dutch required as the fallback, other languages optional. */
const TextSchema = localizedSchema(z.string().min(1))
export type LocalisedText = z.infer<typeof TextSchema>

const PeriodSchema = z
  .object({ from: DateSchema, to: DateSchema })
  .refine((p) => p.from <= p.to, { message: 'from must not be after to' })

export const PlacementKindSchema = z.object({
  code: CodeSchema,
  /** The shared vocabulary (facets) this kind is filed under, so stories, help and applications meet. */
  setting: z.enum(SETTINGS),
  label: TextSchema,
})
export type PlacementKind = z.infer<typeof PlacementKindSchema>

export const RejectionReasonSchema = z.object({ code: CodeSchema, ...localizedShape(z.string().min(1)) }).strict()
export type RejectionReason = z.infer<typeof RejectionReasonSchema>

/**
 * Who is dealt with first (issue 17): an applicant of `minimumAge` or older (from the date of
 * birth), or one who says they are seriously ill. The illness is taken on their word: evidence
 * is 'optional' (never asked for) or 'none' (not offered). Absent in a scheme version: no fast track.
 */
export const FastTrackRulesSchema = z
  .object({
    minimumAge: z.number().int().min(18).max(120),
    seriouslyIll: z.object({ selfDeclared: z.literal(true), evidence: z.enum(['optional', 'none']) }).optional(),
  })
  .strict()
export type FastTrackRules = z.infer<typeof FastTrackRulesSchema>

export const APPLICANT_KINDS = ['self', 'representative', 'relative'] as const
export type ApplicantKind = (typeof APPLICANT_KINDS)[number]

export const SchemeConfigSchema = z
  .object({
    code: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'Expected a kebab-case code'),
    version: z.number().int().positive(),
    /** A demonstration scheme pays nothing and must say so wherever it is shown. */
    demonstration: z.boolean(),
    name: TextSchema,
    legalBasis: TextSchema.extend({ reference: z.string().min(1), url: z.string().url().optional() }),
    applicationWindow: z
      .object({ opens: DateSchema, closes: DateSchema })
      .refine((w) => w.opens <= w.closes, { message: 'opens must not be after closes' }),
    /** When the violence must have happened. */
    eligiblePeriod: PeriodSchema,
    /** "Minor": under defaultMaxAge, or under extendedMaxAge when the violence was before extendedBefore. */
    ageRule: z.object({
      defaultMaxAge: z.number().int().positive(),
      extendedMaxAge: z.number().int().positive(),
      extendedBefore: DateSchema,
    }),
    placementKinds: z.array(PlacementKindSchema).min(1),
    harmKinds: z.array(z.enum(VIOLENCE_KINDS)).min(1),
    applicantKinds: z.object({
      self: z.object({ requiresAuthorisation: z.literal(false) }),
      representative: z.object({ requiresAuthorisation: z.boolean() }).optional(),
      relative: z
        .object({
          requiresAuthorisation: z.boolean(),
          /** from inclusive, to exclusive. */
          survivorDiedBetween: z.object({ from: DateSchema, to: DateSchema }),
        })
        .optional(),
    }),
    amount: z.object({ cents: z.number().int().positive(), currency: z.literal('EUR'), fixed: z.boolean() }),
    terms: z.object({
      acknowledgeWithinDays: z.number().int().positive(),
      decideWithinWeeks: z.number().int().positive(),
      paymentWithinDays: z.number().int().positive(),
      objectionWithinWeeks: z.number().int().positive(),
    }),
    rejectionReasons: z.array(RejectionReasonSchema).min(1),
    /** Awb 4:15: the decision term stands still while the applicant is asked to complete the application. */
    clockPausesWhileInformationRequested: z.boolean(),
    fastTrack: FastTrackRulesSchema.optional(),
  })
  .superRefine((s, ctx) => {
    const unique = (codes: string[], path: string) => {
      const dup = codes.find((c, i) => codes.indexOf(c) !== i)
      if (dup) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message: `Duplicate code ${dup}` })
    }
    unique(
      s.placementKinds.map((k) => k.code),
      'placementKinds',
    )
    unique(
      s.rejectionReasons.map((r) => r.code),
      'rejectionReasons',
    )
  })
export type SchemeConfig = z.infer<typeof SchemeConfigSchema>

/** Open on the whole of the opening and the closing day, Dutch time. */
export function isSchemeOpen(scheme: SchemeConfig, now: Date): boolean {
  const today = amsterdamDate(now)
  return scheme.applicationWindow.opens <= today && today <= scheme.applicationWindow.closes
}

/** The last day (inclusive) by which the fund confirms receipt. */
export function acknowledgementDeadline({ scheme, receivedAt }: { scheme: SchemeConfig; receivedAt: Date | string }): IsoDate {
  return addDays(toSchemeDate(receivedAt), scheme.terms.acknowledgeWithinDays)
}

/**
 * The last day (inclusive) for the decision. Days on which the applicant was asked for more
 * information are added only when the scheme stops the clock for that; an extension (the
 * fund may extend, Awb 4:14) is added as whole weeks.
 */
export function decisionDeadline({
  scheme,
  receivedAt,
  pausedDays = 0,
  extensionWeeks = 0,
}: {
  scheme: SchemeConfig
  receivedAt: Date | string
  pausedDays?: number
  extensionWeeks?: number
}): IsoDate {
  if (pausedDays < 0 || extensionWeeks < 0) throw new RangeError('pausedDays and extensionWeeks cannot be negative')
  const paused = scheme.clockPausesWhileInformationRequested ? Math.floor(pausedDays) : 0
  return addDays(toSchemeDate(receivedAt), (scheme.terms.decideWithinWeeks + extensionWeeks) * 7 + paused)
}

/** The last day (inclusive) for payment after a grant. */
export function paymentDeadline({ scheme, decidedAt }: { scheme: SchemeConfig; decidedAt: Date | string }): IsoDate {
  return addDays(toSchemeDate(decidedAt), scheme.terms.paymentWithinDays)
}

/**
 * The last day (inclusive) to object. The term starts the day after the decision is sent
 * (Awb 6:8), so six weeks after 1 March ends on 12 April. When it ends on a weekend or a
 * public holiday it runs on to the next working day (Algemene termijnenwet): applicants
 * already face short terms, so we never count one against them.
 */
export function objectionDeadline({ scheme, decidedAt }: { scheme: SchemeConfig; decidedAt: Date | string }): IsoDate {
  let last = addDays(toSchemeDate(decidedAt), scheme.terms.objectionWithinWeeks * 7)
  while (!isDutchWorkingDay(last)) last = addDays(last, 1)
  return last
}

/**
 * Public holidays of the Algemene termijnenwet (art. 3), computed in app/utils/dutch-holidays.ts.
 * That law does not list Good Friday, and its Sundays (Easter, Whitsun) never count anyway.
 */
export function dutchPublicHolidays(year: number): IsoDate[] {
  return dutchHolidays(year)
    .filter((h) => ALGEMENE_TERMIJNENWET.includes(h.holiday) && h.holiday !== 'easterSunday' && h.holiday !== 'whitSunday')
    .map((h) => h.date)
    .sort()
}

export function isDutchWorkingDay(date: IsoDate): boolean {
  return isWorkingDay(date, ALGEMENE_TERMIJNENWET)
}

export function localise(text: LocalisedText, lng: string): string {
  return pickLocalized(text, lng)
}
