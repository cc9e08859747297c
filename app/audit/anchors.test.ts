import { Readable } from 'node:stream'
import { afterAll, describe, expect, it } from 'vitest'
import { closeDb, db, sql } from '@db/client.server'
import { sweepOrphanObjects } from '~/files/sweep-orphans.server'
import { storage } from '~/utils/storage.server'
import { checkNewestAnchor, createAnchorScheduler, readNewestAnchor, writeAuditAnchor } from './anchors.server'
import { recordAccess } from './audit.server'
import { verifyAuditChain } from './chain.server'
import { AUDIT_JOBS } from './jobs.server'
import { asAttacker } from './testing.server'

afterAll(() => closeDb())

const view = () => recordAccess({ actor: null, action: 'auth.signInFailed', objectType: 'account', purpose: 'authentication', outcome: 'failure' })

describe('access log anchors outside the database', () => {
  it('passes without anchors, and writes none for an empty log', async () => {
    expect(await checkNewestAnchor({ sql, storage })).toEqual({ ok: true, anchor: null })
    expect(await writeAuditAnchor({ sql, storage })).toBeNull()
  })

  it('catches rows cut off the end, which the chain alone cannot', async () => {
    for (let i = 0; i < 5; i++) await view()
    const anchor = await writeAuditAnchor({ sql, storage, now: new Date('2026-11-25T10:00:00Z') })
    expect(anchor?.lastId).toBe(5)
    await view()
    // A later anchor is the one checked.
    await writeAuditAnchor({ sql, storage, now: new Date('2026-11-25T11:00:00Z') })
    expect((await readNewestAnchor(storage))?.lastId).toBe(6)
    expect((await checkNewestAnchor({ sql, storage })).ok).toBe(true)

    await asAttacker((conn) => conn`delete from audit_log where id >= 6`)
    expect((await verifyAuditChain({ sql })).ok).toBe(true) // still a valid, shorter chain
    const check = await checkNewestAnchor({ sql, storage })
    expect(check.ok).toBe(false)
    expect(check.ok ? '' : check.reason).toContain('row 6')
  })

  it('catches the anchored row rewritten', async () => {
    await view()
    const anchor = await writeAuditAnchor({ sql, storage })
    await asAttacker((conn) => conn`update audit_log set row_hash = ${'f'.repeat(64)} where id = ${anchor!.lastId}`)
    const check = await checkNewestAnchor({ sql, storage })
    expect(check.ok ? '' : check.reason).toContain('no longer has the hash')
  })

  it('are never swept as orphan objects', async () => {
    const orphan = 'uploads/orphan-test'
    await storage.put({ key: orphan, body: Readable.from([Buffer.from('x')]), contentType: 'application/octet-stream' })
    const later = new Date(Date.now() + 2 * 24 * 60 * 60 * 1000)
    await sweepOrphanObjects({ db, storage, now: later })
    expect(await storage.head(orphan)).toBeNull()
    expect(await readNewestAnchor(storage)).not.toBeNull()
  })
})

describe('anchoring often enough (every N rows or M minutes)', () => {
  const minutes = (n: number, from: Date) => new Date(from.getTime() + n * 60_000)
  const headId = async () => Number((await sql<Array<{ id: string }>>`select max(id)::text as id from audit_log`)[0]!.id)

  it('anchors a single new row once the newest anchor is M minutes old', async () => {
    await view()
    const t0 = new Date('2026-11-30T12:00:00Z')
    await writeAuditAnchor({ sql, storage, now: t0 })
    const scheduler = createAnchorScheduler({ sql, storage, policy: { everyRows: 500, everyMinutes: 5 } })
    expect((await scheduler.tick({ now: minutes(6, t0) })).anchor).toBeNull() // nothing new to anchor
    await view()
    expect((await scheduler.tick({ now: minutes(4, t0) })).anchor).toBeNull()
    expect((await scheduler.tick({ now: minutes(5, t0) })).anchor?.lastId).toBe(await headId())
  })

  it('the worker asks every minute, with 500 rows and 5 minutes as defaults', async () => {
    expect(AUDIT_JOBS['audit.anchor']!.cron).toBe('* * * * *')
    const { parseEnv } = await import('~/utils/env.server')
    const env = parseEnv({ ...process.env, AUDIT_ANCHOR_EVERY_ROWS: undefined, AUDIT_ANCHOR_EVERY_MINUTES: undefined })
    expect([env.AUDIT_ANCHOR_EVERY_ROWS, env.AUDIT_ANCHOR_EVERY_MINUTES]).toEqual([500, 5])
    await view()
    await AUDIT_JOBS['audit.anchor']!.handler({})
    expect((await readNewestAnchor(storage))?.lastId).toBe(await headId())
  })

  it('anchors after N rows without waiting for the hour, so a cut tail fails verification', async () => {
    const t0 = new Date()
    await writeAuditAnchor({ sql, storage, now: t0 })
    const base = await headId()
    const scheduler = createAnchorScheduler({ sql, storage, policy: { everyRows: 3, everyMinutes: 5 } })
    await view()
    await view()
    expect((await scheduler.tick({ now: minutes(1, t0) })).anchor).toBeNull() // 2 rows, 1 minute: not yet
    await view()
    expect((await scheduler.tick({ now: minutes(2, t0) })).anchor?.lastId).toBe(base + 3)
    expect((await scheduler.tick({ now: minutes(3, t0) })).anchor).toBeNull() // nothing new since

    // Someone who can write the database cuts the two newest rows; the chain alone cannot tell.
    await asAttacker((conn) => conn`delete from audit_log where id > ${base + 1}`)
    const check = await checkNewestAnchor({ sql, storage })
    expect(check.ok).toBe(false)
    expect(check.ok ? '' : check.reason).toContain(`row ${base + 3}, anchored at`)
    // The worker notices too, and writes no lower anchor over it.
    expect(await scheduler.tick({ now: minutes(10, t0) })).toEqual({ anchor: null, behind: true })
  })
})
