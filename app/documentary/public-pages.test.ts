import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb } from '@db/client.server'
import { createPublicTestStory } from '~/monument/for-documentary-testing.server'
import { setOwnMediaConsent } from '~/monument/media-consent.server'
import { setStoryConsent } from '~/monument/story-consent.server'
import * as chapterRoute from '~/routes/documentaire.$chapter'
import * as indexRoute from '~/routes/documentaire._index'
import { createPersona, makeRequest, testContext, type Persona } from '~/testing/personas.server'
import { createTestChapter } from './public-testing.server'
import type { PublicBlock } from './public-types'

/**
 * The public documentary pages through their real loaders: an anonymous reader gets only the
 * blocks whose consents hold at this request, never a chapter that is not published, and the
 * same cache policy as a story page (so the page cache keeps them for anonymous readers only).
 */

afterAll(() => closeDb())

const BODY_A = 'Ik was negen toen ik werd geplaatst.\n\nElke ochtend moesten we om zes uur de was doen.\n\nNiemand vroeg hoe het met ons ging.'
const EXCERPT_A = 'Elke ochtend moesten we om zes uur de was doen.'

let authorA: Persona
let authorB: Persona
let storyA: string
let storyB: string
let audioB: string

type ChapterData = { chapter: { slug: string; contentNote: string | null }; showChapter: boolean; blocks: PublicBlock[]; previous: unknown; next: unknown }

async function run(fn: typeof chapterRoute.loader | typeof indexRoute.loader, path: string, params: Record<string, string> = {}, cookie?: string) {
  try {
    const result = await fn({ request: makeRequest(path, { cookie }), params, context: testContext })
    const r = result as unknown as { data: unknown; init?: { status?: number; headers?: Record<string, string> } }
    return { status: r.init?.status ?? 200, headers: new Headers(r.init?.headers), data: r.data }
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, headers: thrown.headers, data: null }
    throw thrown
  }
}

const readChapter = async (slug: string, query = '?lezen=ja', cookie?: string) => {
  const res = await run(chapterRoute.loader, `/documentaire/${slug}${query}`, { chapter: slug }, cookie)
  return { ...res, data: res.data as ChapterData | null }
}

beforeAll(async () => {
  ;[authorA, authorB] = await Promise.all([createPersona({ roles: ['survivor'] }), createPersona({ roles: ['survivor'] })])
  storyA = (await createPublicTestStory({ authorId: authorA.id, title: 'De was', body: BODY_A })).story.id
  const b = await createPublicTestStory({ authorId: authorB.id, title: 'De dijk', body: 'In het gesticht aan de dijk was het stil.', withAudio: true })
  storyB = b.story.id
  audioB = b.mediaId!
  // The public consent first: the audience projection follows the ledger, as for a real story.
  for (const [authorId, storyId] of [
    [authorA.id, storyA],
    [authorB.id, storyB],
  ] as const) {
    for (const purpose of ['monument.publishPublic', 'monument.documentary'] as const) await setStoryConsent({ authorId, storyId, purpose, grant: true, locale: 'nl' })
  }
  await setOwnMediaConsent({ authorId: authorB.id, storyId: storyB, mediaId: audioB, purpose: 'media.publish', grant: true, locale: 'nl' })
})

function chapterWithEverything(contentNote: string | null = null) {
  return createTestChapter({
    contentNote,
    blocks: [
      { kind: 'text', body: 'Over de wasserijen.' },
      { kind: 'story', storyId: storyA, excerpt: EXCERPT_A, contentNote: 'Over gedwongen werk.' },
      { kind: 'medium', storyId: storyB, mediaId: audioB },
      { kind: 'report', reportRef: 'residential', body: 'Een passage uit het rapport.' },
      { kind: 'help', facets: { setting: 'residentialGroup' } },
    ],
  })
}

describe('the chapter list', () => {
  it('lists published chapters only, with the story page cache policy for anonymous readers', async () => {
    const published = await createTestChapter()
    const draft = await createTestChapter({ state: 'draft' })
    const inReview = await createTestChapter({ state: 'in_review' })
    const res = await run(indexRoute.loader, '/documentaire')
    expect(res.status).toBe(200)
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=0, must-revalidate')
    const slugs = (res.data as { chapters: Array<{ slug: string }> }).chapters.map((c) => c.slug)
    expect(slugs).toContain(published.chapter.slug)
    expect(slugs).not.toContain(draft.chapter.slug)
    expect(slugs).not.toContain(inReview.chapter.slug)
  })

  it('is never kept for a signed-in reader', async () => {
    const res = await run(indexRoute.loader, '/documentaire', {}, authorA.cookie)
    expect(res.headers.get('Cache-Control')).toBe('private, no-store')
  })
})

