// Fault tests (ADR 0018): a real portal process on embedded servers of its own is killed in the
// middle of its work, or loses its PostgreSQL, and must come back by itself with nothing lost,
// duplicated or left in storage. Slow by nature (a cold start is initdb, migrations and seeds):
// the set-up builds the app once into a folder of its own. Prints its figures to stderr.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '@db/client.server'
import type { Storage } from '@storage/index'
import type { sweepOrphanObjects } from '~/files/sweep-orphans.server'
import type { createStory, saveDraft } from '~/monument/stories.server'
import type { createPersona } from '~/testing/personas.server'

const PORT = 3611
const PG_PORT = 5611
const S3_PORT = 4911
const BUILD_DIR = '.build/fault-test'
const origin = `http://127.0.0.1:${PORT}`

let dataDir = ''
let portal: ChildProcess | undefined
let output = ''
let owner: postgres.Sql
// Loaded in the set-up, once the environment points at the portal's database and bucket.
let app: {
  createPersona: typeof createPersona
  createStory: typeof createStory
  saveDraft: typeof saveDraft
  sweepOrphanObjects: typeof sweepOrphanObjects
  db: Db
  storage: Storage
  closeDb: () => Promise<void>
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const report = (line: string) => process.stderr.write(`[fault] ${line}\n`)

/** The portal's environment: its own folder and ports, none of the test run's database or bucket. */
function portalEnv(extra: Record<string, string> = {}) {
  const env: Record<string, string> = {}
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || /^(DATABASE_URL|MIGRATION_DATABASE_URL|S3_|SESSION_SECRET|DATA_ENCRYPTION_KEYS|LOOKUP_HASH_KEY|NODE_ENV|VITEST|TEST)/.test(k)) continue
    env[k] = v
  }
  return {
    ...env,
    APP_ENV: 'test',
    PORT: String(PORT),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(PG_PORT),
    EMBEDDED_S3_PORT: String(S3_PORT),
    REMIX_OUT_DIR: BUILD_DIR,
    LOG_LEVEL: 'info',
    RATE_LIMIT_READS_PER_MINUTE: '100000',
    RATE_LIMIT_WRITES_PER_MINUTE: '100000',
    ...extra,
  }
}

async function status(pathname: string, init?: RequestInit, base = origin) {
  try {
    const res = await fetch(`${base}${pathname}`, { redirect: 'manual', signal: AbortSignal.timeout(15_000), ...init })
    await res.arrayBuffer()
    return res.status
  } catch {
    return 0
  }
}

async function startPortal() {
  portal = await launch(portalEnv(), origin)
  return portal
}

async function launch(env: Record<string, string>, base: string) {
  output = ''
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], { env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()))
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()))
  // Bounded, not timed: a portal that never becomes healthy fails here with its output.
  for (let i = 0; i < 900; i++) {
    if (child.exitCode !== null) throw new Error(`portal exited with ${child.exitCode}:\n${output.slice(-3000)}`)
    if ((await status('/healthz', undefined, base)) === 200) return child
    await sleep(100)
  }
  child.kill('SIGKILL')
  throw new Error(`portal did not become healthy:\n${output.slice(-3000)}`)
}

async function killPortal() {
  const child = portal!
  const exited = new Promise((r) => child.once('exit', r))
  child.kill('SIGKILL')
  await exited
}

function postmasterPid() {
  return Number(readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0])
}

function secrets() {
  return JSON.parse(readFileSync(path.join(dataDir, 'secrets.json'), 'utf8')) as Record<string, string>
}

beforeAll(async () => {
  const build = spawnSync('npx', ['remix', 'build'], { env: { ...process.env, NODE_ENV: 'production', REMIX_OUT_DIR: BUILD_DIR }, encoding: 'utf8' })
  if (build.status !== 0) throw new Error(`remix build failed:\n${build.stderr}`)
  dataDir = await mkdtemp(path.join(tmpdir(), 'portal-fault-'))
  // The embedded PostgreSQL runs as the OS user `postgres` when we are root.
  await chmod(dataDir, 0o755)
  await startPortal()

  // From here on this test process works on the portal's own database and bucket, as its owner
  // (to prepare accounts and to look), before any app module reads the environment.
  const s = secrets()
  const ownerUrl = `postgres://postgres:${encodeURIComponent(s.EMBEDDED_PG_PASSWORD!)}@127.0.0.1:${PG_PORT}/portal`
  Object.assign(process.env, {
    DATABASE_URL: ownerUrl,
    SESSION_SECRET: s.SESSION_SECRET,
    DATA_ENCRYPTION_KEYS: s.DATA_ENCRYPTION_KEYS,
    LOOKUP_HASH_KEY: s.LOOKUP_HASH_KEY,
    S3_ENDPOINT: `http://127.0.0.1:${S3_PORT}`,
    S3_BUCKET: 'portal-media',
  })
  owner = postgres(ownerUrl, { max: 2, onnotice: () => {} })
  const { db, closeDb } = await import('@db/client.server')
  const { storage } = await import('~/utils/storage.server')
  app = {
    ...(await import('~/testing/personas.server')),
    ...(await import('~/monument/stories.server')),
    ...(await import('~/files/sweep-orphans.server')),
    db,
    storage,
    closeDb,
  }
}, 240_000)

