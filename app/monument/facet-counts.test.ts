import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql as dsql } from 'drizzle-orm'
import { closeDb, db, sql, type DbOrTx } from '@db/client.server'
import { keptFacetCounts } from './facet-counts.server'
import { FACET_FILTERS } from './reading-schemas'
import type { FacetCounts } from './reading.server'

afterAll(() => closeDb())

let authorId: string
beforeAll(async () => {
  authorId = (await sql<Array<{ id: string }>>`
    insert into users (email, display_name, kind) values (${`facets-${Date.now()}@test.local`}, 'F', 'survivor') returning id`)[0]!.id
})

/** The aggregate the listing ran before the triggers, over every story visible to this reader. */
async function aggregate(tx: DbOrTx, survivor: boolean): Promise<FacetCounts> {
  const audiences = survivor ? dsql`('public', 'fellowSurvivors')` : dsql`('public')`
  const rows = await tx.execute<{ facet: keyof FacetCounts; value: string; n: number }>(dsql`
    with base as (select decades, settings, violence_kinds, themes, region from stories
                  where status = 'published' and hidden_at is null and audience in ${audiences})
    select 'decade' as facet, v as value, count(*)::int as n from base, unnest(decades) v group by v
    union all select 'setting', v, count(*)::int from base, unnest(settings) v group by v
    union all select 'violence', v, count(*)::int from base, unnest(violence_kinds) v group by v
    union all select 'theme', v, count(*)::int from base, unnest(themes) v group by v
    union all select 'region', region, count(*)::int from base where region is not null group by region`)
  const counts = Object.fromEntries(FACET_FILTERS.map((f) => [f.name, {}])) as FacetCounts
  for (const r of rows) counts[r.facet][r.value] = Number(r.n)
  return counts
}

const story = fc.record({
  status: fc.constantFrom('draft', 'published', 'withdrawn'),
  audience: fc.constantFrom('none', 'public', 'fellowSurvivors'),
  hidden: fc.boolean(),
  decades: fc.uniqueArray(fc.constantFrom('1950s', '1960s', '1970s'), { maxLength: 2 }),
  settings: fc.uniqueArray(fc.constantFrom('fosterFamily', 'residentialGroup'), { maxLength: 2 }),
  themes: fc.uniqueArray(fc.constantFrom('isolation', 'punishment'), { maxLength: 2 }),
  region: fc.option(fc.constantFrom('utrecht', 'limburg'), { nil: null }),
})

const step = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), rows: fc.array(story, { minLength: 1, maxLength: 4 }) }),
  fc.record({ kind: fc.constant('update' as const), pick: fc.nat(), change: story }),
  fc.record({ kind: fc.constant('withdrawAll' as const) }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
)

describe('facet counts kept by triggers (migration 0031)', () => {
  it('equal the aggregate over the visible stories after any series of inserts, edits, withdrawals and deletions', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps) => {
        const mine: string[] = []
        for (const s of steps) {
          if (s.kind === 'insert') {
            const ids = await sql<Array<{ id: string }>>`
              insert into stories ${sql(
                s.rows.map((r) => ({
                  author_id: authorId,
                  slug: `f-${Math.random().toString(36).slice(2)}`,
                  status: r.status,
                  audience: r.audience,
                  hidden_at: r.hidden ? new Date().toISOString() : null,
                  decades: r.decades,
                  settings: r.settings,
                  themes: r.themes,
                  region: r.region,
                  published_at: new Date().toISOString(),
                })),
              )} returning id`
            mine.push(...ids.map((r) => r.id))
          } else if (s.kind === 'update' && mine.length) {
            const id = mine[s.pick % mine.length]!
            const c = s.change
            await sql`update stories set status = ${c.status}, audience = ${c.audience}, hidden_at = ${c.hidden ? new Date().toISOString() : null},
              decades = ${c.decades}, settings = ${c.settings}, themes = ${c.themes}, region = ${c.region} where id = ${id}`
          } else if (s.kind === 'withdrawAll' && mine.length) {
            await sql`update stories set status = 'withdrawn' where id in ${sql(mine)}`
          } else if (s.kind === 'delete' && mine.length) {
            await sql`delete from stories where id = ${mine.splice(s.pick % mine.length, 1)[0]!}`
          }
        }
        // One snapshot: other test files may write stories at the same time.
        await db.transaction(
          async (tx) => {
            for (const survivor of [false, true]) expect(await keptFacetCounts({ survivor }, tx)).toEqual(await aggregate(tx, survivor))
          },
          { isolationLevel: 'repeatable read' },
        )
      }),
      { numRuns: 12 },
    )
  })
})
