import { z } from 'zod'
import { DECADES, LANGUAGES, NEEDS, REGIONS, SETTINGS } from '~/facets/facets'
import { normalisePhone, normalisePostcode } from './contact'
import { optionalLine, text } from '~/utils/text-schema'

/** What someone can ask guidance for: every need except 'crisis', which gets 113/112 at once. */
export const GUIDANCE_NEEDS = NEEDS.filter((n) => n !== 'crisis') as Exclude<(typeof NEEDS)[number], 'crisis'>[]
export const CONTACT_CHANNELS = ['phone', 'email', 'letter', 'portal'] as const
export type ContactChannelChoice = (typeof CONTACT_CHANNELS)[number]
export const INTERPRETER_NEEDS = ['none', 'interpreter', 'signLanguage'] as const
export const ATTEMPT_OUTCOMES = ['reached', 'noAnswer', 'voicemailLeft', 'wrongNumber'] as const
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number]
export const CLOSE_REASONS = ['helpedDirectly', 'noLongerNeeded', 'unreachable', 'other'] as const

/** What a referral can pass on to an organisation; the worker picks, the survivor agrees. */
export const SHAREABLE_FIELDS = ['needs', 'language', 'contactDetails', 'safeTimes', 'neutralName', 'region', 'setting'] as const
export type ShareableField = (typeof SHAREABLE_FIELDS)[number]

// Every field of the guidance form is one line (a number, a name, an address, safe times):
// invisible junk is stripped, not refused (app/utils/text-schema.ts).
const optionalText = (max: number) => optionalLine({ max, tooLong: 'triage:ask.errors.tooLong' })
export const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), z.enum(values).optional())

/**
 * How someone wants to be reached, safely: the channel, the details it needs, whether a
 * voicemail is safe, when to call, which name to use. The same fields and rules for the
 * online form and for a request triage staff register during a call (phone-request-schema.ts).
 */
export const contactFields = {
  channel: z.enum(CONTACT_CHANNELS, { errorMap: () => ({ message: 'triage:ask.errors.channel' }) }),
  phone: optionalText(40),
  safeTimes: optionalText(200),
  voicemail: optionalEnum(['yes', 'no'] as const),
  neutralName: optionalText(80),
  email: optionalText(254),
  street: optionalText(200),
  postcode: optionalText(10),
  town: optionalText(100),
  language: z.enum(LANGUAGES).default('nl'),
  interpreter: z.enum(INTERPRETER_NEEDS).default('none'),
}
type ContactInput = { channel: ContactChannelChoice; phone?: string; voicemail?: 'yes' | 'no'; email?: string; street?: string; postcode?: string; town?: string }

/** Which contact detail is required depends on the chosen channel; each missing one is reported next to its own field. */
export function contactRules(v: ContactInput, ctx: z.RefinementCtx) {
  if (v.channel === 'phone') {
    if (!v.phone) ctx.addIssue({ code: 'custom', path: ['phone'], message: 'triage:ask.errors.phoneRequired' })
    else if (!normalisePhone(v.phone)) ctx.addIssue({ code: 'custom', path: ['phone'], message: 'triage:ask.errors.phoneInvalid' })
    if (!v.voicemail) ctx.addIssue({ code: 'custom', path: ['voicemail'], message: 'triage:ask.errors.voicemail' })
  } else if (v.phone && !normalisePhone(v.phone)) {
    ctx.addIssue({ code: 'custom', path: ['phone'], message: 'triage:ask.errors.phoneInvalid' })
  }
  if (v.channel === 'email') {
    if (!v.email) ctx.addIssue({ code: 'custom', path: ['email'], message: 'triage:ask.errors.emailRequired' })
  }
  if (v.email && !z.string().email().safeParse(v.email).success) {
    ctx.addIssue({ code: 'custom', path: ['email'], message: 'validation:invalidEmail' })
  }
  if (v.channel === 'letter') {
    if (!v.street) ctx.addIssue({ code: 'custom', path: ['street'], message: 'triage:ask.errors.streetRequired' })
    if (!v.town) ctx.addIssue({ code: 'custom', path: ['town'], message: 'triage:ask.errors.townRequired' })
    if (!v.postcode) ctx.addIssue({ code: 'custom', path: ['postcode'], message: 'triage:ask.errors.postcodeRequired' })
  }
  if (v.postcode && !normalisePostcode(v.postcode)) {
    ctx.addIssue({ code: 'custom', path: ['postcode'], message: 'triage:ask.errors.postcodeInvalid' })
  }
}

