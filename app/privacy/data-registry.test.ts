import { randomUUID } from 'node:crypto'
import { Readable } from 'node:stream'
import { eq, sql as dsql } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { closeDb, db, sql } from '@db/client.server'
import { users } from '@db/schema/accounts'
import { recordAccess } from '~/audit/audit.server'
import { grantConsent } from '~/consent/consent.server'
import { consentTextVersion } from '~/consent/texts'
import { storage } from '~/utils/storage.server'
import {
  eraseUserData,
  exportUserData,
  listCoveredTables,
  listPersonalDataRegistrations,
  listUserFiles,
  NOT_PERSONAL_TABLES,
  registerPersonalData,
} from './data-registry.server'
import './registrations.server'

afterAll(() => closeDb())

async function publicTables() {
  const rows = await sql<Array<{ name: string }>>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`
  return rows.map((r) => r.name)
}

async function createSurvivor() {
  const [user] = await db
    .insert(users)
    .values({ email: `${randomUUID()}@example.test`, displayName: 'Registry Test', kind: 'survivor' })
    .returning({ id: users.id })
  return user!.id
}

describe('personal data coverage', () => {
  it('every table in the public schema is registered by a capability or declared not personal', async () => {
    const { personal, notPersonal } = listCoveredTables()
    const uncovered = (await publicTables()).filter((t) => !personal.has(t) && !notPersonal.has(t))
    expect(
      uncovered,
      'These tables are not in the data-rights registry. Register them in your capability\'s personal-data.server.ts ' +
        '(and import it from app/privacy/registrations.server.ts), or declare them not personal with a reason.',
    ).toEqual([])
  })

  it('registers only tables that exist, and declares every reason', async () => {
    const tables = new Set(await publicTables())
    const { personal, notPersonal } = listCoveredTables()
    expect([...personal.keys(), ...notPersonal.keys()].filter((t) => !tables.has(t))).toEqual([])
    for (const reason of Object.values(NOT_PERSONAL_TABLES)) expect(reason.length).toBeGreaterThan(10)
    expect(listPersonalDataRegistrations().map((r) => r.name)).toEqual(expect.arrayContaining(['accessLog', 'consent']))
    // The account is erased last, so other erasers still find the rows that point at the user.
    expect(listPersonalDataRegistrations().at(-1)?.tables).toContain('users')
  })
})

describe('exportUserData', () => {
  it('gives every section, with accesses by role only and the consent history', async () => {
    const userId = await createSurvivor()
    const moderatorId = randomUUID()
    await recordAccess({ actor: { id: moderatorId, roles: ['moderator'] }, action: 'story.view', objectType: 'story', objectId: 'x', subjectId: userId, purpose: 'moderation', outcome: 'success' })
    await recordAccess({ actor: { id: userId, roles: ['survivor'] }, action: 'auth.signIn', objectType: 'account', objectId: userId, subjectId: userId, purpose: 'authentication', outcome: 'success' })
    await grantConsent({ subjectRef: userId, userId, objectType: 'story', objectId: 'story-1', purpose: 'monument.research', locale: 'nl', channel: 'web' })

    const { generatedAt, sections } = await exportUserData({ userId })
    expect(generatedAt).toBeInstanceOf(Date)
    expect(Object.keys(sections)).toEqual(listPersonalDataRegistrations().map((r) => r.name))
    expect(sections.accessLog).toMatchObject({
      accessesByOthers: [{ role: 'moderator', action: 'story.view', objectType: 'story' }],
      ownActivity: [{ action: 'auth.signIn', objectType: 'account', outcome: 'success' }],
    })
    expect(JSON.stringify(sections.accessLog)).not.toContain(moderatorId)
    expect(sections.consent).toMatchObject([{ purpose: 'monument.research', action: 'grant', textVersion: consentTextVersion('monument.research') }])
  })

  it('reads in a read-only snapshot, so an exporter cannot change data', async () => {
    const userId = await createSurvivor()
    const unregister = registerPersonalData({
      name: 'zzWritesDuringExport',
      tables: [],
      exportFor: async ({ tx }) => tx.execute(dsql`update users set display_name = 'changed' where id = ${userId}`),
      eraseFor: async () => ({}),
    })
    try {
      await expect(exportUserData({ userId })).rejects.toThrow()
    } finally {
      unregister()
    }
    const [user] = await db.select().from(users).where(eq(users.id, userId))
    expect(user!.displayName).toBe('Registry Test')
  })
})

describe('eraseUserData and listUserFiles', () => {
  it('erases through every capability, keeps the access log and consent ledger with reasons', async () => {
    const userId = await createSurvivor()
    await recordAccess({ actor: { id: randomUUID(), roles: ['triage'] }, action: 'helpRequest.view', objectType: 'helpRequest', subjectId: userId, purpose: 'triage', outcome: 'success' })
    await grantConsent({ subjectRef: userId, userId, objectType: 'story', objectId: 'story-1', purpose: 'monument.publishPublic', locale: 'nl', channel: 'web' })
    const key = `test/${userId}/photo.jpg`
    await storage.put({ key, body: Readable.from([Buffer.from('jpeg')]), contentType: 'image/jpeg' })
    const erasedFiles: string[] = []
    const unregister = registerPersonalData({
      name: 'zzFiles',
      tables: [],
      exportFor: async () => null,
      eraseFor: async () => {
        erasedFiles.push(key)
        return {}
      },
      filesFor: async ({ userId: id }) => [`test/${id}/photo.jpg`, `test/${id}/photo.jpg`],
    })
    try {
      expect(await listUserFiles({ userId })).toEqual([key])
      const result = await eraseUserData({ userId })
      expect(result.kept).toEqual(
        expect.arrayContaining([
          { name: 'accessLog', reason: 'privacy:kept.accessLog' },
          { name: 'consent', reason: 'privacy:kept.consentLedger' },
        ]),
      )
      expect(result.erased).toEqual(expect.arrayContaining(['zzFiles']))
      expect(erasedFiles).toEqual([key])
    } finally {
      unregister()
    }
    const [kept] = await sql`select
      (select count(*)::int from audit_log where subject_id = ${userId}) as audit,
      (select count(*)::int from consent_events where subject_ref = ${userId}) as consent`
    expect(kept).toEqual({ audit: 1, consent: 1 })
  })

  it('erases all or nothing: one failing eraser rolls back the others', async () => {
    const userId = await createSurvivor()
    let deleted = false
    const unregisterA = registerPersonalData({
      name: 'zzDeletesUser',
      tables: [],
      exportFor: async () => null,
      eraseFor: async ({ userId: id, tx }) => {
        await tx.delete(users).where(eq(users.id, id))
        deleted = true
        return {}
      },
    })
    const unregisterB = registerPersonalData({
      name: 'zzFails',
      tables: [],
      exportFor: async () => null,
      eraseFor: async () => {
        throw new Error('eraser failed')
      },
    })
    try {
      await expect(eraseUserData({ userId })).rejects.toThrow('eraser failed')
    } finally {
      unregisterA()
      unregisterB()
    }
    expect(deleted).toBe(true)
    expect(await db.select({ id: users.id }).from(users).where(eq(users.id, userId))).toHaveLength(1)
  })
})