describe('a chapter', () => {
  it('shows every block whose consent holds, in order, with the medium’s transcript and captions, and no author ids', async () => {
    const { chapter } = await chapterWithEverything()
    const res = await readChapter(chapter.slug)
    expect(res.status).toBe(200)
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=0, must-revalidate')
    const blocks = res.data!.blocks
    expect(blocks.map((b) => b.kind)).toEqual(['text', 'story', 'medium', 'report', 'help'])
    const story = blocks[1] as Extract<PublicBlock, { kind: 'story' }>
    expect(story.paragraphs).toEqual([EXCERPT_A])
    expect(story.contentNote).toBe('Over gedwongen werk.')
    const medium = blocks[2] as Extract<PublicBlock, { kind: 'medium' }>
    expect(medium.medium).toMatchObject({ kind: 'audio', url: `/media/${audioB}`, transcript: 'Wat ik vertel.' })
    expect(medium.medium.captionsUrl).toBe(`/media/${audioB}/captions`)
    const json = JSON.stringify(res.data)
    for (const id of [authorA.id, authorB.id, storyA, storyB]) expect(json).not.toContain(id)
  })

  it('shows only the content note until the reader chooses to go on', async () => {
    const { chapter } = await chapterWithEverything('Over dwangarbeid in wasserijen.')
    const gate = await readChapter(chapter.slug, '')
    expect(gate.status).toBe(200)
    expect(gate.data!.showChapter).toBe(false)
    expect(gate.data!.blocks).toEqual([])
    expect(gate.data!.chapter.contentNote).toBe('Over dwangarbeid in wasserijen.')
    const read = await readChapter(chapter.slug)
    expect(read.data!.showChapter).toBe(true)
    expect(read.data!.blocks).toHaveLength(5)
  })

  it('drops a block at the next request once its consent is withdrawn, and shows it again when granted again', async () => {
    const { chapter } = await chapterWithEverything()
    await setStoryConsent({ authorId: authorA.id, storyId: storyA, purpose: 'monument.documentary', grant: false, locale: 'nl' })
    try {
      const kinds = (await readChapter(chapter.slug)).data!.blocks.map((b) => b.kind)
      expect(kinds).toEqual(['text', 'medium', 'report', 'help'])
      expect(JSON.stringify((await readChapter(chapter.slug)).data)).not.toContain(EXCERPT_A)
    } finally {
      await setStoryConsent({ authorId: authorA.id, storyId: storyA, purpose: 'monument.documentary', grant: true, locale: 'nl' })
    }
    expect((await readChapter(chapter.slug)).data!.blocks.map((b) => b.kind)).toContain('story')
  })

  it('drops a medium whose own consent is withdrawn, keeping the rest of its story', async () => {
    const { chapter } = await createTestChapter({ blocks: [{ kind: 'story', storyId: storyB, excerpt: null }, { kind: 'medium', storyId: storyB, mediaId: audioB }] })
    await setOwnMediaConsent({ authorId: authorB.id, storyId: storyB, mediaId: audioB, purpose: 'media.publish', grant: false, locale: 'nl' })
    try {
      expect((await readChapter(chapter.slug)).data!.blocks.map((b) => b.kind)).toEqual(['story'])
    } finally {
      await setOwnMediaConsent({ authorId: authorB.id, storyId: storyB, mediaId: audioB, purpose: 'media.publish', grant: true, locale: 'nl' })
    }
  })

  it('is 404, not kept, for a chapter that is not published, an unknown one and a hostile address', async () => {
    for (const state of ['draft', 'in_review', 'changes_requested'] as const) {
      const { chapter } = await createTestChapter({ state })
      const res = await readChapter(chapter.slug)
      expect(res.status, state).toBe(404)
      expect(res.headers.get('Cache-Control')).toBe('no-store')
    }
    for (const slug of ['bestaat-niet', '__proto__', 'constructor', 'x'.repeat(5000), 'a\u0000b', '../verhalen']) {
      expect((await readChapter(slug)).status, JSON.stringify(slug.slice(0, 20))).toBe(404)
    }
  })

  it('links the previous and next published chapters', async () => {
    const first = await createTestChapter()
    const second = await createTestChapter()
    const res = await readChapter(second.chapter.slug)
    expect(res.data!.previous).toMatchObject({ slug: expect.any(String) })
    const firstRes = await readChapter(first.chapter.slug)
    expect(firstRes.data!.next).toMatchObject({ slug: expect.any(String) })
  })

  it('is never kept for a signed-in reader', async () => {
    const { chapter } = await createTestChapter()
    const res = await readChapter(chapter.slug, '', authorB.cookie)
    expect(res.status).toBe(200)
    expect(res.headers.get('Cache-Control')).toBe('private, no-store')
  })
})
