import type { Role } from './roles'

/**
 * Who may do what, in one place. Least privilege: each staff power belongs to the role
 * whose work needs it; admins manage accounts and oversight, not content or cases.
 */
export const PERMISSIONS = {
  'staff.area': ['moderator', 'triage', 'assessor', 'archivist', 'researcher', 'curator', 'sounding_board', 'interviewer', 'intake', 'admin'],
  'accounts.manage': ['admin'],
  'audit.search': ['admin'],
  'stories.moderate': ['moderator'],
  'reports.handle': ['moderator'],
  'directory.edit': ['triage', 'admin'],
  'triage.work': ['triage'],
  'figures.export': ['admin'],
  'applications.assess': ['assessor'],
  'handoff.manage': ['admin'],
  /** The commission archive: the transfer queue, packages, hand-over, recorded life stories. */
  'archive.transfer': ['archivist'],
  /** Research: datasets of research-consented stories for registered projects. */
  'research.export': ['researcher'],
  /** Registering research projects and their researchers is oversight, not research. */
  'research.projects.manage': ['admin'],
  /** The web documentary: composing chapters from consented stories (issue 13). */
  'documentary.curate': ['curator'],
  /** The sounding board of survivors: reading draft chapters, commenting, approving. */
  'documentary.review': ['sounding_board'],
  /** Recording a life story with a survivor (an interviewer conversation, issue 17). */
  'lifeStories.record': ['interviewer'],
  /** Entering an application from a paper form or a phone call (issue 17). */
  'applications.register': ['intake', 'assessor'],
  'survivor.own': ['survivor'],
} as const satisfies Record<string, readonly Role[]>

export type Action = keyof typeof PERMISSIONS

/** Roles that must use a passkey as their second factor. */
const PASSKEY_REQUIRED_ROLES: readonly Role[] = ['assessor', 'archivist', 'researcher', 'intake', 'admin']

export type Actor = { id: string; roles: readonly Role[] }

/**
 * `can(user, action)` for role powers; with a resource that has an owner, survivors may act
 * only on their own records.
 */
export function can(user: Actor | null, action: Action, resource?: { ownerId: string | null }) {
  if (!user) return false
  const allowed = (PERMISSIONS[action] as readonly Role[]).some((r) => user.roles.includes(r))
  if (!allowed) return false
  if (resource && action === 'survivor.own') return resource.ownerId === user.id
  return true
}

export function requiresPasskey(roles: readonly Role[]) {
  return roles.some((r) => PASSKEY_REQUIRED_ROLES.includes(r))
}
