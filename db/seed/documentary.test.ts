import { afterAll, describe, expect, it } from 'vitest'
import { closeDb } from '@db/client.server'
import { loadPublishedChapter } from '~/documentary/chapters.server'
import { listHistory } from '~/documentary/review.server'
import * as chapterRoute from '~/routes/documentaire.$chapter'
import * as indexRoute from '~/routes/documentaire._index'
import { makeRequest, testContext } from '~/testing/personas.server'
import { seedIfEmpty } from '../seed-runner'
import { DEMO_CHAPTER_TITLE } from './documentary'

afterAll(() => closeDb())

type Loaded<T> = { data: T }

describe('seedDocumentaryDemo', () => {
  it('leaves a fresh start with one published chapter, made from consented demo stories and approved by both board members', async () => {
    // The real start-up path on an empty database (this file's own), as `npm start` runs it.
    expect((await seedIfEmpty({ printCredentials: false })).seeded).toBe(true)
    const index = (await indexRoute.loader({ request: makeRequest('/documentaire'), params: {}, context: testContext })) as unknown as Loaded<{ chapters: Array<{ slug: string; title: string }> }>
    const demo = index.data.chapters.find((c) => c.title === DEMO_CHAPTER_TITLE)
    expect(demo).toBeDefined()
    const page = (await chapterRoute.loader({ request: makeRequest(`/documentaire/${demo!.slug}?lezen=ja`), params: { chapter: demo!.slug }, context: testContext })) as unknown as Loaded<{
      blocks: Array<{ kind: string; paragraphs?: string[] }>
      showChapter: boolean
    }>
    expect(page.data.showChapter).toBe(true)
    expect(page.data.blocks.map((b) => b.kind)).toEqual(['text', 'story', 'report', 'story', 'help'])
    expect(page.data.blocks[1]!.paragraphs![0]).toMatch(/wasserij/)
    const loaded = await loadPublishedChapter(demo!.slug)
    const kinds = (await listHistory({ chapterId: loaded!.chapter.id })).map((e) => e.kind)
    expect(kinds.filter((k) => k === 'approved')).toHaveLength(2)
    expect(kinds).toContain('published')
  })
})
