import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { limitAuthStep, RateLimitedError } from '~/auth/rate-limit.server'
import { claimLifeStoryByCode } from './own.server'
import { LetterCodeSchema } from './schemas'

type Outcome = { redirectTo: string } | { result: SubmissionResult<string[]>; status: 400 | 429 }

/**
 * /levensverhaal/code: the signed-in survivor types the code from the letter. Rate limited per
 * address and per account (10 a minute, the limit of the other mailed-code steps), so guessing
 * gets nowhere; wrong, used and expired codes get one and the same message.
 */
export async function runCodeClaim({ request, userId, ip }: { request: Request; userId: string; ip: string | null }): Promise<Outcome> {
  const s = parseWithZod(await request.formData(), { schema: LetterCodeSchema })
  if (s.status !== 'success') return { result: s.reply(), status: 400 }
  try {
    await limitAuthStep({ step: 'lifeStoryCode', ip: ip ?? 'unknown', account: userId })
  } catch (error) {
    if (error instanceof RateLimitedError) return { result: s.reply({ fieldErrors: { code: ['common:errors.tooManyRequests.body'] } }), status: 429 }
    throw error
  }
  const id = await claimLifeStoryByCode({ code: s.value.code, userId })
  if (!id) return { result: s.reply({ fieldErrors: { code: ['lifeStories:code.errors.invalid'] } }), status: 400 }
  return { redirectTo: `/mijn-verhalen/levensverhaal/${id}?opgehaald=1` }
}
