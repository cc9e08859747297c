import { createHash } from 'node:crypto'
import type { Sql } from 'postgres'

/**
 * Node's half of the audit hash chain. The database computes every row's hash in a
 * trigger (migration 0004_audit_triggers); this file reproduces the same canonical text
 * byte for byte, so a verifier that trusts nothing but the stored values can recompute
 * the chain. Change both together, and only under a new version tag.
 */
export const GENESIS_HASH = '0'.repeat(64)

export type ChainRow = {
  id: string
  occurredAt: Date
  actorId: string | null
  actorRoles: string[]
  action: string
  objectType: string
  objectId: string | null
  subjectId: string | null
  purpose: string
  outcome: string
  originHash: string | null
  prevHash: string
}

function field(value: string | null): string {
  return value === null ? '~' : `${Buffer.byteLength(value, 'utf8')}:${value}`
}

function canonicalAuditText(row: ChainRow): string {
  return [
    'audit.v1',
    field(row.id),
    // The trigger truncates to milliseconds, so toISOString() is exact.
    field(row.occurredAt.toISOString()),
    field(row.actorId),
    field(row.actorRoles.join(',')),
    field(row.action),
    field(row.objectType),
    field(row.objectId),
    field(row.subjectId),
    field(row.purpose),
    field(row.outcome),
    field(row.originHash),
    field(row.prevHash),
  ].join('|')
}

export function auditRowHash(row: ChainRow): string {
  return createHash('sha256').update(canonicalAuditText(row), 'utf8').digest('hex')
}

export type ChainVerification =
  | { ok: true; checked: number; lastHash: string }
  | { ok: false; checked: number; firstBrokenId: number; reason: string }

type RawChainRow = Omit<ChainRow, 'occurredAt'> & { occurredAtMicros: string; rowHash: string }

/**
 * The stored rows, read without relying on the driver's date parsing (drizzle replaces
 * postgres.js's timestamp parsers on its client): the time comes as epoch microseconds.
 */
export const CHAIN_ROWS_QUERY = `select audit_log.id::text as "id",
    (extract(epoch from occurred_at) * 1000000)::bigint::text as "occurredAtMicros",
    actor_id::text as "actorId", actor_roles as "actorRoles", action, object_type as "objectType",
    object_id as "objectId", subject_id::text as "subjectId", purpose, outcome,
    origin_hash as "originHash", prev_hash as "prevHash", row_hash as "rowHash"
  from audit_log order by audit_log.id`

export function chainRowFromDb(raw: RawChainRow): ChainRow & { rowHash: string; subMillisecond: boolean } {
  const micros = BigInt(raw.occurredAtMicros)
  const { occurredAtMicros: _, ...rest } = raw
  return { ...rest, occurredAt: new Date(Number(micros / 1000n)), subMillisecond: micros % 1000n !== 0n }
}

/**
 * Walks the whole log in id order with a cursor (constant memory, also for millions of
 * rows) inside one read-only snapshot, and recomputes every link. It detects an edited
 * row (its hash no longer matches), a removed or inserted row (the next row's prev_hash
 * or the id sequence breaks). Removing the newest rows leaves a shorter valid chain; to
 * catch that, keep the returned `lastHash` somewhere outside the database.
 */
export async function verifyAuditChain({ sql, batchSize = 1000 }: { sql: Sql; batchSize?: number }): Promise<ChainVerification> {
  return sql.begin('isolation level repeatable read read only', async (tx) => {
    let checked = 0
    let expectedPrev = GENESIS_HASH
    let expectedId = 1n
    for await (const rows of tx.unsafe<RawChainRow[]>(CHAIN_ROWS_QUERY).cursor(batchSize)) {
      for (const raw of rows) {
        const row = chainRowFromDb(raw)
        const broken = (reason: string) => ({ ok: false as const, checked, firstBrokenId: Number(row.id), reason })
        if (BigInt(row.id) !== expectedId) return broken(`id ${row.id} follows ${expectedId - 1n}: rows are missing`)
        if (row.prevHash !== expectedPrev) return broken('prev_hash does not match the previous row')
        // The trigger stores milliseconds; anything finer was written around it.
        if (row.subMillisecond || auditRowHash(row) !== row.rowHash) return broken('row_hash does not match the row')
        checked++
        expectedPrev = row.rowHash
        expectedId++
      }
    }
    return { ok: true as const, checked, lastHash: expectedPrev }
  })
}
