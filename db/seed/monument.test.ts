import { eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { stories } from '@db/schema/monument'
import { hasConsent } from '~/consent/consent.server'
import { createPersona } from '~/testing/personas.server'
import { seedMonumentDemo } from './monument'

afterAll(() => closeDb())

describe('seedMonumentDemo', () => {
  it('publishes demo stories with a public consent in the ledger, adds a draft, and can run twice', async () => {
    const survivor = await createPersona({ roles: ['survivor'] })
    await db.transaction((tx) => seedMonumentDemo(tx, { survivorId: survivor.id }))
    await db.transaction((tx) => seedMonumentDemo(tx, { survivorId: survivor.id }))
    const rows = await db.select().from(stories).where(eq(stories.authorId, survivor.id))
    const published = rows.filter((s) => s.status === 'published')
    expect(published.length).toBeGreaterThanOrEqual(3)
    expect(rows.filter((s) => s.status === 'draft')).toHaveLength(1)
    expect(rows.filter((s) => s.status === 'submitted')).toHaveLength(1)
    for (const s of published) {
      expect(s.audience).toBe('public')
      expect(s.publishedBody).toBeTruthy()
      expect(await hasConsent({ subjectRef: survivor.id, objectType: 'story', objectId: s.id, purpose: 'monument.publishPublic' })).toBe(true)
    }
  })
})
