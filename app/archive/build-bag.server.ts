import { createHash } from 'node:crypto'
import { PassThrough, Transform, type Readable, type TransformCallback } from 'node:stream'
import { ZipArchive } from 'archiver'
import { storage } from '~/utils/storage.server'
import { BAG_INFO, BAGIT, BAGIT_TXT, bagInfoText, MANIFEST, manifestText, payloadOxum, TAG_MANIFEST } from './bagit'

/**
 * Writes one BagIt bag as a zip straight into the bucket: every payload file is streamed
 * through a hash into the zip (a video is never held in memory), then the tag files, which
 * need those hashes, follow. The zip has one top-level folder named after the bag
 * (RFC 8493 §4: a serialized bag unpacks to one directory).
 */

export type PayloadItem = {
  /** Path inside the bag, starting with `data/`. */
  path: string
  open: () => Promise<Readable | Buffer>
  /** Already compressed (photo, audio, video): stored as is, so a zip tool has nothing to gain. */
  store?: boolean
}

export type WrittenBag = { key: string; byteSize: number; sha256: string; payloadOxum: string; files: string[] }

class Hasher extends Transform {
  bytes = 0
  private hash = createHash('sha256')
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
    this.bytes += chunk.length
    this.hash.update(chunk)
    done(null, chunk)
  }
  digest() {
    return this.hash.digest('hex')
  }
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex')

export async function writeBag({
  key,
  root,
  date,
  payload,
  info,
}: {
  key: string
  /** The bag's folder name inside the zip (the package ref). */
  root: string
  date: Date
  payload: PayloadItem[]
  /** bag-info.txt fields before Payload-Oxum (which is computed here). */
  info: Array<[string, string]>
}): Promise<WrittenBag> {
  const zip = new ZipArchive({ zlib: { level: 6 } })
  const out = new PassThrough()
  zip.on('error', (e: Error) => out.destroy(e))
  zip.on('warning', (e: Error) => out.destroy(e))
  zip.pipe(out)
  const upload = storage.put({ key, body: out, contentType: 'application/zip' })
  // Should the upload fail first, every later wait must end too (the zip would stall on back-pressure).
  const uploadFailed = upload.then(
    () => new Promise<never>(() => {}),
    (e: unknown) => Promise.reject(e),
  )
  uploadFailed.catch(() => {})

  const appendBuffer = (path: string, bytes: Buffer) => {
    zip.append(bytes, { name: `${root}/${path}`, date })
    return { path, sha256: sha256(bytes), bytes: bytes.length }
  }
  const appendStream = async (path: string, source: Readable, store: boolean) => {
    const hasher = new Hasher()
    const done = new Promise<void>((resolve, reject) => {
      hasher.on('end', resolve)
      hasher.on('error', reject)
      source.on('error', (e) => hasher.destroy(e))
    })
    zip.append(source.pipe(hasher), { name: `${root}/${path}`, date, store })
    await Promise.race([done, uploadFailed])
    return { path, sha256: hasher.digest(), bytes: hasher.bytes }
  }

  try {
    const entries: Array<{ path: string; sha256: string; bytes: number }> = []
    for (const item of payload) {
      const body = await item.open()
      entries.push(Buffer.isBuffer(body) ? appendBuffer(item.path, body) : await appendStream(item.path, body, item.store ?? false))
    }
    const oxum = payloadOxum(entries)
    const tags = [
      appendBuffer(BAGIT, Buffer.from(BAGIT_TXT, 'utf8')),
      appendBuffer(BAG_INFO, Buffer.from(bagInfoText([...info, ['Payload-Oxum', oxum]]), 'utf8')),
      appendBuffer(MANIFEST, Buffer.from(manifestText(entries), 'utf8')),
    ]
    appendBuffer(TAG_MANIFEST, Buffer.from(manifestText(tags), 'utf8'))
    await Promise.race([zip.finalize(), uploadFailed])
    const stored = await upload
    const files = [...entries.map((e) => e.path), BAGIT, BAG_INFO, MANIFEST, TAG_MANIFEST]
    return { key, byteSize: stored.size, sha256: stored.sha256, payloadOxum: oxum, files }
  } catch (error) {
    zip.abort()
    out.destroy(error instanceof Error ? error : new Error(String(error)))
    // put() removes whatever it wrote before it rejects.
    await upload.catch(() => {})
    throw error
  }
}
