import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  ListMultipartUploadsCommand,
  S3ServiceException,
  type S3Client,
} from "@aws-sdk/client-s3";
import { isNotFound } from "./not-found";

// Multipart uploads that were begun and never finished take space but are no object:
// an upload that fails cleans up after itself, and the orphan sweep finds the rest.

/** The client and bucket a storage instance works on. */
export type S3Target = { client: S3Client; Bucket: string };

/** A multipart upload that was begun and neither completed nor aborted: its parts take space but are no object. */
export type UnfinishedUpload = {
  key: string;
  uploadId: string;
  initiated?: Date;
};

/**
 * Best effort: removes the object `key` and every unfinished multipart upload of exactly
 * that key. Keys of uploads carry a fresh UUID, so no other writer's upload is touched.
 */
export async function discard({ client, Bucket }: S3Target, key: string) {
  await client
    .send(new DeleteObjectCommand({ Bucket, Key: key }))
    .catch(() => {});
  try {
    const page = await client.send(
      new ListMultipartUploadsCommand({ Bucket, Prefix: key })
    );
    for (const u of page.Uploads ?? []) {
      if (u.Key !== key || !u.UploadId) continue;
      await client
        .send(
          new AbortMultipartUploadCommand({
            Bucket,
            Key: key,
            UploadId: u.UploadId,
          })
        )
        .catch(() => {});
    }
  } catch {
    // A server without ListMultipartUploads: the bucket's lifecycle rule and the sweep remain.
  }
}

/** Multipart uploads begun and never completed or aborted (optionally under a prefix), page by page. */
export async function* listUnfinishedUploads(
  { client, Bucket }: S3Target,
  prefix = ""
): AsyncGenerator<UnfinishedUpload> {
  let KeyMarker: string | undefined;
  let UploadIdMarker: string | undefined;
  do {
    const page = await client.send(
      new ListMultipartUploadsCommand({
        Bucket,
        Prefix: prefix || undefined,
        KeyMarker,
        UploadIdMarker,
      })
    );
    for (const u of page.Uploads ?? []) {
      if (u.Key && u.UploadId)
        yield { key: u.Key, uploadId: u.UploadId, initiated: u.Initiated };
    }
    KeyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
    UploadIdMarker = page.IsTruncated ? page.NextUploadIdMarker : undefined;
  } while (KeyMarker);
}

/** Removes the parts of an unfinished multipart upload. An upload that is already gone is no error. */
export async function abortUnfinishedUpload(
  { client, Bucket }: S3Target,
  upload: { key: string; uploadId: string }
) {
  try {
    await client.send(
      new AbortMultipartUploadCommand({
        Bucket,
        Key: upload.key,
        UploadId: upload.uploadId,
      })
    );
  } catch (error) {
    if (
      !isNotFound(error) &&
      !(error instanceof S3ServiceException && error.name === "NoSuchUpload")
    )
      throw error;
  }
}
