import { createHash } from 'node:crypto'
import { Readable, Transform, type TransformCallback } from 'node:stream'
import {
  AbortMultipartUploadCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3'
import { Upload } from '@aws-sdk/lib-storage'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'

/**
 * The only module that knows S3. Everything else stores and reads binaries through
 * these intent-named functions, as streams: a file is never held whole in memory.
 */
export type StorageConfig = {
  endpoint?: string
  region: string
  bucket: string
  accessKeyId: string
  secretAccessKey: string
  forcePathStyle: boolean
}

export type StoredObject = { key: string; size: number; sha256: string }
export type ObjectInfo = { key: string; size: number; contentType?: string; lastModified?: Date }
/** A multipart upload that was begun and neither completed nor aborted: its parts take space but are no object. */
export type UnfinishedUpload = { key: string; uploadId: string; initiated?: Date }
export type ObjectStream = {
  body: Readable
  /** Bytes in this response (the range when one was asked for). */
  contentLength: number
  /** Size of the whole object. */
  totalSize: number
  contentType?: string
  /** Present when a range was served, e.g. `bytes 0-99/1000`. */
  contentRange?: string
}

/** The upload was called off by its caller (the client went away). */
export class UploadAbortedError extends Error {
  constructor() {
    super('upload aborted')
    this.name = 'UploadAbortedError'
  }
}

export class ObjectTooLargeError extends Error {
  constructor(public readonly limit: number) {
    super(`object exceeds ${limit} bytes`)
    this.name = 'ObjectTooLargeError'
  }
}

/**
 * Counts and hashes bytes as they pass, and stops the stream at a byte limit.
 * (Not `size`: lib-storage reads `Body.size` as the content length.)
 */
class Measure extends Transform {
  bytes = 0
  private hash = createHash('sha256')
  constructor(private readonly limit?: number) {
    super()
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
    this.bytes += chunk.length
    if (this.limit !== undefined && this.bytes > this.limit) {
      done(new ObjectTooLargeError(this.limit))
      return
    }
    this.hash.update(chunk)
    done(null, chunk)
  }
  digest() {
    return this.hash.digest('hex')
  }
}

const MiB = 1024 * 1024

export function createStorage(config: StorageConfig) {
  const client = new S3Client({
    endpoint: config.endpoint,
    region: config.region,
    forcePathStyle: config.forcePathStyle,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    // Without these, SDK v3 frames streamed bodies as aws-chunked, which S3-compatible
    // servers such as s3rver store verbatim (corrupting the object).
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
  })
  const Bucket = config.bucket

  /**
   * Best effort: removes the object `key` and every unfinished multipart upload of exactly
   * that key. Keys of uploads carry a fresh UUID, so no other writer's upload is touched.
   */
  async function discard(key: string) {
    await client.send(new DeleteObjectCommand({ Bucket, Key: key })).catch(() => {})
    try {
      const page = await client.send(new ListMultipartUploadsCommand({ Bucket, Prefix: key }))
      for (const u of page.Uploads ?? []) {
        if (u.Key !== key || !u.UploadId) continue
        await client.send(new AbortMultipartUploadCommand({ Bucket, Key: key, UploadId: u.UploadId })).catch(() => {})
      }
    } catch {
      // A server without ListMultipartUploads: the bucket's lifecycle rule and the sweep remain.
    }
  }

  return {
    bucket: Bucket,

    /** Creates the bucket when it does not exist yet (embedded mode and tests). */
    async ensureBucket() {
      try {
        await client.send(new HeadBucketCommand({ Bucket }))
      } catch {
        await client.send(new CreateBucketCommand({ Bucket }))
      }
    },

    /**
     * Streams `body` into the bucket (multipart above 8 MiB), hashing as it goes.
     * With `maxBytes` the upload is aborted, leaving nothing behind, once the limit is passed.
     * Whatever goes wrong (the body breaks or ends in an error, the limit, `signal`, S3 itself),
     * it rejects only after the bucket holds neither the object nor an unfinished multipart
     * upload for `key` (as far as S3 answers; the orphan sweep catches what a crash leaves).
     */
    async put(args: {
      key: string
      body: Readable | NodeJS.ReadableStream
      contentType: string
      maxBytes?: number
      signal?: AbortSignal
    }): Promise<StoredObject> {
      const measure = new Measure(args.maxBytes)
      const source = args.body instanceof Readable ? args.body : Readable.from(args.body)
      // Every stream made here has an 'error' listener: an error of the source (a connection
      // that drops) must fail this upload, never reach the process as an unhandled event.
      source.on('error', (e) => measure.destroy(e))
      // Destroyed without an error (a request stream whose client went away) is no end either.
      source.on('close', () => {
        if (!source.readableEnded && !measure.destroyed) measure.destroy(new UploadAbortedError())
      })
      measure.on('error', () => {})
      // The signal fails the body rather than calling Upload.abort(): abort() makes done()
      // reject at once while parts may still be in flight; a failing body lets lib-storage
      // finish its part requests and abort the multipart upload before done() rejects.
      const abort = () => measure.destroy(new UploadAbortedError())
      if (args.signal?.aborted) abort()
      args.signal?.addEventListener('abort', abort, { once: true })
      const upload = new Upload({
        client,
        params: { Bucket, Key: args.key, Body: source.pipe(measure), ContentType: args.contentType },
        partSize: 8 * MiB,
        queueSize: 4,
        leavePartsOnError: false,
      })
      try {
        await upload.done()
        if (measure.errored) throw measure.errored
      } catch (error) {
        source.unpipe(measure)
        // A single-part upload may have completed before the stream failed, and lib-storage's
        // own AbortMultipartUpload may have failed: make sure nothing stays either way.
        await discard(args.key)
        throw measure.errored ?? error
      } finally {
        args.signal?.removeEventListener('abort', abort)
      }
      return { key: args.key, size: measure.bytes, sha256: measure.digest() }
    },

    /** Multipart uploads begun and never completed or aborted (optionally under a prefix), page by page. */
    async *listUnfinishedUploads(prefix = ''): AsyncGenerator<UnfinishedUpload> {
      let KeyMarker: string | undefined
      let UploadIdMarker: string | undefined
      do {
        const page = await client.send(new ListMultipartUploadsCommand({ Bucket, Prefix: prefix || undefined, KeyMarker, UploadIdMarker }))
        for (const u of page.Uploads ?? []) {
          if (u.Key && u.UploadId) yield { key: u.Key, uploadId: u.UploadId, initiated: u.Initiated }
        }
        KeyMarker = page.IsTruncated ? page.NextKeyMarker : undefined
        UploadIdMarker = page.IsTruncated ? page.NextUploadIdMarker : undefined
      } while (KeyMarker)
    },

    /** Removes the parts of an unfinished multipart upload. An upload that is already gone is no error. */
    async abortUnfinishedUpload(upload: { key: string; uploadId: string }) {
      try {
        await client.send(new AbortMultipartUploadCommand({ Bucket, Key: upload.key, UploadId: upload.uploadId }))
      } catch (error) {
        if (!isNotFound(error) && !(error instanceof S3ServiceException && error.name === 'NoSuchUpload')) throw error
      }
    },

    /** A readable stream of an object, or of a byte range of it (`{ start, end }`, inclusive). */
    async stream(args: { key: string; range?: { start: number; end?: number } }): Promise<ObjectStream | null> {
      const Range = args.range ? `bytes=${args.range.start}-${args.range.end ?? ''}` : undefined
      try {
        const out = await client.send(new GetObjectCommand({ Bucket, Key: args.key, Range }))
        const contentLength = Number(out.ContentLength ?? 0)
        const totalSize = out.ContentRange ? Number(out.ContentRange.split('/')[1]) : contentLength
        return {
          body: out.Body as Readable,
          contentLength,
          totalSize,
          contentType: out.ContentType,
          contentRange: out.ContentRange,
        }
      } catch (error) {
        if (isNotFound(error)) return null
        throw error
      }
    },

    async head(key: string): Promise<ObjectInfo | null> {
      try {
        const out = await client.send(new HeadObjectCommand({ Bucket, Key: key }))
        return { key, size: Number(out.ContentLength ?? 0), contentType: out.ContentType, lastModified: out.LastModified }
      } catch (error) {
        if (isNotFound(error)) return null
        throw error
      }
    },

    async remove(key: string) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }))
    },

    async removeMany(keys: string[]) {
      for (let i = 0; i < keys.length; i += 1000) {
        const batch = keys.slice(i, i + 1000)
        if (batch.length === 0) continue
        await client.send(
          new DeleteObjectsCommand({ Bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }),
        )
      }
    },

    /** Every object under a prefix, page by page. */
    async *list(prefix = ''): AsyncGenerator<ObjectInfo> {
      let ContinuationToken: string | undefined
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket, Prefix: prefix, ContinuationToken }))
        for (const o of page.Contents ?? []) {
          if (o.Key) yield { key: o.Key, size: Number(o.Size ?? 0), lastModified: o.LastModified }
        }
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined
      } while (ContinuationToken)
    },

    /**
     * A short-lived signed GET link, for server-to-server hand-offs only. Browsers never
     * get bucket URLs: the portal streams media itself after an authorisation check.
     */
    presign(args: { key: string; expiresInSeconds: number; downloadName?: string }) {
      return getSignedUrl(
        client,
        new GetObjectCommand({
          Bucket,
          Key: args.key,
          ResponseContentDisposition: args.downloadName
            ? `attachment; filename="${args.downloadName.replace(/[^\w.-]/g, '_')}"`
            : undefined,
        }),
        { expiresIn: args.expiresInSeconds },
      )
    },

    /** For /healthz: resolves when the bucket answers. */
    async check() {
      await client.send(new HeadBucketCommand({ Bucket }))
    },

    destroy() {
      client.destroy()
    },
  }
}

export type Storage = ReturnType<typeof createStorage>

function isNotFound(error: unknown) {
  if (error instanceof S3ServiceException) {
    return error.$metadata.httpStatusCode === 404 || error.name === 'NoSuchKey' || error.name === 'NotFound'
  }
  return false
}

let shared: Storage | undefined
/** The portal's storage, configured from the environment on first use. */
export function getStorage(env: {
  S3_ENDPOINT?: string
  S3_REGION: string
  S3_BUCKET: string
  S3_ACCESS_KEY_ID: string
  S3_SECRET_ACCESS_KEY: string
  S3_FORCE_PATH_STYLE: boolean
}): Storage {
  shared ??= createStorage({
    endpoint: env.S3_ENDPOINT,
    region: env.S3_REGION,
    bucket: env.S3_BUCKET,
    accessKeyId: env.S3_ACCESS_KEY_ID,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY,
    forcePathStyle: env.S3_FORCE_PATH_STYLE,
  })
  return shared
}
