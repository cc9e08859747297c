import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb } from '@db/client.server'
import { createPublicTestStory } from '~/monument/for-documentary-testing.server'
import { setStoryConsent } from '~/monument/story-consent.server'
import * as chapterRoute from '~/routes/documentaire.$chapter'
import * as authorRoute from '~/routes/mijn-verhalen.documentaire'
import { createPersona, makeRequest, testContext, type Persona } from '~/testing/personas.server'
import type { AuthorChapterView } from './author-page.server'
import { createTestChapter } from './public-testing.server'

/**
 * The author's page (/mijn-verhalen/documentaire) through its real loader and action: each
 * author sees the use of their own stories only, and may ask that one of their own blocks not
 * be used (gone from the public chapter at the next request); another author's block is 404,
 * and a hostile form is a 400, never a server error.
 */

afterAll(() => closeDb())

let authorA: Persona
let authorB: Persona
let other: Persona
let curator: Persona
let chapterSlug: string
let blockA: string
let blockB: string

async function status(run: () => Promise<unknown>) {
  try {
    const r = (await run()) as Response | { init?: { status?: number }; data?: unknown }
    if (r instanceof Response) return { status: r.status, location: r.headers.get('Location'), data: null }
    return { status: r.init?.status ?? 200, location: null, data: 'data' in r ? r.data : r }
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get('Location'), data: null }
    throw thrown
  }
}

const load = (who: Persona | null) => status(() => authorRoute.loader({ request: makeRequest('/mijn-verhalen/documentaire', { cookie: who?.cookie }), params: {}, context: testContext }))
const post = (who: Persona | null, form: Record<string, string>) =>
  status(() => authorRoute.action({ request: makeRequest('/mijn-verhalen/documentaire', { cookie: who?.cookie, method: 'POST', form }), params: {}, context: testContext }))
const publicBlockIds = async () => {
  const r = (await chapterRoute.loader({ request: makeRequest(`/documentaire/${chapterSlug}`), params: { chapter: chapterSlug }, context: testContext })) as unknown as { data: { blocks: Array<{ id: string }> } }
  return r.data.blocks.map((b) => b.id)
}

beforeAll(async () => {
  ;[authorA, authorB, other, curator] = await Promise.all([
    createPersona({ roles: ['survivor'] }),
    createPersona({ roles: ['survivor'] }),
    createPersona({ roles: ['survivor'] }),
    createPersona({ roles: ['curator'] }),
  ])
  const a = (await createPublicTestStory({ authorId: authorA.id, title: 'De was', body: 'Elke ochtend de was. Niemand luisterde.' })).story.id
  const b = (await createPublicTestStory({ authorId: authorB.id, title: 'De dijk', body: 'Het gesticht aan de dijk.' })).story.id
  for (const [authorId, storyId] of [
    [authorA.id, a],
    [authorB.id, b],
  ] as const) {
    for (const purpose of ['monument.publishPublic', 'monument.documentary'] as const) await setStoryConsent({ authorId, storyId, purpose, grant: true, locale: 'nl' })
  }
  const { chapter, blocks } = await createTestChapter({
    blocks: [
      { kind: 'story', storyId: a, excerpt: 'Niemand luisterde.' },
      { kind: 'text', body: 'Van de makers.' },
      { kind: 'story', storyId: b, excerpt: null },
    ],
  })
  chapterSlug = chapter.slug
  blockA = blocks[0]!.id
  blockB = blocks[2]!.id
})

describe('the author’s documentary page', () => {
  it('shows each author the use of their own stories only, with the excerpt', async () => {
    const a = await load(authorA)
    expect(a.status).toBe(200)
    const chaptersA = (a.data as { chapters: AuthorChapterView[] }).chapters
    expect(chaptersA).toHaveLength(1)
    expect(chaptersA[0]!.blocks).toEqual([expect.objectContaining({ blockId: blockA, excerpt: 'Niemand luisterde.', shown: true, exclusionRequested: false })])
    const chaptersB = ((await load(authorB)).data as { chapters: AuthorChapterView[] }).chapters
    expect(chaptersB[0]!.blocks.map((b) => b.blockId)).toEqual([blockB])
    expect(((await load(other)).data as { chapters: AuthorChapterView[] }).chapters).toEqual([])
  })

  it('sends an anonymous visitor to sign in and refuses staff', async () => {
    expect((await load(null)).status).toBe(302)
    expect((await load(curator)).status).toBe(403)
    expect((await post(null, { intent: 'exclude', blockId: blockA })).status).toBe(302)
    expect((await post(curator, { intent: 'exclude', blockId: blockA })).status).toBe(403)
  })

  it('refuses another author’s block as not found, and it stays in the chapter', async () => {
    const res = await post(authorA, { intent: 'exclude', blockId: blockB })
    expect(res.status).toBe(404)
    expect(await publicBlockIds()).toContain(blockB)
    expect(((await load(authorB)).data as { chapters: AuthorChapterView[] }).chapters[0]!.blocks[0]!.exclusionRequested).toBe(false)
  })

  it('answers hostile forms with 400, never a server error', async () => {
    for (const form of [
      {},
      { intent: 'exclude' },
      { intent: 'exclude', blockId: '__proto__' },
      { intent: '__proto__', blockId: blockA },
      { intent: 'exclude', blockId: 'x'.repeat(1024 * 1024) },
      { intent: 'exclude', blockId: `${blockA}\u0000` },
      { intent: 'constructor', blockId: 'toString' },
    ]) {
      expect((await post(authorA, form as Record<string, string>)).status, JSON.stringify(form).slice(0, 60)).toBe(400)
    }
  })

  it('takes the author’s own block out of the public chapter at the next request, without touching the consent', async () => {
    expect(await publicBlockIds()).toContain(blockA)
    const res = await post(authorA, { intent: 'exclude', blockId: blockA })
    expect(res.status).toBe(302)
    expect(res.location).toBe('/mijn-verhalen/documentaire?gevraagd=1')
    const ids = await publicBlockIds()
    expect(ids).not.toContain(blockA)
    expect(ids).toContain(blockB)
    const view = ((await load(authorA)).data as { chapters: AuthorChapterView[] }).chapters[0]!.blocks[0]!
    expect(view).toMatchObject({ exclusionRequested: true, shown: false })
    // Asking twice is no error.
    expect((await post(authorA, { intent: 'exclude', blockId: blockA })).status).toBe(302)
  })
})
