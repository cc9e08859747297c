import { utimes } from 'node:fs/promises'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { CreateMultipartUploadCommand, S3Client, UploadPartCommand } from '@aws-sdk/client-s3'
import { afterAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { storedFiles } from '@db/schema/files'
import { startEmbeddedS3 } from '@storage/embedded-server'
import { createStorage } from '@storage/index'
import { storage } from '~/utils/storage.server'
import { sweepOrphanObjects } from './sweep-orphans.server'

afterAll(() => closeDb())

describe('sweepOrphanObjects', () => {
  it('removes old objects without a row, keeps registered and young ones', async () => {
    for (const key of ['media/kept.bin', 'media/orphan.bin']) {
      await storage.put({ key, body: Readable.from([Buffer.from(key)]), contentType: 'application/octet-stream' })
    }
    await db.insert(storedFiles).values({
      key: 'media/kept.bin',
      byteSize: 14,
      contentType: 'application/octet-stream',
      sha256: 'x',
      purpose: 'test',
    })

    // Everything is younger than the grace period: nothing goes.
    expect(await sweepOrphanObjects({ db, storage })).toEqual({ examined: 2, removed: 0, unfinishedAborted: 0 })

    // A day later the orphan is removed and the registered object stays.
    const later = new Date(Date.now() + 25 * 60 * 60 * 1000)
    expect(await sweepOrphanObjects({ db, storage, now: later })).toEqual({ examined: 2, removed: 1, unfinishedAborted: 0 })
    expect(await storage.head('media/orphan.bin')).toBeNull()
    expect(await storage.head('media/kept.bin')).not.toBeNull()
  })

  it('aborts an unfinished multipart upload older than the grace period and leaves a young one', async () => {
    // An embedded S3 of its own, so the test can age one upload on disk (as a crash a day ago would have).
    const dir = await mkdtemp(path.join(tmpdir(), 'sweep-s3-'))
    const s3 = await startEmbeddedS3({ directory: dir, port: 0, buckets: ['sweep-test'] })
    const config = { endpoint: s3.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }, forcePathStyle: true }
    const own = createStorage({ ...config, bucket: 'sweep-test', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' })
    const client = new S3Client({ ...config, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' })
    try {
      // Two uploads cut off by a crash after their first part: the portal never came back to them.
      const begin = async (Key: string) => {
        const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: 'sweep-test', Key, ContentType: 'audio/ogg' }))
        await client.send(new UploadPartCommand({ Bucket: 'sweep-test', Key, UploadId, PartNumber: 1, Body: Buffer.alloc(5 * 1024 * 1024, 1) }))
        return UploadId!
      }
      const oldId = await begin('monument/s/old/original.ogg')
      const youngId = await begin('monument/s/young/original.ogg')
      const twoDaysAgo = new Date(Date.now() - 48 * 60 * 60 * 1000)
      await utimes(path.join(dir, 'sweep-test', '._S3rver_uploads', oldId, 'key'), twoDaysAgo, twoDaysAgo)

      const listed = async () => {
        const out: string[] = []
        for await (const u of own.listUnfinishedUploads()) out.push(u.uploadId)
        return out.sort()
      }
      expect(await listed()).toEqual([oldId, youngId].sort())

      const result = await sweepOrphanObjects({ db, storage: own })
      expect(result).toEqual({ examined: 0, removed: 0, unfinishedAborted: 1 })
      expect(await listed()).toEqual([youngId])

      // The grace period is the caller's: with none, the young one goes too.
      expect((await sweepOrphanObjects({ db, storage: own, unfinishedOlderThanMs: 0 })).unfinishedAborted).toBe(1)
      expect(await listed()).toEqual([])
    } finally {
      client.destroy()
      own.destroy()
      await s3.stop()
      await rm(dir, { recursive: true, force: true })
    }
  })
})
