import { randomUUID } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import { closeDb, db, sql } from '@db/client.server'
import { consentEvents } from '@db/schema/consent'
import {
  createGuestSubjectRef,
  getConsentState,
  grantConsent,
  hasConsent,
  listConsentHistory,
  withdrawConsent,
  type ConsentChange,
} from './consent.server'
import { consentTextVersion } from './texts'

afterAll(() => closeDb())

function storyConsent(overrides: Partial<ConsentChange> = {}): ConsentChange {
  const userId = overrides.userId ?? randomUUID()
  return {
    subjectRef: userId,
    userId,
    objectType: 'story',
    objectId: randomUUID(),
    purpose: 'monument.publishPublic',
    locale: 'nl',
    channel: 'web',
    ...overrides,
  }
}

async function failure(promise: Promise<unknown>) {
  const error = (await promise.then(
    () => null,
    (e: unknown) => e,
  )) as (Error & { cause?: Error }) | null
  return error ? `${error.message} ${error.cause?.message ?? ''}` : 'no error'
}

describe('consent ledger', () => {
  it('grant, withdraw, grant again: history and state follow the latest event', async () => {
    const c = storyConsent()
    const object = { subjectRef: c.subjectRef, objectType: c.objectType, objectId: c.objectId }
    expect(await hasConsent({ ...object, purpose: c.purpose })).toBe(false)
    expect((await getConsentState(object))['monument.publishPublic']).toEqual({ granted: false, since: null, textVersion: null })

    const granted = await grantConsent(c)
    expect(granted).toMatchObject({ changed: true, granted: true, textVersion: 'monument.publishPublic@2026-11-01' })
    expect(granted.since).toBeInstanceOf(Date)
    expect(await hasConsent({ ...object, purpose: c.purpose })).toBe(true)

    const withdrawn = await withdrawConsent({ ...c, locale: 'en' })
    expect(withdrawn).toMatchObject({ changed: true, granted: false, textVersion: consentTextVersion('monument.publishPublic') })
    expect(await hasConsent({ ...object, purpose: c.purpose })).toBe(false)

    await grantConsent(c)
    expect(await hasConsent({ ...object, purpose: c.purpose })).toBe(true)

    const state = await getConsentState(object)
    expect(state['monument.publishPublic']).toMatchObject({ granted: true, textVersion: 'monument.publishPublic@2026-11-01' })
    expect(state['monument.research']).toEqual({ granted: false, since: null, textVersion: null })
    expect(Object.keys(state)).toContain('referral.shareWithOrganisation')

    const history = await listConsentHistory({ subjectRef: c.subjectRef })
    expect(history.map((h) => [h.action, h.locale])).toEqual([
      ['grant', 'nl'],
      ['withdraw', 'en'],
      ['grant', 'nl'],
    ])
    expect(history[0]).toMatchObject({ objectType: 'story', objectId: c.objectId, purpose: 'monument.publishPublic', channel: 'web' })
    expect(history[0]).not.toHaveProperty('recordedBy')
  })

  it('grant and withdraw are symmetric and idempotent', async () => {
    const c = storyConsent({ purpose: 'monument.research' })
    // Withdrawing what was never given writes nothing.
    expect(await withdrawConsent(c)).toEqual({ changed: false, granted: false, since: null, textVersion: null })
    const first = await grantConsent(c)
    const again = await grantConsent(c)
    expect(again).toEqual({ ...first, changed: false })
    const w1 = await withdrawConsent(c)
    const w2 = await withdrawConsent(c)
    expect(w2).toEqual({ ...w1, changed: false })
    expect(await listConsentHistory({ subjectRef: c.subjectRef })).toHaveLength(2)

    // Double clicks at the same moment still append one event.
    await Promise.all(Array.from({ length: 8 }, () => grantConsent(c)))
    expect((await listConsentHistory({ subjectRef: c.subjectRef })).filter((h) => h.action === 'grant')).toHaveLength(2)
  })

  it('records a new grant when the text version changed since the last one', async () => {
    const c = storyConsent()
    await db.insert(consentEvents).values({
      userId: c.userId,
      subjectRef: c.subjectRef,
      objectType: 'story',
      objectId: c.objectId,
      purpose: c.purpose,
      action: 'grant',
      textVersion: 'monument.publishPublic@2020-01-01',
      locale: 'nl',
      channel: 'web',
    })
    expect(await grantConsent(c)).toMatchObject({ changed: true, textVersion: 'monument.publishPublic@2026-11-01' })
  })

  it('keeps consents of different objects, purposes and people apart', async () => {
    const c = storyConsent()
    const otherStory = { ...c, objectId: randomUUID() }
    const otherPerson = storyConsent({ objectId: c.objectId })
    await grantConsent(c)
    const check = (x: ConsentChange, purpose = x.purpose) =>
      hasConsent({ subjectRef: x.subjectRef, objectType: x.objectType, objectId: x.objectId, purpose })
    expect(await check(c)).toBe(true)
    expect(await check(otherStory)).toBe(false)
    expect(await check(otherPerson)).toBe(false)
    expect(await check(c, 'monument.fellowSurvivors')).toBe(false)

    await grantConsent(otherStory)
    await withdrawConsent(c)
    expect(await check(c)).toBe(false)
    expect(await check(otherStory)).toBe(true)
  })

  it('works for guests, and for consent taken by staff with who recorded it', async () => {
    const guest = createGuestSubjectRef()
    expect(guest).toMatch(/^guest_[A-Za-z0-9_-]{22}$/)
    const helpRequest = { subjectRef: guest, objectType: 'helpRequest' as const, objectId: randomUUID(), purpose: 'referral.shareWithOrganisation' as const }
    await grantConsent({ ...helpRequest, locale: 'nl', channel: 'staffRecorded', recordedBy: randomUUID() })
    expect(await hasConsent(helpRequest)).toBe(true)
    const [row] = await sql`select user_id, recorded_by from consent_events where subject_ref = ${guest}`
    expect(row!.user_id).toBeNull()
    expect(row!.recorded_by).toBeTruthy()
  })

  it('refuses unknown purposes, mismatched objects and inconsistent references', async () => {
    const c = storyConsent()
    await expect(grantConsent({ ...c, purpose: 'monument.sellToAdvertisers' as never })).rejects.toThrow(/unknown consent purpose/)
    await expect(grantConsent({ ...c, purpose: 'referral.shareWithOrganisation' })).rejects.toThrow(/not asked for on a story/)
    await expect(hasConsent({ subjectRef: c.subjectRef, objectType: 'media', objectId: c.objectId, purpose: 'monument.publishPublic' })).rejects.toThrow()
    await expect(grantConsent({ ...c, subjectRef: randomUUID() })).rejects.toThrow(/user id/)
    await expect(grantConsent({ ...c, subjectRef: 'someone@example.test', userId: null })).rejects.toThrow()
    await expect(grantConsent({ ...c, channel: 'paper' })).rejects.toThrow(/recordedBy/)
    await expect(grantConsent({ ...c, recordedBy: randomUUID() })).rejects.toThrow(/recordedBy/)
    expect(await listConsentHistory({ subjectRef: c.subjectRef })).toEqual([])
  })

  it('composes with a caller transaction and rolls back with it', async () => {
    const c = storyConsent()
    await expect(
      db.transaction(async (tx) => {
        await grantConsent(c, tx)
        expect(await hasConsent({ subjectRef: c.subjectRef, objectType: 'story', objectId: c.objectId, purpose: c.purpose }, tx)).toBe(true)
        throw new Error('rollback')
      }),
    ).rejects.toThrow('rollback')
    expect(await hasConsent({ subjectRef: c.subjectRef, objectType: 'story', objectId: c.objectId, purpose: c.purpose })).toBe(false)
  })

  it('is append-only: UPDATE, DELETE and TRUNCATE are refused', async () => {
    const c = storyConsent()
    await grantConsent(c)
    expect(await failure(sql`update consent_events set action = 'withdraw' where subject_ref = ${c.subjectRef}`)).toMatch(/append-only: UPDATE/)
    expect(await failure(sql`delete from consent_events where subject_ref = ${c.subjectRef}`)).toMatch(/append-only: DELETE/)
    expect(await failure(sql`truncate consent_events`)).toMatch(/append-only: TRUNCATE/)
    expect(await hasConsent({ subjectRef: c.subjectRef, objectType: 'story', objectId: c.objectId, purpose: c.purpose })).toBe(true)
  })

  it('answers hasConsent from the current-state index', async () => {
    const plan = await sql.begin(async (tx) => {
      // The table is tiny in a test; forbid the sequential scan to see which index is chosen.
      await tx`set local enable_seqscan = off`
      return tx`explain select action from consent_events
        where subject_ref = 'x' and object_type = 'story' and object_id = 'y' and purpose = 'z' order by id desc limit 1`
    })
    const text = JSON.stringify(plan)
    expect(text).toMatch(/Index Scan using consent_events_current_idx/)
  })
})
