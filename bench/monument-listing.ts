// The public monument listing under load: page 1, a deep keyset page, a facet filter and a
// Dutch full-text search, each at 20 concurrent requests against the running portal, and the
// same list query as raw SQL. Each case is measured twice: as readers get it (the page cache
// keeps the rendered page while the publication generation stands, ADR 0011) and rendered
// anew for every request (a throwaway parameter makes every address new: the cost of the
// first reader of an address). Prints figures only.
// Usage: npx remix build && npx tsx bench/monument-listing.ts [--stories 100000] [--requests 2000] [--concurrency 20] [--reuse]
// Uses DATABASE_URL when set (a database it may fill), otherwise its own embedded PostgreSQL.
// --reuse: with DATABASE_URL, seed only when it holds fewer stories than asked (repeated runs).
import postgres from 'postgres'
import { arg, httpTask, measure, RARE, seedStories, startDatabase, startPortal, WORDS, type Figures } from './monument-harness'

const STORIES = arg('stories', 100_000)
const REQUESTS = arg('requests', 2000)
const CONCURRENCY = arg('concurrency', 20)
const log = (s: string) => console.log(s)

const t0 = performance.now()
const database = await startDatabase()
let portal: Awaited<ReturnType<typeof startPortal>> | undefined
try {
  const sql = postgres(database.url, { max: CONCURRENCY, onnotice: () => {} })
  const [{ held }] = (await sql`select count(*)::int as held from stories`) as unknown as [{ held: number }]
  if (process.argv.includes('--reuse') && held >= STORIES) log(`reusing the ${held} stories already in the database`)
  else await seedStories(database.url, STORIES, log)

  // What the listing loader runs for an anonymous reader (app/monument/reading.server.ts).
  const visible = sql`s.status = 'published' and s.hidden_at is null and s.audience <> 'none' and s.audience = 'public'`
  const [deep] = await sql<Array<{ at: string; id: string }>>`
    select s.published_at::text as at, s.id from stories s where ${visible}
    order by s.published_at desc, s.id desc offset ${Math.floor(STORIES * 0.6)} limit 1`
  const cursor = Buffer.from(JSON.stringify({ at: deep!.at, id: deep!.id })).toString('base64url')
  // The search's window of newest stories (search.server.ts, RECENT_WINDOW).
  const [window] = await sql<Array<{ at: string }>>`
    select published_at::text as at from stories s where s.status = 'published' and s.hidden_at is null and s.audience <> 'none'
    order by s.published_at desc, s.id desc offset 4000 limit 1`
  const since = window?.at ?? '-infinity'
  const q = 'verhalen'
  const [{ matches }] = (await sql`select count(*)::int as matches from stories s where ${visible} and s.search_vector @@ websearch_to_tsquery('dutch', ${q})`) as unknown as [
    { matches: number },
  ]

  // The page's ids in order first, then the columns of those rows (as the loader does).
  const page = (where: ReturnType<typeof sql>, rank = sql`0::real`) => sql`
    select s.slug, s.published_title, left(s.published_body, 280) as excerpt, s.display_mode, s.pseudonym, u.display_name,
      coalesce(s.published_content_note, '') <> '' as has_note, s.decades, s.settings, hits.id, hits.at, hits.rank_value::text as rank
    from (select s.id, s.published_at, s.published_at::text as at, ${rank} as rank_value from stories s
          where ${visible} and ${where} order by rank_value desc, s.published_at desc, s.id desc limit 21) hits
    join stories s on s.id = hits.id left join users u on u.id = s.author_id
    order by hits.rank_value desc, hits.published_at desc, hits.id desc`
  // What app/monument/search.server.ts runs for a first page (ADR 0035): title hits and the
  // other hits among the newest stories at once (the whole part when those do not fill the
  // page), then the page's columns.
  const searchRaw = async (words: string) => {
    const tsq = sql`websearch_to_tsquery('dutch', ${words})`
    const newest = (where: ReturnType<typeof sql>) =>
      sql<Array<{ id: string }>>`select s.id, s.published_at::text as at from stories s where ${visible} and ${where} order by s.published_at desc, s.id desc limit 21`
    const rest: ReturnType<typeof sql> = sql`s.search_vector @@ ${tsq} and not (s.title_vector @@ ${tsq})`
    const [title, recent] = await Promise.all([newest(sql`s.title_vector @@ ${tsq}`), newest(sql`${rest} and s.published_at >= ${since}::timestamptz`)])
    const others = title.length > 20 || recent.length > 20 ? recent : await newest(rest)
    const ids = [...title, ...others].slice(0, 20).map((r) => r.id)
    return sql`select s.slug, s.published_title, left(s.published_body, 280) as excerpt, s.display_mode, s.pseudonym, u.display_name,
      coalesce(s.published_content_note, '') <> '' as has_note, s.decades, s.settings, s.id
      from stories s left join users u on u.id = s.author_id where ${visible} and s.id = any(${ids}::uuid[])`
  }
  // The facet counts within a search's hits (reading.server.ts, aggregateFacets).
  const countsRaw = (where: ReturnType<typeof sql>) => sql`
    with base as (select decades, settings, violence_kinds, themes, region from stories s where ${visible} and ${where})
    select 'decade', v, count(*) from base, unnest(decades) v group by v
    union all select 'setting', v, count(*) from base, unnest(settings) v group by v
    union all select 'violence', v, count(*) from base, unnest(violence_kinds) v group by v
    union all select 'theme', v, count(*) from base, unnest(themes) v group by v
    union all select 'region', region, count(*) from base where region is not null group by region`
  // Words nobody searched before, in a fixed shuffled order: a rare word and a longer common one.
  const combos = RARE.flatMap((r) => WORDS.filter((w) => w.length > 4).map((w) => `${r} ${w}`)).sort((a, b) => ((a.length * 7919 + a.charCodeAt(2)) % 101) - ((b.length * 7919 + b.charCodeAt(2)) % 101))
  let asked = 0
  let rawAsked = Math.floor(combos.length / 2)

  const cases: Array<{ name: string; path: string; raw: () => Promise<unknown>; rawOnly?: boolean; freshPath?: () => string }> = [
    { name: 'listing, page 1', path: '/verhalen', raw: () => page(sql`true`) },
    {
      name: `deep keyset page (~row ${Math.floor(STORIES * 0.6)})`,
      path: `/verhalen?na=${cursor}`,
      raw: () => page(sql`(s.published_at, s.id) < (${deep!.at}::timestamptz, ${deep!.id}::uuid)`),
    },
    {
      name: 'facet filter (setting + decade)',
      path: '/verhalen?setting=fosterFamily&decade=1960s',
      raw: () => page(sql`s.settings @> array['fosterFamily']::text[] and s.decades @> array['1960s']::text[]`),
    },
    {
      // What app/monument/search.server.ts runs for a first page (ADR 0035): title hits and the
      // other hits among the newest stories at once, then the page's columns.
      name: `search "${q}" (${matches} hits)`,
      path: `/verhalen?q=${q}`,
      raw: () => searchRaw(q),
    },
    {
      // Every request searches words nobody searched before (a rare word and a common one), so
      // neither its hits nor its facet counts were ever read: the cost of a reader's own search.
      name: 'search, new words every request',
      path: `/verhalen?q=${encodeURIComponent(combos[0]!)}`,
      freshPath: () => `/verhalen?q=${encodeURIComponent(combos[++asked % combos.length]!)}`,
      raw: async () => {
        const words = combos[++rawAsked % combos.length]!
        await searchRaw(words)
        return countsRaw(sql`s.search_vector @@ websearch_to_tsquery('dutch', ${words})`)
      },
    },
    {
      name: `old search SQL, before ADR 0035`,
      path: `/verhalen?q=${q}`,
      rawOnly: true,
      raw: () => page(sql`s.search_vector @@ websearch_to_tsquery('dutch', ${q})`, sql`ts_rank(s.title_vector, websearch_to_tsquery('dutch', ${q}))`),
    },
  ]

  portal = await startPortal({ databaseUrl: database.url, dataDir: `${database.dir}/data` })
  const results: Array<{ name: string; http: Figures; rendered: Figures; raw: Figures }> = []
  let unique = 0
  const fresh = (p: string) => `${portal!.base}${p}${p.includes('?') ? '&' : '?'}bench=${++unique}`
  // Warm up every path (JIT, plans, the facet counts of this generation) before measuring any.
  for (const c of cases) {
    if (c.rawOnly) continue
    await measure(() => httpTask(portal!.base + c.path), { total: 1000, concurrency: CONCURRENCY })
    await measure(() => httpTask(c.freshPath ? portal!.base + c.freshPath() : fresh(c.path)), { total: 100, concurrency: CONCURRENCY })
    for (let i = 0; i < 20; i++) await c.raw()
  }
  const none: Figures = { p50: NaN, p95: NaN, rps: NaN, errors: 0 }
  for (const c of cases) {
    const http = c.rawOnly ? none : await measure(() => httpTask(portal!.base + c.path), { total: REQUESTS, concurrency: CONCURRENCY })
    const rendered = c.rawOnly ? none : await measure(() => httpTask(c.freshPath ? portal!.base + c.freshPath() : fresh(c.path)), { total: Math.min(REQUESTS, 1000), concurrency: CONCURRENCY })
    if (c.rawOnly) for (let i = 0; i < 20; i++) await c.raw()
    const raw = await measure(async () => (await c.raw(), true), { total: c.rawOnly ? REQUESTS / 4 : REQUESTS, concurrency: CONCURRENCY })
    results.push({ name: c.name, http, rendered, raw })
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
  console.log(`\nrendered anew for every request (a new address each time; same facet counts generation), ${Math.min(REQUESTS, 1000)} requests per case`)
  console.log(`${'case'.padEnd(42)} ${'portal p50'.padStart(10)} ${'p95'.padStart(7)} ${'p95 vs raw'.padStart(10)} ${'req/s'.padStart(7)} errors`)
  for (const r of results) {
    console.log(
      `${r.name.padEnd(42)} ${f(r.rendered.p50).padStart(10)} ${f(r.rendered.p95)} ${`${(r.rendered.p95 / r.raw.p95).toFixed(2)}×`.padStart(10)} ${r.rendered.rps.toFixed(0).padStart(7)} ${r.rendered.errors}`,
    )
  }
  console.log(`facet counts, uncached aggregate (raw SQL, 2 concurrent): p50 ${counts.p50.toFixed(1)} ms, p95 ${counts.p95.toFixed(1)} ms`)
  console.log(`total run time ${((performance.now() - t0) / 1000).toFixed(0)} s`)
} finally {
  await portal?.stop()
  await database.stop()
}
