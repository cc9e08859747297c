import type { PersonaName, RouteAccess } from '~/auth/route-matrix'

// Setup runs inside the matrix test only; imported lazily so this file stays light.
const testing = () => import('./testing.server')

/** A survivor's own record answered by a redirect (resource routes whose GET only sends back to the editor). */
const OWN_REDIRECT: Record<PersonaName, number> = { anonymous: 302, survivorA: 302, survivorB: 404, moderator: 403, triage: 403, assessor: 403, archivist: 403, researcher: 403, curator: 403, soundingBoard: 403, interviewer: 403, intake: 403, admin: 403 }

/**
 * Media: the owner 200; everyone else 404 while the story is a draft (never published, so its
 * existence does not leak; moderators only see submitted stories).
 */
const DRAFT_MEDIA: Record<PersonaName, number> = { anonymous: 404, survivorA: 200, survivorB: 404, moderator: 404, triage: 404, assessor: 404, archivist: 404, researcher: 404, curator: 404, soundingBoard: 404, interviewer: 404, intake: 404, admin: 404 }

/** Access rules of the monument capability's routes (checked by app/auth/route-matrix.test.ts). */
export const ROUTE_ACCESS: Record<string, RouteAccess> = {
  'verhalen.cijfers.tsx': { path: '/verhalen/cijfers', rule: { kind: 'public' } },
  'mijn-verhalen._index.tsx': { path: '/mijn-verhalen', rule: { kind: 'survivor' } },
  'mijn-verhalen.nieuw.tsx': {
    path: '/mijn-verhalen/nieuw',
    rule: { kind: 'custom', statuses: { anonymous: 302, survivorA: 302, survivorB: 302, moderator: 403, triage: 403, assessor: 403, archivist: 403, researcher: 403, curator: 403, soundingBoard: 403, interviewer: 403, intake: 403, admin: 403 } },
  },
  'mijn-verhalen.$id._index.tsx': {
    path: '/mijn-verhalen/x',
    rule: { kind: 'ownedBySurvivorA' },
    setup: async ({ survivorA }) => {
      const { story } = await (await testing()).createTestStoryWithPhoto({ authorId: survivorA })
      return { path: `/mijn-verhalen/${story.id}`, params: { id: story.id } }
    },
  },
  'mijn-verhalen.$id.media.tsx': {
    path: '/mijn-verhalen/x/media',
    rule: { kind: 'custom', statuses: OWN_REDIRECT },
    setup: async ({ survivorA }) => {
      const { story } = await (await testing()).createTestStoryWithPhoto({ authorId: survivorA })
      return { path: `/mijn-verhalen/${story.id}/media`, params: { id: story.id } }
    },
  },
  'mijn-verhalen.$id.media.$mediaId.tsx': {
    path: '/mijn-verhalen/x/media/y',
    rule: { kind: 'custom', statuses: OWN_REDIRECT },
    setup: async ({ survivorA }) => {
      const { story, media } = await (await testing()).createTestStoryWithPhoto({ authorId: survivorA })
      return { path: `/mijn-verhalen/${story.id}/media/${media.id}`, params: { id: story.id, mediaId: media.id } }
    },
  },
  'media.$id.ts': {
    path: '/media/x',
    rule: { kind: 'custom', statuses: DRAFT_MEDIA },
    setup: async ({ survivorA }) => {
      const { media } = await (await testing()).createTestStoryWithPhoto({ authorId: survivorA })
      return { path: `/media/${media.id}`, params: { id: media.id } }
    },
  },
  'media.$id.$variant.ts': {
    path: '/media/x/thumb',
    rule: { kind: 'custom', statuses: DRAFT_MEDIA },
    setup: async ({ survivorA }) => {
      const { media } = await (await testing()).createTestStoryWithPhoto({ authorId: survivorA })
      return { path: `/media/${media.id}/thumb`, params: { id: media.id, variant: 'thumb' } }
    },
  },
}
