import { inArray } from 'drizzle-orm'
import type { DbOrTx } from '@db/client.server'
import { storedFiles } from '@db/schema'
import type { Storage } from '@storage/index'
import { ANCHOR_PREFIX } from '~/audit/anchors.server'

const KEPT_OUTSIDE_DATABASE = [ANCHOR_PREFIX]

/**
 * Removes objects that have no row in `stored_files` and are older than the grace period
 * (an upload interrupted between S3 and the database). Young objects are left alone,
 * because their upload may still be completing.
 */
export async function sweepOrphanObjects({
  db,
  storage,
  olderThanMs = 24 * 60 * 60 * 1000,
  now = new Date(),
}: {
  db: DbOrTx
  storage: Storage
  olderThanMs?: number
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
  return { examined, removed: orphans.length }
}
