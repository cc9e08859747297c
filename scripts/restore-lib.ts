// Loads a backup made by backup-lib.ts into an empty database and bucket (ADR 0028). Used by
// `npm run restore <dir>` (scripts/restore.ts), the restore drill test and the bench.
import { createReadStream } from 'node:fs'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import postgres from 'postgres'
import { runMigrations } from '../db/migrate-runner'
import type { Storage } from '../storage/index'
import { keyFacts, verifyBackup, type Manifest } from './backup-lib'
import { findPgTools, restoreWithPgRestore } from './backup-pg-tools'

export class RestoreRefused extends Error {}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`

/** Empty = no account and no access-log row: a new database, or one only migrated and started. */
async function databaseIsEmpty(sql: postgres.Sql) {
  const [row] = await sql<Array<{ users: string | null; audit: string | null }>>`
    select to_regclass('public.users')::text as users, to_regclass('public.audit_log')::text as audit`
  if (!row?.users || !row.audit) return true
  const [n] = await sql<Array<{ n: number }>>`select ((select count(*) from users) + (select count(*) from audit_log))::int as n`
  return n?.n === 0
}

async function bucketIsEmpty(storage: Storage) {
  for await (const _ of storage.list('')) return false
  return true
}

/** The configured keys must include every key id the data was encrypted with, and the same look-up key. */
export function checkKeys(manifest: Manifest, keys: { encryptionKeys: string; lookupKey: string }) {
  const now = keyFacts(keys)
  const problems: string[] = []
  const missing = manifest.keys.encryptionKeyIds.filter((id) => !now.encryptionKeyIds.includes(id))
  if (missing.length) problems.push(`DATA_ENCRYPTION_KEYS lacks key id(s) ${missing.join(', ')}: fields encrypted with them cannot be read`)
  if (now.lookupKeyFingerprint !== manifest.keys.lookupKeyFingerprint) {
    problems.push('LOOKUP_HASH_KEY differs from the one in use at backup time: duplicate checks (BSN) would miss')
  }
  return problems
}

async function loadCopies(sql: postgres.Sql, dir: string, database: Manifest['database']) {
  const [level] = await sql<Array<{ count: number; lastHash: string | null }>>`
    select count(*)::int as count, (array_agg(hash order by created_at desc))[1] as "lastHash" from drizzle.__drizzle_migrations`
  if (level?.count !== database.migrations.count || level.lastHash !== database.migrations.lastHash) {
    throw new RestoreRefused(
      `the backup is at migration ${database.migrations.count}, this release at ${level?.count}: restore with the release that made the backup, then upgrade`,
    )
  }
  await sql.begin(async (tx) => {
    const names = database.tables.map((t) => `public.${ident(t.name)}`)
    // The owner switches off the tables' own triggers (the access log's chain and append-only
    // guards, the publication counters) while it puts back rows they already checked; the
    // foreign keys stay on, so parents are loaded first (the manifest's order).
    for (const name of names) await tx.unsafe(`alter table ${name} disable trigger user`)
    if (names.length) await tx.unsafe(`truncate ${names.join(', ')}`)
    for (const t of database.tables) {
      const target = await tx.unsafe(`copy public.${ident(t.name)} (${t.columns.map(ident).join(', ')}) from stdin`).writable()
      await pipeline(createReadStream(path.join(dir, t.file)), target)
    }
    for (const name of names) await tx.unsafe(`alter table ${name} enable trigger user`)
    for (const s of database.sequences) await tx`select setval(${`public.${ident(s.name)}`}, ${s.value}::bigint, ${s.isCalled})`
  })
}

export type RestoreResult = { manifest: Manifest; tables: number; rows: number; objects: number }

export async function restore({ dir, databaseUrl, storage, keys, force = false, pgBinDir, log = () => {} }: {
  dir: string
  /** The schema owner's URL (MIGRATION_DATABASE_URL): it migrates, loads and hands the job schema over. */
  databaseUrl: string
  storage: Storage
  keys: { encryptionKeys: string; lookupKey: string }
  /** Overwrite a database or bucket that is not empty (and restore despite a key mismatch). */
  force?: boolean
  pgBinDir?: string
  log?: (line: string) => void
}): Promise<RestoreResult> {
  const manifest = await verifyBackup(dir)
  log(`manifest verified: ${Object.keys(manifest.files).length} files, made ${manifest.createdAt}`)
  const keyProblems = checkKeys(manifest, keys)
  if (keyProblems.length && !force) throw new RestoreRefused(keyProblems.join('; '))
  for (const p of keyProblems) log(`WARNING: ${p}`)

  await storage.ensureBucket()
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} })
  try {
    // Both checks before anything changes.
    if (!force && !(await databaseIsEmpty(sql))) throw new RestoreRefused('the database is not empty (use --force to overwrite it)')
    if (!force && !(await bucketIsEmpty(storage))) throw new RestoreRefused(`the bucket ${storage.bucket} is not empty (use --force to overwrite it)`)

    if (manifest.database.method === 'pg_dump') {
      const [{ server_version: serverVersion } = { server_version: '' }] = await sql<Array<{ server_version: string }>>`show server_version`
      const tools = await findPgTools({ serverVersion, pgBinDir })
      if (!tools) throw new RestoreRefused(`no pg_restore of PostgreSQL ${serverVersion} found: set PG_BIN_DIR`)
      // Its grants name portal_app, a cluster-wide role a new server does not have yet.
      await sql.unsafe(`do $$ begin if not exists (select from pg_roles where rolname = 'portal_app') then create role portal_app nologin; end if; end $$`)
      await restoreWithPgRestore({ tools, databaseUrl, file: path.join(dir, 'db/database.dump') })
      // Hands the job schema to portal_app again, and upgrades a backup of an older release.
      await runMigrations(databaseUrl)
    } else {
      await runMigrations(databaseUrl)
      await loadCopies(sql, dir, manifest.database)
    }
  } finally {
    await sql.end()
  }
  const rows = manifest.database.tables.reduce((n, t) => n + t.rows, 0)
  log(`database restored (${manifest.database.method}${manifest.database.method === 'copy' ? `, ${manifest.database.tables.length} tables, ${rows} rows` : ''})`)

  for (const o of manifest.objects) {
    await storage.put({ key: o.key, body: createReadStream(path.join(dir, o.file)), contentType: o.contentType ?? 'application/octet-stream' })
  }
  log(`${manifest.objects.length} objects restored into ${storage.bucket}`)
  return { manifest, tables: manifest.database.tables.length, rows, objects: manifest.objects.length }
}
