import { randomUUID } from 'node:crypto'
import { Readable } from 'node:stream'
import { afterAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { storedFiles } from '@db/schema/files'
import { applicationDocuments } from '@db/schema/scheme'
import { createTestApplication } from './for-assessment-testing.server'
import { createDataExport } from '~/auth/account-data.server'
import { exportFileName, uniqueName } from '~/privacy/export-names'
import { listUserExportFiles } from '~/privacy/data-registry.server'
import '~/privacy/registrations.server'
import { createPersona } from '~/testing/personas.server'
import { storage } from '~/utils/storage.server'

afterAll(() => closeDb())

async function upload(applicationId: string, fileName: string, contentType: string, bytes: Buffer) {
  const key = `scheme/applications/${applicationId}/${randomUUID()}`
  const put = await storage.put({ key, body: Readable.from([bytes]), contentType })
  const [file] = await db.insert(storedFiles).values({ key, byteSize: put.size, contentType, sha256: put.sha256, purpose: 'scheme.evidence' }).returning()
  await db.insert(applicationDocuments).values({ applicationId, fileId: file!.id, type: 'guardianshipCard', fileName })
  return key
}

async function zipOf(stream: Readable) {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

describe('the data export names the scheme files as the person uploaded them', () => {
  it('original name with the extension of its content, in a folder per application; never the storage key', async () => {
    const person = await createPersona({ roles: ['survivor'] })
    const app = await createTestApplication({ applicantUserId: person.id })
    const keys = [
      await upload(app.id, 'voogdijkaart.pdf', 'application/pdf', Buffer.from('%PDF-1.4 kaart')),
      await upload(app.id, 'scan van de rechter', 'image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0])),
      await upload(app.id, 'voogdijkaart.pdf', 'application/pdf', Buffer.from('%PDF-1.4 tweede')),
      await upload(app.id, '..\\..\\.bashrc', 'image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47])),
    ]

    const files = await listUserExportFiles({ userId: person.id })
    const folder = `files/scheme/${app.reference}`
    expect(files.map((f) => f.path).sort()).toEqual([`${folder}/bashrc.png`, `${folder}/scan van de rechter.jpg`, `${folder}/voogdijkaart (2).pdf`, `${folder}/voogdijkaart.pdf`].sort())
    expect(files.map((f) => f.key).sort()).toEqual([...keys].sort())

    const zip = await zipOf(await createDataExport({ userId: person.id, ip: '127.0.0.1' }))
    expect(zip.includes(Buffer.from(`${folder}/scan van de rechter.jpg`))).toBe(true)
    expect(zip.includes(Buffer.from(`${folder}/voogdijkaart (2).pdf`))).toBe(true)
    for (const key of keys) expect(zip.includes(Buffer.from(key.split('/').pop()!))).toBe(false)
  })

  it('makes any name safe: no folders, no control characters, an extension that fits the content', () => {
    expect(exportFileName({ name: 'foto.PNG', contentType: 'image/png' })).toBe('foto.PNG')
    expect(exportFileName({ name: 'foto.png', contentType: 'image/jpeg' })).toBe('foto.png.jpg')
    expect(exportFileName({ name: '../../etc/passwd', contentType: 'application/pdf' })).toBe('passwd.pdf')
    expect(exportFileName({ name: 'a\u0000b\u001fc<>:"|?*.pdf', contentType: 'application/pdf' })).toBe('abc.pdf')
    expect(exportFileName({ name: '...', contentType: 'application/pdf' })).toBe('document.pdf')
    expect(exportFileName({ name: null, contentType: 'image/webp' })).toBe('document.webp')
    expect(exportFileName({ name: `${'x'.repeat(300)}.pdf`, contentType: 'application/pdf' })).toMatch(/^x{96}\.pdf$/)
    const taken = new Set<string>()
    expect(['a/k.pdf', 'a/K.pdf', 'a/k.pdf'].map((n) => uniqueName(n, taken))).toEqual(['a/k.pdf', 'a/K (2).pdf', 'a/k (3).pdf'])
  })
})
