import { Readable } from 'node:stream'
import { crc32 } from 'node:zlib'
import { eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { storyMedia } from '@db/schema/monument'
import { createPersona } from '~/testing/personas.server'
import { storage } from '~/utils/storage.server'
import { addStoryMedia, UploadRefusedError } from './media-add.server'
import { createStory } from './stories.server'
import { mp4, oggOpus, wav } from '~/testing/media-fixtures'

afterAll(() => closeDb())

async function bucketState(prefix: string) {
  const keys: string[] = []
  for await (const o of storage.list(prefix)) keys.push(o.key)
  for await (const u of storage.listUnfinishedUploads(prefix)) keys.push(`unfinished:${u.key}`)
  return keys
}

async function refusal(run: () => Promise<unknown>) {
  try {
    await run()
  } catch (error) {
    if (error instanceof UploadRefusedError) return error.key
    throw error
  }
  return null
}

/** A PNG whose header claims `width` × `height` pixels, with one tiny (wrong) data chunk: a decompression bomb's shape. */
function pngClaiming(width: number, height: number) {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([length, body, crc])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr.set([8, 0, 0, 0, 0], 8)
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])), chunk('IEND', Buffer.alloc(0))])
}

describe('media completeness', () => {
  it('refuses audio and video that stop partway, keeps nothing of them, and accepts the whole files', async () => {
    const a = await createPersona({ roles: ['survivor'] })
    const story = await createStory({ authorId: a.id })
    const add = (bytes: Buffer) => refusal(() => addStoryMedia({ authorId: a.id, storyId: story.id, input: Readable.from([bytes]) }))
    const ogg = oggOpus(5)
    const audio = wav(80_000)
    const video = mp4(3)
    const truncated = {
      'ogg cut after 4,000 bytes': ogg.subarray(0, 4000),
      'ogg missing its last page': ogg.subarray(0, ogg.length - 10),
      'wav cut in half': audio.subarray(0, 40_000),
      'mp4 without its moov': video.subarray(0, video.length - 120),
      'mp4 cut inside its mdat': video.subarray(0, 15_000),
    }
    for (const [name, bytes] of Object.entries(truncated)) {
      expect({ name, refused: await add(bytes) }).toEqual({ name, refused: 'monument:media.errors.incomplete' })
    }
    expect(await bucketState(`monument/${story.id}/`)).toEqual([])
    expect(await db.select().from(storyMedia).where(eq(storyMedia.storyId, story.id))).toEqual([])

    // A WAV recorded to a pipe declares "unknown" sizes: it cannot be told from a cut one, so it is kept.
    const streamed = Buffer.from(wav(16_000))
    streamed.writeUInt32LE(0xffffffff, 4)
    streamed.writeUInt32LE(0xffffffff, 40)
    for (const bytes of [ogg, audio, video, streamed]) expect(await add(bytes)).toBeNull()
    const kept = await db.select().from(storyMedia).where(eq(storyMedia.storyId, story.id))
    expect(kept.map((m) => [m.kind, m.mime])).toEqual([
      ['audio', 'audio/ogg'],
      ['audio', 'audio/wav'],
      ['video', 'video/mp4'],
      ['audio', 'audio/wav'],
    ])
  })

  it('says a photo with too many pixels needs to be made smaller (trying again cannot help)', async () => {
    const a = await createPersona({ roles: ['survivor'] })
    const story = await createStory({ authorId: a.id })
    const key = await refusal(() => addStoryMedia({ authorId: a.id, storyId: story.id, input: Readable.from([pngClaiming(30_000, 30_000)]) }))
    expect(key).toBe('monument:media.errors.photoTooManyPixels')
    expect(await bucketState(`monument/${story.id}/`)).toEqual([])
  })
})
