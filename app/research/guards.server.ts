import type { AppLoadContext } from '@remix-run/node'
import { requireStaff } from '~/auth/guards.server'
import { can } from '~/auth/policy'

/**
 * The research page is for two roles with different powers: researchers (their own projects,
 * exports, notices) and admins (register projects, see all of them). Anyone else gets the
 * logged 403 of the staff guard.
 */
export async function requireResearchArea(request: Request, context: AppLoadContext | undefined) {
  const ctx = await requireStaff(request, context)
  if (can(ctx.user, 'research.projects.manage')) return { ctx, isAdmin: true }
  await requireStaff(request, context, 'research.export')
  return { ctx, isAdmin: false }
}
