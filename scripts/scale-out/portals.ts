// The portal's own processes in the soak: three web processes without a worker and two
// workers, each a process of its own, as an operator runs them (ADR 0028).
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { PORTS, waitFor } from './servers'

/** The built server (`npm run build`) when there is one; otherwise the sources through tsx. */
function command(entry: 'index' | 'worker') {
  const built = path.resolve(`build/server/${entry}.js`)
  if (existsSync(built)) return [built]
  return ['--import', 'tsx', path.resolve(`server/${entry}.ts`)]
}

export type Urls = { ownerUrl: string; appUrl: string; s3Endpoint: string; bucket: string }

/** Production settings, every secret given, limits raised: 220 clients share one address here. */
export function portalEnv(urls: Urls): NodeJS.ProcessEnv {
  const key = () => randomBytes(32).toString('base64')
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    APP_ENV: 'production',
    PUBLIC_URL: `http://127.0.0.1:${PORTS.lb}`,
    DATABASE_URL: urls.appUrl,
    MIGRATION_DATABASE_URL: urls.ownerUrl,
    S3_ENDPOINT: urls.s3Endpoint,
    S3_BUCKET: urls.bucket,
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
    S3_FORCE_PATH_STYLE: 'true',
    SESSION_SECRET: randomBytes(32).toString('hex'),
    DATA_ENCRYPTION_KEYS: `soak1:${key()}`,
    LOOKUP_HASH_KEY: key(),
    SCHADEFONDS_WEBHOOK_SECRET: `whsec_${key()}`,
    SMTP_URL: `smtp://127.0.0.1:${PORTS.smtp}`,
    TRUST_PROXY: 'loopback',
    RATE_LIMIT_READS_PER_MINUTE: '1000000',
    RATE_LIMIT_WRITES_PER_MINUTE: '1000000',
    SIGN_IN_FREE_ATTEMPTS_PER_ADDRESS: '100000',
    LOG_LEVEL: 'warn',
  }
}

export type Proc = { name: string; child: ChildProcess; port?: number; log: string[] }

function start(name: string, entry: 'index' | 'worker', env: NodeJS.ProcessEnv, port?: number): Proc {
  const child = spawn(process.execPath, command(entry), { env: { ...env, ...(port ? { PORT: String(port), RUN_WORKER: 'false' } : {}) }, stdio: ['ignore', 'pipe', 'pipe'] })
  const log: string[] = []
  const keep = (d: Buffer) => {
    log.push(d.toString())
    if (log.length > 200) log.shift()
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  return { name, child, port, log }
}

export const healthy = async (port: number) => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok

export async function startPortal(env: NodeJS.ProcessEnv, i: number) {
  const port = PORTS.portals[i]!
  const proc = start(`portal${i + 1}`, 'index', env, port)
  await waitFor(() => healthy(port), `portal${i + 1} (log: ${proc.log.join('').slice(-2000)})`, 180)
  return proc
}

export async function startCluster(env: NodeJS.ProcessEnv) {
  // One after the other: the first migrates under the advisory lock, the others find it done.
  const portals: Proc[] = []
  for (let i = 0; i < PORTS.portals.length; i++) portals.push(await startPortal(env, i))
  const workers = [start('worker1', 'worker', env), start('worker2', 'worker', env)]
  await new Promise((r) => setTimeout(r, 3000))
  for (const w of workers) if (w.child.exitCode !== null) throw new Error(`${w.name} exited: ${w.log.join('').slice(-2000)}`)
  return { portals, workers }
}

export function kill9(proc: Proc) {
  proc.child.kill('SIGKILL')
  return new Promise<void>((r) => (proc.child.exitCode !== null ? r() : proc.child.once('exit', () => r())))
}

export async function stopAll(procs: Proc[]) {
  await Promise.all(
    procs.map(
      (p) =>
        new Promise<void>((resolve) => {
          if (p.child.exitCode !== null || p.child.signalCode) return resolve()
          const timer = setTimeout(() => p.child.kill('SIGKILL'), 10_000)
          p.child.once('exit', () => (clearTimeout(timer), resolve()))
          p.child.kill('SIGTERM')
        }),
    ),
  )
}
