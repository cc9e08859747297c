import type { RouteAccess } from '~/auth/route-matrix'

// Setup runs inside the matrix test only; imported lazily so this file stays light.
const publicTesting = () => import('./public-testing.server')

const staffChapter =
  (state: 'draft' | 'in_review', suffix: string, base = '/beheer/documentaire') =>
  async () => {
    const { createStaffTestChapter } = await import('./testing.server')
    const chapter = await createStaffTestChapter({ state })
    return { path: `${base}/${chapter.id}${suffix}`, params: { id: chapter.id } }
  }

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
  // The curator's pages (D1): documentary.curate; the sounding board's: documentary.review (ADR 0029).
  'beheer.documentaire._index.tsx': { path: '/beheer/documentaire', rule: { kind: 'staff', action: 'documentary.curate' } },
  'beheer.documentaire.nieuw.tsx': { path: '/beheer/documentaire/nieuw', rule: { kind: 'staff', action: 'documentary.curate' } },
  'beheer.documentaire.$id.tsx': { path: '/beheer/documentaire/:id', rule: { kind: 'staff', action: 'documentary.curate' }, setup: staffChapter('draft', '') },
  'beheer.documentaire.$id_.geschiedenis.tsx': { path: '/beheer/documentaire/:id/geschiedenis', rule: { kind: 'staff', action: 'documentary.curate' }, setup: staffChapter('draft', '/geschiedenis') },
  'beheer.klankbord._index.tsx': { path: '/beheer/klankbord', rule: { kind: 'staff', action: 'documentary.review' } },
  'beheer.klankbord.$id.tsx': { path: '/beheer/klankbord/:id', rule: { kind: 'staff', action: 'documentary.review' }, setup: staffChapter('in_review', '', '/beheer/klankbord') },
}
