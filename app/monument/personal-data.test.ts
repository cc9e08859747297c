import { Readable } from 'node:stream'
import { eq } from 'drizzle-orm'
import sharp from 'sharp'
import { afterAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { stories, storyMedia } from '@db/schema/monument'
import { eraseUserData, exportUserData, listUserFiles } from '~/privacy/data-registry.server'
import '~/privacy/registrations.server'
import { createPersona } from '~/testing/personas.server'
import { storage } from '~/utils/storage.server'
import { addStoryMedia } from './media-add.server'
import { createStory, saveDraft } from './stories.server'

afterAll(() => closeDb())

async function bucketKeys(prefix: string) {
  const keys: string[] = []
  for await (const o of storage.list(prefix)) keys.push(o.key)
  return keys
}

async function storyWithPhoto(authorId: string, title: string) {
  const story = await createStory({ authorId })
  await saveDraft({ authorId, storyId: story.id, revision: 0, fields: { title, body: 'Een rustige zomer.' } })
  const jpeg = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#123456' } }).jpeg().toBuffer()
  const media = await addStoryMedia({ authorId, storyId: story.id, input: Readable.from([jpeg]) })
  await db.update(storyMedia).set({ description: 'Het huis' }).where(eq(storyMedia.id, media.id))
  return story
}

describe('monument personal data', () => {
  it('exports stories with media metadata and lists their files', async () => {
    const a = await createPersona({ roles: ['survivor'] })
    const story = await storyWithPhoto(a.id, 'Mijn verhaal')
    const { sections } = await exportUserData({ userId: a.id })
    const monument = sections.monument as Array<{ id: string; title: string; media: Array<{ kind: string; description: string }> }>
    expect(monument).toHaveLength(1)
    expect(monument[0]).toMatchObject({ id: story.id, title: 'Mijn verhaal', media: [{ kind: 'photo', description: 'Het huis' }] })
    const files = await listUserFiles({ userId: a.id })
    expect(files.filter((k) => k.startsWith(`monument/${story.id}/`))).toHaveLength(4)
  })

  it('erases stories and their media objects, but keeps what an executed archive transfer covers', async () => {
    const a = await createPersona({ roles: ['survivor'] })
    const gone = await storyWithPhoto(a.id, 'Weg')
    const archived = await storyWithPhoto(a.id, 'Archief')
    await db.update(stories).set({ archiveTransferredAt: new Date() }).where(eq(stories.id, archived.id))

    // As account deletion does it: list the files, erase, then remove the files.
    const files = await listUserFiles({ userId: a.id })
    // Both stories' files are in the export, the archived one's included.
    expect(files.filter((k) => k.startsWith(`monument/${archived.id}/`))).toHaveLength(4)
    const result = await eraseUserData({ userId: a.id })
    await storage.removeMany(files.filter((k) => !result.keepFiles.includes(k)))

    expect(result.kept).toContainEqual({ name: 'monument', reason: 'monument:kept.archiveTransfer' })
    expect(await bucketKeys(`monument/${gone.id}/`)).toEqual([])
    expect(await db.select().from(stories).where(eq(stories.id, gone.id))).toEqual([])
    expect(await bucketKeys(`monument/${archived.id}/`)).toHaveLength(4)
    const [kept] = await db.select().from(stories).where(eq(stories.id, archived.id))
    expect(kept).toMatchObject({ authorId: null, status: 'withdrawn', audience: 'none', title: 'Archief' })
  })
})
