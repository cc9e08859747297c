import type { Role } from '@db/schema/accounts'

/**
 * Which of an actor's roles to show a survivor for one access: the role whose work the
 * action belongs to when the actor holds it (a moderator viewing a story), otherwise the
 * highest staff role. Survivors see roles only, never staff names or ids.
 */
const ROLE_BY_ACTION_AREA: Record<string, readonly Role[]> = {
  story: ['moderator', 'curator', 'sounding_board'],
  media: ['moderator', 'curator'],
  monument: ['moderator'],
  report: ['moderator'],
  referral: ['triage'],
  helpRequest: ['triage'],
  triage: ['triage'],
  scheme: ['assessor', 'intake'],
  application: ['assessor', 'intake'],
  handoff: ['admin'],
  archive: ['archivist'],
  lifeStory: ['interviewer', 'archivist'],
  research: ['researcher'],
  documentary: ['curator', 'sounding_board'],
  audit: ['admin'],
  data: ['admin'],
  account: ['admin'],
}
/** Every role, so that no staff member is ever shown without one. */
const ROLE_PRIORITY = ['admin', 'assessor', 'intake', 'triage', 'moderator', 'archivist', 'interviewer', 'researcher', 'curator', 'sounding_board', 'survivor'] as const satisfies readonly Role[]

export function mostRelevantRole(roles: readonly string[], action: string): Role | null {
  const area = action.split('.')[0] ?? ''
  const preferred = ROLE_BY_ACTION_AREA[area]?.find((r) => roles.includes(r))
  if (preferred) return preferred
  return ROLE_PRIORITY.find((r) => roles.includes(r)) ?? null
}
