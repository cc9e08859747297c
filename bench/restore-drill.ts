// Restore drill, full (ADR 0028): a bigger data set than the test's, backed up, wiped and
// restored, with times and sizes. Prints the backup and restore times, the sizes, the database
// dump time on its own, and whether sign-ins, stories, photos, applications and the access log held.
//   npx tsx bench/restore-drill.ts [--survivors 200] [--audit-rows 50000] [--objects 300] [--pg-bin DIR]
// With --pg-bin the database is a server started from that folder's binaries (e.g. Debian's
// /usr/lib/postgresql/15/bin), whose own pg_dump -Fc makes the dump; the drill then fails unless
// the backup really went through pg_dump and pg_restore. Without it: the embedded PostgreSQL.
import { randomBytes } from 'node:crypto'
import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { parseArgs } from 'node:util'
import postgres from 'postgres'
import { startEmbeddedPostgres } from '../db/embedded'
import { startStandalonePostgres } from '../scripts/pg-standalone'
import { runMigrations } from '../db/migrate-runner'
import { startEmbeddedS3 } from '../storage/embedded-server'
import { createStorage } from '../storage/index'
import { backup } from '../scripts/backup-lib'
import { restore } from '../scripts/restore-lib'

const { values: args } = parseArgs({ options: { survivors: { type: 'string', default: '200' }, 'audit-rows': { type: 'string', default: '50000' }, objects: { type: 'string', default: '300' }, 'pg-bin': { type: 'string' } } })
const dir = await mkdtemp(path.join(tmpdir(), 'portal-restore-drill-'))
await chmod(dir, 0o755)
const ms = (t0: number) => `${Math.round(performance.now() - t0)} ms`
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`
const pgBin = args['pg-bin']
const pg = pgBin
  ? await startStandalonePostgres({ binDir: pgBin, dir, port: 3295, password: 'drill', database: 'portal' })
  : await startEmbeddedPostgres({ databaseDir: path.join(dir, 'pg'), port: 3295, password: 'drill', database: 'portal', persistent: false })
const s3 = await startEmbeddedS3({ directory: path.join(dir, 's3'), port: 3296, buckets: ['drill'] })
const storageConfig = { endpoint: s3.endpoint, region: 'eu-west-1', bucket: 'drill', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true }
const storage = createStorage(storageConfig)
Object.assign(process.env, {
  APP_ENV: 'test',
  LOG_LEVEL: 'silent',
  DATABASE_URL: pg.url,
  S3_ENDPOINT: s3.endpoint,
  S3_BUCKET: 'drill',
  S3_ACCESS_KEY_ID: 'S3RVER',
  S3_SECRET_ACCESS_KEY: 'S3RVER',
  SESSION_SECRET: randomBytes(32).toString('hex'),
  DATA_ENCRYPTION_KEYS: `drill1:${randomBytes(32).toString('base64')}`,
  LOOKUP_HASH_KEY: randomBytes(32).toString('base64'),
})
const keys = { encryptionKeys: process.env.DATA_ENCRYPTION_KEYS!, lookupKey: process.env.LOOKUP_HASH_KEY! }
let exitCode = 1
try {
  await runMigrations(pg.url)
  // The app's own test helpers write the data, so it is shaped as the portal shapes it.
  const { createPersona, makeRequest } = await import('../app/testing/personas.server')
  const { createTestStoryWithMedia } = await import('../app/monument/for-moderation-testing.server')
  const { createTestApplication } = await import('../app/scheme/for-assessment-testing.server')
  const { signInWithPassword } = await import('../app/auth/sign-in.server')
  const { readApplicationForHandoff } = await import('../app/scheme/for-assessment-handoff.server')
  const { verifyAuditChain } = await import('../app/audit/chain.server')
  const { sql: appSql } = await import('../db/client.server')
  let t0 = performance.now()
  const people = []
  for (let i = 0; i < Number(args.survivors); i++) {
    const p = await createPersona({ roles: ['survivor'] })
    const { story } = await createTestStoryWithMedia({ authorId: p.id, title: `Verhaal ${i}`, media: [{ kind: 'photo' }] })
    const app = await createTestApplication({ applicantUserId: p.id, bsn: String(100_000_000 + i) })
    people.push({ ...p, storyId: story.id, applicationId: app.id })
  }
  await appSql.unsafe(`insert into audit_log (action, object_type, purpose, outcome) select 'bench.read', 'story', 'research', 'success' from generate_series(1, ${Number(args['audit-rows'])})`)
  for (let i = 0; i < Number(args.objects); i++) await storage.put({ key: `bench/${i}.bin`, body: Readable.from([randomBytes(200_000)]), contentType: 'application/octet-stream' })
  const [size] = await appSql<Array<{ bytes: string }>>`select pg_database_size(current_database())::text as bytes`
  console.log(`seeded in ${ms(t0)}: ${people.length} survivors with a story, a photo and an application; ${args['audit-rows']} extra access-log rows; ${args.objects} extra objects of 200 kB; database ${mb(Number(size?.bytes))}`)

  t0 = performance.now()
  const out = path.join(dir, 'backup')
  const manifest = await backup({ databaseUrl: pg.url, storage, dir: out, keys, pgBinDir: pgBin })
  const dbBytes = Object.entries(manifest.files).filter(([f]) => f.startsWith('db/')).reduce((n, [, f]) => n + f.bytes, 0)
  const objBytes = Object.entries(manifest.files).filter(([f]) => f.startsWith('objects/')).reduce((n, [, f]) => n + f.bytes, 0)
  console.log(`backup (${manifest.database.method}): ${ms(t0)}; database ${mb(dbBytes)}, ${manifest.objects.length} objects ${mb(objBytes)}`)
  // The database part alone, as a raw dump would be timed.
  t0 = performance.now()
  const dbOnly = createStorage({ ...storageConfig, bucket: 'drill-empty' })
  await dbOnly.ensureBucket()
  await backup({ databaseUrl: pg.url, storage: dbOnly, dir: path.join(dir, 'db-only'), keys, pgBinDir: pgBin })
  console.log(`database dump alone (${manifest.database.method}): ${ms(t0)}${manifest.database.method === 'copy' ? ' (no pg_dump 17 on this machine to compare with; PG_BIN_DIR would use one)' : ''}`)

  // Wipe: the database dropped and made anew, the bucket emptied.
  // WITH (FORCE) ends the app pool's connections; postgres.js opens new ones on the next query.
  const admin = postgres(pg.url.replace(/\/portal$/, '/postgres'), { max: 1, onnotice: () => {} })
  await admin.unsafe('drop database portal with (force)')
  await admin.unsafe('create database portal template template0')
  await admin.end()
  const keysInBucket: string[] = []
  for await (const o of storage.list('')) keysInBucket.push(o.key)
  await storage.removeMany(keysInBucket)

  t0 = performance.now()
  const result = await restore({ dir: out, databaseUrl: pg.url, storage, keys, pgBinDir: pgBin })
  console.log(`restore: ${ms(t0)} (${result.rows} rows, ${result.objects} objects)`)

  const check = postgres(pg.url, { max: 1, onnotice: () => {} })
  const chain = await verifyAuditChain({ sql: check })
  const [counts] = await check<Array<{ stories: number; media: number }>>`select (select count(*)::int from stories) as stories, (select count(*)::int from story_media) as media`
  await check.end()
  const sample = people.slice(0, 5)
  let signIns = 0
  let decrypted = 0
  for (const p of sample) {
    const r = await signInWithPassword({ email: p.email, password: p.password, request: makeRequest('/inloggen', { method: 'POST' }), ip: '127.0.0.1' }).catch(() => null)
    if (r?.kind === 'signedIn') signIns++
    const a = await readApplicationForHandoff({ applicationId: p.applicationId }).catch(() => null)
    if (a?.identity.bsn) decrypted++
  }
  console.log(`after restore: access log ${chain.ok ? `intact (${chain.checked} rows)` : 'BROKEN'}; ${counts?.stories} stories, ${counts?.media} media; sign-ins ${signIns}/${sample.length}; applications decrypted ${decrypted}/${sample.length}`)
  const methodOk = !pgBin || manifest.database.method === 'pg_dump'
  if (!methodOk) console.log(`--pg-bin ${pgBin} was given, but the backup used ${manifest.database.method}`)
  exitCode = chain.ok && signIns === sample.length && decrypted === sample.length && methodOk ? 0 : 1
} finally {
  await s3.stop()
  await pg.stop()
  await rm(dir, { recursive: true, force: true })
}
process.exit(exitCode)
