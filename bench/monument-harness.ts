// Shared set-up for the monument benchmarks: a database of their own (embedded, or
// DATABASE_URL), seeded stories with realistic Dutch text lengths, the real portal on a free
// port, and a bounded concurrent request loop. Prints figures only; never asserts.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import postgres from 'postgres'
import { startEmbeddedPostgres } from '../db/embedded'
import { runMigrations } from '../db/migrate-runner'
import { freePort } from '../scripts/free-port'
import { buildPaths } from '../server/build-paths'

export function arg(name: string, fallback: number) {
  const i = process.argv.indexOf(`--${name}`)
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN
  return Number.isFinite(v) && v >= 0 ? v : fallback
}


export type BenchDb = { url: string; dir: string; stop: () => Promise<void> }

/** A migrated database of the benchmark's own: DATABASE_URL when given, otherwise an embedded PostgreSQL in a temp folder. */
export async function startDatabase(): Promise<BenchDb> {
  const dir = mkdtempSync(path.join(tmpdir(), 'portal-bench-'))
  chmodSync(dir, 0o755) // the PostgreSQL binaries run as the `postgres` OS user when we are root
  let url = process.env.DATABASE_URL
  let stopPg = async () => {}
  if (!url) {
    const pg = await startEmbeddedPostgres({ databaseDir: path.join(dir, 'pg'), port: await freePort(), password: 'bench-only', database: 'bench', persistent: false })
    url = pg.url
    stopPg = pg.stop
  }
  await runMigrations(url)
  return {
    url,
    dir,
    stop: async () => {
      await stopPg()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

// ——— seed ————————————————————————————————————————————————————————————————

export const WORDS = (
  'ik je hij zij we ze het de een en of maar want dus toen daarna later nooit altijd vaak soms niet wel ook nog al ' +
  'was werd had kon moest mocht wilde ging kwam zag hoorde voelde dacht wist zei vroeg sliep at huilde lachte schreeuwde zweeg ' +
  'tehuis pleeggezin pleegmoeder pleegvader groepsleider groepsleiding leefgroep slaapzaal zusters nonnen ' +
  'kinderen kind jongens meisjes broer zus moeder vader familie school klas juf meester kerk zondag avond nacht ochtend winter zomer ' +
  'straf straffen slaag klappen opsluiten honger kou angst bang eenzaam alleen stil verdriet boos schaamte geheim ' +
  'herinnering herinneringen jaren tijd dag dagen week weken brief brieven foto fotos voogd ' +
  'werk keuken tuin fabriek schrobben poetsen vloer deur raam bed kast koffer kamer gang trap ' +
  'hulp steun praten luisteren geloofd ongeloof erkenning excuses lotgenoten therapie leven later kinderen kleinkinderen ' +
  'groot klein oud jong lang kort koud warm donker licht zwaar moeilijk goed slecht mooi lelijk streng lief hard zacht ' +
  'in op aan met voor na bij uit over onder door tegen naar van tot om zonder binnen buiten boven beneden thuis weg terug'
).split(' ')

/** Words that only some stories use (a real vocabulary is large): searches for them match a few per cent, as real searches do. */
export const RARE = ['verhaal', 'klooster', 'wasserij', 'isoleercel', 'boerderij', 'naaien', 'internaat', 'dossier', 'rechter', 'kloosters']

const pick = <T>(xs: readonly T[]) => xs[Math.floor(Math.random() * xs.length)]!
const SETTINGS = ['fosterFamily', 'residentialGroup', 'closedYouthCare', 'judicialYouthInstitution', 'youthMentalHealthCare', 'psychiatricHospital', 'intellectualDisabilityInstitution', 'blindOrDeafInstitution', 'unaccompaniedMinorsReception', 'other']
const DECADES = ['1940s', '1950s', '1960s', '1970s', '1980s', '1990s', '2000s', '2010s']
const VIOLENCE = ['physical', 'psychological', 'sexual', 'forcedLabour', 'neglect']
const THEMES = ['notBelieved', 'separationFromFamily', 'isolation', 'punishment', 'education', 'identity', 'lifeAfterwards', 'recognition']
const REGIONS = ['groningen', 'friesland', 'drenthe', 'overijssel', 'flevoland', 'gelderland', 'utrecht', 'noordHolland', 'zuidHolland', 'zeeland', 'noordBrabant', 'limburg']

function sentence() {
  const n = 6 + Math.floor(Math.random() * 14)
  const w = Array.from({ length: n }, () => pick(WORDS))
  return `${w[0]![0]!.toUpperCase()}${w.join(' ').slice(1)}.`
}

/** A story body of roughly 150–1,200 words in paragraphs (testimonies vary a lot in length). */
function storyBody() {
  const words = Math.round(150 * Math.exp(Math.random() * Math.log(8)))
  const paragraphs: string[] = []
  let count = 0
  while (count < words) {
    const sentences = Array.from({ length: 3 + Math.floor(Math.random() * 5) }, sentence)
    count += sentences.join(' ').split(' ').length
    paragraphs.push(sentences.join(' '))
  }
  for (const word of RARE) if (Math.random() < 0.02) paragraphs[Math.floor(Math.random() * paragraphs.length)] += ` Het ${word} bleef.`
  return paragraphs.join('\n\n')
}

const some = (xs: readonly string[], max: number) => [...new Set(Array.from({ length: 1 + Math.floor(Math.random() * max) }, () => pick(xs)))]

/**
 * Seeds `n` published stories by one author with multi-row inserts. The GIN indexes are
 * dropped during the load and built again afterwards (as one would for a bulk import).
 */
export async function seedStories(url: string, n: number, log: (s: string) => void) {
  const sql = postgres(url, { max: 4, onnotice: () => {} })
  const [author] = await sql<Array<{ id: string }>>`
    insert into users (email, display_name, kind) values (${`bench-${randomUUID()}@bench.local`}, 'Bench', 'survivor') returning id`
  const gin = await sql<Array<{ name: string; def: string }>>`
    select indexname as name, indexdef as def from pg_indexes where tablename = 'stories' and indexdef ilike '%using gin%'`
  for (const i of gin) await sql.unsafe(`drop index if exists "${i.name}"`)
  const t0 = performance.now()
  const batch = 500
  const start = Date.parse('2021-06-23T00:00:00Z')
  const span = Date.now() - start
  let bytes = 0
  const inserts: Array<Promise<unknown>> = []
  for (let i = 0; i < n; i += batch) {
    const rows = Array.from({ length: Math.min(batch, n - i) }, (_, j) => {
      const body = storyBody()
      bytes += body.length
      const title = Array.from({ length: 3 + Math.floor(Math.random() * 5) }, () => pick(WORDS)).join(' ')
      const r = Math.random()
      return {
        author_id: author!.id,
        slug: `bench-${i + j}-${Math.random().toString(36).slice(2, 8)}`,
        title,
        body,
        published_title: title,
        published_body: body,
        published_content_note: Math.random() < 0.3 ? 'Dit verhaal gaat over geweld.' : null,
        decades: some(DECADES, 2),
        settings: some(SETTINGS, 2),
        violence_kinds: some(VIOLENCE, 3),
        themes: some(THEMES, 3),
        region: pick(REGIONS),
        display_mode: pick(['ownName', 'pseudonym', 'anonymous']),
        pseudonym: 'Een lotgenoot',
        status: r < 0.97 ? 'published' : 'withdrawn',
        audience: r < 0.9 ? 'public' : 'fellowSurvivors',
        published_at: new Date(start + Math.random() * span),
        submitted_at: new Date(start),
      }
    })
    inserts.push(sql`insert into stories ${sql(rows)}`)
    if (inserts.length >= 4) await inserts.shift()
    if ((i / batch) % 40 === 0) log(`  seeded ${i} stories…`)
  }
  await Promise.all(inserts)
  const loaded = performance.now() - t0
  const t1 = performance.now()
  await sql.unsafe('set maintenance_work_mem = \'512MB\'')
  for (const i of gin) await sql.unsafe(i.def)
  await sql`analyze stories`
  log(`seeded ${n} stories (${(bytes / n / 1024).toFixed(1)} KiB text on average) in ${(loaded / 1000).toFixed(1)} s; GIN indexes rebuilt in ${((performance.now() - t1) / 1000).toFixed(1)} s`)
  await sql.end()
  return author!.id
}

// ——— the portal ————————————————————————————————————————————————————————————————

/** Extra Node flags for the portal process, e.g. BENCH_PORTAL_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof". */
const portalNodeArgs = () => (process.env.BENCH_PORTAL_NODE_ARGS ?? '').split(' ').filter(Boolean)

export type Portal = { base: string; stop: () => Promise<void> }

/** The real portal (server/index.ts with the current build) against the benchmark's database. */
export async function startPortal({ databaseUrl, dataDir }: { databaseUrl: string; dataDir: string }): Promise<Portal> {
  if (!existsSync(buildPaths().serverBuild)) throw new Error(`No build at ${buildPaths().serverBuild}: run \`npx remix build\` first (with the same REMIX_OUT_DIR).`)
  const port = await freePort()
  const child: ChildProcess = spawn(process.execPath, [...portalNodeArgs(), '--import', 'tsx', 'server/index.ts'], {
    env: {
      ...process.env,
      APP_ENV: 'development',
      PORT: String(port),
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      EMBEDDED_S3_PORT: String(await freePort()),
      LOG_LEVEL: 'warn',
      RUN_WORKER: 'false',
      // The benchmark is one client sending thousands of reads; the per-IP limit is not what we measure.
      RATE_LIMIT_READS_PER_MINUTE: '10000000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const base = `http://127.0.0.1:${port}`
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break
    } catch {
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  return {
    base,
    stop: async () => {
      child.kill('SIGTERM')
      await new Promise((r) => child.once('exit', r))
    },
  }
}

// ——— measuring ————————————————————————————————————————————————————————————————

export type Figures = { p50: number; p95: number; rps: number; errors: number }

/** Runs `task` `total` times with at most `concurrency` at once; latency percentiles in ms and throughput. */
export async function measure(task: () => Promise<boolean>, { total, concurrency }: { total: number; concurrency: number }): Promise<Figures> {
  const times: number[] = []
  let next = 0
  let errors = 0
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next++
        const s = performance.now()
        const ok = await task().catch(() => false)
        times.push(performance.now() - s)
        if (!ok) errors++
      }
    }),
  )
  const elapsed = (performance.now() - t0) / 1000
  times.sort((a, b) => a - b)
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!
  return { p50: at(0.5), p95: at(0.95), rps: total / elapsed, errors }
}

/**
 * One GET. Asks for the bytes uncompressed (`Accept-Encoding: identity`), so the portal and a
 * static server send the same bytes and the client (on the same cores) decompresses nothing.
 */
export async function httpTask(url: string) {
  const res = await fetch(url, { headers: { 'Accept-Encoding': 'identity' } })
  await res.arrayBuffer()
  return res.ok
}
