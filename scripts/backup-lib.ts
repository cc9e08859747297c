// A consistent backup of the portal (ADR 0028): the database as seen by one snapshot, every
// object of the bucket, and a manifest with the sha256 of every file. Used by
// `npm run backup` (scripts/backup.ts), the restore drill test and bench/restore-drill.ts.
import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { Transform, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import postgres from 'postgres'
import type { Storage } from '../storage/index'
import { dumpWithPgDump, findPgTools } from './backup-pg-tools'

export const MANIFEST = 'manifest.json'
export const FORMAT = 'erkenning-portal-backup/1'
const ANCHOR_PREFIX = 'audit-anchors/'

export type TableEntry = { name: string; columns: string[]; file: string; rows: number }
export type Manifest = {
  format: typeof FORMAT
  createdAt: string
  database: {
    /** `pg_dump`: database.dump in pg_dump's custom format; `copy`: one COPY file per table. */
    method: 'pg_dump' | 'copy'
    serverVersion: string
    pgDumpVersion?: string
    migrations: { count: number; lastHash: string | null }
    auditHead: { id: number; rowHash: string | null }
    tables: TableEntry[]
    sequences: Array<{ name: string; value: string; isCalled: boolean }>
  }
  bucket: { name: string; objects: number; skippedAnchors: string[] }
  objects: Array<{ key: string; file: string; contentType?: string }>
  /** Not the keys (never in a backup): their ids and a fingerprint, so a restore can say which are missing. */
  keys: { encryptionKeyIds: string[]; lookupKeyFingerprint: string }
  files: Record<string, { sha256: string; bytes: number }>
}

/** Key ids and a one-way fingerprint of the look-up key: enough to recognise them, useless to an attacker. */
export function keyFacts(keys: { encryptionKeys: string; lookupKey: string }) {
  return {
    encryptionKeyIds: keys.encryptionKeys.split(',').map((p) => p.trim().split(':')[0]!).filter(Boolean),
    lookupKeyFingerprint: createHash('sha256').update(`erkenning-backup-fingerprint:${keys.lookupKey}`).digest('hex').slice(0, 16),
  }
}

/** Hashes and counts lines (= rows of a COPY text file) as bytes pass through. */
function meter() {
  const hash = createHash('sha256')
  const facts = { bytes: 0, lines: 0, sha256: '' }
  const transform = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk)
      facts.bytes += chunk.length
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) facts.lines++
      done(null, chunk)
    },
    flush(done) {
      facts.sha256 = hash.digest('hex')
      done()
    },
  })
  return { transform, facts }
}

export async function sha256File(file: string) {
  const { transform, facts } = meter()
  await pipeline(createReadStream(file), transform, new Writable({ write: (_chunk, _enc, done) => done() }))
  return facts
}

/**
 * Tables of `public` with their restorable columns (generated ones are recomputed), parents
 * before children so that a restore's COPY meets every foreign key already satisfied.
 */
