import { redirect, type AppLoadContext } from '@remix-run/node'
import type { StaffRole } from '@db/schema/accounts'
import { recordAccess } from '~/audit/audit.server'
import { can, requiresPasskey, type Action } from './policy'
import { getSessionContext, isStaff, type SessionContext } from './session.server'

/** Step-up: staff re-authenticate before revealing, exporting or approving after this long. */
const STEP_UP_MAX_AGE_MS = 5 * 60 * 1000

function pathOf(request: Request) {
  const url = new URL(request.url)
  return url.pathname + url.search
}

function toSignIn(request: Request) {
  return redirect(`/inloggen?redirectTo=${encodeURIComponent(pathOf(request))}`)
}

async function deny(ctx: SessionContext | null, request: Request, context: AppLoadContext | undefined, status: 403 | 404) {
  await recordAccess({
    actor: ctx ? { id: ctx.user.id, roles: ctx.user.roles } : null,
    action: 'access.denied',
    objectType: 'route',
    objectId: new URL(request.url).pathname,
    subjectId: null,
    purpose: 'authorisation',
    outcome: 'denied',
    ip: context?.clientIp ?? null,
  })
  return new Response(status === 404 ? 'Not found' : 'Forbidden', { status })
}

/** The signed-in person (both factors done), or null. */
export async function getUser(request: Request) {
  const ctx = await getSessionContext(request)
  return ctx && ctx.session.stage === 'full' ? ctx.user : null
}

/** Any fully signed-in person; otherwise to the sign-in page (and back here afterwards). */
export async function requireSession(request: Request) {
  const ctx = await getSessionContext(request)
  if (!ctx) throw toSignIn(request)
  if (ctx.session.stage === 'password') throw redirect('/inloggen/tweede-stap')
  if (ctx.session.stage === 'enrol') throw redirect('/beheer/tweede-factor')
  return ctx
}

/** A survivor's own pages. Staff accounts are refused (a survivor account never holds staff roles). */
export async function requireSurvivor(request: Request, context?: AppLoadContext) {
  const ctx = await requireSession(request)
  if (!can(ctx.user, 'survivor.own')) throw await deny(ctx, request, context, 403)
  return ctx
}

/**
 * Staff pages: a second factor is required before any staff page opens (a passkey for
 * assessors and admins), then the role's permission. Every refusal is logged.
 */
export async function requireStaff(request: Request, context: AppLoadContext | undefined, action: Action = 'staff.area') {
  const ctx = await getSessionContext(request)
  if (!ctx) throw toSignIn(request)
  if (!isStaff(ctx.user)) throw await deny(ctx, request, context, 403)
  if (ctx.session.stage === 'password') throw redirect('/inloggen/tweede-stap')
  if (ctx.session.stage === 'enrol' || !ctx.session.mfaMethod) throw redirect('/beheer/tweede-factor')
  if (requiresPasskey(ctx.user.roles) && ctx.session.mfaMethod === 'totp') throw redirect('/beheer/tweede-factor')
  if (!can(ctx.user, action)) throw await deny(ctx, request, context, 403)
  return ctx
}

/** Revealing masked data, exporting and approving need a fresh authentication. */
export function requireRecentAuth(ctx: SessionContext, request: Request) {
  if (Date.now() - ctx.session.authenticatedAt.getTime() > STEP_UP_MAX_AGE_MS) {
    throw redirect(`/inloggen/bevestigen?redirectTo=${encodeURIComponent(pathOf(request))}`)
  }
}

/** For a record that belongs to someone else: answer 404, so existence does not leak. */
export async function notFoundForeign(ctx: SessionContext, request: Request, context?: AppLoadContext) {
  return deny(ctx, request, context, 404)
}

export type StaffGuardRole = StaffRole
