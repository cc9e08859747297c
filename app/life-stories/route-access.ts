import type { RouteAccess } from '~/auth/route-matrix'

const ownLifeStory = (suffix: string) => async ({ survivorA }: { survivorA: string }) => {
  const { createTestLifeStory } = await import('./testing.server')
  const id = await createTestLifeStory({ claimedBy: survivorA })
  return { path: `/mijn-verhalen/levensverhaal/${id}${suffix}`, params: { id } }
}

/** Access rules of the life-stories routes (checked by app/auth/route-matrix.test.ts). */
export const ROUTE_ACCESS: Record<string, RouteAccess> = {
  'beheer.levensverhalen._index.tsx': { path: '/beheer/levensverhalen', rule: { kind: 'staff', action: 'archive.transfer' } },
  'beheer.levensverhalen.nieuw.tsx': { path: '/beheer/levensverhalen/nieuw', rule: { kind: 'staff', action: 'archive.transfer' } },
  'beheer.levensverhalen.$id.tsx': {
    path: '/beheer/levensverhalen/:id',
    rule: { kind: 'staff', action: 'archive.transfer' },
    setup: async () => {
      const { createTestLifeStory } = await import('./testing.server')
      const id = await createTestLifeStory()
      return { path: `/beheer/levensverhalen/${id}`, params: { id } }
    },
  },
  // A claim link is for any signed-in account (the survivor signs in or registers first); an
  // unknown link shows the same page as a used one.
  'levensverhaal.ophalen.$token.tsx': { path: '/levensverhaal/ophalen/x', params: { token: 'x' }, rule: { kind: 'survivor' } },
  'mijn-verhalen.levensverhaal.$id._index.tsx': { path: '/mijn-verhalen/levensverhaal/:id', rule: { kind: 'ownedBySurvivorA' }, setup: ownLifeStory('') },
  'mijn-verhalen.levensverhaal.$id.tekst.ts': { path: '/mijn-verhalen/levensverhaal/:id/tekst', rule: { kind: 'ownedBySurvivorA' }, setup: ownLifeStory('/tekst') },
  // No audio on the test story: the owner gets 404 too, like anyone else.
  'mijn-verhalen.levensverhaal.$id.geluid.ts': {
    path: '/mijn-verhalen/levensverhaal/:id/geluid',
    rule: { kind: 'custom', statuses: { anonymous: 302, survivorA: 404, survivorB: 404, moderator: 403, triage: 403, assessor: 403, archivist: 403, researcher: 403, curator: 403, soundingBoard: 403, interviewer: 403, intake: 403, admin: 403 } },
    setup: ownLifeStory('/geluid'),
  },
}
