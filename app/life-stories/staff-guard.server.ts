import type { AppLoadContext } from '@remix-run/node'
import { recordAccess } from '~/audit/audit.server'
import { requireStaff } from '~/auth/guards.server'
import { can } from '~/auth/policy'
import type { StaffViewer } from './staff.server'

/**
 * /beheer/levensverhalen is shared by two roles with different reach (ADR 0030): the archivist
 * (`archive.transfer`) and the interviewer (`lifeStories.record`). Staff with neither get 403,
 * logged like any refusal. Someone with both works as the archivist.
 */
export async function requireLifeStoryStaff(request: Request, context?: AppLoadContext): Promise<StaffViewer> {
  const ctx = await requireStaff(request, context, 'staff.area')
  const actor = { id: ctx.user.id, roles: ctx.user.roles }
  if (can(ctx.user, 'archive.transfer')) return { ...actor, as: 'archivist' }
  if (can(ctx.user, 'lifeStories.record')) return { ...actor, as: 'interviewer' }
  await recordAccess({ actor, action: 'access.denied', objectType: 'route', objectId: new URL(request.url).pathname, subjectId: null, purpose: 'authorisation', outcome: 'denied', ip: context?.clientIp ?? null })
  throw new Response('Forbidden', { status: 403 })
}

/** The interviewer's own pages (the printed letter): only `lifeStories.record`. */
export async function requireInterviewer(request: Request, context?: AppLoadContext): Promise<StaffViewer> {
  const ctx = await requireStaff(request, context, 'lifeStories.record')
  return { id: ctx.user.id, roles: ctx.user.roles, as: 'interviewer' }
}
