import { Readable } from 'node:stream'
import { afterAll, describe, expect, it } from 'vitest'
import { closeDb, db, sql } from '@db/client.server'
import { sweepOrphanObjects } from '~/files/sweep-orphans.server'
import { storage } from '~/utils/storage.server'
import { checkNewestAnchor, readNewestAnchor, writeAuditAnchor } from './anchors.server'
import { recordAccess, verifyAuditChain } from './audit.server'
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
