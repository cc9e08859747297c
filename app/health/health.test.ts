import { afterAll, describe, expect, it } from 'vitest'
import { startEmbeddedS3 } from '@storage/embedded-server'
import { createStorage } from '@storage/index'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { closeDb } from '@db/client.server'
import { checkHealth, getPortalHealth } from './health.server'
import { sql } from '@db/client.server'

afterAll(() => closeDb())

describe('health', () => {
  it('reports ok when the database and the bucket answer', async () => {
    const health = await getPortalHealth()
    expect(health).toEqual({ status: 'ok', checks: { database: 'ok', storage: 'ok' } })
  })

  it('names storage as failing once the S3 server is stopped', async () => {
    const s3 = await startEmbeddedS3({
      directory: await mkdtemp(path.join(tmpdir(), 'health-s3-')),
      port: 0,
      buckets: ['health-bucket'],
    })
    const storage = createStorage({
      endpoint: s3.endpoint,
      region: 'eu-west-1',
      bucket: 'health-bucket',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true,
    })
    const parts = { database: () => sql`select 1`, storage: () => storage.check(), timeoutMs: 1500 }
    expect((await checkHealth(parts)).status).toBe('ok')
    await s3.stop()
    expect(await checkHealth(parts)).toEqual({ status: 'fail', checks: { database: 'ok', storage: 'fail' } })
    storage.destroy()
  })

  it('names the database as failing when it does not answer', async () => {
    const health = await checkHealth({
      database: () => Promise.reject(new Error('connection refused')),
      storage: () => Promise.resolve(),
    })
    expect(health).toEqual({ status: 'fail', checks: { database: 'fail', storage: 'ok' } })
  })
})
