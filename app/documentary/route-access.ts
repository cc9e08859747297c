import type { RouteAccess } from '~/auth/route-matrix'

// Setup runs inside the matrix test only; imported lazily so this file stays light.
const publicTesting = () => import('./public-testing.server')

/** Access rules of the documentary routes (checked by app/auth/route-matrix.test.ts). */
export const ROUTE_ACCESS: Record<string, RouteAccess> = {
  // The public documentary (D2): the same for everyone; a chapter that is not published is 404 (public-pages.test.ts).
  'documentaire._index.tsx': { path: '/documentaire', rule: { kind: 'public' } },
  'documentaire.$chapter.tsx': {
    path: '/documentaire/x',
    rule: { kind: 'public' },
    setup: async () => {
      const { chapter } = await (await publicTesting()).createTestChapter()
      return { path: `/documentaire/${chapter.slug}`, params: { chapter: chapter.slug } }
    },
  },
  // The author's own use of their stories: survivors only, each sees their own (author-page.test.ts).
  'mijn-verhalen.documentaire.tsx': { path: '/mijn-verhalen/documentaire', rule: { kind: 'survivor' } },
}
