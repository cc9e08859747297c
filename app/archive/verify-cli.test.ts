import { execFile } from 'node:child_process'
import path from 'node:path'
import { Readable } from 'node:stream'
import { promisify } from 'node:util'
import { eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { archivePackages } from '@db/schema/archive'
import { createPersona } from '~/testing/personas.server'
import { storage } from '~/utils/storage.server'
import { prepareArchivePackage } from './packages.server'
import { createArchivableStory } from './testing.server'
import { readObject } from './testing-unzip.server'

const run = promisify(execFile)
afterAll(() => closeDb())

// The command an archivist runs, against this test file's own database and bucket.
async function verifyCli(...refs: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(path.resolve('node_modules/.bin/tsx'), ['scripts/archive-verify.ts', ...refs], { env: process.env, timeout: 120_000 })
    return { code: 0, out: stdout + stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, out: e.stdout + e.stderr }
  }
}

describe('npm run archive:verify', () => {
  it('prints OK for an intact package and exits 1, naming the problem, once a byte changed', { timeout: 300_000 }, async () => {
    const author = await createPersona({ roles: ['survivor'] })
    const archivist = await createPersona({ roles: ['archivist'] })
    const { story } = await createArchivableStory({ authorId: author.id })
    const result = await prepareArchivePackage({ storyId: story.id, actorId: archivist.id })
    if (!result.ok) throw new Error(result.reason)
    const [row] = await db.select().from(archivePackages).where(eq(archivePackages.ref, result.ref))

    const intact = await verifyCli(result.ref)
    expect(intact).toMatchObject({ code: 0 })
    expect(intact.out).toContain(`${result.ref}: OK (Payload-Oxum ${row!.payloadOxum})`)

    const zip = await readObject(row!.storageKey)
    zip[zip.length - 30] = zip[zip.length - 30]! ^ 0xff
    await storage.put({ key: row!.storageKey, body: Readable.from([zip]), contentType: 'application/zip' })
    const broken = await verifyCli(result.ref)
    expect(broken.code).toBe(1)
    expect(broken.out).toContain(`${result.ref}: FAILED`)
    expect(broken.out).toContain('the zip differs from the checksum recorded when it was built')
    expect((await verifyCli()).code).toBe(1)
  })
})
