import { inArray } from 'drizzle-orm'
import type { DbOrTx } from '@db/client.server'
import { storedFiles } from '@db/schema/files'
import type { Storage } from '@storage/index'
import { ANCHOR_PREFIX } from '~/audit/anchors.server'

const KEPT_OUTSIDE_DATABASE = [ANCHOR_PREFIX]

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * Removes objects that have no row in `stored_files` and are older than the grace period
 * (an upload interrupted between S3 and the database), and aborts multipart uploads begun
 * longer than `unfinishedOlderThanMs` ago and never completed (the portal stopped in the
 * middle of a large upload: its parts are no object, so listing objects never shows them).
 * Young objects and uploads are left alone, because their upload may still be completing.
 * In production the bucket's lifecycle rule (AbortIncompleteMultipartUpload) does the second
 * part too; this sweep is for servers without one (ADR 0016).
 */
export async function sweepOrphanObjects({
  db,
  storage,
  olderThanMs = DAY_MS,
  unfinishedOlderThanMs = DAY_MS,
  now = new Date(),
}: {
  db: DbOrTx
  storage: Storage
  olderThanMs?: number
  /** Grace period for unfinished multipart uploads (a 1 GB video over a slow line takes hours). */
  unfinishedOlderThanMs?: number
  now?: Date
}) {
  let examined = 0
  const orphans: string[] = []
  let batch: string[] = []
  const flush = async () => {
    if (batch.length === 0) return
    const known = await db.select({ key: storedFiles.key }).from(storedFiles).where(inArray(storedFiles.key, batch))
    const knownKeys = new Set(known.map((k) => k.key))
    orphans.push(...batch.filter((k) => !knownKeys.has(k)))
    batch = []
  }
  for await (const object of storage.list()) {
    examined++
    // Kept outside the database on purpose (the access log's anchors): never an orphan.
    if (KEPT_OUTSIDE_DATABASE.some((prefix) => object.key.startsWith(prefix))) continue
    const age = now.getTime() - (object.lastModified?.getTime() ?? now.getTime())
    if (age < olderThanMs) continue
    batch.push(object.key)
    if (batch.length >= 500) await flush()
  }
  await flush()
  await storage.removeMany(orphans)

  // Collected first, aborted after: aborting while paging could shift the listing's markers.
  const stale: Array<{ key: string; uploadId: string }> = []
  for await (const upload of storage.listUnfinishedUploads()) {
    const age = now.getTime() - (upload.initiated?.getTime() ?? now.getTime())
    if (age >= unfinishedOlderThanMs) stale.push(upload)
  }
  for (const upload of stale) await storage.abortUnfinishedUpload(upload)
  return { examined, removed: orphans.length, unfinishedAborted: stale.length }
}
