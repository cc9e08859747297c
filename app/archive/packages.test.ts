import { execFile } from 'node:child_process'
import { readFile, readdir, rm } from 'node:fs/promises'
import path from 'node:path'
import { Readable } from 'node:stream'
import { promisify } from 'node:util'
import { eq } from 'drizzle-orm'
// s3rver's XML parser (a dev dependency already): its validate() checks well-formedness.
import { XMLValidator } from 'fast-xml-parser'
import { afterAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { archivePackages } from '@db/schema/archive'
import { auditLog } from '@db/schema/audit'
import { storedFiles } from '@db/schema/files'
import { stories } from '@db/schema/monument'
import { createPersona } from '~/testing/personas.server'
import { saveModeratedVersion } from '~/monument/for-moderation.server'
import { approveModeratedVersion, moderatedVersionFingerprint } from '~/monument/story-steps.server'
import { storage } from '~/utils/storage.server'
import { getArchivePackage, openArchivePackageStream, prepareArchivePackage } from './packages.server'
import { listArchiveQueue } from './queue.server'
import { createArchivableStory, TEST_CAPTIONS } from './testing.server'
import { readObject, unzipToTemp } from './testing-unzip.server'
import { verifyArchivePackage } from './verify.server'

const run = promisify(execFile)
afterAll(() => closeDb())

async function prepared(args: Parameters<typeof createArchivableStory>[0]) {
  const archivist = await createPersona({ roles: ['archivist'] })
  const made = await createArchivableStory(args)
  const result = await prepareArchivePackage({ storyId: made.story.id, actorId: archivist.id })
  if (!result.ok) throw new Error(`not built: ${result.reason}`)
  const [row] = await db.select().from(archivePackages).where(eq(archivePackages.ref, result.ref))
  return { ...made, archivist, result, row: row! }
}

describe('an archive package built from a real story', () => {
  it('is a BagIt bag that the system sha256sum and verifyArchivePackage both accept, holding exactly what the consents cover', async () => {
    const author = await createPersona({ roles: ['survivor'] })
    const { story, photo, audio, result, row } = await prepared({ authorId: author.id })
    const dir = await unzipToTemp(await readObject(row.storageKey))
    try {
      // One folder, named after the ref (RFC 8493 §4).
      expect(await readdir(dir)).toEqual([result.ref])
      const bag = path.join(dir, result.ref)
      const payload = await run('sha256sum', ['-c', 'manifest-sha256.txt'], { cwd: bag })
      expect(payload.stdout).toContain('data/story.txt: OK')
      expect(payload.stdout).toContain('data/media/1-photo.jpg: OK')
      expect(payload.stdout).toContain('data/media/2-audio.wav: OK')
      expect(payload.stdout).not.toMatch(/FAILED/)
      const tags = await run('sha256sum', ['-c', 'tagmanifest-sha256.txt'], { cwd: bag })
      expect(tags.stdout.trim().split('\n').sort()).toEqual(['bag-info.txt: OK', 'bagit.txt: OK', 'manifest-sha256.txt: OK'])

      expect(await readFile(path.join(bag, 'bagit.txt'), 'utf8')).toBe('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n')
      const info = await readFile(path.join(bag, 'bag-info.txt'), 'utf8')
      expect(info).toMatch(/^Source-Organization: .+$/m)
      expect(info).toContain(`External-Identifier: ${result.ref}\n`)
      expect(info).toMatch(/^Bagging-Date: \d{4}-\d{2}-\d{2}$/m)
      expect(info).toContain(`Payload-Oxum: ${row.payloadOxum}\n`)
      expect(await readFile(path.join(bag, 'data/media/2-transcript.txt'), 'utf8')).toBe('Ik was negen.')
      expect(await readFile(path.join(bag, 'data/media/2-captions.vtt'), 'utf8')).toBe(TEST_CAPTIONS)
      // The photo is the stored original, byte for byte.
      const [photoFile] = await db.select().from(storedFiles).where(eq(storedFiles.id, photo.fileId))
      expect((await readFile(path.join(bag, 'data/media/1-photo.jpg'))).equals(await readObject(photoFile!.key))).toBe(true)

      const consent = JSON.parse(await readFile(path.join(bag, 'data/consent.json'), 'utf8'))
      expect(consent.story).toMatchObject({ id: story.id, purpose: 'monument.archiveTransfer', textVersion: 'monument.archiveTransfer@2026-12-07', fingerprint: '93b886cbf74cc191', channel: 'web', locale: 'nl' })
      expect(consent.media.map((m: { id: string; file: string }) => [m.id, m.file])).toEqual([
        [photo.id, 'data/media/1-photo.jpg'],
        [audio.id, 'data/media/2-audio.wav'],
      ])
      const xml = await readFile(path.join(bag, 'data/metadata.xml'), 'utf8')
      expect(XMLValidator.validate(xml)).toBe(true)
      expect(XMLValidator.validate(xml.replace('</dcterms:title>', ''))).not.toBe(true) // the check can fail
      expect(xml).toContain(`<dcterms:identifier mdto="identificatie" bron="archiefpakket">${result.ref}</dcterms:identifier>`)
      // Nothing about the author beyond what readers see (anonymous here): no e-mail, no id.
      expect(xml).not.toContain(author.email)
      expect(xml).not.toContain(author.id)
      expect(info).not.toContain(author.id)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
    expect(await verifyArchivePackage({ ref: result.ref })).toEqual({ ok: true, problems: [], payloadOxum: row.payloadOxum })
    expect(await getArchivePackage({ ref: result.ref })).toMatchObject({ ref: result.ref, storyId: story.id, byteSize: result.byteSize, sha256: result.sha256, handedOverAt: null })
    const opened = await openArchivePackageStream({ ref: result.ref })
    expect(opened).toMatchObject({ byteSize: result.byteSize, fileName: `${result.ref}.zip` })
    ;(opened!.stream as Readable).destroy()
    const logged = await db.select().from(auditLog).where(eq(auditLog.objectId, result.ref))
    expect(logged.map((r) => r.action)).toEqual(['archive.preparePackage'])
  })

  it('leaves out a file without "also to the archive", and the queue says so', async () => {
    const author = await createPersona({ roles: ['survivor'] })
    const { story, photo, audio, row } = await prepared({ authorId: author.id, mediaConsent: [false, true] })
    expect(row.coveredMediaIds).toEqual([audio.id])
    expect(row.files.filter((f) => f.startsWith('data/'))).toEqual(['data/story.txt', 'data/media/1-audio.wav', 'data/media/1-transcript.txt', 'data/media/1-captions.vtt', 'data/metadata.xml', 'data/consent.json'])
    const item = (await listArchiveQueue()).find((i) => i.storyId === story.id)
    expect(item?.media).toEqual([
      { id: photo.id, kind: 'photo', covered: false },
      { id: audio.id, kind: 'audio', covered: true },
    ])
    expect(item?.latestPackage?.ref).toBe(row.ref)
  })

  it('refuses a story without the archive consent, without an approved text, or unknown', async () => {
    const archivist = await createPersona({ roles: ['archivist'] })
    const author = await createPersona({ roles: ['survivor'] })
    const { story } = await createArchivableStory({ authorId: author.id, storyConsent: false })
    expect(await prepareArchivePackage({ storyId: story.id, actorId: archivist.id })).toEqual({ ok: false, reason: 'noConsent' })
    expect((await listArchiveQueue()).some((i) => i.storyId === story.id)).toBe(false)
    await db.update(stories).set({ status: 'awaitingAuthor' }).where(eq(stories.id, story.id))
    expect(await prepareArchivePackage({ storyId: story.id, actorId: archivist.id })).toEqual({ ok: false, reason: 'noModeratedText' })
    expect(await prepareArchivePackage({ storyId: '00000000-0000-4000-8000-000000000000', actorId: archivist.id })).toEqual({ ok: false, reason: 'notFound' })
    expect(await prepareArchivePackage({ storyId: 'x', actorId: archivist.id })).toEqual({ ok: false, reason: 'notFound' })
    expect(await db.select().from(archivePackages).where(eq(archivePackages.storyId, story.id))).toEqual([])
  })

  it('builds nothing twice for the same contents (also at once), and a new approved text is a new package beside the old one', async () => {
    const author = await createPersona({ roles: ['survivor'] })
    const { story, archivist, result, row } = await prepared({ authorId: author.id })
    const again = await Promise.all([1, 2].map(() => prepareArchivePackage({ storyId: story.id, actorId: archivist.id })))
    expect(again.map((r) => r.ok && r.ref)).toEqual([result.ref, result.ref])

    await saveModeratedVersion({ storyId: story.id, status: 'awaitingAuthor', title: 'Nieuwe titel', body: 'Een nieuwe versie.', contentNote: null, media: [] })
    const seenVersion = moderatedVersionFingerprint({ publishedTitle: 'Nieuwe titel', publishedBody: 'Een nieuwe versie.', publishedContentNote: null })
    expect((await approveModeratedVersion({ authorId: author.id, storyId: story.id, seenVersion })).ok).toBe(true)
    const second = await prepareArchivePackage({ storyId: story.id, actorId: archivist.id })
    expect(second.ok && second.ref).not.toBe(result.ref)
    const rows = await db.select().from(archivePackages).where(eq(archivePackages.storyId, story.id))
    expect(rows).toHaveLength(2)
    expect(rows.find((r) => r.ref === result.ref)).toMatchObject({ sha256: row.sha256, textVersion: row.textVersion })
    expect(await verifyArchivePackage({ ref: result.ref })).toMatchObject({ ok: true })
    // The database refuses to change what identifies a package's bytes.
    await expect(db.update(archivePackages).set({ sha256: 'f'.repeat(64) }).where(eq(archivePackages.ref, result.ref))).rejects.toMatchObject({ cause: { message: expect.stringMatching(/immutable/) } })
  })

  it('fails verification when one byte of the stored package changes', async () => {
    const author = await createPersona({ roles: ['survivor'] })
    const { result, row } = await prepared({ authorId: author.id })
    const zip = await readObject(row.storageKey)
    // A byte inside the photo, which is stored uncompressed: the zip still opens, the manifest disagrees.
    const jpegStart = zip.indexOf(Buffer.from([0xff, 0xd8, 0xff]))
    expect(jpegStart).toBeGreaterThan(0)
    zip[jpegStart + 40] = zip[jpegStart + 40]! ^ 0x01
    await storage.put({ key: row.storageKey, body: Readable.from([zip]), contentType: 'application/zip' })
    const verdict = await verifyArchivePackage({ ref: result.ref })
    expect(verdict.ok).toBe(false)
    expect(verdict.problems).toContain('the zip differs from the checksum recorded when it was built')
    expect(verdict.problems).toContain('data/media/1-photo.jpg does not match its checksum in manifest-sha256.txt')
    expect(await verifyArchivePackage({ ref: 'ARCH-2026-00000000' })).toMatchObject({ ok: false, problems: ['no archive package ARCH-2026-00000000'] })
  })

  it('keeps hostile text exact in story.txt and the metadata well-formed', async () => {
    const author = await createPersona({ roles: ['survivor'] })
    // (PostgreSQL text cannot hold U+0000 and the editor strips it: not tried here.)
    const title = 'Titel </dcterms:title><x>&amp; "\u0007\u001F \u202Eעברית\u202C'
    const body = 'Regel\u0001\u0008\u000B\u000C een\r\n]]> <![CDATA[ x ]]> \uFFFE alleen \u2028 & <script>\n\uFEFF👩🏽‍🦱 العربية'
    const { row } = await prepared({ authorId: author.id, title, body })
    const dir = await unzipToTemp(await readObject(row.storageKey))
    try {
      const bag = path.join(dir, row.ref)
      const expected = Buffer.from(`${title}\n\n${body}`, 'utf8')
      expect((await readFile(path.join(bag, 'data/story.txt'))).equals(expected)).toBe(true)
      const xml = await readFile(path.join(bag, 'data/metadata.xml'), 'utf8')
      expect(XMLValidator.validate(xml)).toBe(true)
      expect(xml).toContain('&lt;/dcterms:title&gt;&lt;x&gt;&amp;amp; &quot;\uFFFD\uFFFD \u202Eעברית\u202C</dcterms:title>')
      await run('sha256sum', ['-c', 'manifest-sha256.txt'], { cwd: bag })
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
    expect(await verifyArchivePackage({ ref: row.ref })).toMatchObject({ ok: true })
  })
})
