import { randomUUID } from 'node:crypto'
import { drizzle } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import { afterAll, describe, expect, it } from 'vitest'
import { closeDb, db, sql } from '@db/client.server'
import { userRoles, users, type Role } from '@db/schema/accounts'
import { auditLog } from '@db/schema/audit'
import { hashOrigin } from '~/privacy/field-crypto.server'
import { listAccessesToSubject, recordAccess, searchAuditLog } from './audit.server'
import { auditRowHash, CHAIN_ROWS_QUERY, chainRowFromDb, GENESIS_HASH, verifyAuditChain } from './chain.server'
import { asAttacker } from './testing.server'

afterAll(() => closeDb())

async function createUser(roles: Role[], kind: 'survivor' | 'staff' = 'staff') {
  const [user] = await db
    .insert(users)
    .values({ email: `${randomUUID()}@example.test`, displayName: 'Test Person', kind })
    .returning({ id: users.id })
  for (const role of roles) await db.insert(userRoles).values({ userId: user!.id, role })
  return { id: user!.id, roles: roles as string[] }
}

async function allRows() {
  return (await sql.unsafe(CHAIN_ROWS_QUERY)).map((r) => chainRowFromDb(r as unknown as Parameters<typeof chainRowFromDb>[0]))
}

/** The message of a database error, also when drizzle wraps it. */
async function failure(promise: Promise<unknown>) {
  const error = (await promise.then(
    () => null,
    (e: unknown) => e,
  )) as (Error & { cause?: Error }) | null
  return error ? `${error.message} ${error.cause?.message ?? ''}` : 'no error'
}

const view = (actor: { id: string; roles: string[] } | null, subjectId: string | null, action = 'story.view') =>
  recordAccess({ actor, action, objectType: 'story', objectId: randomUUID(), subjectId, purpose: 'moderation', outcome: 'success' })

