import type { Role } from '@db/schema/accounts'

/**
 * Which of an actor's roles to show a survivor for one access: the role whose work the
 * action belongs to when the actor holds it (a moderator viewing a story), otherwise the
 * highest staff role. Survivors see roles only, never staff names or ids.
 */
const ROLE_BY_ACTION_AREA: Record<string, Role> = {
  story: 'moderator',
  media: 'moderator',
  monument: 'moderator',
  report: 'moderator',
  referral: 'triage',
  helpRequest: 'triage',
  triage: 'triage',
  scheme: 'assessor',
  application: 'assessor',
  audit: 'admin',
  data: 'admin',
  account: 'admin',
}
const ROLE_PRIORITY = ['admin', 'assessor', 'triage', 'moderator', 'survivor'] as const satisfies readonly Role[]

export function mostRelevantRole(roles: readonly string[], action: string): Role | null {
  const area = action.split('.')[0] ?? ''
  const preferred = ROLE_BY_ACTION_AREA[area]
  if (preferred && roles.includes(preferred)) return preferred
  return ROLE_PRIORITY.find((r) => roles.includes(r)) ?? null
}