afterAll(async () => {
  await app?.closeDb().catch(() => {})
  await owner?.end().catch(() => {})
  if (portal && portal.exitCode === null) {
    const exited = new Promise((r) => portal!.once('exit', r))
    portal.kill('SIGTERM')
    await exited
  }
  // A portal killed earlier leaves its PostgreSQL behind; the last one only stops what it started.
  try {
    process.kill(postmasterPid(), 'SIGINT')
    for (let i = 0; i < 100 && (() => { try { process.kill(postmasterPid(), 0); return true } catch { return false } })(); i++) await sleep(100)
  } catch {
    /* already gone */
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
}, 60_000)

async function survivorWithDraft(institutionName: string) {
  const author = await app.createPersona({ roles: ['survivor'] })
  const story = await app.createStory({ authorId: author.id })
  await app.saveDraft({ authorId: author.id, storyId: story.id, revision: 0, fields: { title: 'Mijn jaren in het tehuis', body: 'Ik was negen toen ik werd opgehaald.', institutionName } })
  const headers = { Cookie: author.cookie, 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0 Safari/537.36' }
  return { author, story, headers }
}

/** The submit button of the story editor; resolves with where the portal sent the browser ('' when it did not answer). */
async function submit(storyId: string, headers: Record<string, string>) {
  try {
    const res = await fetch(`${origin}/mijn-verhalen/${storyId}?index`, { method: 'POST', headers, body: new URLSearchParams({ intent: 'submit' }), redirect: 'manual' })
    await res.arrayBuffer()
    return `${res.status} ${res.headers.get('location') ?? ''}`
  } catch {
    return ''
  }
}
const SUBMITTED = (storyId: string) => `302 /mijn-verhalen/${storyId}?opgeslagen=submitted`

describe('the portal under faults', () => {
  it('comes back by itself when its embedded PostgreSQL is killed while serving', async () => {
    const { story, headers } = await survivorWithDraft(`Huize Herstel ${randomBytes(3).toString('hex')}`)
    expect(await status('/verhalen')).toBe(200)
    const before = postmasterPid()
    process.kill(before, 'SIGKILL')
    const t0 = performance.now()
    let sawDown = false
    let requests = 0
    let failed = 0
    let recoveredMs: number | undefined
    // Bounded by a count, not a clock: the figures are printed, not asserted.
    for (let i = 0; i < 600 && recoveredMs === undefined; i++) {
      const health = await status('/healthz')
      if (health === 503) sawDown = true
      const page = await status('/verhalen')
      requests++
      if (page !== 200) failed++
      if (sawDown && health === 200 && page === 200) recoveredMs = performance.now() - t0
      else await sleep(100)
    }
    expect(sawDown).toBe(true)
    expect(recoveredMs).toBeDefined()
    expect(portal!.exitCode).toBeNull()
    expect(postmasterPid()).not.toBe(before)
    // A write after recovery works, through the same pool that lost its connections.
    expect(await submit(story.id, headers)).toBe(SUBMITTED(story.id))
    const [row] = await owner`select status from stories where id = ${story.id}`
    expect(row!.status).toBe('submitted')
    // And the portal's job worker (pg-boss, its own pool) works a job sent after recovery.
    const jobId = await sendJob('sessions.prune')
    let state = ''
    for (let i = 0; i < 600 && state !== 'completed'; i++) {
      const [job] = await owner`select state from pgboss.job where id = ${jobId}`
      state = String(job?.state ?? '')
      if (state !== 'completed') await sleep(100)
    }
    expect(state).toBe('completed')
    report(`PostgreSQL killed: /healthz back to ok after ${(recoveredMs! / 1000).toFixed(1)} s; ${failed} of ${requests} page requests failed during the outage; a job sent afterwards was worked`)
  }, 90_000)

  it('loses, duplicates and leaves nothing when killed in the middle of a story submit', async () => {
    const institution = `Huize Halverwege ${randomBytes(3).toString('hex')}`
    const { author, story, headers } = await survivorWithDraft(institution)
    // Hold the institution's suggestion row, so the portal's submit transaction stops halfway:
    // after it changed the story's status, before it can commit.
    const blocker = await owner.reserve()
    await blocker`begin`
    await blocker`insert into institution_names (name) values (${institution})`
    const pending = submit(story.id, headers)
    let waiting: Array<{ pid: number }> = []
    for (let i = 0; i < 300 && waiting.length === 0; i++) {
      waiting = await owner`select pid from pg_stat_activity where application_name = 'erkenning-portal' and wait_event_type = 'Lock'`
      if (waiting.length === 0) await sleep(50)
    }
    expect(waiting).toHaveLength(1)
    await killPortal()
    expect(await pending).toBe('')
    await blocker`rollback`
    blocker.release()
    // The killed portal's transaction ends when its backend finds the connection gone.
    for (let i = 0; i < 300; i++) {
      const [left] = await owner`select count(*)::int as n from pg_stat_activity where pid = ${waiting[0]!.pid}`
      if (left!.n === 0) break
      await sleep(50)
    }
    const [half] = await owner`select status, submitted_at from stories where id = ${story.id}`
    expect(half).toEqual({ status: 'draft', submitted_at: null })
    expect(await owner`select 1 from institution_names where lower(name) = lower(${institution})`).toHaveLength(0)

    const t0 = performance.now()
    await startPortal()
    report(`portal restarted after SIGKILL mid-submit in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
    expect(await submit(story.id, headers)).toBe(SUBMITTED(story.id))
    // A second press (the browser retrying) changes nothing.
    expect(await submit(story.id, headers)).not.toMatch(/^5/)
    const [done] = await owner`select status, submitted_at from stories where id = ${story.id}`
    expect(done!.status).toBe('submitted')
    expect(done!.submitted_at).not.toBeNull()
    expect(await owner`select uses from institution_names where lower(name) = lower(${institution})`).toEqual([{ uses: 1 }])
    expect(await owner`select id from stories where author_id = ${author.id}`).toHaveLength(1)
  }, 120_000)

  it('leaves no object or unfinished upload behind after being killed in the middle of a large upload', async () => {
    const { story, headers } = await survivorWithDraft('Huize De Grote Upload')
    const prefix = `monument/${story.id}/`
    const unfinished = async () => {
      const all = []
      for await (const u of app.storage.listUnfinishedUploads(prefix)) all.push(u)
      return all
    }
    const objects = async () => {
      const all = []
      for await (const o of app.storage.list(prefix)) all.push(o.key)
      return all
    }

    // A 100 MB recording, sent slowly enough that the portal is streaming it into S3 when killed.
    const boundary = `fault${randomBytes(8).toString('hex')}`
    const req = httpRequest(`${origin}/mijn-verhalen/${story.id}/media`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': `multipart/form-data; boundary=${boundary}` },
    })
    const answered = new Promise<number>((resolve) => {
      req.on('response', (res) => resolve(res.statusCode ?? 0))
      req.on('error', () => resolve(0))
    })
    req.write(`--${boundary}\r\nContent-Disposition: form-data; name="media"; filename="lang.wav"\r\nContent-Type: audio/wav\r\n\r\n`)
    req.write(wavHeader(100_000_000))
    const chunk = Buffer.alloc(256 * 1024, 1)
    let sent = 0
    let begun: Awaited<ReturnType<typeof unfinished>> = []
    while (sent < 90_000_000 && begun.length === 0) {
      if (!req.write(chunk)) await new Promise((r) => req.once('drain', r))
      sent += chunk.length
      if (sent % (4 * 1024 * 1024) === 0) begun = await unfinished()
    }
    expect(begun.length).toBeGreaterThan(0)
    await killPortal()
    expect(await answered).toBe(0)
    req.destroy()

    await startPortal()
    // What the kill left: a multipart upload that was never completed, and no rows.
    expect(await owner`select id from story_media where story_id = ${story.id}`).toHaveLength(0)
    expect(await owner`select key from stored_files where key like ${prefix + '%'}`).toHaveLength(0)
    const leftBefore = (await unfinished()).length + (await objects()).length
    const swept = await app.sweepOrphanObjects({ db: app.db, storage: app.storage, olderThanMs: 0, unfinishedOlderThanMs: 0 })
    expect(await unfinished()).toEqual([])
    expect(await objects()).toEqual([])
    expect(await status('/healthz')).toBe(200)
    report(`killed after ${(sent / 1e6).toFixed(0)} MB of a 100 MB upload: ${leftBefore} leftover upload(s)/object(s), swept ${JSON.stringify(swept)}`)
  }, 120_000)
})

describe('the portal against a database it did not start (as in production)', () => {
  it('restarts nothing, answers 503 while the database is away and recovers when it is back, connected as the app role', async () => {
    const port = PORT + 1
    const base = `http://127.0.0.1:${port}`
    const dir = await mkdtemp(path.join(tmpdir(), 'portal-fault-real-'))
    await chmod(dir, 0o755)
    const { startEmbeddedPostgres } = await import('@db/embedded')
    const { ensureAppLoginRole, runMigrations, withCredentials } = await import('@db/migrate-runner')
    // The platform's database: an owner for migrations, a login role in portal_app for the portal.
    const server = await startEmbeddedPostgres({ databaseDir: path.join(dir, 'pg'), port: PG_PORT + 1, password: 'owner-secret', database: 'portal' })
    let child: ChildProcess | undefined
    try {
      await runMigrations(server.url)
      await ensureAppLoginRole(server.url, { user: 'portal_web', password: 'app-secret' })
      child = await launch(
        portalEnv({
          PORT: String(port),
          DATA_DIR: path.join(dir, 'data'),
          EMBEDDED_S3_PORT: String(S3_PORT + 1),
          DATABASE_URL: withCredentials(server.url, 'portal_web', 'app-secret'),
          MIGRATION_DATABASE_URL: server.url,
        }),
        base,
      )
      const look = postgres(server.url, { max: 1, onnotice: () => {} })
      const users = await look`select distinct usename from pg_stat_activity where datname = 'portal' and application_name in ('erkenning-portal', 'pgboss')`
      await look.end()
      expect(users.map((u) => u.usename)).toEqual(['portal_web'])

      await server.stop()
      let down = 0
      // Twenty looks at a portal whose supervisor (if it wrongly had one) restarts within a second.
      for (let i = 0; i < 20; i++) {
        if ((await status('/healthz', undefined, base)) === 503) down++
        await sleep(100)
      }
      expect(down).toBe(20)
      expect(server.isAlive()).toBe(false)
      expect(child.exitCode).toBeNull()

      await server.restart()
      const t0 = performance.now()
      let back = false
      for (let i = 0; i < 600 && !back; i++) {
        back = (await status('/healthz', undefined, base)) === 200
        if (!back) await sleep(100)
      }
      expect(back).toBe(true)
      const page = await status('/verhalen', undefined, base)
      expect({ page, exit: child.exitCode }, output.slice(-3000)).toEqual({ page: 200, exit: null })
      report(`real-server mode: 20 of 20 looks said 503 while the database was down; ok ${((performance.now() - t0) / 1000).toFixed(1)} s after it was back`)
    } finally {
      const running = child?.exitCode === null ? child : undefined
      if (running) {
        const exited = new Promise((r) => running.once('exit', r))
        running.kill('SIGTERM')
        await exited
      }
      await server.stop().catch(() => {})
      await rm(dir, { recursive: true, force: true })
    }
  }, 150_000)
})

/** Puts a job on one of the portal's queues, as another process would. */
async function sendJob(name: string) {
  const { PgBoss } = await import('pg-boss')
  const boss = new PgBoss({ connectionString: process.env.DATABASE_URL, schema: 'pgboss', max: 1, supervise: false, schedule: false, migrate: false })
  boss.on('error', () => {})
  await boss.start()
  try {
    const id = await boss.send(name, {})
    if (!id) throw new Error('job not accepted')
    return id
  } finally {
    await boss.stop({ graceful: false })
  }
}

/** A PCM WAV header announcing `dataBytes` of samples (8 kHz, mono, 16 bit). */
function wavHeader(dataBytes: number) {
  const b = Buffer.alloc(44)
  b.write('RIFF', 0, 'latin1')
  b.writeUInt32LE(36 + dataBytes, 4)
  b.write('WAVEfmt ', 8, 'latin1')
  b.writeUInt32LE(16, 16)
  b.writeUInt16LE(1, 20)
  b.writeUInt16LE(1, 22)
  b.writeUInt32LE(8000, 24)
  b.writeUInt32LE(16000, 28)
  b.writeUInt16LE(2, 32)
  b.writeUInt16LE(16, 34)
  b.write('data', 36, 'latin1')
  b.writeUInt32LE(dataBytes, 40)
  return b
}
