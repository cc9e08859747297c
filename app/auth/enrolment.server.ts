import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { getPageTitle } from '~/i18n/meta.server'
import type { RegistrationResponseJSON } from '@simplewebauthn/server'
import { getAccountFactors } from './sign-in.server'
import { requiresPasskey } from './policy'
import { TotpCodeSchema } from './schemas'
import {
  completeEnrolment,
  confirmTotpEnrolment,
  countRecoveryCodes,
  generateRecoveryCodes,
  getPendingTotp,
  listPasskeys,
  passkeyRegistrationOptions,
  registerPasskey,
  removePasskey,
  removeTotp,
  startTotpEnrolment,
} from './second-factor.server'
import { getSessionContext, isStaff, type SessionContext } from './session.server'
import { z } from 'zod'
import { cleanLine } from '~/utils/text-schema'

/** Staff in the enrol stage, or anyone fully signed in (adding a factor to their account). */
async function requireEnrolSession(request: Request) {
  const ctx = await getSessionContext(request)
  if (!ctx) throw redirect(`/inloggen?redirectTo=${encodeURIComponent(new URL(request.url).pathname)}`)
  if (ctx.session.stage === 'password') throw redirect('/inloggen/tweede-stap')
  return ctx
}

/** What the security page shows: the state of each factor and, while enrolling, the TOTP secret. */
async function loadFactorState(ctx: SessionContext) {
  const factors = await getAccountFactors({ userId: ctx.user.id })
  const pending = factors.totp ? null : await getPendingTotp({ userId: ctx.user.id, label: ctx.user.email })
  return {
    totpConfirmed: factors.totp,
    pendingTotp: pending ?? null,
    passkeys: await listPasskeys({ userId: ctx.user.id }),
    recoveryCodesLeft: await countRecoveryCodes({ userId: ctx.user.id }),
    passkeyRequired: isStaff(ctx.user) && requiresPasskey(ctx.user.roles),
    staff: isStaff(ctx.user),
  }
}

export async function passkeyOptionsForEnrolment(request: Request) {
  const ctx = await requireEnrolSession(request)
  return passkeyRegistrationOptions({ ctx, request })
}

// Parsed, never used as a property name; an unknown button answers 400.
const EnrolIntentSchema = z.enum(['startTotp', 'confirmTotp', 'registerPasskey', 'removeTotp', 'removePasskey', 'newRecoveryCodes'])

type EnrolResult = { intent: string; result?: SubmissionResult<string[]>; recoveryCodes?: string[]; totp?: Awaited<ReturnType<typeof startTotpEnrolment>>; passkeyFailed?: boolean }

/**
 * Adds or removes factors. A staff member in the enrol stage becomes fully signed in once
 * the factor their role needs is in place (TOTP; a passkey for assessors and admins).
 */
async function handleEnrolmentAction({ request, ctx }: { request: Request; ctx: SessionContext }) {
  const formData = await request.formData()
  const parsedIntent = EnrolIntentSchema.safeParse(formData.get('intent'))
  if (!parsedIntent.success) return data<EnrolResult>({ intent: 'unknown' }, { status: 400 })
  const intent = parsedIntent.data
  const staff = isStaff(ctx.user)
  const needsPasskey = staff && requiresPasskey(ctx.user.roles)

  const finish = async (method: 'totp' | 'passkey', extra: Omit<EnrolResult, 'intent'> = {}) => {
    if (ctx.session.stage === 'enrol') {
      const cookie = await completeEnrolment({ ctx, request, method })
      const codes = await generateRecoveryCodes({ userId: ctx.user.id })
      return data<EnrolResult>({ intent, recoveryCodes: codes, ...extra }, { headers: { 'Set-Cookie': cookie } })
    }
    return data<EnrolResult>({ intent, ...extra })
  }

  switch (intent) {
    case 'startTotp':
      return data<EnrolResult>({ intent, totp: await startTotpEnrolment({ userId: ctx.user.id, label: ctx.user.email }) })
    case 'confirmTotp': {
      const submission = parseWithZod(formData, { schema: TotpCodeSchema })
      if (submission.status !== 'success') return data<EnrolResult>({ intent, result: submission.reply() }, { status: 400 })
      if (!(await confirmTotpEnrolment({ userId: ctx.user.id, code: submission.value.code }))) {
        return data<EnrolResult>({ intent, result: submission.reply({ fieldErrors: { code: ['account:secondFactor.wrongCode'] } }) }, { status: 400 })
      }
      if (needsPasskey && (await listPasskeys({ userId: ctx.user.id })).length === 0) return data<EnrolResult>({ intent })
      if (ctx.session.stage !== 'enrol' && (await countRecoveryCodes({ userId: ctx.user.id })) === 0) {
        return data<EnrolResult>({ intent, recoveryCodes: await generateRecoveryCodes({ userId: ctx.user.id }) })
      }
      return finish('totp')
    }
    case 'registerPasskey': {
      let response: RegistrationResponseJSON
      try {
        response = JSON.parse(String(formData.get('passkeyResponse') ?? ''))
      } catch {
        return data<EnrolResult>({ intent, passkeyFailed: true }, { status: 400 })
      }
      const name = cleanLine(String(formData.get('name') ?? '')).trim().slice(0, 60)
      const outcome = await registerPasskey({ ctx, request, response, name })
      if (!outcome.ok) return data<EnrolResult>({ intent, passkeyFailed: true }, { status: 400 })
      return finish('passkey')
    }
    case 'removeTotp':
      if (staff) return data<EnrolResult>({ intent }, { status: 400 }) // staff always keep a factor
      await removeTotp({ userId: ctx.user.id })
      return data<EnrolResult>({ intent })
    case 'removePasskey': {
      const remaining = await listPasskeys({ userId: ctx.user.id })
      if (needsPasskey && remaining.length <= 1) return data<EnrolResult>({ intent }, { status: 400 })
      await removePasskey({ userId: ctx.user.id, credentialId: cleanLine(String(formData.get('credentialId') ?? '')) })
      return data<EnrolResult>({ intent })
    }
    case 'newRecoveryCodes':
      return data<EnrolResult>({ intent, recoveryCodes: await generateRecoveryCodes({ userId: ctx.user.id }) })
    default:
      return intent satisfies never
  }
}

/** Loader and action of the factor pages: a staff member's enrolment and the account's security page. */
export function factorSettingsRoute(screen: 'staffEnrol' | 'security') {
  return {
    loader: async ({ request }: LoaderFunctionArgs) => {
      const ctx = await requireEnrolSession(request)
      return { state: await loadFactorState(ctx), title: await getPageTitle(request, `${screen}.title`, 'account') }
    },
    action: async ({ request }: ActionFunctionArgs) => handleEnrolmentAction({ request, ctx: await requireEnrolSession(request) }),
  }
}
