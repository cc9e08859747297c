import type { RouteAccess } from '~/auth/route-matrix'

/** Access rules of the intake routes (checked by app/auth/route-matrix.test.ts). */
export const ROUTE_ACCESS: Record<string, RouteAccess> = {
  // Intake staff and assessors enter paper and phone applications.
  'beheer.aanvragen.registreren.tsx': {
    path: '/beheer/aanvragen/registreren',
    rule: { kind: 'staff', action: 'applications.register' },
  },
  'beheer.aanvragen.$id_.brief.ts': {
    path: '/beheer/aanvragen/:id/brief',
    rule: { kind: 'staff', action: 'applications.register' },
    setup: async () => {
      // An applicant of its own: one application per person per scheme.
      const { createTestApplication } = await import('~/scheme/for-assessment-testing.server')
      const app = await createTestApplication()
      return {
        path: `/beheer/aanvragen/${app.id}/brief`,
        params: { id: app.id },
      }
    },
  },
  // Any survivor account may claim with a letter code (checked in the action).
  'mijn-aanvraag.ophalen.tsx': {
    path: '/mijn-aanvraag/ophalen',
    rule: { kind: 'survivor' },
  },
}
