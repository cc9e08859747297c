import type { Readable } from 'node:stream'
import { eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { archivePackages } from '@db/schema/archive'
import { auditLog } from '@db/schema/audit'
import { stories } from '@db/schema/monument'
import { withdrawConsent } from '~/consent/consent.server'
import { createPersona } from '~/testing/personas.server'
import { listOwnArchivedStories, openOwnArchivePackage } from './own-archive.server'
import { prepareArchivePackage, recordHandover } from './packages.server'
import { discardWithdrawnPackages } from './discard.server'
import { listArchiveQueue } from './queue.server'
import { createArchivableStory } from './testing.server'
import { readObject } from './testing-unzip.server'

afterAll(() => closeDb())

async function built(mediaConsent: [boolean, boolean] = [true, true]) {
  const author = await createPersona({ roles: ['survivor'] })
  const archivist = await createPersona({ roles: ['archivist'] })
  const made = await createArchivableStory({ authorId: author.id, mediaConsent })
  const result = await prepareArchivePackage({ storyId: made.story.id, actorId: archivist.id })
  if (!result.ok) throw new Error(result.reason)
  return { ...made, author, archivist, ref: result.ref }
}

const withdraw = (subject: string, objectType: 'story' | 'media', objectId: string) =>
  withdrawConsent({
    subjectRef: subject,
    userId: subject,
    objectType,
    objectId,
    purpose: objectType === 'story' ? 'monument.archiveTransfer' : 'media.archiveTransfer',
    locale: 'nl',
    channel: 'web',
  })

describe('handing a package over', () => {
  it('is recorded exactly once when two archivists press at the same moment, sets the archive date and is logged', async () => {
    const { story, archivist, ref, author } = await built()
    const other = await createPersona({ roles: ['archivist'] })
    const outcomes = await Promise.all([
      recordHandover({ ref, actorId: archivist.id, receiptReference: 'NA-2026/0042' }),
      recordHandover({ ref, actorId: other.id, receiptReference: 'NA-2026/0043' }),
    ])
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1)
    expect(outcomes.filter((o) => !o.ok)).toEqual([{ ok: false, reason: 'alreadyHandedOver' }])
    const [row] = await db.select().from(archivePackages).where(eq(archivePackages.ref, ref))
    expect(row!.handedOverAt).toBeInstanceOf(Date)
    expect(['NA-2026/0042', 'NA-2026/0043']).toContain(row!.receiptReference)
    const [s] = await db.select({ at: stories.archiveTransferredAt }).from(stories).where(eq(stories.id, story.id))
    expect(s!.at).toEqual(row!.handedOverAt)
    const logged = await db.select().from(auditLog).where(eq(auditLog.objectId, ref))
    expect(logged.filter((l) => l.action === 'archive.handover')).toMatchObject([{ actorId: row!.handedOverBy, subjectId: author.id, actorRoles: ['archivist'] }])
    // Once handed over, the record cannot be changed or the package deleted (the database says no).
    await expect(db.update(archivePackages).set({ receiptReference: 'x' }).where(eq(archivePackages.ref, ref))).rejects.toMatchObject({ cause: { message: expect.stringMatching(/handed over already/) } })
    await expect(db.delete(archivePackages).where(eq(archivePackages.ref, ref))).rejects.toMatchObject({ cause: { message: expect.stringMatching(/cannot be deleted/) } })
    expect((await listArchiveQueue()).find((i) => i.storyId === story.id)?.latestPackage).toMatchObject({ ref, handedOverAt: row!.handedOverAt })
  })

  it('is refused once the story archive consent is withdrawn, or that of a file in the package', async () => {
    const a = await built()
    await withdraw(a.author.id, 'story', a.story.id)
    expect(await recordHandover({ ref: a.ref, actorId: a.archivist.id, receiptReference: 'R-1' })).toEqual({ ok: false, reason: 'consentWithdrawn' })
    expect((await listArchiveQueue()).some((i) => i.storyId === a.story.id)).toBe(false)

    const b = await built()
    await withdraw(b.author.id, 'media', b.photo.id)
    expect(await recordHandover({ ref: b.ref, actorId: b.archivist.id, receiptReference: 'R-2' })).toEqual({ ok: false, reason: 'consentWithdrawn' })
    // A file that was never in the package does not matter.
    const c = await built([true, false])
    await withdraw(c.author.id, 'media', c.audio.id)
    expect(await recordHandover({ ref: c.ref, actorId: c.archivist.id, receiptReference: 'R-3' })).toEqual({ ok: true })

    for (const x of [a, b]) {
      const [row] = await db.select().from(archivePackages).where(eq(archivePackages.ref, x.ref))
      expect(row!.handedOverAt).toBeNull()
      const [s] = await db.select({ at: stories.archiveTransferredAt }).from(stories).where(eq(stories.id, x.story.id))
      expect(s!.at).toBeNull()
    }
    expect(await recordHandover({ ref: 'ARCH-2026-00000000', actorId: a.archivist.id, receiptReference: 'R' })).toEqual({ ok: false, reason: 'notFound' })
    expect(await recordHandover({ ref: '../x', actorId: a.archivist.id, receiptReference: 'R' })).toEqual({ ok: false, reason: 'notFound' })
    await expect(recordHandover({ ref: c.ref, actorId: a.archivist.id, receiptReference: 'R\nforged: yes' })).rejects.toThrow()
  })
})

