import type { RouteAccess } from '~/auth/route-matrix'

const ownLifeStory = (suffix: string) => async ({ survivorA }: { survivorA: string }) => {
  const { createTestLifeStory } = await import('./testing.server')
  const id = await createTestLifeStory({ claimedBy: survivorA })
  return { path: `/mijn-verhalen/levensverhaal/${id}${suffix}`, params: { id } }
}

/** The archivist and the interviewer share /beheer/levensverhalen (ADR 0030); every other role is refused. */
const LIFE_STORY_STAFF = { anonymous: 302, survivorA: 403, survivorB: 403, moderator: 403, triage: 403, assessor: 403, archivist: 200, researcher: 403, curator: 403, soundingBoard: 403, interviewer: 200, intake: 403, admin: 403 }

/** Access rules of the life-stories routes (checked by app/auth/route-matrix.test.ts). */
export const ROUTE_ACCESS: Record<string, RouteAccess> = {
  'beheer.levensverhalen._index.tsx': { path: '/beheer/levensverhalen', rule: { kind: 'custom', statuses: LIFE_STORY_STAFF } },
  'beheer.levensverhalen.nieuw.tsx': { path: '/beheer/levensverhalen/nieuw', rule: { kind: 'custom', statuses: LIFE_STORY_STAFF } },
  // A commission story: the archivist's; an interviewer gets 404, as for any story not theirs.
  'beheer.levensverhalen.$id.tsx': {
    path: '/beheer/levensverhalen/:id',
    rule: { kind: 'custom', statuses: { ...LIFE_STORY_STAFF, interviewer: 404 } },
    setup: async () => {
      const { createTestLifeStory } = await import('./testing.server')
      const id = await createTestLifeStory()
      return { path: `/beheer/levensverhalen/${id}`, params: { id } }
    },
  },
  // The letter with a code, for a story the interviewer persona registered: only that interviewer.
  'beheer.levensverhalen.$id.brief.ts': {
    path: '/beheer/levensverhalen/:id/brief',
    method: 'POST',
    rule: { kind: 'staff', action: 'lifeStories.record' },
    setup: async ({ interviewer }) => {
      const { createTestLifeStory } = await import('./testing.server')
      const id = await createTestLifeStory({ source: 'interviewer', registeredBy: interviewer })
      return { path: `/beheer/levensverhalen/${id}/brief`, params: { id } }
    },
  },
  // Claiming with a letter code: any survivor account, signed in first.
  'levensverhaal.code.tsx': { path: '/levensverhaal/code', rule: { kind: 'survivor' } },
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
