import type { RouteAccess } from '~/auth/route-matrix'

/** Access rules of the triage capability's routes (checked by app/auth/route-matrix.test.ts). */
export const ROUTE_ACCESS: Record<string, RouteAccess> = {
  'hulp.begeleiding._index.tsx': { path: '/hulp/begeleiding', rule: { kind: 'public' } },
  // The tracking token is the only key: an unknown one is simply not found, for everyone.
  'hulp.begeleiding.volg.$token.tsx': { path: '/hulp/begeleiding/volg/x', params: { token: 'x' }, rule: { kind: 'status', status: 404 } },
  'mijn-hulp._index.tsx': { path: '/mijn-hulp', rule: { kind: 'survivor' } },
  'mijn-hulp.$id.tsx': {
    path: '/mijn-hulp/:id',
    rule: { kind: 'ownedBySurvivorA' },
    setup: async ({ survivorA }) => {
      const { createTestRequest } = await import('./testing.server')
      const { id } = await createTestRequest({ userId: survivorA })
      return { path: `/mijn-hulp/${id}`, params: { id } }
    },
  },
  'beheer.triage._index.tsx': { path: '/beheer/triage', rule: { kind: 'staff', action: 'triage.work' } },
  'beheer.triage.registreren.tsx': { path: '/beheer/triage/registreren', rule: { kind: 'staff', action: 'triage.work' } },
  'beheer.triage.dashboard.tsx': { path: '/beheer/triage/dashboard', rule: { kind: 'staff', action: 'triage.work' } },
  'beheer.triage.$id.tsx': {
    path: '/beheer/triage/:id',
    rule: { kind: 'staff', action: 'triage.work' },
    setup: async ({ survivorA }) => {
      const { createTestRequest } = await import('./testing.server')
      const { id } = await createTestRequest({ userId: survivorA })
      return { path: `/beheer/triage/${id}`, params: { id } }
    },
  },
  'beheer.hulpgids._index.tsx': { path: '/beheer/hulpgids', rule: { kind: 'staff', action: 'directory.edit' } },
  'beheer.hulpgids.$id.tsx': {
    path: '/beheer/hulpgids/:id',
    rule: { kind: 'staff', action: 'directory.edit' },
    setup: async () => {
      const { createTestEntry } = await import('~/referrals/for-triage.server')
      const id = await createTestEntry()
      return { path: `/beheer/hulpgids/${id}`, params: { id } }
    },
  },
  'beheer.cijfers._index.tsx': { path: '/beheer/cijfers', rule: { kind: 'staff', action: 'figures.export' } },
  'beheer.cijfers.csv.ts': { path: '/beheer/cijfers/csv', rule: { kind: 'staff', action: 'figures.export' } },
}
