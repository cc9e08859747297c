import type { RouteAccess } from '~/auth/route-matrix'

const EVERYONE_401 = { anonymous: 401, survivorA: 401, survivorB: 401, moderator: 401, triage: 401, assessor: 401, archivist: 401, researcher: 401, curator: 401, soundingBoard: 401, interviewer: 401, intake: 401, admin: 401 }

/** Access rules of the assessment capability's routes (checked by app/auth/route-matrix.test.ts). */
export const ROUTE_ACCESS: Record<string, RouteAccess> = {
  'beheer.aanvragen._index.tsx': { path: '/beheer/aanvragen', rule: { kind: 'staff', action: 'applications.assess' } },
  'beheer.aanvragen.$id.tsx': {
    path: '/beheer/aanvragen/:id',
    rule: { kind: 'staff', action: 'applications.assess' },
    setup: async (personas) => {
      const { createTestApplication } = await import('~/scheme/for-assessment-testing.server')
      const app = await createTestApplication({ applicantUserId: personas.survivorA })
      return { path: `/beheer/aanvragen/${app.id}`, params: { id: app.id } }
    },
  },
  'beheer.overdracht.tsx': { path: '/beheer/overdracht', rule: { kind: 'staff', action: 'handoff.manage' } },
  // Server-to-server: without a valid Standard Webhooks signature everyone gets 401, signed in or not.
  'api.schadefonds.events.ts': { path: '/api/schadefonds/events', method: 'POST', rule: { kind: 'custom', statuses: EVERYONE_401 } },
}
