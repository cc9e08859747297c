// The public monument listing under load: page 1, a deep keyset page, a facet filter and a
// Dutch full-text search, each at 20 concurrent requests against the running portal, and the
// same list query as raw SQL. Prints figures only.
// Usage: npx remix build && npx tsx bench/monument-listing.ts [--stories 100000] [--requests 2000] [--concurrency 20]
// Uses DATABASE_URL when set (a database it may fill), otherwise its own embedded PostgreSQL.
import postgres from 'postgres'
import { arg, httpTask, measure, seedStories, startDatabase, startPortal, type Figures } from './monument-harness'

const STORIES = arg('stories', 100_000)
const REQUESTS = arg('requests', 2000)
const CONCURRENCY = arg('concurrency', 20)
const log = (s: string) => console.log(s)

const t0 = performance.now()
const database = await startDatabase()
let portal: Awaited<ReturnType<typeof startPortal>> | undefined
try {
  await seedStories(database.url, STORIES, log)
  const sql = postgres(database.url, { max: CONCURRENCY, onnotice: () => {} })

  // What the listing loader runs for an anonymous reader (app/moderation/reading.server.ts).
  const visible = sql`s.status = 'published' and s.hidden_at is null and s.audience <> 'none' and s.audience = 'public'`
  const columns = sql`s.slug, s.published_title, left(s.published_body, 280) as excerpt, s.display_mode, s.pseudonym, u.display_name,
    coalesce(s.published_content_note, '') <> '' as has_note, s.decades, s.settings, s.id, s.published_at::text as at`
  const [deep] = await sql<Array<{ at: string; id: string }>>`
    select s.published_at::text as at, s.id from stories s where ${visible}
    order by s.published_at desc, s.id desc offset ${Math.floor(STORIES * 0.6)} limit 1`
  const cursor = Buffer.from(JSON.stringify({ at: deep!.at, id: deep!.id })).toString('base64url')
  const q = 'verhalen'
  const [{ matches }] = (await sql`select count(*)::int as matches from stories s where ${visible} and s.search_vector @@ websearch_to_tsquery('dutch', ${q})`) as unknown as [
    { matches: number },
  ]

  const cases: Array<{ name: string; path: string; raw: () => Promise<unknown> }> = [
    {
      name: 'listing, page 1',
      path: '/verhalen',
      raw: () => sql`select ${columns} from stories s left join users u on u.id = s.author_id where ${visible} order by s.published_at desc, s.id desc limit 21`,
    },
    {
      name: `deep keyset page (~row ${Math.floor(STORIES * 0.6)})`,
      path: `/verhalen?na=${cursor}`,
      raw: () => sql`select ${columns} from stories s left join users u on u.id = s.author_id
        where ${visible} and (s.published_at, s.id) < (${deep!.at}::timestamptz, ${deep!.id}::uuid)
        order by s.published_at desc, s.id desc limit 21`,
    },
    {
      name: 'facet filter (setting + decade)',
      path: '/verhalen?setting=fosterFamily&decade=1960s',
      raw: () => sql`select ${columns} from stories s left join users u on u.id = s.author_id
        where ${visible} and s.settings @> array['fosterFamily']::text[] and s.decades @> array['1960s']::text[]
        order by s.published_at desc, s.id desc limit 21`,
    },
    {
      name: `search "${q}" (${matches} hits)`,
      path: `/verhalen?q=${q}`,
      raw: () => sql`select ${columns}, ts_rank(s.search_vector, websearch_to_tsquery('dutch', ${q}))::text as rank
        from stories s left join users u on u.id = s.author_id
        where ${visible} and s.search_vector @@ websearch_to_tsquery('dutch', ${q})
        order by ts_rank(s.search_vector, websearch_to_tsquery('dutch', ${q})) desc, s.published_at desc, s.id desc limit 21`,
    },
  ]

  portal = await startPortal({ databaseUrl: database.url, dataDir: `${database.dir}/data` })
  const results: Array<{ name: string; http: Figures; raw: Figures }> = []
  for (const c of cases) {
    // Warm up both paths (plans, caches, the facet counts' 10-second cache) before measuring.
    for (let i = 0; i < 20; i++) await httpTask(portal.base + c.path)
    for (let i = 0; i < 20; i++) await c.raw()
    const http = await measure(() => httpTask(portal!.base + c.path), { total: REQUESTS, concurrency: CONCURRENCY })
    const raw = await measure(async () => (await c.raw(), true), { total: REQUESTS, concurrency: CONCURRENCY })
    results.push({ name: c.name, http, raw })
  }
  // The facet counts are one aggregate over every matching row; the listing caches them for 10 s.
  const counts = await measure(
    async () => (
      await sql`with base as (select decades, settings, violence_kinds, themes, region from stories s where ${visible})
        select 'decade', v, count(*) from base, unnest(decades) v group by v
        union all select 'setting', v, count(*) from base, unnest(settings) v group by v
        union all select 'violence', v, count(*) from base, unnest(violence_kinds) v group by v
        union all select 'theme', v, count(*) from base, unnest(themes) v group by v
        union all select 'region', region, count(*) from base group by region`,
      true
    ),
    { total: 40, concurrency: 2 },
  )
  await sql.end()

  const f = (n: number) => n.toFixed(1).padStart(7)
  console.log(`\n${STORIES} stories, ${REQUESTS} requests per case at ${CONCURRENCY} concurrent, anonymous reader (ms)`)
  console.log(`${'case'.padEnd(42)} ${'portal p50'.padStart(10)} ${'p95'.padStart(7)} ${'raw p50'.padStart(8)} ${'p95'.padStart(7)} ${'p95 ratio'.padStart(9)} ${'req/s'.padStart(7)} errors`)
  for (const r of results) {
    console.log(
      `${r.name.padEnd(42)} ${f(r.http.p50).padStart(10)} ${f(r.http.p95)} ${f(r.raw.p50).padStart(8)} ${f(r.raw.p95)} ${`${(r.http.p95 / r.raw.p95).toFixed(2)}×`.padStart(9)} ${r.http.rps.toFixed(0).padStart(7)} ${r.http.errors}`,
    )
  }
  console.log(`facet counts, uncached aggregate (raw SQL, 2 concurrent): p50 ${counts.p50.toFixed(1)} ms, p95 ${counts.p95.toFixed(1)} ms`)
  console.log(`total run time ${((performance.now() - t0) / 1000).toFixed(0)} s`)
} finally {
  await portal?.stop()
  await database.stop()
}
