import { createHash, randomBytes } from 'node:crypto'
import { Readable } from 'node:stream'
import busboy from 'busboy'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { portraitHeic } from '~/testing/fixtures/heic'
import { MediaTypeError, sniffHeif, sniffMediaStream, SNIFF_BYTES } from './media-type.server'

// ——— real minimal files, built byte by byte ———

const image = (format: 'jpeg' | 'png' | 'webp') =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 120, g: 80, b: 40 } } })
    .toFormat(format)
    .toBuffer()

/** A PCM WAV: RIFF header, fmt chunk, data chunk with `samples` bytes of noise. */
function wav(samples: number): Buffer {
  const header = Buffer.alloc(44)
  header.write('RIFF', 0, 'ascii')
  header.writeUInt32LE(36 + samples, 4)
  header.write('WAVE', 8, 'ascii')
  header.write('fmt ', 12, 'ascii')
  header.writeUInt32LE(16, 16) // fmt chunk size
  header.writeUInt16LE(1, 20) // PCM
  header.writeUInt16LE(1, 22) // mono
  header.writeUInt32LE(8000, 24) // sample rate
  header.writeUInt32LE(16000, 28) // byte rate
  header.writeUInt16LE(2, 32) // block align
  header.writeUInt16LE(16, 34) // bits per sample
  header.write('data', 36, 'ascii')
  header.writeUInt32LE(samples, 40)
  return Buffer.concat([header, randomBytes(samples)])
}

/** One Ogg page holding a codec identification packet (Vorbis or Opus). */
function ogg(packet: Buffer): Buffer {
  const page = Buffer.alloc(27)
  page.write('OggS', 0, 'ascii')
  page.writeUInt8(0, 4) // version
  page.writeUInt8(0x02, 5) // beginning of stream
  page.writeUInt32LE(0x1234, 14) // serial number
  page.writeUInt8(1, 26) // one segment
  return Buffer.concat([page, Buffer.from([packet.length]), packet])
}
const vorbisId = Buffer.concat([Buffer.from('\x01vorbis', 'latin1'), Buffer.alloc(23)])
const opusHead = Buffer.concat([Buffer.from('OpusHead', 'ascii'), Buffer.from([1, 1, 0x38, 0x01, 0x80, 0xbb, 0, 0, 0, 0, 0])])

/** MPEG-1 Layer III frames (0xFFFB: sync, MPEG-1, layer 3, no CRC), optionally after an ID3v2 tag. */
function mp3(withId3: boolean): Buffer {
  const frame = Buffer.alloc(417)
  frame.set([0xff, 0xfb, 0x90, 0x64])
  const frames = Buffer.concat(Array.from({ length: 4 }, () => frame))
  if (!withId3) return frames
  const title = Buffer.concat([Buffer.from('TIT2', 'ascii'), Buffer.from([0, 0, 0, 6, 0, 0, 0]), Buffer.from('Lied.', 'ascii')])
  const tag = Buffer.concat([Buffer.from('ID3', 'ascii'), Buffer.from([3, 0, 0, 0, 0, 0, title.length]), title])
  return Buffer.concat([tag, frames])
}

/** An ISO base media file: ftyp box with a major brand, then an empty mdat box. */
function isoMedia(major: string, compatible: string[]): Buffer {
  const brands = Buffer.from(major + compatible.join(''), 'latin1')
  const ftyp = Buffer.alloc(16)
  ftyp.writeUInt32BE(16 + brands.length - 4, 0)
  ftyp.write('ftyp', 4, 'ascii')
  ftyp.write(major, 8, 'latin1')
  ftyp.writeUInt32BE(0x200, 12) // minor version
  const box = Buffer.concat([ftyp, brands.subarray(4)])
  const mdat = Buffer.concat([Buffer.from([0, 0, 0, 8 + 64]), Buffer.from('mdat', 'ascii'), Buffer.alloc(64)])
  return Buffer.concat([box, mdat])
}

/** A WebM (Matroska) EBML header with DocType "webm", then a Segment start. */
function webm(): Buffer {
  const el = (id: number[], value: Buffer) => Buffer.concat([Buffer.from(id), Buffer.from([0x80 | value.length]), value])
  const body = Buffer.concat([
    el([0x42, 0x86], Buffer.from([1])), // EBMLVersion
    el([0x42, 0xf7], Buffer.from([1])), // EBMLReadVersion
    el([0x42, 0xf2], Buffer.from([4])), // EBMLMaxIDLength
    el([0x42, 0xf3], Buffer.from([8])), // EBMLMaxSizeLength
    el([0x42, 0x82], Buffer.from('webm', 'ascii')), // DocType
    el([0x42, 0x87], Buffer.from([4])), // DocTypeVersion
    el([0x42, 0x85], Buffer.from([2])), // DocTypeReadVersion
  ])
  const header = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x80 | body.length]), body])
  const segment = Buffer.from([0x18, 0x53, 0x80, 0x67, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])
  return Buffer.concat([header, segment, Buffer.alloc(256)])
}

