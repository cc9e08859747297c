// `npm run backup [dir]`: a consistent copy of the database (one snapshot) and of every object
// in the bucket, with a manifest of sha256 sums (ADR 0028, docs/operations.md). The encryption
// and look-up keys are NOT in it: back them up separately. Connects to DATABASE_URL (as
// MIGRATION_DATABASE_URL when set) and S3, or to the embedded servers (started here if the
// portal is not running). PG_BIN_DIR: where a pg_dump of the server's version lives.
import path from 'node:path'
import { isPortFree } from '../db/embedded'
import { getStorage } from '../storage/index'
import { prepareRuntime } from '../server/runtime'
import { backup } from './backup-lib'

const dir = path.resolve(process.argv[2] ?? path.join('backups', new Date().toISOString().replace(/[:.]/g, '-')))
const portalRunning = !process.env.DATABASE_URL && !(await isPortFree(Number(process.env.EMBEDDED_PG_PORT ?? 5433)))
const runtime = await prepareRuntime({ log: (m) => console.log(m), migrate: false, startEmbedded: !portalRunning })
const { env } = runtime
let exitCode = 1
try {
  const t0 = performance.now()
  const manifest = await backup({
    databaseUrl: env.MIGRATION_DATABASE_URL ?? env.DATABASE_URL,
    storage: getStorage(env),
    dir,
    keys: { encryptionKeys: env.DATA_ENCRYPTION_KEYS, lookupKey: env.LOOKUP_HASH_KEY },
    pgBinDir: process.env.PG_BIN_DIR,
    log: (m) => console.log(m),
  })
  const bytes = Object.values(manifest.files).reduce((n, f) => n + f.bytes, 0)
  console.log(`backup written to ${dir}: ${Object.keys(manifest.files).length} files, ${bytes} bytes, in ${Math.round(performance.now() - t0)} ms`)
  console.log(`NOT in the backup: DATA_ENCRYPTION_KEYS (ids ${manifest.keys.encryptionKeyIds.join(', ')}) and LOOKUP_HASH_KEY. Without them the encrypted fields are lost.`)
  exitCode = 0
} catch (error) {
  console.error('backup failed:', error instanceof Error ? error.message : error)
} finally {
  await runtime.stop()
}
process.exit(exitCode)
