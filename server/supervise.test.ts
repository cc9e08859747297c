import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import { startEmbeddedS3, type EmbeddedS3Handle } from '@storage/embedded-server'
import { createStorage } from '@storage/index'
import { supervise, type Supervisor } from './supervise'

const running: Array<Supervisor | EmbeddedS3Handle> = []
afterEach(async () => {
  for (const r of running.splice(0)) await ('endpoint' in r ? r.stop() : r.stop())
})

function until(check: () => boolean) {
  return new Promise<void>((resolve) => {
    const poll = () => (check() ? resolve() : setTimeout(poll, 10))
    poll()
  })
}

describe('supervise', () => {
  it('restarts a part that died, and keeps watching it', async () => {
    let alive = true
    let restarts = 0
    const sup = supervise({
      name: 'part',
      isAlive: () => alive,
      restart: async () => {
        restarts++
        alive = true
      },
      log: () => {},
      onGiveUp: () => {
        throw new Error('must not give up')
      },
      intervalMs: 5,
    })
    running.push(sup)
    alive = false
    await until(() => restarts === 1 && alive)
    alive = false
    await until(() => restarts === 2 && alive)
    expect(restarts).toBe(2)
  })

  it('gives up after the bounded number of tries, waiting longer between each', async () => {
    const tries: number[] = []
    let gaveUp = ''
    const sup = supervise({
      name: 'embedded PostgreSQL',
      isAlive: () => false,
      restart: async () => {
        tries.push(performance.now())
        throw new Error('port in use')
      },
      log: () => {},
      onGiveUp: (name) => {
        gaveUp = name
      },
      intervalMs: 5,
      maxTries: 4,
      backoffMs: 20,
    })
    running.push(sup)
    await until(() => gaveUp !== '')
    sup.stop()
    expect(gaveUp).toBe('embedded PostgreSQL')
    expect(tries).toHaveLength(4)
    const gaps = tries.slice(1).map((t, i) => t - tries[i]!)
    // 20, 40, 80 ms of backoff: each wait is at least the one asked for.
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(20 * 2 ** i - 2))
  })

  it('brings a stopped embedded S3 server back on the same port, with its objects', async () => {
    const s3 = await startEmbeddedS3({ directory: await mkdtemp(path.join(tmpdir(), 'sup-s3-')), port: 0, buckets: ['sup-bucket'] })
    running.push(s3)
    const storage = createStorage({ endpoint: s3.endpoint, region: 'eu-west-1', bucket: 'sup-bucket', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true })
    await storage.ensureBucket()
    await storage.put({ key: 'kept', body: Readable.from([Buffer.from('still here')]), contentType: 'text/plain' })
    let restarted = false
    const sup = supervise({
      name: 'embedded S3 server',
      isAlive: s3.isAlive,
      restart: async () => {
        await s3.restart()
        restarted = true
      },
      log: () => {},
      onGiveUp: () => {},
      intervalMs: 10,
    })
    running.push(sup)
    // What a crash of the listener looks like from inside the process: it no longer listens.
    await s3.stop()
    expect(s3.isAlive()).toBe(false)
    await until(() => restarted)
    expect(s3.isAlive()).toBe(true)
    await storage.check()
    expect(await storage.head('kept')).toMatchObject({ size: 10 })
    storage.destroy()
  })
})
