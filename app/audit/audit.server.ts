import { and, desc, eq, gte, lt, sql as dsql, type SQL } from 'drizzle-orm'
import { z } from 'zod'
import { db, type DbOrTx } from '@db/client.server'
import { userRoles } from '@db/schema/accounts'
import { AUDIT_OUTCOMES, auditLog } from '@db/schema/audit'
import { hashOrigin } from '~/privacy/field-crypto.server'
import { mostRelevantRole } from './roles'
import type { ChainRow } from './chain.server'

/**
 * The access log API. Rows say who did what to which object, for whom and why; never
 * content. The database makes them append-only and chains their hashes (see
 * db/migrations/0004_audit_triggers.sql).
 */

// Identifiers only: these patterns keep free text (a story, a name, an email) out of the log.
const Name = z.string().regex(/^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)*$/, 'a dotted camelCase name').max(100)
// Printable ASCII without spaces: ids, keys and (percent-encoded) paths fit; sentences do not.
const ObjectId = z.string().regex(/^[\x21-\x7e]{1,300}$/, 'an identifier, not content')
const Uuid = z.string().uuid()
const RoleName = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]*$/)

const AuditActorSchema = z.object({ id: Uuid, roles: z.array(RoleName) })
export type AuditActor = z.infer<typeof AuditActorSchema>

const RecordAccessSchema = z.object({
  actor: AuditActorSchema.nullable(),
  action: Name,
  objectType: Name,
  objectId: ObjectId.nullish(),
  subjectId: Uuid.nullish(),
  purpose: Name,
  outcome: z.enum(AUDIT_OUTCOMES),
  ip: z.string().max(100).nullish(),
})
export type RecordAccessArgs = z.input<typeof RecordAccessSchema>

/**
 * Appends one row to the access log and returns its id. Pass `tx` to make the row part
 * of a transaction (it is then only kept when that transaction commits; record denials
 * outside a transaction that will roll back). The chain lock is held until the
 * transaction ends, so keep such transactions short. The IP is stored only as a keyed hash.
 */
export async function recordAccess(args: RecordAccessArgs, tx: DbOrTx = db): Promise<number> {
  const a = RecordAccessSchema.parse(args)
  const [row] = await tx
    .insert(auditLog)
    .values({
      actorId: a.actor?.id ?? null,
      actorRoles: [...new Set(a.actor?.roles ?? [])].sort(),
      action: a.action,
      objectType: a.objectType,
      objectId: a.objectId ?? null,
      subjectId: a.subjectId ?? null,
      purpose: a.purpose,
      outcome: a.outcome,
      originHash: hashOrigin(a.ip),
    })
    .returning({ id: auditLog.id })
  return row!.id
}

export const AuditSearchFiltersSchema = z.object({
  action: Name.optional(),
  actorId: Uuid.optional(),
  subjectId: Uuid.optional(),
  objectType: Name.optional(),
  /** Inclusive. */
  from: z.coerce.date().optional(),
  /** Exclusive. */
  to: z.coerce.date().optional(),
})
export type AuditSearchFilters = z.infer<typeof AuditSearchFiltersSchema>

/** A row as stored, minus the chain's own link (the search does not show it). */
export type AuditSearchRow = Omit<ChainRow, 'id' | 'prevHash'> & { id: number }

/**
 * Oversight search for admins, newest first, keyset-paginated (`beforeId` = the
 * `nextBeforeId` of the previous page). Searching the log is itself logged first, with the
 * searched-for person as subject, so they can see that their accesses were reviewed.
 * The admin role is checked against the database, not only the caller's claim.
 * Throws a 403 Response (after logging the denial) for anyone else.
 */
