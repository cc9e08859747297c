import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type AppLoadContext, type LoaderFunctionArgs } from '@remix-run/node'
import { getPageTitle } from '~/i18n/meta.server'
import { getSessionContext } from './session.server'
import { SignInThrottledError, waitMessageKey } from './sign-in-throttle.server'
import { RecoveryCodeSchema, TotpCodeSchema } from './schemas'
import { getAccountFactors } from './sign-in.server'
import { passkeyAuthenticationOptions, proveSecondFactor, type SecondFactorProof } from './second-factor.server'
import { requiresPasskey } from './policy'
import { safeRedirectPath } from '~/utils/redirect'
import { clientIp } from '~/utils/request.server'

type Purpose = 'signIn' | 'stepUp'

/** The session this step belongs to: half signed-in for sign-in, fully signed-in for step-up. */
async function requireStepSession(request: Request, purpose: Purpose) {
  const ctx = await getSessionContext(request)
  if (!ctx) throw redirect('/inloggen')
  if (purpose === 'signIn' && ctx.session.stage !== 'password') throw redirect(ctx.session.stage === 'enrol' ? '/beheer/tweede-factor' : '/account')
  if (purpose === 'stepUp' && ctx.session.stage !== 'full') throw redirect('/inloggen')
  return ctx
}

/** What the page offers: assessors and admins with a passkey must use it (or a recovery code). */
async function loadSecondFactorStep({ request, purpose }: { request: Request; purpose: Purpose }) {
  const ctx = await requireStepSession(request, purpose)
  const factors = await getAccountFactors({ userId: ctx.user.id })
  const passkeyOnly = requiresPasskey(ctx.user.roles) && factors.passkeys > 0
  return { totp: factors.totp && !passkeyOnly, passkey: factors.passkeys > 0 }
}

export async function passkeyOptionsForStep({ request, purpose }: { request: Request; purpose: Purpose }) {
  const ctx = await requireStepSession(request, purpose)
  return passkeyAuthenticationOptions({ ctx, request })
}

/** Handles the three ways to prove the second factor; errors stay next to their field. */
async function handleSecondFactorStep({ request, context, purpose }: { request: Request; context: AppLoadContext; purpose: Purpose }) {
  const ctx = await requireStepSession(request, purpose)
  const formData = await request.formData()
  const intent = String(formData.get('intent') ?? 'totp')
  const to = safeRedirectPath(String(formData.get('redirectTo') ?? ''), ctx.user.roles.includes('survivor') ? '/account' : '/beheer')
  const schema = intent === 'recovery' ? RecoveryCodeSchema : TotpCodeSchema
  let proof: SecondFactorProof
  let submission = null
  if (intent === 'passkey') {
    try {
      proof = { method: 'passkey', response: JSON.parse(String(formData.get('passkeyResponse') ?? '')) }
    } catch {
      return data({ intent, result: null, passkeyFailed: true }, { status: 400 })
    }
  } else {
    submission = parseWithZod(formData, { schema })
    if (submission.status !== 'success') return data({ intent, result: submission.reply(), passkeyFailed: false }, { status: 400 })
    proof = intent === 'recovery' ? { method: 'recoveryCode', code: (submission.value as { recoveryCode: string }).recoveryCode } : { method: 'totp', code: (submission.value as { code: string }).code }
  }
  try {
    const outcome = await proveSecondFactor({ ctx, request, proof, ip: clientIp(context), purpose })
    if (!outcome.ok) {
      const key = intent === 'recovery' ? 'recoveryCode' : 'code'
      return data(
        { intent, result: submission ? submission.reply({ fieldErrors: { [key]: ['account:secondFactor.wrongCode'] } }) : null, passkeyFailed: intent === 'passkey' },
        { status: 400 },
      )
    }
    const headers = new Headers({ 'Set-Cookie': outcome.cookie })
    if (outcome.deviceCookie) headers.append('Set-Cookie', outcome.deviceCookie)
    return redirect(outcome.stage === 'enrol' ? '/beheer/tweede-factor' : to, { headers })
  } catch (error) {
    // Only codes are throttled (never a passkey), so there is always a submission to answer on.
    if (error instanceof SignInThrottledError) {
      return data(
        { intent, result: submission ? submission.reply({ formErrors: [waitMessageKey(error.retryAfterSeconds)] }) : null, passkeyFailed: false },
        { status: 429, headers: { 'Retry-After': String(error.retryAfterSeconds) } },
      )
    }
    throw error
  }
}

/** Loader and action of the second-step page (sign-in) and the step-up page. */
export function secondFactorStepRoute(purpose: Purpose) {
  const key = purpose === 'signIn' ? 'secondFactor' : 'stepUp'
  return {
    key,
    loader: async ({ request }: LoaderFunctionArgs) => ({
      offer: await loadSecondFactorStep({ request, purpose }),
      title: await getPageTitle(request, `${key}.title`, 'account'),
    }),
    action: ({ request, context }: ActionFunctionArgs) => handleSecondFactorStep({ request, context, purpose }),
  }
}
