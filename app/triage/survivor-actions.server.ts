import { data, redirect } from '@remix-run/node'
import { z } from 'zod'
import type { HelpRequest } from '@db/schema/triage'
import type { Lng } from '~/i18n/config'
import { TriageError } from './help-request.server'
import { sendSurvivorMessage } from './messages.server'
import { answerReferral, withdrawReferralConsent } from './referral.server'
import { withdrawRequest } from './request-progress.server'
import { MessageSchema } from './schemas'

// A tampered id would reach PostgreSQL's uuid comparison and fail there (a 500): parse it first.
const ReferralIdSchema = z.string().uuid()
const SurvivorIntentSchema = z.enum(['message', 'withdraw', 'agreeReferral', 'declineReferral', 'withdrawReferralConsent'])

/**
 * The survivor's actions on their own request, for the account page and the guest tracking
 * page alike. The caller has already established that the request is theirs. Returns what
 * the page shows next: a status key, or the message error (what was typed is kept).
 */
async function handleSurvivorAction({ request, formData, locale }: { request: HelpRequest; formData: FormData; locale: Lng }) {
  const parsedIntent = SurvivorIntentSchema.safeParse(formData.get('intent'))
  if (!parsedIntent.success) return { ok: false as const, messageError: null }
  const intent = parsedIntent.data
  try {
    switch (intent) {
      case 'message': {
        const parsed = MessageSchema.safeParse({ body: formData.get('body') ?? undefined })
        if (!parsed.success) return { ok: false as const, messageError: parsed.error.issues[0]?.message ?? 'triage:messages.errors.empty' }
        await sendSurvivorMessage({ request, body: parsed.data.body })
        return { ok: true as const, done: 'messageSent' }
      }
      case 'withdraw':
        await withdrawRequest({ request })
        return { ok: true as const, done: 'withdrawn' }
      case 'agreeReferral':
      case 'declineReferral': {
        const referralId = ReferralIdSchema.safeParse(formData.get('referralId'))
        if (!referralId.success) return { ok: false as const, messageError: null, problem: 'badState' as const }
        await answerReferral({ request, referralId: referralId.data, agree: intent === 'agreeReferral', locale })
        return { ok: true as const, done: intent === 'agreeReferral' ? 'referralAgreed' : 'referralDeclined' }
      }
      case 'withdrawReferralConsent': {
        const referralId = ReferralIdSchema.safeParse(formData.get('referralId'))
        if (!referralId.success) return { ok: false as const, messageError: null, problem: 'badState' as const }
        await withdrawReferralConsent({ request, referralId: referralId.data, locale })
        return { ok: true as const, done: 'consentWithdrawn' }
      }
      default:
        return intent satisfies never
    }
  } catch (error) {
    if (error instanceof TriageError) return { ok: false as const, messageError: null, problem: error.code }
    throw error
  }
}

/**
 * The survivor's action on their request, answered as the page needs it: after a change, back
 * to `page` with what was done; a refused message stays on the page with its error (400).
 */
export async function answerSurvivorAction({ request, formData, locale, page }: { request: HelpRequest; formData: FormData; locale: Lng; page: string }) {
  const outcome = await handleSurvivorAction({ request, formData, locale })
  if (outcome.ok) return redirect(`${page}?klaar=${outcome.done}`)
  return data({ messageError: outcome.messageError }, { status: 400 })
}
