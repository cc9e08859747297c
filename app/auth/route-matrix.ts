import type { Action } from './policy'
import type { Role } from './roles'

/**
 * Access rules for the route × role matrix test. Every capability declares its routes in
 * `app/<capability>/route-access.ts` (exporting ROUTE_ACCESS); the test walks app/routes and
 * fails for a route that no capability declared. What each visitor gets for one object in each
 * of its states (a draft story, a submitted application…) is the object-state matrix's
 * concern: app/auth/object-state-matrix.test.ts.
 */
export type PersonaName = 'anonymous' | 'survivorA' | 'survivorB' | 'moderator' | 'triage' | 'assessor' | 'archivist' | 'researcher' | 'curator' | 'soundingBoard' | 'interviewer' | 'intake' | 'admin'

export const PERSONA_ROLES: Record<Exclude<PersonaName, 'anonymous'>, Role[]> = {
  survivorA: ['survivor'],
  survivorB: ['survivor'],
  moderator: ['moderator'],
  triage: ['triage'],
  assessor: ['assessor'],
  archivist: ['archivist'],
  researcher: ['researcher'],
  curator: ['curator'],
  soundingBoard: ['sounding_board'],
  interviewer: ['interviewer'],
  intake: ['intake'],
  admin: ['admin'],
}

export type Rule =
  | { kind: 'public' }
  | { kind: 'guestOnly' }
  | { kind: 'signedIn' }
  | { kind: 'survivor' }
  /** A survivor's own record: the owner (survivor A) 200, survivor B 404 (existence does not leak), staff 403. */
  | { kind: 'ownedBySurvivorA' }
  | { kind: 'staff'; action: Action }
  | { kind: 'redirect' }
  | { kind: 'secondStep' }
  | { kind: 'stepUp' }
  | { kind: 'status'; status: number }
  | { kind: 'action'; rule: 'signedIn' | 'secondStepOnly' | 'sessionOr401' }
  /** Explicit statuses per persona, for routes that fit no rule above. */
  | { kind: 'custom'; statuses: Record<PersonaName, number> }

export type PersonaIds = Record<Exclude<PersonaName, 'anonymous'>, string>

export type RouteAccess = {
  path: string
  params?: Record<string, string>
  rule: Rule
  /**
   * Creates what the route needs (e.g. a record owned by survivor A) and returns the real
   * path and params. Runs once per route, with the test's database.
   */
  setup?: (personas: PersonaIds) => Promise<{ path: string; params: Record<string, string> }>
  /** Call the action with POST instead of the loader with GET. */
  method?: 'GET' | 'POST'
}

export function expectedStatus(rule: Rule, persona: PersonaName, permissions: Record<string, readonly Role[]>): number {
  const anonymous = persona === 'anonymous'
  const roles = anonymous ? [] : PERSONA_ROLES[persona]
  switch (rule.kind) {
    case 'public':
      return 200
    case 'status':
      return rule.status
    case 'custom':
      return rule.statuses[persona]
    case 'redirect':
      return 302
    case 'guestOnly':
      return anonymous ? 200 : 302
    case 'signedIn':
      return anonymous ? 302 : 200
    case 'survivor':
      return anonymous ? 302 : roles.includes('survivor') ? 200 : 403
    case 'ownedBySurvivorA':
      return anonymous ? 302 : persona === 'survivorA' ? 200 : persona === 'survivorB' ? 404 : 403
    case 'staff':
      if (anonymous) return 302
      if (roles.includes('survivor')) return 403
      return (permissions[rule.action] ?? []).some((r) => roles.includes(r)) ? 200 : 403
    case 'secondStep':
      return 302
    case 'stepUp':
      return anonymous ? 302 : 200
    case 'action':
      if (rule.rule === 'sessionOr401') return anonymous ? 401 : 200
      if (rule.rule === 'secondStepOnly') return 302
      return anonymous ? 302 : 200
  }
}