/** A stream that hands out `bytes` in chunks of `size`, like a network upload. */
function chunked(bytes: Buffer, size = 1000): Readable {
  const chunks: Buffer[] = []
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size))
  return Readable.from(chunks, { objectMode: false })
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex')

// ——— tests ———

describe('sniffMediaStream', () => {
  it.each([
    ['JPEG', () => image('jpeg'), 'photo', 'image/jpeg', 'jpg'],
    ['PNG', () => image('png'), 'photo', 'image/png', 'png'],
    ['WebP', () => image('webp'), 'photo', 'image/webp', 'webp'],
    ['WAV', () => wav(8000), 'audio', 'audio/wav', 'wav'],
    ['Ogg Vorbis', () => ogg(vorbisId), 'audio', 'audio/ogg', 'ogg'],
    ['Ogg Opus', () => ogg(opusHead), 'audio', 'audio/ogg', 'opus'],
    ['MP3 frames', () => mp3(false), 'audio', 'audio/mpeg', 'mp3'],
    ['MP3 with ID3 tag', () => mp3(true), 'audio', 'audio/mpeg', 'mp3'],
    ['M4A', () => isoMedia('M4A ', ['M4A ', 'mp42', 'isom']), 'audio', 'audio/mp4', 'm4a'],
    ['MP4', () => isoMedia('isom', ['isom', 'iso2', 'avc1', 'mp41']), 'video', 'video/mp4', 'mp4'],
    ['WebM', () => webm(), 'video', 'video/webm', 'webm'],
  ] as const)('recognises %s by its bytes', async (_name, make, kind, mime, ext) => {
    const bytes = await make()
    const sniffed = await sniffMediaStream(chunked(bytes, 100))
    expect({ kind: sniffed.kind, mime: sniffed.mime, ext: sniffed.ext }).toEqual({ kind, mime, ext })
    expect(await collect(sniffed.stream)).toEqual(bytes)
  })

  it.each([
    ['a text file', Buffer.from('Dit is gewoon tekst, geen foto.\n'.repeat(10)), 'monument:media.errors.unsupportedType'],
    ['HTML', Buffer.from('<!doctype html><html><script>alert(1)</script></html>'), 'monument:media.errors.unsupportedType'],
    ['a PDF', Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n'), 'monument:media.errors.unsupportedType'],
    ['a QuickTime video', isoMedia('qt  ', ['qt  ']), 'monument:media.errors.quicktimeNotSupported'],
    ['an Ogg file without a known codec', ogg(Buffer.from('\x01unknown', 'latin1')), 'monument:media.errors.unsupportedType'],
    ['an empty file', Buffer.alloc(0), 'monument:media.errors.empty'],
  ])('refuses %s with an i18n key', async (_name, bytes, key) => {
    const error = await sniffMediaStream(chunked(bytes)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MediaTypeError)
    expect((error as MediaTypeError).key).toBe(key)
  })

  it.each([
    ['heic', ['mif1', 'heic'], 'image/heic', 'heic'],
    ['heix', ['mif1', 'heix'], 'image/heic', 'heic'],
    ['hevc', ['msf1', 'hevc'], 'image/heic', 'heic'],
    ['hevx', ['msf1', 'hevx'], 'image/heic', 'heic'],
    // file-type calls these two "video/mp4": they must not be stored as video.
    ['heim', ['mif1', 'heim'], 'image/heic', 'heic'],
    ['heis', ['mif1', 'heis'], 'image/heic', 'heic'],
    ['mif1', ['mif1', 'heic'], 'image/heic', 'heic'],
    ['mif1', ['mif1', 'miaf'], 'image/heif', 'heif'],
    ['msf1', ['msf1', 'iso8'], 'image/heif', 'heif'],
    ['mif1', ['mif1', 'avif', 'miaf'], 'image/avif', 'avif'],
    ['avif', ['mif1', 'avif'], 'image/avif', 'avif'],
    ['avis', ['msf1', 'avis'], 'image/avif', 'avif'],
  ] as const)('recognises the HEIF brand %s (compatible %j) as a photo', async (major, compatible, mime, ext) => {
    const bytes = isoMedia(major, [...compatible])
    const sniffed = await sniffMediaStream(chunked(bytes, 10))
    expect({ kind: sniffed.kind, mime: sniffed.mime, ext: sniffed.ext }).toEqual({ kind: 'photo', mime, ext })
    expect(await collect(sniffed.stream)).toEqual(bytes)
  })

  it('recognises a real iPhone-like HEIC and a real AVIF, and leaves MP4 and MOV alone', async () => {
    expect(await sniffMediaStream(chunked(portraitHeic(), 100))).toMatchObject({ kind: 'photo', mime: 'image/heic', ext: 'heic' })
    const avif = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c33' } }).avif().toBuffer()
    expect(await sniffMediaStream(chunked(avif, 100))).toMatchObject({ kind: 'photo', mime: 'image/avif', ext: 'avif' })
    expect(sniffHeif(isoMedia('isom', ['isom', 'mif1']))).toBeNull()
    expect(sniffHeif(isoMedia('qt  ', ['qt  ']))).toBeNull()
    expect(sniffHeif(Buffer.from('ftypheic'))).toBeNull()
  })

  it('passes a multi-MB upload through byte for byte, reading only its head before deciding', async () => {
    const bytes = wav(6 * 1024 * 1024)
    const chunkSize = 16 * 1024
    let pulled = 0
    const input = Readable.from(
      (function* () {
        for (let i = 0; i < bytes.length; i += chunkSize) {
          pulled++
          yield bytes.subarray(i, i + chunkSize)
        }
      })(),
      { objectMode: false, highWaterMark: chunkSize },
    )
    const sniffed = await sniffMediaStream(input)
    expect(sniffed.kind).toBe('audio')
    // Decided on the first few chunks: the rest has not even been produced yet.
    expect(pulled).toBeLessThan(8)
    const out = await collect(sniffed.stream)
    expect(out.length).toBe(bytes.length)
    expect(sha256(out)).toBe(sha256(bytes))
  })

  it('releases the input when the consumer stops early', async () => {
    const input = chunked(wav(1024 * 1024), 16 * 1024)
    const sniffed = await sniffMediaStream(input)
    const closed = new Promise((resolve) => input.once('close', resolve))
    sniffed.stream.destroy()
    await closed
    expect(input.destroyed).toBe(true)
  })

  it('passes on an error of the input after the sniff', async () => {
    const head = wav(SNIFF_BYTES * 2)
    const input = new Readable({ read() {} })
    input.push(head)
    const sniffed = await sniffMediaStream(input)
    setTimeout(() => input.destroy(new Error('client went away')), 10)
    await expect(collect(sniffed.stream)).rejects.toThrow('client went away')
  })
})

/** A real multipart upload through busboy, as the upload route will receive it. */
function upload(file: { name: string; type: string; bytes: Buffer }) {
  const boundary = '----monumentTestBoundary'
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="media"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    file.bytes,
    Buffer.from(`\r\n--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nMijn verhaal\r\n--${boundary}--\r\n`),
  ])
  const bb = busboy({ headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } })
  const fields: Record<string, string> = {}
  bb.on('field', (name, value) => (fields[name] = value))
  const done = new Promise<Record<string, string>>((resolve) => bb.on('close', () => resolve(fields)))
  const fileStream = new Promise<{ stream: Readable; info: busboy.FileInfo }>((resolve) =>
    bb.on('file', (_name, stream, info) => resolve({ stream, info })),
  )
  chunked(body, 4096).pipe(bb)
  return { fileStream, done }
}

