import type { RouteAccess } from '~/auth/route-matrix'

/** Access rules of the scheme capability's routes (checked by app/auth/route-matrix.test.ts). */
export const ROUTE_ACCESS: Record<string, RouteAccess> = {
  // regeling._index.tsx (public) is declared by the foundation in app/auth/route-access.ts.
  'regeling.formulier[.]pdf.ts': { path: '/regeling/formulier.pdf', rule: { kind: 'public' } },
  'regeling.aanvraag._index.tsx': { path: '/regeling/aanvraag', rule: { kind: 'survivor' } },
  'regeling.aanvraag.$stap.tsx': { path: '/regeling/aanvraag/wie-vraagt-aan', params: { stap: 'wie-vraagt-aan' }, rule: { kind: 'survivor' } },
  'regeling.aanvraag.controleren.tsx': { path: '/regeling/aanvraag/controleren', rule: { kind: 'survivor' } },
  'mijn-aanvraag._index.tsx': { path: '/mijn-aanvraag', rule: { kind: 'survivor' } },
  'mijn-aanvraag.$id.kopie.ts': {
    path: '/mijn-aanvraag/:id/kopie',
    rule: { kind: 'ownedBySurvivorA' },
    setup: async ({ survivorA }) => {
      // Imported here so the matrix loads the server module only when it runs.
      const { createSubmittedApplication } = await import('./testing.server')
      const { applicationId } = await createSubmittedApplication({ userId: survivorA })
      return { path: `/mijn-aanvraag/${applicationId}/kopie`, params: { id: applicationId } }
    },
  },
}
