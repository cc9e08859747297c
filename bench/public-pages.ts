// Every public page an anonymous reader sees first, against a static server sending the same
// bytes, in one run (issue 15, ADR 0033). For each page: the portal's answer is fetched as a
// kept page sends it, a node:http server in its own process serves the same body with the same
// headers (bench/load.ts replayableHeaders), and autocannon (20 connections)
// loads the portal, then the static server. Prints req/s of both and their ratio; prints FAIL
// and exits 1 when any ratio is below --min (0.5).
// Usage: npx remix build && npx tsx bench/public-pages.ts [--seconds 6] [--connections 20] [--min 0.5]
import { readFileSync } from 'node:fs'
import os from 'node:os'
import postgres from 'postgres'
import { arg, seedStories, startDatabase, startPortal } from './monument-harness'
import { hammer, replayableHeaders, startStaticServer, type Load } from './load'

const SECONDS = arg('seconds', 6)
const CONNECTIONS = arg('connections', 20)
const MIN = arg('min', 0.5)
const ROUNDS = 6

/** ROUNDS alternating slices of SECONDS / ROUNDS against each server; throughput averaged over the slices. */
async function interleaved(a: string, b: string): Promise<Load & { fixed: Load }> {
  const slice = Math.max(1, Math.round(SECONDS / ROUNDS))
  const xs: Load[] = []
  const ys: Load[] = []
  for (let i = 0; i < ROUNDS; i++) {
    xs.push(await hammer(a, { connections: CONNECTIONS, seconds: slice }))
    ys.push(await hammer(b, { connections: CONNECTIONS, seconds: slice }))
  }
  const mean = (ls: Load[]): Load => ({
    rps: ls.reduce((n, l) => n + l.rps, 0) / ls.length,
    p50: Math.max(...ls.map((l) => l.p50)),
    p97_5: Math.max(...ls.map((l) => l.p97_5)),
    p99: Math.max(...ls.map((l) => l.p99)),
    errors: ls.reduce((n, l) => n + l.errors, 0),
    non2xx: ls.reduce((n, l) => n + l.non2xx, 0),
    bytes: ls.reduce((n, l) => n + l.bytes, 0) / ls.length,
  })
  return { ...mean(xs), fixed: mean(ys) }
}

/** One published documentary chapter (text, a report passage, help), so its page is measured too. */
async function seedChapter(url: string) {
  const sql = postgres(url, { max: 1, onnotice: () => {} })
  const [chapter] = await sql<Array<{ id: string }>>`
    insert into documentary_chapters (slug, title, intro, theme_kind, theme_value, state, published_at)
    values ('bench-hoofdstuk', 'Werken en zwijgen', 'Over werk zonder loon en niemand die luisterde.', 'setting', 'residentialGroup', 'published', now())
    returning id`
  const text = 'Veel kinderen in tehuizen moesten werken, en praten over wat er gebeurde mocht niet. '.repeat(6)
  const block = (position: number, kind: string, body: string | null, extra: { report_ref?: string; facets?: Record<string, string> } = {}) => ({
    chapter_id: chapter!.id,
    position,
    kind,
    body,
    report_ref: extra.report_ref ?? null,
    facets: extra.facets ? sql.json(extra.facets) : null,
  })
  await sql`insert into documentary_blocks ${sql([
    block(0, 'text', text),
    block(1, 'report', 'De commissie vond seksueel, lichamelijk en psychisch geweld.', { report_ref: 'main' }),
    block(2, 'text', text),
    block(3, 'help', null, { facets: { setting: 'residentialGroup', need: 'peerContact' } }),
  ] as never)}`
  await sql.end()
}

const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')