describe('audit log', () => {
  it('an empty log verifies', async () => {
    expect(await verifyAuditChain({ sql })).toMatchObject({ ok: true, checked: 0 })
  })

  it('chains rows by hash, assigns ids and time in the database, stores the IP only hashed', async () => {
    const actor = await createUser(['moderator'])
    const subject = randomUUID()
    const ids = [
      await recordAccess({ actor, action: 'story.view', objectType: 'story', objectId: 's-1', subjectId: subject, purpose: 'moderation', outcome: 'success', ip: '198.51.100.7' }),
      await recordAccess({ actor: null, action: 'auth.signInFailed', objectType: 'account', purpose: 'authentication', outcome: 'failure' }),
      await recordAccess({ actor: { id: actor.id, roles: ['moderator', 'moderator'] }, action: 'story.edit', objectType: 'story', objectId: 'key|with:odd/chars%20', subjectId: subject, purpose: 'moderation', outcome: 'denied' }),
    ]
    expect(ids).toEqual([1, 2, 3])

    const rows = await allRows()
    expect(rows.map((r) => r.id)).toEqual(['1', '2', '3'])
    expect(rows[0]!.prevHash).toBe(GENESIS_HASH)
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.rowHash)
    for (const row of rows) expect(auditRowHash(row)).toBe(row.rowHash)
    expect(rows[0]!.originHash).toBe(hashOrigin('198.51.100.7'))
    expect(JSON.stringify(rows)).not.toContain('198.51.100.7')
    expect(rows[2]!.actorRoles).toEqual(['moderator'])
    expect(rows[0]!.occurredAt.getTime()).toBeLessThanOrEqual(rows[2]!.occurredAt.getTime())

    expect(await verifyAuditChain({ sql })).toEqual({ ok: true, checked: 3, lastHash: rows[2]!.rowHash })
  })

  it('ignores client-supplied chain fields', async () => {
    const [row] = await db
      .insert(auditLog)
      .values({ id: 999, prevHash: 'f'.repeat(64), rowHash: 'f'.repeat(64), occurredAt: new Date('2000-01-01'), action: 'test.forge', objectType: 'x', objectId: 'Ünïcode 😀 | 3:x', purpose: 'test', outcome: 'success' })
      .returning()
    expect(row!.id).toBe(4)
    expect(row!.prevHash).not.toBe('f'.repeat(64))
    expect(row!.occurredAt.getFullYear()).toBeGreaterThan(2000)
    expect((await verifyAuditChain({ sql })).ok).toBe(true)
  })

  it('chains the rows of one multi-row INSERT too', async () => {
    await sql`insert into audit_log (id, action, object_type, purpose, outcome, prev_hash, row_hash)
      select 0, 'story.view', 'story', 'bulk', 'success', '', '' from generate_series(1, 5)`
    expect(await verifyAuditChain({ sql })).toMatchObject({ ok: true, checked: 9 })
  })

  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    expect(await failure(sql`update audit_log set action = 'x.y' where id = 1`)).toMatch(/append-only: UPDATE/)
    expect(await failure(sql`delete from audit_log where id = 1`)).toMatch(/append-only: DELETE/)
    expect(await failure(sql`truncate audit_log`)).toMatch(/append-only: TRUNCATE/)
    expect(await failure(db.update(auditLog).set({ outcome: 'failure' }))).toMatch(/append-only: UPDATE/)
    expect((await allRows()).length).toBe(9)
  })

  it('refuses content and malformed fields', async () => {
    const base = { actor: null, action: 'story.view', objectType: 'story', purpose: 'moderation', outcome: 'success' as const }
    await expect(recordAccess({ ...base, objectId: 'Ik werd in 1975 geslagen door' })).rejects.toThrow()
    await expect(recordAccess({ ...base, action: 'Story viewed' })).rejects.toThrow()
    await expect(recordAccess({ ...base, subjectId: 'not-a-uuid' })).rejects.toThrow()
    await expect(recordAccess({ ...base, actor: { id: randomUUID(), roles: ['a,b'] } })).rejects.toThrow()
  })

  it('refuses to chain inside a REPEATABLE READ transaction (it could fork the chain)', async () => {
    const attempt = db.transaction((tx) => recordAccess({ actor: null, action: 'x.y', objectType: 'x', purpose: 'test', outcome: 'success' }, tx), {
      isolationLevel: 'repeatable read',
    })
    expect(await failure(attempt)).toMatch(/READ COMMITTED/)
  })

  it('keeps one valid chain under 50 concurrent writers on separate connections', async () => {
    const before = (await allRows()).length
    const clients = Array.from({ length: 5 }, () => postgres(process.env.DATABASE_URL!, { max: 10, onnotice: () => {} }))
    try {
      const ids = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          recordAccess(
            { actor: null, action: 'story.view', objectType: 'story', objectId: `c-${i}`, purpose: 'load', outcome: 'success' },
            drizzle(clients[i % clients.length]!),
          ),
        ),
      )
      expect(new Set(ids).size).toBe(50)
    } finally {
      await Promise.all(clients.map((c) => c.end()))
    }
    const rows = await allRows()
    expect(rows.length).toBe(before + 50)
    expect(rows.map((r) => Number(r.id))).toEqual(rows.map((_, i) => i + 1))
    expect(await verifyAuditChain({ sql, batchSize: 7 })).toMatchObject({ ok: true, checked: before + 50 })
  })

  it('detects a row edited, re-hashed or removed behind the triggers’ back', async () => {
    const rows = await allRows()
    const target = rows[9]!
    const total = rows.length

    // Edited in place: that row's own hash no longer matches.
    await asAttacker((c) => c`update audit_log set action = 'story.ignore' where id = ${target.id}`)
    expect(await verifyAuditChain({ sql, batchSize: 4 })).toEqual({
      ok: false,
      checked: 9,
      firstBrokenId: 10,
      reason: 'row_hash does not match the row',
    })

    // Edited and re-hashed: the next row's link breaks.
    const forgedHash = auditRowHash({ ...target, action: 'story.ignore' })
    await asAttacker((c) => c`update audit_log set row_hash = ${forgedHash} where id = ${target.id}`)
    expect(await verifyAuditChain({ sql })).toMatchObject({ ok: false, firstBrokenId: 11, reason: 'prev_hash does not match the previous row' })

    // Restored: valid again.
    await asAttacker((c) => c`update audit_log set action = ${target.action}, row_hash = ${target.rowHash} where id = ${target.id}`)
    expect(await verifyAuditChain({ sql })).toMatchObject({ ok: true, checked: total })

    // Removed: the gap is found at the next row.
    const [raw] = await asAttacker((c) => c`delete from audit_log where id = ${target.id} returning *`)
    expect(await verifyAuditChain({ sql })).toMatchObject({ ok: false, firstBrokenId: 11, reason: expect.stringMatching(/missing/) })
    await asAttacker((c) => c`insert into audit_log ${c(raw!)}`)
    expect(await verifyAuditChain({ sql })).toMatchObject({ ok: true, checked: total })
  })
})

