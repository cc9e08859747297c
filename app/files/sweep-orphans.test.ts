import { Readable } from 'node:stream'
import { afterAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { storedFiles } from '@db/schema'
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
    expect(await sweepOrphanObjects({ db, storage })).toEqual({ examined: 2, removed: 0 })

    // A day later the orphan is removed and the registered object stays.
    const later = new Date(Date.now() + 25 * 60 * 60 * 1000)
    expect(await sweepOrphanObjects({ db, storage, now: later })).toEqual({ examined: 2, removed: 1 })
    expect(await storage.head('media/orphan.bin')).toBeNull()
    expect(await storage.head('media/kept.bin')).not.toBeNull()
  })
})
