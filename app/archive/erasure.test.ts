import { eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { archivePackages } from '@db/schema/archive'
import { storedFiles } from '@db/schema/files'
import { stories } from '@db/schema/monument'
import { deleteAccount } from '~/auth/account-data.server'
import { deleteStory } from '~/monument/delete-story.server'
import { createPersona } from '~/testing/personas.server'
import { storage } from '~/utils/storage.server'
import { prepareArchivePackage, recordHandover } from './packages.server'
import { createArchivableStory } from './testing.server'
import { verifyArchivePackage } from './verify.server'

afterAll(() => closeDb())

async function built({ handOver }: { handOver: boolean }) {
  const author = await createPersona({ roles: ['survivor'] })
  const archivist = await createPersona({ roles: ['archivist'] })
  const { story } = await createArchivableStory({ authorId: author.id })
  const result = await prepareArchivePackage({ storyId: story.id, actorId: archivist.id })
  if (!result.ok) throw new Error(result.reason)
  if (handOver) expect((await recordHandover({ ref: result.ref, actorId: archivist.id, receiptReference: 'NA-7' })).ok).toBe(true)
  const [row] = await db.select().from(archivePackages).where(eq(archivePackages.ref, result.ref))
  return { author, story, row: row! }
}

const packageRow = async (ref: string) => (await db.select().from(archivePackages).where(eq(archivePackages.ref, ref)))[0]
const fileRow = async (key: string) => (await db.select().from(storedFiles).where(eq(storedFiles.key, key)))[0]

describe('archive packages when a story or an account is deleted', () => {
  it('before the hand-over: deleting the story removes its packages, rows and objects', async () => {
    const { author, story, row } = await built({ handOver: false })
    expect(await storage.head(row.storageKey)).not.toBeNull()
    expect(await deleteStory({ authorId: author.id, storyId: story.id })).toMatchObject({ deleted: true })
    expect(await packageRow(row.ref)).toBeUndefined()
    expect(await fileRow(row.storageKey)).toBeUndefined()
    expect(await storage.head(row.storageKey)).toBeNull()
  })

  it('after the hand-over: deleting the story keeps the package, its row and its object (the story is withdrawn instead)', async () => {
    const { author, story, row } = await built({ handOver: true })
    expect(await deleteStory({ authorId: author.id, storyId: story.id })).toEqual({ deleted: false, reason: 'archived', kept: 'monument:kept.archiveTransfer' })
    expect(await packageRow(row.ref)).toMatchObject({ ref: row.ref, authorId: author.id })
    expect(await storage.head(row.storageKey)).not.toBeNull()
    expect(await verifyArchivePackage({ ref: row.ref })).toMatchObject({ ok: true })
  })

  it('before the hand-over: deleting the account removes the package; after it: the package stays, no longer linked to the account', async () => {
    const before = await built({ handOver: false })
    const gone = await deleteAccount({ userId: before.author.id, password: before.author.password, ip: '127.0.0.1' })
    expect(gone.ok).toBe(true)
    expect(await packageRow(before.row.ref)).toBeUndefined()
    expect(await fileRow(before.row.storageKey)).toBeUndefined()
    expect(await storage.head(before.row.storageKey)).toBeNull()
    expect(await db.select().from(stories).where(eq(stories.id, before.story.id))).toEqual([])

    const after = await built({ handOver: true })
    const kept = await deleteAccount({ userId: after.author.id, password: after.author.password, ip: '127.0.0.1' })
    expect(kept.ok && kept.kept.kept).toContainEqual({ name: 'archive', reason: 'monument:kept.archiveTransfer' })
    expect(await packageRow(after.row.ref)).toMatchObject({ ref: after.row.ref, authorId: null, handedOverAt: after.row.handedOverAt })
    expect(await fileRow(after.row.storageKey)).toBeDefined()
    expect(await verifyArchivePackage({ ref: after.row.ref })).toMatchObject({ ok: true })
  })
})