/** Phone numbers and postcodes come out normalised (E.164, "1234 AB"), e-mail in lower case. */
export function normaliseContact<T extends ContactInput>(v: T): T {
  return {
    ...v,
    phone: v.phone ? normalisePhone(v.phone)! : undefined,
    postcode: v.postcode ? normalisePostcode(v.postcode)! : undefined,
    email: v.email?.toLowerCase(),
  }
}

/** The guidance form: the need, the safe contact (contactFields), the background, the agreement. */
const askGuidanceSchema = () => z
  .object({
    inDanger: z.enum(['yes', 'no'], { errorMap: () => ({ message: 'triage:ask.errors.inDanger' }) }),
    crisisSeen: z.literal('yes').optional(),
    needs: z.array(z.enum(GUIDANCE_NEEDS as [string, ...string[]]), { errorMap: () => ({ message: 'triage:ask.errors.needs' }) }).min(1, 'triage:ask.errors.needs'),
    ...contactFields,
    setting: optionalEnum(SETTINGS),
    decade: optionalEnum(DECADES),
    region: optionalEnum(REGIONS),
    storyId: z.preprocess((v) => (v === '' ? undefined : v), z.string().uuid().optional()),
    asAccount: z.literal('yes').optional(),
    agree: z.literal('on', { errorMap: () => ({ message: 'triage:ask.errors.agree' }) }),
  })
  .superRefine(contactRules)
  .transform(normaliseContact)
// A pure call: a page that imports only the choices above leaves the schema, and the phone
// number metadata it needs (~50 kB gzipped), out of the browser bundle. The check runs on the server.
export const AskGuidanceSchema = /* @__PURE__ */ askGuidanceSchema()
export type AskGuidance = z.infer<typeof AskGuidanceSchema>

/** The needs, contact and person fields both guidance forms share, as the browser sends them. */
export type ContactFormFields = {
  needs?: string[]
  channel?: string
  phone?: string
  safeTimes?: string
  voicemail?: string
  neutralName?: string
  email?: string
  street?: string
  postcode?: string
  town?: string
  language?: string
  interpreter?: string
  setting?: string
  decade?: string
  region?: string
}

/** The guidance form as the browser sends it (for conform's field typing). */
export type AskGuidanceFormFields = ContactFormFields & {
  inDanger?: string
  crisisSeen?: string
  storyId?: string
  asAccount?: string
  agree?: string
}

/** The encrypted part of a request, taken from either guidance form. */
export function contactDetailsOf(input: ContactDetails): ContactDetails {
  return { phone: input.phone, email: input.email, street: input.street, postcode: input.postcode, town: input.town, safeTimes: input.safeTimes, neutralName: input.neutralName }
}

/** The encrypted part of a request: everything that could reach or expose the person. */
export type ContactDetails = {
  phone?: string
  email?: string
  street?: string
  postcode?: string
  town?: string
  safeTimes?: string
  neutralName?: string
}

// Messages and notes are written text: a control character is refused, never dropped unseen.
export const MessageSchema = z.object({
  body: text({ max: 4000, required: 'triage:messages.errors.empty', tooLong: 'triage:ask.errors.tooLong' }),
})

export const NoteSchema = z.object({
  body: text({ max: 4000, required: 'triage:detail.notes.errors.empty', tooLong: 'triage:ask.errors.tooLong' }),
})

export const AttemptSchema = z.object({
  channel: z.enum(CONTACT_CHANNELS),
  outcome: z.enum(ATTEMPT_OUTCOMES),
})

export const CloseSchema = z.object({ reason: z.enum(CLOSE_REASONS) })

export const ReferralProposalSchema = z.object({
  entryId: z.string({ required_error: 'triage:detail.referral.errors.entry' }).uuid('triage:detail.referral.errors.entry'),
  fields: z.array(z.enum(SHAREABLE_FIELDS), { required_error: 'triage:detail.referral.errors.fields' }).min(1, 'triage:detail.referral.errors.fields'),
  /** The survivor agreed in a conversation: the worker records it (channel 'staffRecorded'). */
  consentGivenByPhone: z.literal('on').optional(),
})

export const TransferSchema = z.object({ toWorkerId: z.string().uuid('triage:detail.transfer.errors.worker') })