async function listTables(sql: postgres.Sql | postgres.TransactionSql) {
  const rows = await sql<Array<{ name: string; columns: string[] }>>`
    select c.relname as name,
      array_agg(a.attname::text order by a.attnum) filter (where a.attgenerated = '') as columns
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
    where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
    group by c.relname order by c.relname`
  const deps = await sql<Array<{ child: string; parent: string }>>`
    select distinct cl.relname as child, pl.relname as parent from pg_constraint k
    join pg_class cl on cl.oid = k.conrelid join pg_class pl on pl.oid = k.confrelid
    join pg_namespace n on n.oid = cl.relnamespace
    where k.contype = 'f' and n.nspname = 'public' and cl.oid <> pl.oid`
  const ordered: Array<{ name: string; columns: string[] }> = []
  const placed = new Set<string>()
  let left = [...rows]
  while (left.length) {
    const ready = left.filter((t) => deps.every((d) => d.child !== t.name || placed.has(d.parent) || !rows.some((r) => r.name === d.parent)))
    // A cycle of foreign keys (none today) would leave no table ready: take them as they come.
    const batch = ready.length ? ready : left
    for (const t of batch) {
      ordered.push(t)
      placed.add(t.name)
    }
    left = left.filter((t) => !placed.has(t.name))
  }
  return ordered
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`

export async function backup({ databaseUrl, storage, dir, keys, pgBinDir, log = () => {} }: {
  /** The schema owner's URL (MIGRATION_DATABASE_URL), or any role that may read every table. */
  databaseUrl: string
  storage: Storage
  dir: string
  keys: { encryptionKeys: string; lookupKey: string }
  /** Where pg_dump lives (PG_BIN_DIR); found by version otherwise. */
  pgBinDir?: string
  log?: (line: string) => void
}): Promise<Manifest> {
  await mkdir(path.join(dir, 'db'), { recursive: true })
  await mkdir(path.join(dir, 'objects'), { recursive: true })
  const files: Manifest['files'] = {}
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} })
  let database: Manifest['database']
  try {
    const [{ server_version: serverVersion } = { server_version: '' }] = await sql<Array<{ server_version: string }>>`show server_version`
    const tools = await findPgTools({ serverVersion, pgBinDir })
    database = await sql.begin('isolation level repeatable read read only', async (tx) => {
      // One snapshot for everything below, pg_dump included (--snapshot).
      const [{ snapshot } = { snapshot: '' }] = await tx<Array<{ snapshot: string }>>`select pg_export_snapshot() as snapshot`
      const [migrations] = await tx<Array<{ count: number; lastHash: string | null }>>`
        select count(*)::int as count, (array_agg(hash order by created_at desc))[1] as "lastHash" from drizzle.__drizzle_migrations`
      const [head] = await tx<Array<{ id: number; rowHash: string | null }>>`
        select coalesce(max(id), 0)::int as id, (select row_hash from audit_log order by id desc limit 1) as "rowHash" from audit_log`
      const tables = await listTables(tx)
      const base = { serverVersion, migrations: migrations!, auditHead: head!, sequences: [] as Manifest['database']['sequences'] }
      if (tools) {
        const file = 'db/database.dump'
        await dumpWithPgDump({ tools, databaseUrl, snapshot, file: path.join(dir, file) })
        files[file] = await sha256File(path.join(dir, file))
        log(`pg_dump ${tools.version}: ${files[file].bytes} bytes`)
        return { ...base, method: 'pg_dump' as const, pgDumpVersion: tools.version, tables: [] }
      }
      // No version-matched pg_dump here: the same snapshot, table by table, with COPY.
      const entries: TableEntry[] = []
      for (const t of tables) {
        const file = `db/${t.name}.copy`
        const { transform, facts } = meter()
        const cols = t.columns.map(ident).join(', ')
        const source = await tx.unsafe(`copy public.${ident(t.name)} (${cols}) to stdout`).readable()
        await pipeline(source, transform, createWriteStream(path.join(dir, file)))
        files[file] = { sha256: facts.sha256, bytes: facts.bytes }
        entries.push({ name: t.name, columns: t.columns, file, rows: facts.lines })
      }
      const sequences = await tx<Array<{ name: string; value: string; isCalled: boolean }>>`
        select sequencename as name, coalesce(last_value, start_value)::text as value, last_value is not null as "isCalled"
        from pg_sequences where schemaname = 'public' order by sequencename`
      log(`copied ${entries.length} tables (${entries.reduce((n, e) => n + e.rows, 0)} rows) in one snapshot`)
      return { ...base, method: 'copy' as const, tables: entries, sequences: [...sequences] }
    })
  } finally {
    await sql.end()
  }

  // The bucket after the snapshot: every object a row of the snapshot refers to was written
  // before its row committed, so it is here (newer objects are harmless orphans). An anchor
  // newer than the snapshot's audit head would make the restored log look cut off: left out.
  const objects: Manifest['objects'] = []
  const skippedAnchors: string[] = []
  let n = 0
  for await (const info of storage.list('')) {
    if (info.key.startsWith(ANCHOR_PREFIX)) {
      const lastId = Number(info.key.slice(ANCHOR_PREFIX.length).split('-')[0])
      if (!(lastId <= database.auditHead.id)) {
        skippedAnchors.push(info.key)
        continue
      }
    }
    const file = `objects/${String(++n).padStart(7, '0')}`
    const object = await storage.stream({ key: info.key })
    if (!object) continue // removed since the listing (a withdrawal): its row is gone too, or soon
    const { transform, facts } = meter()
    await pipeline(object.body, transform, createWriteStream(path.join(dir, file)))
    files[file] = { sha256: facts.sha256, bytes: facts.bytes }
    objects.push({ key: info.key, file, contentType: object.contentType })
  }
  log(`copied ${objects.length} objects${skippedAnchors.length ? ` (${skippedAnchors.length} anchor(s) newer than the snapshot left out)` : ''}`)

  const manifest: Manifest = {
    format: FORMAT,
    createdAt: new Date().toISOString(),
    database,
    bucket: { name: storage.bucket, objects: objects.length, skippedAnchors },
    objects,
    keys: keyFacts(keys),
    files,
  }
  await writeFile(path.join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`)
  return manifest
}

/** Reads the manifest and checks every file against its sha256 and size; throws on the first mismatch. */
export async function verifyBackup(dir: string): Promise<Manifest> {
  const manifest = JSON.parse(await readFile(path.join(dir, MANIFEST), 'utf8')) as Manifest
  if (manifest.format !== FORMAT) throw new Error(`${dir}: not a portal backup (format ${String(manifest.format)})`)
  for (const [file, expected] of Object.entries(manifest.files)) {
    const full = path.join(dir, file)
    const size = (await stat(full).catch(() => null))?.size
    if (size !== expected.bytes) throw new Error(`${file}: ${size === undefined ? 'missing' : `${size} bytes, expected ${expected.bytes}`}`)
    const { sha256 } = await sha256File(full)
    if (sha256 !== expected.sha256) throw new Error(`${file}: checksum mismatch`)
  }
  return manifest
}
