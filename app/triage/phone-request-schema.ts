import { z } from 'zod'
import { DECADES, REGIONS, SETTINGS } from '~/facets/facets'
import { contactFields, contactRules, GUIDANCE_NEEDS, normaliseContact, optionalEnum, type ContactFormFields } from './schemas'

/**
 * A guidance request registered by a triage worker for someone who called (issue 17, ADR 0032):
 * the online form's needs and safe-contact fields with the same rules (schemas.ts), plus the
 * caller's spoken agreement, recorded by the worker. A caller in danger is helped on the phone
 * (113, 112) before anything is typed, so there is no danger question here.
 */
const phoneRequestSchema = () =>
  z
    .object({
      needs: z.array(z.enum(GUIDANCE_NEEDS as [string, ...string[]]), { errorMap: () => ({ message: 'triage:ask.errors.needs' }) }).min(1, 'triage:ask.errors.needs'),
      ...contactFields,
      setting: optionalEnum(SETTINGS),
      decade: optionalEnum(DECADES),
      region: optionalEnum(REGIONS),
      callerAgreed: z.literal('on', { errorMap: () => ({ message: 'triage:phoneRequest.errors.callerAgreed' }) }),
      /** The worker who takes the call may become the fixed contact at once. */
      takeNow: z.literal('on').optional(),
    })
    .superRefine(contactRules)
    .transform(normaliseContact)
export const PhoneRequestSchema = /* @__PURE__ */ phoneRequestSchema()
export type PhoneRequest = z.infer<typeof PhoneRequestSchema>

export type PhoneRequestFormFields = ContactFormFields & {
  callerAgreed?: string
  takeNow?: string
}
