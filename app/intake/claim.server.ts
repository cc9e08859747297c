import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { recordAccess, type AuditActor } from '~/audit/audit.server'
import { limitAuthStep, RateLimitedError } from '~/auth/rate-limit.server'
import { claimRegisteredApplication } from '~/scheme/for-intake-letters.server'
import { ClaimSchema } from './schemas'

/**
 * The applicant claims an application registered from paper or phone with the code from their
 * letter. Rate limited per address and per account (the code space is large, but guessing is
 * made slow as well); a wrong, used and expired code get one and the same message.
 */
export type ClaimOutcome = { redirectTo: string } | { result: SubmissionResult<string[]>; status: 400 | 429 }

export async function runClaim({ request, user, ip }: { request: Request; user: AuditActor; ip: string | null }): Promise<ClaimOutcome> {
  const form = await request.formData().catch(() => new FormData())
  const s = parseWithZod(form, { schema: ClaimSchema })
  if (s.status !== 'success') return { result: s.reply(), status: 400 }
  try {
    await limitAuthStep({
      step: 'applicationClaim',
      ip: ip ?? 'unknown',
      account: user.id,
    })
  } catch (error) {
    if (error instanceof RateLimitedError)
      return {
        result: s.reply({ formErrors: ['intake:claim.errors.tooMany'] }),
        status: 429,
      }
    throw error
  }
  const outcome = await claimRegisteredApplication({
    code: s.value.code,
    userId: user.id,
  })
  await recordAccess({
    actor: user,
    action: 'application.claim',
    objectType: 'application',
    objectId: outcome.ok ? outcome.applicationId : null,
    subjectId: user.id,
    purpose: 'schemeIntake',
    outcome: outcome.ok ? 'success' : 'denied',
    ip,
  })
  if (!outcome.ok) {
    const key = outcome.error === 'hasApplication' ? 'intake:claim.errors.hasApplication' : 'intake:claim.errors.invalid'
    // The code is not sent back: it is not kept in the form after a refusal.
    return {
      result: s.reply({ fieldErrors: { code: [key] }, resetForm: false }),
      status: 400,
    }
  }
  return { redirectTo: '/mijn-aanvraag' }
}
