import { randomUUID } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import { closeDb } from '@db/client.server'
import { getOwnObjectConsents, recordOwnConsent } from './own-consent.server'

afterAll(() => closeDb())

describe('own consents (the monument forms)', () => {
  it('records a grant and a withdrawal as web events of the signed-in person, and reads them back for that object only', async () => {
    const userId = randomUUID()
    const story = { userId, objectType: 'story' as const, objectId: randomUUID() }
    const other = { userId, objectType: 'story' as const, objectId: randomUUID() }
    expect(await recordOwnConsent({ ...story, purpose: 'monument.research', grant: true, locale: 'nl' })).toMatchObject({ granted: true, changed: true })
    expect(await recordOwnConsent({ ...story, purpose: 'monument.research', grant: true, locale: 'nl' })).toMatchObject({ granted: true, changed: false })
    await recordOwnConsent({ ...other, purpose: 'monument.publishPublic', grant: true, locale: 'en' })
    expect(await recordOwnConsent({ ...story, purpose: 'monument.research', grant: false, locale: 'en' })).toMatchObject({ granted: false, changed: true })

    const { state, history } = await getOwnObjectConsents(story)
    expect(state['monument.research'].granted).toBe(false)
    expect(state['monument.publishPublic'].granted).toBe(false)
    expect(history.map((e) => [e.purpose, e.action, e.channel, e.locale])).toEqual([
      ['monument.research', 'withdraw', 'web', 'en'],
      ['monument.research', 'grant', 'web', 'nl'],
    ])
    expect((await getOwnObjectConsents(other)).state['monument.publishPublic'].granted).toBe(true)
  })

  it('refuses a purpose that is not asked for on that kind of object', async () => {
    const media = { userId: randomUUID(), objectType: 'media' as const, objectId: randomUUID() }
    await expect(recordOwnConsent({ ...media, purpose: 'monument.research', grant: true, locale: 'nl' })).rejects.toThrow()
    expect((await getOwnObjectConsents(media)).history).toEqual([])
  })
})