export async function searchAuditLog({
  admin,
  filters = {},
  limit = 50,
  beforeId,
  ip,
}: {
  admin: AuditActor
  filters?: AuditSearchFilters
  limit?: number
  beforeId?: number
  ip?: string | null
}): Promise<{ rows: AuditSearchRow[]; nextBeforeId: number | null }> {
  AuditActorSchema.parse(admin)
  const f = AuditSearchFiltersSchema.parse(filters)
  const pageSize = Math.min(Math.max(Math.trunc(limit), 1), 200)

  const [isAdmin] = await db
    .select({ role: userRoles.role })
    .from(userRoles)
    .where(and(eq(userRoles.userId, admin.id), eq(userRoles.role, 'admin')))
  if (!isAdmin || !admin.roles.includes('admin')) {
    await recordAccess({ actor: admin, action: 'access.denied', objectType: 'auditLog', purpose: 'oversight', outcome: 'denied', ip })
    throw new Response('Forbidden', { status: 403 })
  }
  // Logged in its own statement (not a transaction around the search), so the chain lock
  // is released before the possibly slow search runs.
  await recordAccess({
    actor: admin,
    action: 'audit.search',
    objectType: 'auditLog',
    subjectId: f.subjectId ?? null,
    purpose: 'oversight',
    outcome: 'success',
    ip,
  })

  const where: SQL[] = []
  if (f.action) where.push(eq(auditLog.action, f.action))
  if (f.actorId) where.push(eq(auditLog.actorId, f.actorId))
  if (f.subjectId) where.push(eq(auditLog.subjectId, f.subjectId))
  if (f.objectType) where.push(eq(auditLog.objectType, f.objectType))
  if (f.from) where.push(gte(auditLog.occurredAt, f.from))
  if (f.to) where.push(lt(auditLog.occurredAt, f.to))
  if (beforeId !== undefined) where.push(lt(auditLog.id, beforeId))

  const rows = await db
    .select({
      id: auditLog.id,
      occurredAt: auditLog.occurredAt,
      actorId: auditLog.actorId,
      actorRoles: auditLog.actorRoles,
      action: auditLog.action,
      objectType: auditLog.objectType,
      objectId: auditLog.objectId,
      subjectId: auditLog.subjectId,
      purpose: auditLog.purpose,
      outcome: auditLog.outcome,
      originHash: auditLog.originHash,
    })
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(pageSize)
  return { rows, nextBeforeId: rows.length === pageSize ? rows[rows.length - 1]!.id : null }
}

export type SubjectAccess = { at: Date; role: string | null; action: string; objectType: string }

/**
 * What a person sees on their account page: when someone else touched data about them,
 * in which role and doing what. Never who (no staff names or ids), never their own actions.
 */
export async function listAccessesToSubject(
  { subjectId, limit }: { subjectId: string; limit?: number },
  tx: DbOrTx = db,
): Promise<SubjectAccess[]> {
  Uuid.parse(subjectId)
  const query = tx
    .select({
      occurredAt: auditLog.occurredAt,
      actorRoles: auditLog.actorRoles,
      action: auditLog.action,
      objectType: auditLog.objectType,
    })
    .from(auditLog)
    .where(and(eq(auditLog.subjectId, subjectId), dsql`${auditLog.actorId} is distinct from ${subjectId}::uuid`))
    .orderBy(desc(auditLog.id))
  const rows = limit === undefined ? await query : await query.limit(limit)
  return rows.map((r) => ({
    at: r.occurredAt,
    role: mostRelevantRole(r.actorRoles, r.action),
    action: r.action,
    objectType: r.objectType,
  }))
}

/**
 * What a person did themselves (sign-ins, exports, staff work) for their data export:
 * when, what, on which kind of object and how it ended. Object and subject ids are left
 * out, because for staff they point at other people.
 */
export async function listOwnActivity({ userId }: { userId: string }, tx: DbOrTx = db) {
  Uuid.parse(userId)
  return tx
    .select({ at: auditLog.occurredAt, action: auditLog.action, objectType: auditLog.objectType, outcome: auditLog.outcome })
    .from(auditLog)
    .where(eq(auditLog.actorId, userId))
    .orderBy(desc(auditLog.id))
}
