import { createHash } from "node:crypto";
import { Readable, Transform, type TransformCallback } from "node:stream";
import { Upload } from "@aws-sdk/lib-storage";
import { discard, type S3Target } from "./unfinished-uploads";

export type StoredObject = { key: string; size: number; sha256: string };

/** The upload was called off by its caller (the client went away). */
export class UploadAbortedError extends Error {
  constructor() {
    super("upload aborted");
    this.name = "UploadAbortedError";
  }
}

export class ObjectTooLargeError extends Error {
  constructor(public readonly limit: number) {
    super(`object exceeds ${limit} bytes`);
    this.name = "ObjectTooLargeError";
  }
}

/**
 * Counts and hashes bytes as they pass, and stops the stream at a byte limit.
 * (Not `size`: lib-storage reads `Body.size` as the content length.)
 */
class Measure extends Transform {
  bytes = 0;
  private hash = createHash("sha256");
  constructor(private readonly limit?: number) {
    super();
  }
  override _transform(
    chunk: Buffer,
    _enc: BufferEncoding,
    done: TransformCallback
  ) {
    this.bytes += chunk.length;
    if (this.limit !== undefined && this.bytes > this.limit) {
      done(new ObjectTooLargeError(this.limit));
      return;
    }
    this.hash.update(chunk);
    done(null, chunk);
  }
  digest() {
    return this.hash.digest("hex");
  }
}

const MiB = 1024 * 1024;

/**
 * Streams `body` into the bucket (multipart above 8 MiB), hashing as it goes.
 * With `maxBytes` the upload is aborted, leaving nothing behind, once the limit is passed.
 * Whatever goes wrong (the body breaks or ends in an error, the limit, `signal`, S3 itself),
 * it rejects only after the bucket holds neither the object nor an unfinished multipart
 * upload for `key` (as far as S3 answers; the orphan sweep catches what a crash leaves).
 */
export async function putObject(
  { client, Bucket }: S3Target,
  args: {
    key: string;
    body: Readable | NodeJS.ReadableStream;
    contentType: string;
    maxBytes?: number;
    signal?: AbortSignal;
  }
): Promise<StoredObject> {
  const measure = new Measure(args.maxBytes);
  const source =
    args.body instanceof Readable ? args.body : Readable.from(args.body);
  // Every stream made here has an 'error' listener: an error of the source (a connection
  // that drops) must fail this upload, never reach the process as an unhandled event.
  source.on("error", (e) => measure.destroy(e));
  // Destroyed without an error (a request stream whose client went away) is no end either.
  source.on("close", () => {
    if (!source.readableEnded && !measure.destroyed)
      measure.destroy(new UploadAbortedError());
  });
  measure.on("error", () => {});
  // The signal fails the body rather than calling Upload.abort(): abort() makes done()
  // reject at once while parts may still be in flight; a failing body lets lib-storage
  // finish its part requests and abort the multipart upload before done() rejects.
  const abort = () => measure.destroy(new UploadAbortedError());
  if (args.signal?.aborted) abort();
  args.signal?.addEventListener("abort", abort, { once: true });
  const upload = new Upload({
    client,
    params: {
      Bucket,
      Key: args.key,
      Body: source.pipe(measure),
      ContentType: args.contentType,
    },
    partSize: 8 * MiB,
    queueSize: 4,
    leavePartsOnError: false,
  });
  try {
    await upload.done();
    if (measure.errored) throw measure.errored;
  } catch (error) {
    source.unpipe(measure);
    // A single-part upload may have completed before the stream failed, and lib-storage's
    // own AbortMultipartUpload may have failed: make sure nothing stays either way.
    await discard({ client, Bucket }, args.key);
    throw measure.errored ?? error;
  } finally {
    args.signal?.removeEventListener("abort", abort);
  }
  return { key: args.key, size: measure.bytes, sha256: measure.digest() };
}
