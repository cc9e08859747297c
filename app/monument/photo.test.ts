import { Readable } from 'node:stream'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { PhotoProcessingError, processPhoto } from './photo.server'

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
