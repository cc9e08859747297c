import { readFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import { eq } from 'drizzle-orm'
import sharp from 'sharp'
import { afterAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { storedFiles } from '@db/schema/files'
import { storyMedia } from '@db/schema/monument'
import { action as uploadAction } from '~/routes/mijn-verhalen.$id.media'
import { createPersona, testContext } from '~/testing/personas.server'
import { storage } from '~/utils/storage.server'
import { createStory } from './stories.server'
import { portraitHeic, PORTRAIT_HEIC_EXIF_NEEDLES, PORTRAIT_HEIC_QUADRANTS, PORTRAIT_HEIC_UPRIGHT, transparentHeic } from '~/testing/fixtures/heic'
import { peakParallelHeicDecodes } from './photo-heic-decoder.server'
import { PhotoProcessingError, processPhoto } from './photo.server'

afterAll(() => closeDb())

const SERIAL = 'SN-4417-CANON-0042'
const OWNER = 'Fotograaf Jan Jansen'

/** An APP13 (Photoshop 3.0 / IPTC) segment holding a copyright notice and a byline. */
function iptcSegment(): Buffer {
  const record = (tag: number, value: string) => {
    const v = Buffer.from(value, 'latin1')
    return Buffer.concat([Buffer.from([0x1c, 0x02, tag, v.length >> 8, v.length & 0xff]), v])
  }
  let data = Buffer.concat([Buffer.from([0x1c, 0x02, 0x00, 0x00, 0x02, 0x00, 0x04]), record(0x74, SERIAL), record(0x50, OWNER)])
  if (data.length % 2) data = Buffer.concat([data, Buffer.alloc(1)])
  const size = Buffer.alloc(4)
  size.writeUInt32BE(data.length)
  const payload = Buffer.concat([Buffer.from('Photoshop 3.0\0', 'latin1'), Buffer.from('8BIM'), Buffer.from([0x04, 0x04, 0, 0]), size, data])
  const header = Buffer.from([0xff, 0xed, 0, 0])
  header.writeUInt16BE(payload.length + 2, 2)
  return Buffer.concat([header, payload])
}

const XMP =
  '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
  '<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="52,22.1N" exif:GPSLongitude="4,53.2E"/>' +
  '</rdf:RDF></x:xmpmeta>'

/**
 * A camera-like JPEG: stored 300×200 with EXIF orientation 6 (shown 200×300), camera make,
 * model and body serial, GPS position, XMP, IPTC and a Display P3 colour profile.
 */
async function cameraJpeg(size = { width: 300, height: 200 }): Promise<Buffer> {
  const jpeg = await sharp({ create: { ...size, channels: 3, background: { r: 200, g: 100, b: 50 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'Canon', Model: 'EOS 5D', Software: 'Firmware 1.2' },
      IFD2: { BodySerialNumber: SERIAL, DateTimeOriginal: '1975:03:12 10:00:00' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 22/1 6/1', GPSLongitudeRef: 'E', GPSLongitude: '4/1 53/1 12/1', GPSMapDatum: 'WGS-84' },
    })
    .withMetadata({ orientation: 6 })
    .withIccProfile('p3')
    .withXmp(XMP)
    .toBuffer()
  // After SOI (FF D8): sharp cannot write IPTC itself.
  return Buffer.concat([jpeg.subarray(0, 2), iptcSegment(), jpeg.subarray(2)])
}

function crc32(bytes: Buffer): number {
  let crc = ~0
  for (const byte of bytes) {
    crc ^= byte
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1))
  }
  return ~crc >>> 0
}

/** A transparent PNG with a tEXt chunk naming its author. */
async function pngWithText(): Promise<Buffer> {
  const png = await sharp({ create: { width: 120, height: 80, channels: 4, background: { r: 0, g: 128, b: 255, alpha: 0.5 } } })
    .png()
    .toBuffer()
  const body = Buffer.concat([Buffer.from('tEXt'), Buffer.from(`Author\0${OWNER} ${SERIAL}`, 'latin1')])
  const length = Buffer.alloc(4)
  length.writeUInt32BE(body.length - 4)
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  // After the 8-byte signature and the 25-byte IHDR chunk.
  return Buffer.concat([png.subarray(0, 33), length, body, crc, png.subarray(33)])
}

describe('processPhoto', () => {
  it('the camera photo really carries the metadata this suite expects to disappear', async () => {
    const input = await cameraJpeg()
    const meta = await sharp(input).metadata()
    expect(meta.exif).toBeDefined()
    expect(meta.xmp).toBeDefined()
    expect(meta.iptc).toBeDefined()
    expect(meta.icc).toBeDefined()
    expect(meta.orientation).toBe(6)
    for (const needle of ['GPS', SERIAL, 'Canon', OWNER]) expect(input.includes(needle), needle).toBe(true)
  })

  it('drops EXIF, GPS, XMP, IPTC, ICC and the camera serial from the original and every variant', async () => {
    const result = await processPhoto({ input: await cameraJpeg() })
    for (const image of [result.original, ...result.variants]) {
      const meta = await sharp(image.buffer).metadata()
      expect(meta.exif).toBeUndefined()
      expect(meta.xmp).toBeUndefined()
      expect(meta.iptc).toBeUndefined()
      expect(meta.icc).toBeUndefined()
      expect(meta.orientation).toBeUndefined()
      for (const needle of ['GPS', SERIAL, 'Canon', 'EOS', OWNER, 'Photoshop', 'Exif', 'adobe']) {
        expect(image.buffer.includes(needle), needle).toBe(false)
      }
      expect(image.mime).toBe('image/jpeg')
      expect(image.byteSize).toBe(image.buffer.length)
    }
  })

  it('applies EXIF orientation 6 before the tag is dropped (width and height swap)', async () => {
    const { original } = await processPhoto({ input: await cameraJpeg() })
    expect({ width: original.width, height: original.height }).toEqual({ width: 200, height: 300 })
    const meta = await sharp(original.buffer).metadata()
    expect({ width: meta.width, height: meta.height }).toEqual({ width: 200, height: 300 })
  })

  it('keeps the colours right by converting to sRGB before the profile goes', async () => {
    const input = await cameraJpeg()
    // The stored pixels are Display P3 values; read raw, they are visibly off.
    const stored = await sharp(input, { ignoreIcc: true }).raw().toBuffer()
    expect(Math.abs(stored[0]! - 200) + Math.abs(stored[2]! - 50)).toBeGreaterThan(15)
    const { original } = await processPhoto({ input })
    const [r, g, b] = await sharp(original.buffer, { ignoreIcc: true }).raw().toBuffer()
    expect(Math.abs(r! - 200)).toBeLessThanOrEqual(4)
    expect(Math.abs(g! - 100)).toBeLessThanOrEqual(4)
    expect(Math.abs(b! - 50)).toBeLessThanOrEqual(4)
  })

  it('makes web, medium and thumb variants within their longest side, never enlarging', async () => {
    const large = await processPhoto({ input: await cameraJpeg({ width: 3000, height: 2000 }) })
    expect(large.original).toMatchObject({ width: 2000, height: 3000 })
    expect(large.variants.map((v) => [v.name, v.width, v.height])).toEqual([
      ['web', 1067, 1600],
      ['medium', 533, 800],
      ['thumb', 267, 400],
    ])
    for (const v of large.variants) {
      const meta = await sharp(v.buffer).metadata()
      expect(Math.max(meta.width!, meta.height!)).toBe(v.maxSize)
    }
    const small = await processPhoto({ input: await cameraJpeg() })
    expect(small.variants.map((v) => [v.name, v.width, v.height])).toEqual([
      ['web', 200, 300],
      ['medium', 200, 300],
      ['thumb', 200, 300],
    ])
  })

  it('keeps transparency as WebP and drops PNG text chunks', async () => {
    const input = await pngWithText()
    expect(input.includes(SERIAL)).toBe(true)
    expect((await sharp(input).metadata()).hasAlpha).toBe(true)
    const result = await processPhoto({ input })
    for (const image of [result.original, ...result.variants]) {
      expect(image.mime).toBe('image/webp')
      expect(image.buffer.includes(SERIAL)).toBe(false)
      expect(image.buffer.includes(OWNER)).toBe(false)
      const meta = await sharp(image.buffer).metadata()
      expect(meta.format).toBe('webp')
      expect(meta.hasAlpha).toBe(true)
    }
  })

  it('reads a stream, and refuses one that passes the byte limit', async () => {
    const input = await cameraJpeg()
    const fromStream = await processPhoto({ input: Readable.from([input.subarray(0, 1000), input.subarray(1000)]) })
    expect(fromStream.original).toMatchObject({ width: 200, height: 300 })
    const tooBig = await processPhoto({ input: Readable.from([input]), maxBytes: 1000 }).catch((e: unknown) => e)
    expect(tooBig).toBeInstanceOf(PhotoProcessingError)
    expect((tooBig as PhotoProcessingError).key).toBe('monument:media.errors.tooLarge')
  })

  it('refuses bytes that are not a readable image', async () => {
    const jpeg = await cameraJpeg()
    for (const input of [Buffer.from('geen foto'), jpeg.subarray(0, jpeg.length / 2)]) {
      const error = await processPhoto({ input }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(PhotoProcessingError)
      expect((error as PhotoProcessingError).key).toBe('monument:media.errors.unreadablePhoto')
    }
  })
})

/** RGB at (x, y) of an encoded image. */
async function pixelAt(image: Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(image).raw().toBuffer({ resolveWithObject: true })
  const at = (y * info.width + x) * info.channels
  return [data[at]!, data[at + 1]!, data[at + 2]!]
}

const near = (actual: number[], expected: readonly number[]) => actual.every((v, i) => Math.abs(v - expected[i]!) <= 30)

describe('processPhoto with HEIC (iPhone photos)', () => {
  it('the fixture really is an HEVC HEIC with EXIF, GPS and an orientation tag', async () => {
    const heic = portraitHeic()
    const meta = await sharp(heic).metadata()
    expect({ format: meta.format, compression: meta.compression }).toEqual({ format: 'heif', compression: 'hevc' })
    expect(meta.exif).toBeDefined()
    for (const [name, bytes] of PORTRAIT_HEIC_EXIF_NEEDLES) expect(heic.includes(bytes), name).toBe(true)
    // EXIF orientation 6 ("turn 90° clockwise"), the same turn the irot box makes.
    const exif = meta.exif!
    const tag = exif.indexOf(Buffer.from([0x12, 0x01, 0x03, 0x00]))
    expect(tag).toBeGreaterThan(0)
    expect(exif.readUInt16LE(tag + 8)).toBe(6)
    // The GPS IFD pointer (tag 0x8825).
    expect(exif.includes(Buffer.from([0x25, 0x88, 0x04, 0x00]))).toBe(true)
  })

  it('decodes it and makes JPEG variants without any EXIF, GPS or profile', async () => {
    const result = await processPhoto({ input: portraitHeic() })
    for (const image of [result.original, ...result.variants]) {
      expect(image.mime).toBe('image/jpeg')
      const meta = await sharp(image.buffer).metadata()
      expect(meta.format).toBe('jpeg')
      expect(meta.exif).toBeUndefined()
      expect(meta.xmp).toBeUndefined()
      expect(meta.icc).toBeUndefined()
      expect(meta.orientation).toBeUndefined()
      for (const [name, bytes] of PORTRAIT_HEIC_EXIF_NEEDLES) expect(image.buffer.includes(bytes), name).toBe(false)
    }
    expect(result.variants.map((v) => v.name)).toEqual(['web', 'medium', 'thumb'])
  })

  it('is upright: the irot turn applied once, the EXIF orientation not a second time', async () => {
    const { original, variants } = await processPhoto({ input: portraitHeic() })
    expect({ width: original.width, height: original.height }).toEqual(PORTRAIT_HEIC_UPRIGHT)
    for (const v of variants) expect({ width: v.width, height: v.height }).toEqual(PORTRAIT_HEIC_UPRIGHT)
    const { width, height } = PORTRAIT_HEIC_UPRIGHT
    const corners = {
      topLeft: await pixelAt(original.buffer, 6, 6),
      topRight: await pixelAt(original.buffer, width - 7, 6),
      bottomLeft: await pixelAt(original.buffer, 6, height - 7),
      bottomRight: await pixelAt(original.buffer, width - 7, height - 7),
    }
    for (const [corner, colour] of Object.entries(PORTRAIT_HEIC_QUADRANTS)) {
      expect(near(corners[corner as keyof typeof corners], colour), `${corner}: ${corners[corner as keyof typeof corners].join(',')}`).toBe(true)
    }
  })

  it('keeps the transparency of a HEIC with an alpha plane, as WebP', async () => {
    const result = await processPhoto({ input: transparentHeic() })
    for (const image of [result.original, ...result.variants]) {
      expect(image.mime).toBe('image/webp')
      const meta = await sharp(image.buffer).metadata()
      expect({ format: meta.format, hasAlpha: meta.hasAlpha, width: meta.width, height: meta.height }).toEqual({ format: 'webp', hasAlpha: true, width: 32, height: 24 })
    }
    const { data } = await sharp(result.original.buffer).raw().toBuffer({ resolveWithObject: true })
    expect(Math.abs(data[3]! - 128)).toBeLessThanOrEqual(3)
    expect(Math.abs(data[2]! - 255)).toBeLessThanOrEqual(12)
  })

  it('refuses a damaged HEIC (a valid ftyp box, then garbage) with the HEIC message', async () => {
    const heic = portraitHeic()
    const ftypSize = heic.readUInt32BE(0)
    for (const input of [
      Buffer.concat([heic.subarray(0, ftypSize), Buffer.alloc(4000, 0x5a)]),
      heic.subarray(0, Math.floor(heic.length / 2)),
    ]) {
      const error = await processPhoto({ input }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(PhotoProcessingError)
      expect((error as PhotoProcessingError).key).toBe('monument:media.errors.heicNotSupported')
    }
    // The decoder survives a refusal: the next HEIC still works.
    expect((await processPhoto({ input: portraitHeic() })).original).toMatchObject(PORTRAIT_HEIC_UPRIGHT)
  })

  it('refuses a HEIC over the byte limit before decoding it', async () => {
    const error = await processPhoto({ input: Readable.from([portraitHeic()]), maxBytes: 1000 }).catch((e: unknown) => e)
    expect((error as PhotoProcessingError).key).toBe('monument:media.errors.tooLarge')
  })

  it('decodes parallel HEIC uploads one at a time', async () => {
    const results = await Promise.all(Array.from({ length: 4 }, () => processPhoto({ input: portraitHeic() })))
    for (const r of results) expect(r.original).toMatchObject(PORTRAIT_HEIC_UPRIGHT)
    expect(peakParallelHeicDecodes()).toBe(1)
  })
})

describe('processPhoto with AVIF', () => {
  it('turns an AVIF with irot and EXIF orientation 6 upright once', async () => {
    const avif = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c33' } }).withMetadata({ orientation: 6 }).avif().toBuffer()
    const { original } = await processPhoto({ input: avif })
    expect({ width: original.width, height: original.height }).toEqual({ width: 48, height: 64 })
  })

  it('decodes it with sharp itself and drops its EXIF and GPS', async () => {
    const avif = await sharp({ create: { width: 90, height: 60, channels: 3, background: { r: 20, g: 160, b: 90 } } })
      .withExif({ IFD0: { Make: 'Canon' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 22/1 6/1' } })
      .avif()
      .toBuffer()
    expect((await sharp(avif).metadata()).exif).toBeDefined()
    const result = await processPhoto({ input: avif })
    expect(result.original).toMatchObject({ mime: 'image/jpeg', width: 90, height: 60 })
    for (const image of [result.original, ...result.variants]) {
      expect((await sharp(image.buffer).metadata()).exif).toBeUndefined()
      for (const needle of ['GPS', 'Canon', 'Exif']) expect(image.buffer.includes(needle), needle).toBe(false)
    }
  })
})

// ——— through the upload route, into the real bucket and database ———

const BOUNDARY = '----heicUploadTest'

function uploadRequest(storyId: string, cookie: string, filename: string, bytes: Buffer) {
  const body = Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="media"; filename="${filename}"\r\nContent-Type: image/heic\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ])
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < body.length; i += 64 * 1024) controller.enqueue(new Uint8Array(body.subarray(i, i + 64 * 1024)))
      controller.close()
    },
  })
  return new Request(`http://localhost:3000/mijn-verhalen/${storyId}/media`, {
    method: 'POST',
    headers: { Cookie: cookie, 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}` },
    body: stream,
    duplex: 'half',
  } as RequestInit)
}

async function upload(filename: string, bytes: Buffer) {
  const survivor = await createPersona({ roles: ['survivor'] })
  const story = await createStory({ authorId: survivor.id })
  let response: Response
  try {
    response = (await uploadAction({ request: uploadRequest(story.id, survivor.cookie, filename, bytes), params: { id: story.id }, context: testContext })) as Response
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown
    response = thrown
  }
  const keys: string[] = []
  for await (const o of storage.list(`monument/${story.id}/`)) keys.push(o.key)
  const media = await db.select({ id: storyMedia.id, storyId: storyMedia.storyId, kind: storyMedia.kind, mime: storyMedia.mime }).from(storyMedia).where(eq(storyMedia.storyId, story.id))
  return { response, location: response.headers.get('Location') ?? '', keys, media }
}

const locales = ['nl', 'en'].map((lng) => JSON.parse(readFileSync(`public/locales/${lng}/monument.json`, 'utf8')) as { media: { errors: Record<string, string>; upload: Record<string, string> } })

describe('uploading a HEIC photo', () => {
  it('accepts it and stores JPEG variants without EXIF or GPS, upright', async () => {
    const { response, location, keys, media } = await upload('IMG_0042.HEIC', portraitHeic())
    expect(response.status).toBe(302)
    expect(location).toContain('opgeslagen=mediaAdded')
    expect(media).toHaveLength(1)
    expect(media[0]).toMatchObject({ kind: 'photo', mime: 'image/jpeg' })
    expect(keys.sort()).toEqual(['medium', 'original', 'thumb', 'web'].map((n) => `monument/${media[0]!.storyId}/${media[0]!.id}/${n}.jpg`))
    for (const key of keys) {
      const chunks: Buffer[] = []
      for await (const chunk of (await storage.stream({ key }))!.body) chunks.push(chunk as Buffer)
      const stored = Buffer.concat(chunks)
      const meta = await sharp(stored).metadata()
      expect(meta.format).toBe('jpeg')
      expect(meta.exif).toBeUndefined()
      expect(meta.icc).toBeUndefined()
      expect(meta.orientation).toBeUndefined()
      expect({ width: meta.width, height: meta.height }).toEqual(PORTRAIT_HEIC_UPRIGHT)
      for (const [name, bytes] of PORTRAIT_HEIC_EXIF_NEEDLES) expect(stored.includes(bytes), `${key}: ${name}`).toBe(false)
    }
    const files = await db.select().from(storedFiles).where(eq(storedFiles.purpose, 'monument.photo'))
    expect(files.filter((f) => keys.includes(f.key))).toHaveLength(4)
  })

  it('refuses a damaged HEIC with the HEIC message, in both languages, and leaves nothing behind', async () => {
    const heic = portraitHeic()
    const damaged = Buffer.concat([heic.subarray(0, heic.readUInt32BE(0)), Buffer.alloc(20_000, 0x5a)])
    const { location, keys, media } = await upload('IMG_0043.HEIC', damaged)
    expect(location).toContain('fout=heicNotSupported')
    expect(location).toContain('#media-file')
    expect(keys).toEqual([])
    expect(media).toEqual([])
    for (const locale of locales) expect(locale.media.errors.heicNotSupported).toMatch(/HEIC/)
  })

  it('refuses a HEIC over the photo limit and leaves nothing behind', async () => {
    const heic = portraitHeic()
    const huge = Buffer.concat([heic, Buffer.alloc(25 * 1000 * 1000 + 1 - heic.length, 0)])
    const { location, keys, media } = await upload('IMG_0044.HEIC', huge)
    expect(location).toContain('fout=tooLarge')
    expect(location).toContain('limiet=25+MB')
    expect(keys).toEqual([])
    expect(media).toEqual([])
  })

  it('tells survivors in the upload hint that HEIC is welcome', () => {
    for (const locale of locales) expect(locale.media.upload.hint).toContain('HEIC')
  })
})
