import { createHash, randomBytes } from 'node:crypto'
import { Readable } from 'node:stream'
import { afterAll, describe, expect, it } from 'vitest'
import { createStorage } from './index'
import { ObjectTooLargeError, UploadAbortedError } from './put-object'

const storage = createStorage({
  endpoint: process.env.S3_ENDPOINT,
  region: 'eu-west-1',
  bucket: process.env.S3_BUCKET!,
  accessKeyId: 'S3RVER',
  secretAccessKey: 'S3RVER',
  forcePathStyle: true,
})
afterAll(() => storage.destroy())

async function readAll(stream: Readable) {
  const chunks: Buffer[] = []
  for await (const c of stream) chunks.push(Buffer.from(c))
  return Buffer.concat(chunks)
}

/** A stream that yields `size` bytes in small chunks, never as one buffer. */
function chunked(data: Buffer, chunk = 64 * 1024) {
  return Readable.from(
    (function* () {
      for (let i = 0; i < data.length; i += chunk) yield data.subarray(i, i + chunk)
    })(),
  )
}

async function unfinished(prefix: string) {
  const out: string[] = []
  for await (const u of storage.listUnfinishedUploads(prefix)) out.push(u.key)
  return out
}

describe('storage', () => {
  it('streams an object in and reads back identical bytes with size and sha256', async () => {
    const data = randomBytes(300_000)
    const stored = await storage.put({ key: 'a/one.bin', body: chunked(data), contentType: 'application/octet-stream' })
    expect(stored.size).toBe(data.length)
    expect(stored.sha256).toBe(createHash('sha256').update(data).digest('hex'))
    const out = await storage.stream({ key: 'a/one.bin' })
    expect(out).not.toBeNull()
    expect((await readAll(out!.body)).equals(data)).toBe(true)
  })

  it('uses multipart for large bodies without corrupting them', async () => {
    const data = randomBytes(9 * 1024 * 1024 + 123)
    const stored = await storage.put({ key: 'a/large.bin', body: chunked(data), contentType: 'video/mp4' })
    expect(stored.size).toBe(data.length)
    const head = await storage.head('a/large.bin')
    expect(head?.size).toBe(data.length)
    const out = await storage.stream({ key: 'a/large.bin' })
    expect(createHash('sha256').update(await readAll(out!.body)).digest('hex')).toBe(stored.sha256)
  })

  it('serves byte ranges', async () => {
    const data = Buffer.from('0123456789abcdef')
    await storage.put({ key: 'a/range.txt', body: Readable.from([data]), contentType: 'text/plain' })
    const part = await storage.stream({ key: 'a/range.txt', range: { start: 4, end: 7 } })
    expect(part!.contentLength).toBe(4)
    expect(part!.totalSize).toBe(16)
    expect(part!.contentRange).toBe('bytes 4-7/16')
    expect((await readAll(part!.body)).toString()).toBe('4567')
  })

  it('refuses a body over the byte limit and leaves no object behind', async () => {
    const data = randomBytes(200_000)
    await expect(
      storage.put({ key: 'a/too-big.bin', body: chunked(data, 10_000), contentType: 'image/jpeg', maxBytes: 100_000 }),
    ).rejects.toBeInstanceOf(ObjectTooLargeError)
    expect(await storage.head('a/too-big.bin')).toBeNull()
  })

  it('leaves no object behind when the source stream breaks halfway', async () => {
    const broken = new Readable({
      read() {
        this.push(randomBytes(50_000))
        this.destroy(new Error('connection lost'))
      },
    })
    await expect(storage.put({ key: 'a/cut.bin', body: broken, contentType: 'audio/mpeg' })).rejects.toThrow()
    expect(await storage.head('a/cut.bin')).toBeNull()
  })

  it('leaves neither an object nor an unfinished multipart upload when a large body breaks after its first parts', async () => {
    let sent = 0
    const broken = new Readable({
      read() {
        if (sent >= 20 * 1024 * 1024) {
          this.destroy(new Error('connection lost'))
          return
        }
        sent += 1024 * 1024
        this.push(randomBytes(1024 * 1024))
      },
    })
    await expect(storage.put({ key: 'd/cut-large.bin', body: broken, contentType: 'video/mp4' })).rejects.toThrow('connection lost')
    expect(await storage.head('d/cut-large.bin')).toBeNull()
    expect(await unfinished('d/')).toEqual([])
  })

  it('leaves nothing behind when the caller aborts, or the body closes without an end (the client went away)', async () => {
    const controller = new AbortController()
    let sent = 0
    const endless = new Readable({
      read() {
        sent += 1024 * 1024
        // Called off by the caller once two parts' worth has gone out.
        if (sent === 18 * 1024 * 1024) controller.abort()
        this.push(randomBytes(1024 * 1024))
      },
    })
    await expect(storage.put({ key: 'd/aborted.bin', body: endless, contentType: 'video/mp4', signal: controller.signal })).rejects.toBeInstanceOf(UploadAbortedError)
    endless.destroy()

    const closing = new Readable({
      read() {
        this.push(randomBytes(1024 * 1024))
        this.destroy()
      },
    })
    await expect(storage.put({ key: 'd/closed.bin', body: closing, contentType: 'audio/ogg' })).rejects.toBeInstanceOf(UploadAbortedError)
    expect(await storage.head('d/aborted.bin')).toBeNull()
    expect(await storage.head('d/closed.bin')).toBeNull()
    expect(await unfinished('d/')).toEqual([])
  })

  it('lists, deletes and answers null for missing objects', async () => {
    await storage.put({ key: 'b/x.txt', body: Readable.from([Buffer.from('x')]), contentType: 'text/plain' })
    await storage.put({ key: 'b/y.txt', body: Readable.from([Buffer.from('y')]), contentType: 'text/plain' })
    const keys: string[] = []
    for await (const o of storage.list('b/')) keys.push(o.key)
    expect(keys.sort()).toEqual(['b/x.txt', 'b/y.txt'])
    await storage.remove('b/x.txt')
    await storage.removeMany(['b/y.txt'])
    expect(await storage.head('b/x.txt')).toBeNull()
    expect(await storage.stream({ key: 'b/y.txt' })).toBeNull()
  })

  it('presigns a short-lived link that downloads the object', async () => {
    await storage.put({ key: 'c/doc.pdf', body: Readable.from([Buffer.from('%PDF-1.7 test')]), contentType: 'application/pdf' })
    const url = await storage.presign({ key: 'c/doc.pdf', expiresInSeconds: 60 })
    expect(url).toContain('X-Amz-Signature')
    const res = await fetch(url)
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('%PDF-1.7 test')
  })
})
