import type { RouteAccess } from '~/auth/route-matrix'

// Setup runs inside the matrix test only; imported lazily so this file stays light.
const testing = () => import('~/monument/for-moderation-testing.server')

/** Access rules of the moderation capability's routes (checked by app/auth/route-matrix.test.ts). */
export const ROUTE_ACCESS: Record<string, RouteAccess> = {
  // '/verhalen' itself is declared by the foundation (app/auth/route-access.ts): public.
  'verhalen.rapporten.tsx': { path: '/verhalen/rapporten', rule: { kind: 'public' } },
  'verhalen.melding-ontvangen.tsx': { path: '/verhalen/melding-ontvangen', rule: { kind: 'public' } },
  'verhalen.$slug.tsx': {
    path: '/verhalen/x',
    rule: { kind: 'public' },
    setup: async ({ survivorA }) => {
      const story = await (await testing()).createTestStory({ authorId: survivorA, status: 'published' })
      return { path: `/verhalen/${story.slug}`, params: { slug: story.slug } }
    },
  },
  'verhalen.$slug_.melden.tsx': {
    path: '/verhalen/x/melden',
    rule: { kind: 'public' },
    setup: async ({ survivorA }) => {
      const story = await (await testing()).createTestStory({ authorId: survivorA, status: 'published' })
      return { path: `/verhalen/${story.slug}/melden`, params: { slug: story.slug } }
    },
  },
  'beheer.verhalen._index.tsx': { path: '/beheer/verhalen', rule: { kind: 'staff', action: 'stories.moderate' } },
  'beheer.verhalen.$id.tsx': {
    path: '/beheer/verhalen/x',
    rule: { kind: 'staff', action: 'stories.moderate' },
    setup: async ({ survivorA }) => {
      const story = await (await testing()).createTestStory({ authorId: survivorA, status: 'submitted' })
      return { path: `/beheer/verhalen/${story.id}`, params: { id: story.id } }
    },
  },
  'beheer.meldingen.tsx': { path: '/beheer/meldingen', rule: { kind: 'staff', action: 'reports.handle' } },
}
