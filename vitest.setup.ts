// Runs in each test file's process before the file is imported: a database of its own
// (cloned from the migrated template) and a bucket of its own, so files never share state.
import { randomBytes } from 'node:crypto'
import postgres from 'postgres'
import { inject } from 'vitest'
import { installConsoleErrorGuard } from './app/utils/expect-console-error'
import { createStorage } from './storage/index'

// House rule: an unexpected console.error fails the test (opt in with expectConsoleError()).
installConsoleErrorGuard()

const templateUrl = inject('templateDatabaseUrl')
const name = `t_${randomBytes(8).toString('hex')}`
const admin = postgres(templateUrl.replace(/\/[^/]+$/, '/postgres'), { max: 1, onnotice: () => {} })
for (let attempt = 0; ; attempt++) {
  try {
    await admin.unsafe(`create database ${name} template portal_template`)
    break
  } catch (error) {
    // Two files cloning at the same instant: "source database is being accessed by other users".
    if (attempt > 20) throw error
    await new Promise((r) => setTimeout(r, 100 + Math.random() * 200))
  }
}
await admin.end()

const key = randomBytes(32).toString('base64')
Object.assign(process.env, {
  APP_ENV: 'test',
  LOG_LEVEL: 'silent',
  DATABASE_URL: templateUrl.replace(/\/[^/]+$/, `/${name}`),
  S3_ENDPOINT: inject('s3Endpoint'),
  S3_BUCKET: `test-${randomBytes(6).toString('hex')}`,
  S3_ACCESS_KEY_ID: 'S3RVER',
  S3_SECRET_ACCESS_KEY: 'S3RVER',
  S3_REGION: 'eu-west-1',
  SESSION_SECRET: randomBytes(32).toString('hex'),
  DATA_ENCRYPTION_KEYS: `test1:${key}`,
  LOOKUP_HASH_KEY: randomBytes(32).toString('base64'),
})

await createStorage({
  endpoint: process.env.S3_ENDPOINT,
  region: 'eu-west-1',
  bucket: process.env.S3_BUCKET!,
  accessKeyId: 'S3RVER',
  secretAccessKey: 'S3RVER',
  forcePathStyle: true,
}).ensureBucket()
