/**
 * Route × role × chapter state for the documentary (the pattern of app/auth/object-state-matrix.test.ts,
 * with the documentary's own visitors): each page is requested through its loader, with a real
 * Request, by every kind of visitor, for a chapter in each state. 404: no such thing for this
 * visitor (a draft does not exist for readers, a published chapter is not the board's work).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb } from '@db/client.server'
import type { ChapterState } from '@db/schema/documentary'
import { createPersona, makeRequest, testContext, type Persona } from '~/testing/personas.server'
import * as publicChapterRoute from '~/routes/documentaire.$chapter'
import * as editorRoute from '~/routes/beheer.documentaire.$id'
import * as historyRoute from '~/routes/beheer.documentaire.$id_.geschiedenis'
import * as boardRoute from '~/routes/beheer.klankbord.$id'
import { createStaffTestChapter } from './testing.server'

const VISITORS = ['anonymous', 'survivor', 'moderator', 'curator', 'soundingBoard', 'admin'] as const
type Visitor = (typeof VISITORS)[number]
type Statuses = [number, number, number, number, number, number]
type Loader = (args: { request: Request; params: Record<string, string>; context: typeof testContext }) => Promise<unknown>

//                                                          anon survivor mod  curator board admin
const EDITOR: Statuses = [302, 403, 403, 200, 403, 403]
const MATRIX: Array<{ route: string; loader: Loader; path: (c: { id: string; slug: string }) => string; params: (c: { id: string; slug: string }) => Record<string, string>; rows: Record<ChapterState, Statuses> }> = [
  {
    route: '/beheer/documentaire/:id',
    loader: editorRoute.loader as unknown as Loader,
    path: (c) => `/beheer/documentaire/${c.id}`,
    params: (c) => ({ id: c.id }),
    rows: { draft: EDITOR, in_review: EDITOR, changes_requested: EDITOR, published: EDITOR },
  },
  {
    route: '/beheer/documentaire/:id/geschiedenis',
    loader: historyRoute.loader as unknown as Loader,
    path: (c) => `/beheer/documentaire/${c.id}/geschiedenis`,
    params: (c) => ({ id: c.id }),
    rows: { draft: EDITOR, in_review: EDITOR, changes_requested: EDITOR, published: EDITOR },
  },
  {
    route: '/beheer/klankbord/:id',
    loader: boardRoute.loader as unknown as Loader,
    path: (c) => `/beheer/klankbord/${c.id}`,
    params: (c) => ({ id: c.id }),
    rows: {
      draft: [302, 403, 403, 403, 404, 403],
      in_review: [302, 403, 403, 403, 200, 403],
      changes_requested: [302, 403, 403, 403, 200, 403],
      published: [302, 403, 403, 403, 404, 403],
    },
  },
  {
    route: '/documentaire/:chapter',
    loader: publicChapterRoute.loader as unknown as Loader,
    path: (c) => `/documentaire/${c.slug}`,
    params: (c) => ({ chapter: c.slug }),
    rows: {
      draft: [404, 404, 404, 404, 404, 404],
      in_review: [404, 404, 404, 404, 404, 404],
      changes_requested: [404, 404, 404, 404, 404, 404],
      published: [200, 200, 200, 200, 200, 200],
    },
  },
]

async function statusOf(loader: Loader, path: string, params: Record<string, string>, cookie?: string) {
  try {
    const result = await loader({ request: makeRequest(path, { cookie }), params, context: testContext })
    if (result instanceof Response) {
      await result.body?.cancel()
      return result.status
    }
    return (result as { init?: { status?: number } } | null)?.init?.status ?? 200
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status
    throw thrown
  }
}

const personas = {} as Record<Exclude<Visitor, 'anonymous'>, Persona>
beforeAll(async () => {
  personas.survivor = await createPersona({ roles: ['survivor'] })
  personas.moderator = await createPersona({ roles: ['moderator'] })
  personas.curator = await createPersona({ roles: ['curator'] })
  personas.soundingBoard = await createPersona({ roles: ['sounding_board'] })
  personas.admin = await createPersona({ roles: ['admin'] })
})
afterAll(() => closeDb())

describe('documentary route × role × chapter state', () => {
  for (const row of MATRIX) {
    for (const state of Object.keys(row.rows) as ChapterState[]) {
      it(`${row.route} for a chapter ${state}`, async () => {
        const chapter = await createStaffTestChapter({ state })
        const got: number[] = []
        for (const v of VISITORS) got.push(await statusOf(row.loader, row.path(chapter), row.params(chapter), v === 'anonymous' ? undefined : personas[v].cookie))
        expect(got).toEqual(row.rows[state])
      })
    }
  }
})
