import type { RouteAccess } from '~/auth/route-matrix'

/** Access rules of the research capability's routes (checked by app/auth/route-matrix.test.ts). */
export const ROUTE_ACCESS: Record<string, RouteAccess> = {
  // Researchers see their projects; admins register projects and see all of them.
  'beheer.onderzoek._index.tsx': {
    path: '/beheer/onderzoek',
    rule: { kind: 'custom', statuses: { anonymous: 302, survivorA: 403, survivorB: 403, moderator: 403, triage: 403, assessor: 403, archivist: 403, researcher: 200, curator: 403, soundingBoard: 403, interviewer: 403, intake: 403, admin: 200 } },
  },
  'beheer.onderzoek.projecten.nieuw.tsx': { path: '/beheer/onderzoek/projecten/nieuw', rule: { kind: 'staff', action: 'research.projects.manage' } },
  // POST only (a download): without a project in the body it is a 400 for the researcher.
  'beheer.onderzoek.export.ts': {
    path: '/beheer/onderzoek/export',
    method: 'POST',
    rule: { kind: 'custom', statuses: { anonymous: 302, survivorA: 403, survivorB: 403, moderator: 403, triage: 403, assessor: 403, archivist: 403, researcher: 400, curator: 403, soundingBoard: 403, interviewer: 403, intake: 403, admin: 403 } },
  },
  'mijn-verhalen.onderzoek.tsx': { path: '/mijn-verhalen/onderzoek', rule: { kind: 'survivor' } },
}
