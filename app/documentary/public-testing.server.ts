import { randomBytes } from 'node:crypto'
import { db } from '@db/client.server'
import { documentaryBlocks, documentaryChapters, type DocumentaryBlock } from '@db/schema/documentary'

type TestBlock = Partial<Pick<DocumentaryBlock, 'kind' | 'storyId' | 'mediaId' | 'excerpt' | 'reportRef' | 'body' | 'facets' | 'contentNote'>>

/**
 * Test-only, for the public pages' tests and the route matrix: a chapter in a given state
 * (published by default) with the given blocks, written directly — the review that leads to
 * publication is review.server.ts's concern and has its own tests.
 */
export async function createTestChapter({
  state = 'published',
  contentNote = null,
  blocks = [{ kind: 'text', body: 'Een tekst van de makers.' }],
}: { state?: (typeof documentaryChapters.$inferSelect)['state']; contentNote?: string | null; blocks?: TestBlock[] } = {}) {
  const slug = `hoofdstuk-${randomBytes(5).toString('hex')}`
  const [chapter] = await db
    .insert(documentaryChapters)
    .values({ slug, title: `Hoofdstuk ${slug.slice(-4)}`, intro: 'Een inleiding.', themeKind: 'history', themeValue: 'Goede Herder 1945–1975', contentNote, state, publishedAt: state === 'published' ? new Date() : null })
    .returning()
  const rows = blocks.length
    ? await db
        .insert(documentaryBlocks)
        .values(blocks.map((b, position) => ({ chapterId: chapter!.id, position, kind: b.kind ?? 'text', ...b })))
        .returning()
    : []
  return { chapter: chapter!, blocks: rows }
}
