import type { RouteAccess } from '~/auth/route-matrix'

const testing = () => import('./ui-testing.server')

/** Access rules of the archive capability's routes (checked by app/auth/route-matrix.test.ts). */
export const ROUTE_ACCESS: Record<string, RouteAccess> = {
  'beheer.archief._index.tsx': { path: '/beheer/archief', rule: { kind: 'staff', action: 'archive.transfer' } },
  'beheer.archief.$ref.tsx': {
    path: '/beheer/archief/:ref',
    rule: { kind: 'staff', action: 'archive.transfer' },
    setup: async ({ survivorA, archivist }) => {
      const { ref } = await (await testing()).createTestArchivePackage({ authorId: survivorA, archivistId: archivist })
      return { path: `/beheer/archief/${ref}`, params: { ref } }
    },
  },
  'beheer.archief.$ref_.download.ts': {
    path: '/beheer/archief/:ref/download',
    rule: { kind: 'staff', action: 'archive.transfer' },
    setup: async ({ survivorA, archivist }) => {
      const { ref } = await (await testing()).createTestArchivePackage({ authorId: survivorA, archivistId: archivist })
      return { path: `/beheer/archief/${ref}/download`, params: { ref } }
    },
  },
  'mijn-verhalen.archief._index.tsx': { path: '/mijn-verhalen/archief', rule: { kind: 'survivor' } },
  // The author's copy exists from the hand-over on: survivor A's handed-over package.
  'mijn-verhalen.archief.$ref.download.ts': {
    path: '/mijn-verhalen/archief/:ref/download',
    rule: { kind: 'ownedBySurvivorA' },
    setup: async ({ survivorA, archivist }) => {
      const { ref } = await (await testing()).createTestArchivePackage({ authorId: survivorA, archivistId: archivist, handedOver: true })
      return { path: `/mijn-verhalen/archief/${ref}/download`, params: { ref } }
    },
  },
}