describe('sniffMediaStream with a busboy upload', () => {
  it('detects a PNG named song.mp3 and declared audio/mpeg as a PNG', async () => {
    const png = await image('png')
    const { fileStream, done } = upload({ name: 'song.mp3', type: 'audio/mpeg', bytes: png })
    const { stream, info } = await fileStream
    expect(info).toMatchObject({ filename: 'song.mp3', mimeType: 'audio/mpeg' })
    const sniffed = await sniffMediaStream(stream)
    expect(sniffed).toMatchObject({ kind: 'photo', mime: 'image/png', ext: 'png' })
    expect(await collect(sniffed.stream)).toEqual(png)
    expect(await done).toEqual({ title: 'Mijn verhaal' })
  })

  it('refuses a text file named foto.jpg, and the form still finishes after draining', async () => {
    const text = Buffer.from('Hallo, dit is geen foto maar een tekstbestand.\n'.repeat(200))
    const { fileStream, done } = upload({ name: 'foto.jpg', type: 'image/jpeg', bytes: text })
    const { stream } = await fileStream
    const error = await sniffMediaStream(stream).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MediaTypeError)
    expect((error as MediaTypeError).key).toBe('monument:media.errors.unsupportedType')
    stream.resume()
    expect(await done).toEqual({ title: 'Mijn verhaal' })
  })
})
