import { randomBytes } from 'node:crypto'
import fc from 'fast-check'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { stories } from '@db/schema/monument'
import { createPersona } from '~/testing/personas.server'
import { createTestStory } from './for-moderation-testing.server'
import type { ListingCursor } from './reading-query.server'
import { searchVisibleStories } from './search.server'

afterAll(() => closeDb())

/**
 * The search's order (ADR 0035) is a promise to readers who page through it: title hits first,
 * then the other hits, each newest first, every hit exactly once. The fast paths (the title
 * index, the window of newest stories, its fallback) must give exactly what one plain query
 * gives, whatever the stories, the words and the window.
 */
let authorId: string
const marker = `zs${randomBytes(4).toString('hex')}`

beforeAll(async () => {
  authorId = (await createPersona({ roles: ['survivor'] })).id
})

/** What one plain query says the whole search is, in order. */
async function reference(q: string): Promise<string[]> {
  const rows = await db.execute<{ slug: string }>(sql`
    select slug from ${stories}
    where status = 'published' and hidden_at is null and audience = 'public' and search_vector @@ websearch_to_tsquery('dutch', ${q})
    order by (title_vector @@ websearch_to_tsquery('dutch', ${q})) desc, published_at desc, id desc`)
  return rows.map((r) => r.slug)
}

async function walk(q: string, limit: number, window: number): Promise<string[]> {
  const seen: string[] = []
  let after: ListingCursor | undefined
  for (let guard = 0; guard < 200; guard++) {
    const page = await searchVisibleStories({ reader: { survivor: false }, filters: { q }, after, limit, window })
    seen.push(...page.items.map((i) => i.slug))
    if (!page.next) return seen
    after = page.next
  }
  throw new Error('no end')
}

describe('search order (ADR 0035)', () => {
  it('pages through title hits and then the rest, newest first, each exactly once, whatever the window', async () => {
    const story = fc.record({
      inTitle: fc.subarray([0, 1, 2]),
      inBody: fc.subarray([0, 1, 2]),
      daysAgo: fc.integer({ min: 0, max: 30 }),
      audience: fc.constantFrom('public', 'public', 'fellowSurvivors'),
    })
    await fc.assert(
      fc.asyncProperty(fc.array(story, { minLength: 1, maxLength: 25 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 30 }), async (set, limit, window) => {
        // Words only this run's stories use, so earlier runs never match.
        const run = `${marker}${randomBytes(3).toString('hex')}`
        const words = ['kx', 'ky', 'kz'].map((w) => `${run}${w}`)
        for (const s of set) {
          await createTestStory({
            authorId,
            status: 'published',
            title: ['Mijn tijd', ...s.inTitle.map((i) => words[i]!)].join(' '),
            body: ['Het begon', ...s.inBody.map((i) => words[i]!)].join(' '),
            publishedAt: new Date(Date.now() - s.daysAgo * 86_400_000),
            audience: s.audience as 'public',
          })
        }
        for (const q of [words[0]!, `${words[1]} or ${words[2]}`, `${words[0]} ${words[1]}`]) {
          expect(await walk(q, limit, window), q).toEqual(await reference(q))
        }
      }),
      { numRuns: 25 },
    )
  })
})