const database = await startDatabase()
let portal: Awaited<ReturnType<typeof startPortal>> | undefined
let staticServer: Awaited<ReturnType<typeof startStaticServer>> | undefined
let failed = false
try {
  // A few stories, so the portal does not load its demo data (the pages measured do not show stories).
  await seedStories(database.url, 50, () => {})
  await seedChapter(database.url)
  portal = await startPortal({ databaseUrl: database.url, dataDir: `${database.dir}/data` })
  const sql = postgres(database.url, { max: 1, onnotice: () => {} })
  const [entry] = await sql<Array<{ slug: string }>>`select slug from directory_entries where published and kind <> 'crisisLine' order by slug limit 1`
  const [chapter] = await sql<Array<{ slug: string }>>`
    select slug from documentary_chapters where state = 'published' order by slug limit 1`.catch(() => [] as Array<{ slug: string }>)
  await sql.end()

  const only = process.env.BENCH_ONLY?.split(',')
  const allPaths = [
    '/',
    '/hulp',
    '/hulp?need=peerSupport&region=national',
    `/hulp/${entry!.slug}`,
    '/hulp/professionals',
    '/regeling',
    '/over',
    '/contact',
    '/privacy',
    '/toegankelijkheid',
    '/verhalen/rapporten',
    '/documentaire',
    ...(chapter ? [`/documentaire/${chapter.slug}`] : []),
  ]
  const paths = only ? allPaths.filter((p) => only.includes(p)) : allPaths
  const pages: Array<{ path: string; name: string; html: Buffer; headers: Array<[string, string]>; status: number }> = []
  for (const [i, p] of paths.entries()) {
    // The second answer comes from the cache: its headers are what every later reader gets.
    await fetch(portal.base + p, { headers: { 'Accept-Encoding': 'identity' } }).then((r) => r.arrayBuffer())
    const res = await fetch(portal.base + p, { headers: { 'Accept-Encoding': 'identity' } })
    pages.push({ path: p, name: `p${i}`, html: Buffer.from(await res.arrayBuffer()), headers: replayableHeaders(res.headers), status: res.status })
  }
  staticServer = await startStaticServer(database.dir, Object.fromEntries(pages.map((p) => [p.name, { body: p.html, headers: p.headers }])))

  console.log(`\n${CONNECTIONS} connections, ${SECONDS} s per run, in ${ROUNDS} alternating slices after a 1 s warm-up each; ${os.cpus().length} cores, load ${load()} at start`)
  console.log(`${'page'.padEnd(42)} ${'bytes'.padStart(7)} ${'portal/s'.padStart(9)} ${'p97.5'.padStart(6)} ${'static/s'.padStart(9)} ${'ratio'.padStart(6)}`)
  const rows: Array<{ page: (typeof pages)[number]; portal: Load; fixed: Load }> = []
  for (const page of pages) {
    if (page.status !== 200) {
      console.log(`${page.path.padEnd(42)} answered ${page.status}: not measured`)
      if (!page.path.startsWith('/documentaire')) failed = true
      continue
    }
    const portalUrl = portal.base + page.path
    await hammer(portalUrl, { connections: CONNECTIONS, seconds: 1 })
    await hammer(staticServer.url(page.name), { connections: CONNECTIONS, seconds: 1 })
    // Alternating slices, so a neighbour's burst on this shared machine hits both sides alike.
    const measured = await interleaved(portalUrl, staticServer.url(page.name))
    const fixed = measured.fixed
    const ratio = measured.rps / fixed.rps
    const bad = ratio < MIN || measured.errors > 0 || measured.non2xx > 0
    if (bad) failed = true
    rows.push({ page, portal: measured, fixed })
    console.log(
      `${page.path.padEnd(42)} ${String(page.html.length).padStart(7)} ${measured.rps.toFixed(0).padStart(9)} ${`${measured.p97_5}`.padStart(6)} ${fixed.rps.toFixed(0).padStart(9)} ${ratio.toFixed(2).padStart(6)}${bad ? `  FAIL (errors ${measured.errors}, non-2xx ${measured.non2xx})` : ''}`,
    )
  }
  const least = Math.min(...rows.map((r) => r.portal.rps / r.fixed.rps))
  console.log(`\nlowest ratio ${least.toFixed(2)} (goal ≥ ${MIN}); load ${load()} at the end`)
  console.log(failed ? 'FAIL' : 'PASS')
} finally {
  staticServer?.stop()
  await portal?.stop()
  await database.stop()
}
process.exit(failed ? 1 : 0)