describe("the survivor's own archive", () => {
  it('lists only their handed-over packages and gives exactly the same bytes; someone else gets nothing', async () => {
    const { author, archivist, ref, story } = await built()
    const stranger = await createPersona({ roles: ['survivor'] })
    expect(await listOwnArchivedStories({ userId: author.id })).toEqual([])
    expect(await openOwnArchivePackage({ userId: author.id, ref })).toBeNull() // not handed over yet
    expect((await recordHandover({ ref, actorId: archivist.id, receiptReference: 'NA-1' })).ok).toBe(true)

    const own = await listOwnArchivedStories({ userId: author.id })
    expect(own).toEqual([{ ref, storyId: story.id, title: 'Mijn tijd in het tehuis', handedOverAt: expect.any(Date), receiptReference: 'NA-1' }])
    expect(await listOwnArchivedStories({ userId: stranger.id })).toEqual([])
    expect(await openOwnArchivePackage({ userId: stranger.id, ref })).toBeNull()
    expect(await openOwnArchivePackage({ userId: author.id, ref: 'not a ref' })).toBeNull()

    const opened = await openOwnArchivePackage({ userId: author.id, ref })
    expect(opened).toMatchObject({ fileName: `${ref}.zip` })
    const chunks: Buffer[] = []
    for await (const c of opened!.stream as Readable) chunks.push(c as Buffer)
    const [row] = await db.select().from(archivePackages).where(eq(archivePackages.ref, ref))
    expect(Buffer.concat(chunks).equals(await readObject(row!.storageKey))).toBe(true)
    expect(opened!.byteSize).toBe(row!.byteSize)
  })
})

describe('discarding packages of withdrawn consents', () => {
  it('removes an unsent package (row and zip) once its story or one of its files loses archive consent, logs it, and leaves the rest', async () => {
    const storyGone = await built()
    const fileGone = await built()
    const kept = await built()
    const sent = await built()
    expect(await recordHandover({ ref: sent.ref, actorId: sent.archivist.id, receiptReference: 'R-sent' })).toEqual({ ok: true })
    const keyOf = async (ref: string) => (await db.select({ key: archivePackages.storageKey }).from(archivePackages).where(eq(archivePackages.ref, ref)))[0]?.key
    const keys = { storyGone: await keyOf(storyGone.ref), fileGone: await keyOf(fileGone.ref) }
    await withdraw(storyGone.author.id, 'story', storyGone.story.id)
    await withdraw(fileGone.author.id, 'media', fileGone.photo.id)
    // After hand-over a withdrawal does not reach the archive (the consent text says so).
    await withdraw(sent.author.id, 'story', sent.story.id)

    expect(await discardWithdrawnPackages()).toBeGreaterThanOrEqual(2)
    for (const x of [storyGone, fileGone]) expect(await keyOf(x.ref)).toBeUndefined()
    await expect(readObject(keys.storyGone!)).rejects.toThrow()
    await expect(readObject(keys.fileGone!)).rejects.toThrow()
    expect(await keyOf(kept.ref)).toBeDefined()
    expect(await keyOf(sent.ref)).toBeDefined()
    const logged = await db.select({ objectId: auditLog.objectId, subjectId: auditLog.subjectId }).from(auditLog).where(eq(auditLog.action, 'archive.discardPackage'))
    expect(logged).toEqual(expect.arrayContaining([{ objectId: storyGone.ref, subjectId: storyGone.author.id }, { objectId: fileGone.ref, subjectId: fileGone.author.id }]))
    // Idempotent: nothing more to do for these.
    await discardWithdrawnPackages()
    expect(await keyOf(kept.ref)).toBeDefined()
  })
})
