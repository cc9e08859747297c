import type { Readable } from "node:stream";
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { isNotFound } from "./not-found";
import { putObject } from "./put-object";
import {
  abortUnfinishedUpload,
  listUnfinishedUploads,
} from "./unfinished-uploads";

/**
 * The only module that knows S3. Everything else stores and reads binaries through
 * these intent-named functions, as streams: a file is never held whole in memory.
 */
export type StorageConfig = {
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
};

export type ObjectInfo = {
  key: string;
  size: number;
  contentType?: string;
  lastModified?: Date;
};
export type ObjectStream = {
  body: Readable;
  /** Bytes in this response (the range when one was asked for). */
  contentLength: number;
  /** Size of the whole object. */
  totalSize: number;
  contentType?: string;
  /** Present when a range was served, e.g. `bytes 0-99/1000`. */
  contentRange?: string;
};

export function createStorage(config: StorageConfig) {
  const client = new S3Client({
    endpoint: config.endpoint,
    region: config.region,
    forcePathStyle: config.forcePathStyle,
    credentials: {
      accessKeyId: config.accessKeyId,
      secretAccessKey: config.secretAccessKey,
    },
    // Without these, SDK v3 frames streamed bodies as aws-chunked, which S3-compatible
    // servers such as s3rver store verbatim (corrupting the object).
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    maxAttempts: 3,
  });
  const Bucket = config.bucket;
  const target = { client, Bucket };

  return {
    bucket: Bucket,

    /** Creates the bucket when it does not exist yet (embedded mode and tests). */
    async ensureBucket() {
      try {
        await client.send(new HeadBucketCommand({ Bucket }));
      } catch {
        await client.send(new CreateBucketCommand({ Bucket }));
      }
    },

    /** Streams `body` into the bucket, hashing as it goes (see putObject). */
    put: (args: Parameters<typeof putObject>[1]) => putObject(target, args),

    listUnfinishedUploads: (prefix = "") =>
      listUnfinishedUploads(target, prefix),
    abortUnfinishedUpload: (upload: { key: string; uploadId: string }) =>
      abortUnfinishedUpload(target, upload),

    /** A readable stream of an object, or of a byte range of it (`{ start, end }`, inclusive). */
    async stream(args: {
      key: string;
      range?: { start: number; end?: number };
    }): Promise<ObjectStream | null> {
      const Range = args.range
        ? `bytes=${args.range.start}-${args.range.end ?? ""}`
        : undefined;
      try {
        const out = await client.send(
          new GetObjectCommand({ Bucket, Key: args.key, Range })
        );
        const contentLength = Number(out.ContentLength ?? 0);
        const totalSize = out.ContentRange
          ? Number(out.ContentRange.split("/")[1])
          : contentLength;
        return {
          body: out.Body as Readable,
          contentLength,
          totalSize,
          contentType: out.ContentType,
          contentRange: out.ContentRange,
        };
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },

    async head(key: string): Promise<ObjectInfo | null> {
      try {
        const out = await client.send(
          new HeadObjectCommand({ Bucket, Key: key })
        );
        return {
          key,
          size: Number(out.ContentLength ?? 0),
          contentType: out.ContentType,
          lastModified: out.LastModified,
        };
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },

    async remove(key: string) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    },

    async removeMany(keys: string[]) {
      for (let i = 0; i < keys.length; i += 1000) {
        const batch = keys.slice(i, i + 1000);
        if (batch.length === 0) continue;
        await client.send(
          new DeleteObjectsCommand({
            Bucket,
            Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
          })
        );
      }
    },

    /** Every object under a prefix, page by page. */
    async *list(prefix = ""): AsyncGenerator<ObjectInfo> {
      let ContinuationToken: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({
            Bucket,
            Prefix: prefix,
            ContinuationToken,
          })
        );
        for (const o of page.Contents ?? []) {
          if (o.Key)
            yield {
              key: o.Key,
              size: Number(o.Size ?? 0),
              lastModified: o.LastModified,
            };
        }
        ContinuationToken = page.IsTruncated
          ? page.NextContinuationToken
          : undefined;
      } while (ContinuationToken);
    },

    /**
     * A short-lived signed GET link, for server-to-server hand-offs only. Browsers never
     * get bucket URLs: the portal streams media itself after an authorisation check.
     */
    presign(args: {
      key: string;
      expiresInSeconds: number;
      downloadName?: string;
    }) {
      return getSignedUrl(
        client,
        new GetObjectCommand({
          Bucket,
          Key: args.key,
          ResponseContentDisposition: args.downloadName
            ? `attachment; filename="${args.downloadName.replace(
                /[^\w.-]/g,
                "_"
              )}"`
            : undefined,
        }),
        { expiresIn: args.expiresInSeconds }
      );
    },

    /** For /healthz: resolves when the bucket answers. */
    async check() {
      await client.send(new HeadBucketCommand({ Bucket }));
    },

    destroy() {
      client.destroy();
    },
  };
}

export type Storage = ReturnType<typeof createStorage>;

let shared: Storage | undefined;
/** The portal's storage, configured from the environment on first use. */
export function getStorage(env: {
  S3_ENDPOINT?: string;
  S3_REGION: string;
  S3_BUCKET: string;
  S3_ACCESS_KEY_ID: string;
  S3_SECRET_ACCESS_KEY: string;
  S3_FORCE_PATH_STYLE: boolean;
}): Storage {
  shared ??= createStorage({
    endpoint: env.S3_ENDPOINT,
    region: env.S3_REGION,
    bucket: env.S3_BUCKET,
    accessKeyId: env.S3_ACCESS_KEY_ID,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY,
    forcePathStyle: env.S3_FORCE_PATH_STYLE,
  });
  return shared;
}
