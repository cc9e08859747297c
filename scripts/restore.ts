// `npm run restore <dir> [--force]`: checks the backup's manifest, then loads it into an empty
// database and bucket (ADR 0028, docs/operations.md). Stop the portal and workers first. It
// refuses a database or bucket that holds data, or keys that do not match the backup's, unless
// --force. Afterwards `npm run audit:verify` must pass.
import path from 'node:path'
import { getStorage } from '../storage/index'
import { prepareRuntime } from '../server/runtime'
import { RestoreRefused, restore } from './restore-lib'

const args = process.argv.slice(2)
const force = args.includes('--force')
const dirArg = args.find((a) => !a.startsWith('--'))
if (!dirArg) {
  console.error('usage: npm run restore -- <backup dir> [--force]')
  process.exit(2)
}
// Embedded mode migrates first, so the login role of the portal exists; the restore replaces it all.
const runtime = await prepareRuntime({ log: (m) => console.log(m) })
const { env } = runtime
let exitCode = 1
try {
  const t0 = performance.now()
  const result = await restore({
    dir: path.resolve(dirArg),
    databaseUrl: env.MIGRATION_DATABASE_URL ?? env.DATABASE_URL,
    storage: getStorage(env),
    keys: { encryptionKeys: env.DATA_ENCRYPTION_KEYS, lookupKey: env.LOOKUP_HASH_KEY },
    force,
    pgBinDir: process.env.PG_BIN_DIR,
    log: (m) => console.log(m),
  })
  console.log(`restored ${result.rows} rows and ${result.objects} objects in ${Math.round(performance.now() - t0)} ms; now run npm run audit:verify`)
  exitCode = 0
} catch (error) {
  if (error instanceof RestoreRefused) console.error(`restore refused: ${error.message}`)
  else console.error('restore failed:', error instanceof Error ? error.message : error)
} finally {
  await runtime.stop()
}
process.exit(exitCode)