describe('searchAuditLog', () => {
  it('logs its own search first, filters and pages newest first', async () => {
    const admin = await createUser(['admin'])
    const moderator = await createUser(['moderator'])
    const subject = randomUUID()
    for (let i = 0; i < 3; i++) await view(moderator, subject)
    await view(moderator, randomUUID())

    const first = await searchAuditLog({ admin, filters: { subjectId: subject }, limit: 2, ip: '203.0.113.1' })
    expect(first.rows).toHaveLength(2)
    // The search itself concerns the subject, so it is the newest matching row.
    expect(first.rows[0]).toMatchObject({ action: 'audit.search', actorId: admin.id, subjectId: subject, purpose: 'oversight', outcome: 'success', originHash: hashOrigin('203.0.113.1') })
    expect(first.rows[1]).toMatchObject({ action: 'story.view', actorId: moderator.id, subjectId: subject })
    expect(first.nextBeforeId).toBe(first.rows[1]!.id)

    const second = await searchAuditLog({ admin, filters: { subjectId: subject }, limit: 2, beforeId: first.nextBeforeId! })
    expect(second.rows.map((r) => r.action)).toEqual(['story.view', 'story.view'])
    expect(second.rows[0]!.id).toBeLessThan(first.rows[1]!.id)

    // The second search logged itself too, and did not show up on the page before it.
    const searches = await searchAuditLog({ admin, filters: { action: 'audit.search', actorId: admin.id }, limit: 10 })
    expect(searches.rows).toHaveLength(3)
    expect(searches.nextBeforeId).toBeNull()

    const byType = await searchAuditLog({ admin, filters: { objectType: 'story', actorId: moderator.id, from: new Date(Date.now() - 60_000), to: new Date(Date.now() + 60_000) } })
    expect(byType.rows).toHaveLength(4)
    expect(await searchAuditLog({ admin, filters: { actorId: moderator.id, to: new Date(Date.now() - 60_000) } })).toEqual({ rows: [], nextBeforeId: null })
  })

  it('refuses non-admins and logs the denial, also when the role is only claimed', async () => {
    const moderator = await createUser(['moderator'])
    for (const actor of [moderator, { id: moderator.id, roles: ['moderator', 'admin'] }]) {
      const error = await searchAuditLog({ admin: actor, filters: {} }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(Response)
      expect((error as Response).status).toBe(403)
    }
    const [denials] = await sql<[{ n: number }]>`select count(*)::int as n from audit_log where actor_id = ${moderator.id} and action = 'access.denied' and outcome = 'denied'`
    expect(denials!.n).toBe(2)
    const [searches] = await sql<[{ n: number }]>`select count(*)::int as n from audit_log where actor_id = ${moderator.id} and action = 'audit.search'`
    expect(searches!.n).toBe(0)
  })
})

describe('listAccessesToSubject', () => {
  it('shows other people’s accesses by role only, never names, ids or the person’s own actions', async () => {
    const survivor = await createUser(['survivor'], 'survivor')
    const moderator = await createUser(['moderator'])
    const admin = await createUser(['admin', 'moderator'])

    await view(survivor, survivor.id) // own action: hidden
    await view(moderator, survivor.id)
    await view(admin, survivor.id) // an admin who is also a moderator views a story as moderator
    await recordAccess({ actor: admin, action: 'data.export', objectType: 'account', objectId: survivor.id, subjectId: survivor.id, purpose: 'dataSubjectRights', outcome: 'success' })
    await recordAccess({ actor: null, action: 'auth.signInFailed', objectType: 'account', subjectId: survivor.id, purpose: 'authentication', outcome: 'failure' })
    await view(moderator, randomUUID()) // someone else's data: hidden

    const accesses = await listAccessesToSubject({ subjectId: survivor.id })
    expect(accesses.map(({ role, action, objectType }) => ({ role, action, objectType }))).toEqual([
      { role: null, action: 'auth.signInFailed', objectType: 'account' },
      { role: 'admin', action: 'data.export', objectType: 'account' },
      { role: 'moderator', action: 'story.view', objectType: 'story' },
      { role: 'moderator', action: 'story.view', objectType: 'story' },
    ])
    for (const a of accesses) {
      expect(Object.keys(a).sort()).toEqual(['action', 'at', 'objectType', 'role'])
      expect(a.at).toBeInstanceOf(Date)
    }
    const text = JSON.stringify(accesses)
    for (const id of [moderator.id, admin.id, survivor.id]) expect(text).not.toContain(id)
    expect(text).not.toContain('Test Person')

    expect(await listAccessesToSubject({ subjectId: survivor.id, limit: 1 })).toHaveLength(1)
  })
})
