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
 * Rows written after the newest anchor (at most an hour) remain unprotected.
 */

export const ANCHOR_PREFIX = 'audit-anchors/'

const AnchorSchema = z.object({ lastId: z.number().int().positive(), rowHash: z.string().regex(/^[0-9a-f]{64}$/), anchoredAt: z.string() })
export type AuditAnchor = z.infer<typeof AnchorSchema>

/** Writes the chain's head as an anchor; null while the log is empty. */
export async function writeAuditAnchor({ sql, storage, now = new Date() }: { sql: Sql; storage: Storage; now?: Date }): Promise<AuditAnchor | null> {
  const [head] = await sql<Array<{ id: string; rowHash: string }>>`select id::text as id, row_hash as "rowHash" from audit_log order by id desc limit 1`
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
