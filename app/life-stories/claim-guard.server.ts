import type { AppLoadContext } from '@remix-run/node'
import { recordAccess } from '~/audit/audit.server'
import { requireSession } from '~/auth/guards.server'
import { can } from '~/auth/policy'

/**
 * requireSurvivor for the claim link, except that a refusal is logged without the path: the
 * path holds a live single-use token, and the access log must not hand it to its readers.
 */
export async function requireClaimingSurvivor(request: Request, context?: AppLoadContext) {
  const ctx = await requireSession(request)
  if (!can(ctx.user, 'survivor.own')) {
    await recordAccess({
      actor: { id: ctx.user.id, roles: ctx.user.roles },
      action: 'access.denied',
      objectType: 'route',
      objectId: '/levensverhaal/ophalen',
      subjectId: null,
      purpose: 'authorisation',
      outcome: 'denied',
      ip: context?.clientIp ?? null,
    })
    throw new Response('Forbidden', { status: 403 })
  }
  return ctx
}
