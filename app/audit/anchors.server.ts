import { Readable } from 'node:stream'
import { text } from 'node:stream/consumers'
import type { Sql } from 'postgres'
import { z } from 'zod'
import type { Storage } from '@storage/index'

/**
 * Anchors for the access log's hash chain, kept outside the database (ADR 0007 named the
 * gap): the chain shows an edited, removed or inserted row, but cutting rows off the end
 * leaves a shorter chain that is still valid. Every hour the newest row's id and hash are
 * written to object storage; verification then checks that the newest anchor's row is still
 * there with the same hash. Whoever can rewrite the database cannot also quietly rewrite the
 * anchors when they live in a write-once (Object Lock) bucket, as production should configure.
 * Rows written after the newest anchor remain unprotected: the worker checks every minute and
 * anchors after AUDIT_ANCHOR_EVERY_ROWS new rows or AUDIT_ANCHOR_EVERY_MINUTES minutes,
 * whichever comes first (500 and 5 by default), so that window is short (ADR 0007, 2026-12-07).
 */

export const ANCHOR_PREFIX = 'audit-anchors/'

const AnchorSchema = z.object({ lastId: z.number().int().positive(), rowHash: z.string().regex(/^[0-9a-f]{64}$/), anchoredAt: z.string() })
export type AuditAnchor = z.infer<typeof AnchorSchema>

/** Writes the chain's head as an anchor; null while the log is empty. */
export async function writeAuditAnchor({ sql, storage, now = new Date() }: { sql: Sql; storage: Storage; now?: Date }): Promise<AuditAnchor | null> {
  // Ordered by the column, not the text alias: as text, '9' sorts after '10' and the head would be a row behind.
  const [head] = await sql<Array<{ id: string; rowHash: string }>>`select id::text as id, row_hash as "rowHash" from audit_log order by audit_log.id desc limit 1`
  if (!head) return null
  const anchor: AuditAnchor = { lastId: Number(head.id), rowHash: head.rowHash, anchoredAt: now.toISOString() }
  // Zero-padded so the keys sort by position in the chain.
  const key = `${ANCHOR_PREFIX}${String(anchor.lastId).padStart(15, '0')}-${now.getTime()}.json`
  await storage.put({ key, body: Readable.from([Buffer.from(JSON.stringify(anchor))]), contentType: 'application/json', maxBytes: 4096 })
  return anchor
}

/** The anchor furthest along the chain, or null when none was written yet. */
export async function readNewestAnchor(storage: Storage): Promise<AuditAnchor | null> {
  let newest: string | null = null
  for await (const object of storage.list(ANCHOR_PREFIX)) if (!newest || object.key > newest) newest = object.key
  if (!newest) return null
  const object = await storage.stream({ key: newest })
  if (!object) return null
  return AnchorSchema.parse(JSON.parse(await text(object.body)))
}

export type AnchorCheck = { ok: true; anchor: AuditAnchor | null } | { ok: false; anchor: AuditAnchor; reason: string }

/** Whether the database still holds the newest anchor's row, unchanged. */
export async function checkNewestAnchor({ sql, storage }: { sql: Sql; storage: Storage }): Promise<AnchorCheck> {
  const anchor = await readNewestAnchor(storage)
  if (!anchor) return { ok: true, anchor: null }
  const [row] = await sql<Array<{ rowHash: string }>>`select row_hash as "rowHash" from audit_log where id = ${anchor.lastId}`
  if (!row) return { ok: false, anchor, reason: `row ${anchor.lastId}, anchored at ${anchor.anchoredAt}, is gone: rows were cut off the end of the log` }
  if (row.rowHash !== anchor.rowHash) return { ok: false, anchor, reason: `row ${anchor.lastId} no longer has the hash anchored at ${anchor.anchoredAt}` }
  return { ok: true, anchor }
}

export type AnchorPolicy = { everyRows: number; everyMinutes: number }

/**
 * Decides, each time it is asked (the worker asks every minute), whether the chain's head needs
 * a new anchor: when it is `everyRows` ids past the newest anchor, or when the newest anchor
 * is `everyMinutes` old and rows came after it. The newest anchor is read from storage once and
 * then remembered; another process's newer anchor only makes this one anchor a little early,
 * never late. Ids can have gaps, so a row count by ids errs on the early side too.
 */
export function createAnchorScheduler({ sql, storage, policy }: { sql: Sql; storage: Storage; policy: AnchorPolicy }) {
  let newest: AuditAnchor | null | undefined
  return {
    async tick({ now = new Date() }: { now?: Date } = {}): Promise<{ anchor: AuditAnchor | null; behind: boolean }> {
      if (newest === undefined) newest = await readNewestAnchor(storage)
      const [head] = await sql<Array<{ id: string }>>`select max(id)::text as id from audit_log`
      const headId = head?.id ? Number(head.id) : 0
      // Fewer rows than anchored: the tail was cut. Writing a lower anchor would not hide it
      // (verification reads the anchor furthest along), but say so rather than carry on.
      if (newest && headId < newest.lastId) return { anchor: null, behind: true }
      if (headId === 0 || (newest && headId === newest.lastId)) return { anchor: null, behind: false }
      const due =
        !newest || headId - newest.lastId >= policy.everyRows || now.getTime() - Date.parse(newest.anchoredAt) >= policy.everyMinutes * 60_000
      if (!due) return { anchor: null, behind: false }
      const anchor = await writeAuditAnchor({ sql, storage, now })
      if (anchor) newest = anchor
      return { anchor, behind: false }
    },
  }
}
