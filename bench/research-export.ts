// A research export of 100 000 stories, end to end: the consent ledger read, the monument's
// facets in batches, k-anonymity, pseudonyms, the export log (one row per story) and the zip
// streamed to nowhere; and, in the same run, the raw SQL read of the same rows for comparison.
// Prints figures only.
// Usage: npx tsx bench/research-export.ts [--stories 100000] [--share 0.6]
// Uses DATABASE_URL when set (a database it may fill), otherwise its own embedded PostgreSQL.
import { randomBytes } from 'node:crypto'
import { Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import postgres from 'postgres'
import { arg, seedStories, startDatabase } from './monument-harness'

const STORIES = arg('stories', 100_000)
const SHARE = Math.min(1, arg('share', 0.6))
const log = (s: string) => console.log(s)

const database = await startDatabase()
Object.assign(process.env, {
  APP_ENV: 'test',
  LOG_LEVEL: 'silent',
  DATABASE_URL: database.url,
  S3_ENDPOINT: 'http://127.0.0.1:9',
  S3_BUCKET: 'bench-unused',
  S3_ACCESS_KEY_ID: 'x',
  S3_SECRET_ACCESS_KEY: 'x',
  SESSION_SECRET: randomBytes(32).toString('hex'),
  DATA_ENCRYPTION_KEYS: `bench1:${randomBytes(32).toString('base64')}`,
  LOOKUP_HASH_KEY: randomBytes(32).toString('base64'),
})
const sql = postgres(database.url, { max: 4, onnotice: () => {} })
try {
  const authorId = await seedStories(database.url, STORIES, log)
  // Institutions for half the stories (40 names), research consent for a share of them.
  await sql`update stories set institution_name = 'Instelling ' || (1 + floor(random() * 40))::int where random() < 0.5`
  await sql`insert into consent_events (user_id, subject_ref, object_type, object_id, purpose, action, text_version, locale, channel)
    select author_id, author_id::text, 'story', id::text, 'monument.research', 'grant', 'monument.research@2026-12-07', 'nl', 'web' from stories where random() < ${SHARE}`
  await sql`analyze consent_events`
  const [researcher] = await sql<Array<{ id: string }>>`insert into users (email, display_name, kind) values (${`r-${randomBytes(4).toString('hex')}@bench.local`}, 'Bench researcher', 'staff') returning id`
  await sql`insert into user_roles (user_id, role) values (${researcher!.id}, 'researcher')`
  const [project] = await sql<Array<{ id: string }>>`insert into research_projects (title, organisation, purpose, ethics_reference, data_use_agreement_on, ends_on, pseudonym_salt)
    values ('Bench', 'Bench', 'Bench', 'METC-1', '2026-01-01', '2099-12-31', ${randomBytes(32).toString('base64url')}) returning id`
  await sql`insert into research_project_researchers (project_id, user_id) values (${project!.id}, ${researcher!.id})`
  void authorId

  // Raw SQL: the same rows (consented, published, by their author) with text and facets, all at once.
  const r0 = performance.now()
  const raw = await sql`
    select s.id, s.published_title, s.published_body, s.decades, s.settings, s.region, s.institution_name
    from stories s join (select distinct on (subject_ref, object_id) object_id, subject_ref, action from consent_events
      where purpose = 'monument.research' and object_type = 'story' order by subject_ref, object_id, id desc) c
      on c.object_id = s.id::text and c.subject_ref = s.author_id::text and c.action = 'grant'
    where s.status = 'published' and s.hidden_at is null and s.published_body is not null`
  const rawMs = performance.now() - r0

  const { createResearchExport } = await import('../app/research/export.server')
  const { closeDb } = await import('../db/client.server')
  for (const format of ['csv', 'json'] as const) {
    const e0 = performance.now()
    const mem0 = process.memoryUsage().rss
    const result = await createResearchExport({ researcher: { id: researcher!.id, roles: ['researcher'] }, projectId: project!.id, format })
    const logged = performance.now() - e0
    let bytes = 0
    await pipeline(result.stream, new Writable({ write: (chunk: Buffer, _e, cb) => ((bytes += chunk.length), cb()) }))
    const total = performance.now() - e0
    log(
      `${format}: ${result.storyCount} stories exported in ${(total / 1000).toFixed(2)} s end to end (${(logged / 1000).toFixed(2)} s to select, anonymise, pseudonymise and log; zip ${(bytes / 1024 / 1024).toFixed(1)} MiB); RSS +${((process.memoryUsage().rss - mem0) / 1024 / 1024).toFixed(0)} MiB`,
    )
  }
  log(`raw SQL read of the same ${raw.length} rows: ${(rawMs / 1000).toFixed(2)} s`)
  await closeDb()
} finally {
  await sql.end()
  await database.stop()
}
