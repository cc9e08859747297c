import { z } from 'zod'
import { ApplicantPartSchema, ConversationPartSchema, HarmPartSchema, PlacementSchema, registeredPersonalPartSchemaFor, SurvivorPartSchema } from '~/scheme/application-form'
import { APPLICANT_KINDS, type ApplicantKind } from '~/scheme/scheme-config'

/**
 * The registration form of a paper or phone application (isomorphic: the page validates with
 * the same schema as the server). Every part is the online application's own page schema
 * (app/scheme/application-form.ts), nested under its name, so an answer refused online is
 * refused here and stored the same way. Only the channel, the day received, the scanned pages
 * and an e-mail address that may stay empty are this form's own. Messages are i18n keys.
 */

export const CHANNEL_CHOICES = ['paper', 'phone'] as const

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/
const isRealDate = (v: string) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v)

const ReceivedOnSchema = z
  .string({
    required_error: 'intake:errors.receivedOn',
    invalid_type_error: 'intake:errors.receivedOn',
  })
  .trim()
  .regex(ISO_DATE, 'intake:errors.receivedOn')
  .refine(isRealDate, 'intake:errors.receivedOn')
  .refine((v) => v >= '2020-01-01' && v <= new Date().toISOString().slice(0, 10), 'intake:errors.receivedOnRange')

/** The applicant kind as posted, before the rest is read: the personal and survivor parts depend on it. */
export function applicantKindOf(form: FormData): ApplicantKind | undefined {
  const kind = form.get('applicant.kind')
  return typeof kind === 'string' && (APPLICANT_KINDS as readonly string[]).includes(kind) ? (kind as ApplicantKind) : undefined
}

export function registrationSchemaFor(kind: ApplicantKind | undefined) {
  return z.object({
    token: z.string({ required_error: 'intake:errors.interrupted' }).regex(/^[A-Za-z0-9_-]{20,64}$/, 'intake:errors.interrupted'),
    channel: z.enum(CHANNEL_CHOICES, {
      errorMap: () => ({ message: 'intake:errors.channel' }),
    }),
    receivedOn: ReceivedOnSchema,
    applicant: ApplicantPartSchema,
    // A representative's survivor only; for anyone else whatever was posted is dropped.
    survivor: kind === 'representative' ? SurvivorPartSchema : z.unknown().transform(() => undefined),
    personal: registeredPersonalPartSchemaFor(kind),
    placement: PlacementSchema,
    // Paper and phone have no monument story to point to: what happened is written down.
    harm: HarmPartSchema.superRefine((harm, ctx) => {
      if (harm.mode !== 'write')
        ctx.addIssue({
          code: 'custom',
          path: ['mode'],
          message: 'intake:errors.harmWrite',
        })
      if (!harm.ownWords)
        ctx.addIssue({
          code: 'custom',
          path: ['ownWords'],
          message: 'intake:errors.ownWords',
        })
    }),
    searchRecords: z.literal('on').optional(),
    conversation: ConversationPartSchema,
    seriouslyIll: z.literal('on').optional(),
  })
}
export type Registration = z.output<ReturnType<typeof registrationSchemaFor>>

/** A letter code as typed: any case, spaces and dashes ignored; anything but letters and digits is not a code. */
const LetterCode = (required: string, invalid: string) =>
  z
    .string({ required_error: required, invalid_type_error: required })
    .max(40, invalid)
    .transform((v) => v.replace(/[\s-]/g, '').toUpperCase())
    .pipe(z.string().min(1, required).regex(/^[A-Z0-9]+$/, invalid))

/** The applicant's claim form: a letter code (checked against its hash on the server). */
export const ClaimSchema = z.object({ code: LetterCode('intake:claim.errors.code', 'intake:claim.errors.invalid') })

/** The letter the staff member prints right after registering: the code comes back from the page that showed it. */
export const WelcomeLetterSchema = z.object({ code: LetterCode('intake:claim.errors.code', 'intake:claim.errors.invalid') })
