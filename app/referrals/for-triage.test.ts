import { eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { directoryEntries } from '@db/schema/referrals'
import { createTestEntry, getReferralTarget, getReferralTargetNames } from './for-triage.server'

afterAll(() => closeDb())

describe('the directory as triage reads it', () => {
  it('offers a published entry as a referral target, and neither an unpublished nor a malformed id', async () => {
    const id = await createTestEntry('triage-target-a')
    expect(await getReferralTarget({ entryId: id })).toEqual({ id, slug: 'triage-target-a', name: 'Lotgenoten triage-target-a' })
    await db.update(directoryEntries).set({ published: false }).where(eq(directoryEntries.id, id))
    expect(await getReferralTarget({ entryId: id })).toBeNull()
    expect(await getReferralTarget({ entryId: 'not-a-uuid' })).toBeNull()
  })

  it('names the entries a request went to, unpublished ones included, and nothing for unknown ids', async () => {
    const kept = await createTestEntry('triage-target-b')
    const gone = await createTestEntry('triage-target-c')
    await db.update(directoryEntries).set({ published: false }).where(eq(directoryEntries.id, gone))
    const names = await getReferralTargetNames({ entryIds: [kept, gone, kept, '00000000-0000-4000-8000-000000000000'] })
    expect([...names.keys()].sort()).toEqual([kept, gone].sort())
    expect(names.get(gone)).toEqual({ id: gone, slug: 'triage-target-c', name: 'Lotgenoten triage-target-c' })
    expect((await getReferralTargetNames({ entryIds: [] })).size).toBe(0)
  })
})
