import { parseWithZod } from '@conform-to/zod'
import { and, eq, gt, sql } from 'drizzle-orm'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { archivePackages } from '@db/schema/archive'
import { auditLog } from '@db/schema/audit'
import { createPersona, makeRequest, testContext, type Persona } from '~/testing/personas.server'
import * as queueRoute from '~/routes/beheer.archief._index'
import * as packageRoute from '~/routes/beheer.archief.$ref'
import * as staffDownloadRoute from '~/routes/beheer.archief.$ref_.download'
import * as ownDownloadRoute from '~/routes/mijn-verhalen.archief.$ref.download'
import { HandoverSchema } from './ui-staff.server'
import { createTestArchivePackage } from './ui-testing.server'

/** The archive pages' loaders and actions, called with real Requests on the real database and bucket. */

let author: Persona
let archivist: Persona
beforeAll(async () => {
  author = await createPersona({ roles: ['survivor'] })
  archivist = await createPersona({ roles: ['archivist'] })
})
afterAll(() => closeDb())

type Returned = { init?: { status?: number }; data?: unknown }
const statusOf = (result: unknown) => (result instanceof Response ? result.status : ((result as Returned | null)?.init?.status ?? 200))

async function run<T>(fn: () => Promise<T>) {
  try {
    return await fn()
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
}

const handOver = (ref: string, form: Record<string, string>) =>
  run(() => packageRoute.action({ request: makeRequest(`/beheer/archief/${ref}`, { cookie: archivist.cookie, method: 'POST', form }), params: { ref }, context: testContext }))

async function handedOverAt(ref: string) {
  const [row] = await db.select({ at: archivePackages.handedOverAt, receipt: archivePackages.receiptReference }).from(archivePackages).where(eq(archivePackages.ref, ref))
  return row
}

describe('the receipt reference', () => {
  it('accepts what archives write on receipts, and says what is wrong with the rest', () => {
    const message = (value: string) => {
      const parsed = HandoverSchema.safeParse({ receiptReference: value })
      return parsed.success ? parsed.data.receiptReference : parsed.error.issues.map((i) => i.message)
    }
    expect(message('  NA-2026/0001 (kopie)  ')).toBe('NA-2026/0001 (kopie)')
    expect(message('Ontvangst nr. 12 – archief')).toBe('Ontvangst nr. 12 – archief')
    expect(message('')).toEqual(['archive:handover.receiptRequired'])
    expect(message('   ')).toEqual(['archive:handover.receiptRequired'])
    expect(message('ab')).toEqual(['archive:handover.receiptTooShort'])
    expect(message('x'.repeat(101))).toEqual(['archive:handover.receiptTooLong'])
    // A pasted invisible character is taken out (single-line field), not stored.
    expect(message('NA-\u00002026\u200b')).toEqual(['archive:handover.receiptPrintable'])
    expect(message('NA-\u00002026')).toBe('NA-2026')
  })

  it('never throws on hostile form bodies (control characters, huge strings, prototype keys)', () => {
    const hostile = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.constantFrom('__proto__', 'constructor', '\u0000', 'x'.repeat(100_000), '\ud800', '\r\n'),
    )
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('receiptReference', '__proto__', 'constructor', 'intent'), hostile), { maxLength: 4 }), (entries) => {
        const form = new FormData()
        for (const [k, v] of entries) form.append(k, v)
        const submission = parseWithZod(form, { schema: HandoverSchema })
        if (submission.status === 'success') expect(submission.value.receiptReference).toMatch(/^[\p{L}\p{N}\p{P}\p{S} ]{3,100}$/u)
        expect(({} as Record<string, unknown>).polluted).toBeUndefined()
      }),
      { numRuns: 300 },
    )
    // Found by a CI run's random seed: a character outside the BMP counts as one, not two.
    const form = new FormData()
    form.append('receiptReference', '\u{1F000}!')
    expect(parseWithZod(form, { schema: HandoverSchema }).status).toBe('error')
  })
})

describe('the hand-over form', () => {
  it('refuses bad input with 400, keeps what was typed, and records nothing', async () => {
    const { ref } = await createTestArchivePackage({ authorId: author.id, archivistId: archivist.id })
    for (const receiptReference of ['', 'ab', `NA\u0007${'x'.repeat(5000)}`, '\u200b\u200b\u200b']) {
      const result = await handOver(ref, { receiptReference })
      expect(statusOf(result)).toBe(400)
      const reply = (result as { data: { result: { initialValue?: Record<string, unknown>; error?: Record<string, string[]> } } }).data.result
      // conform sends an empty field back as absent: the form then shows it empty, as typed.
      expect(reply.initialValue?.receiptReference ?? '').toBe(receiptReference)
      expect(reply.error?.receiptReference?.length).toBeGreaterThan(0)
    }
    expect((await handedOverAt(ref))?.at).toBeNull()
  })

  it('records the hand-over once: a second submit lands on the recorded event, the first receipt stays', async () => {
    const { ref } = await createTestArchivePackage({ authorId: author.id, archivistId: archivist.id })
    const first = await handOver(ref, { receiptReference: 'NA-2026-0100' })
    const second = await handOver(ref, { receiptReference: 'NA-2026-0101' })
    for (const r of [first, second]) {
      expect(statusOf(r)).toBe(302)
      expect((r as Response).headers.get('Location')).toBe(`/beheer/archief/${ref}?klaar=handedOver`)
    }
    expect(await handedOverAt(ref)).toMatchObject({ receipt: 'NA-2026-0100' })
  })

  it('an unknown or malformed reference is 404, never a 500', async () => {
    for (const ref of ['ARCH-2026-00000000', '../../etc', '__proto__', 'x'.repeat(5000)]) {
      expect(statusOf(await handOver(ref, { receiptReference: 'NA-2026-0102' }))).toBe(404)
    }
  })
})

describe('preparing a package', () => {
  const prepare = (form: Record<string, string>) =>
    run(() => queueRoute.action({ request: makeRequest('/beheer/archief', { cookie: archivist.cookie, method: 'POST', form }), params: {}, context: testContext }))

  it('a double submit builds one package: both answers lead to it', async () => {
    const { storyId, ref } = await createTestArchivePackage({ authorId: author.id, archivistId: archivist.id })
    // The queue showed `ref`; two clicks on "make again" with nothing changed build nothing new.
    const a = await prepare({ storyId, shownPackage: ref })
    const b = await prepare({ storyId, shownPackage: ref })
    expect([a, b].map((r) => (r as Response).headers.get('Location'))).toEqual([`/beheer/archief/${ref}?klaar=prepared`, `/beheer/archief/${ref}?klaar=prepared`])
    expect(await db.select({ ref: archivePackages.ref }).from(archivePackages).where(eq(archivePackages.storyId, storyId))).toHaveLength(1)
  })

  it('hostile or wrong input answers 400 or 404, never 500', async () => {
    const forms: Array<Record<string, string>> = [{}, { storyId: '__proto__' }, { storyId: '\u0000' }, { storyId: 'x'.repeat(10_000), shownPackage: 'y'.repeat(10_000) }]
    for (const form of forms) {
      expect(statusOf(await prepare(form))).toBe(400)
    }
    expect(statusOf(await prepare({ storyId: '00000000-0000-4000-8000-000000000000' }))).toBe(404)
  })
})

describe('views and downloads', () => {
  it('the queue and a package page are logged as views; the download is logged too', async () => {
    const { ref } = await createTestArchivePackage({ authorId: author.id, archivistId: archivist.id })
    const [{ last } = { last: 0 }] = await db.select({ last: sql<number>`coalesce(max(${auditLog.id}), 0)` }).from(auditLog)
    const since = Number(last)
    await queueRoute.loader({ request: makeRequest('/beheer/archief', { cookie: archivist.cookie }), params: {}, context: testContext })
    await packageRoute.loader({ request: makeRequest(`/beheer/archief/${ref}`, { cookie: archivist.cookie }), params: { ref }, context: testContext })
    const response = (await staffDownloadRoute.loader({ request: makeRequest(`/beheer/archief/${ref}/download`, { cookie: archivist.cookie }), params: { ref }, context: testContext })) as Response
    await response.body?.cancel()
    const rows = await db
      .select({ action: auditLog.action, objectId: auditLog.objectId, actorId: auditLog.actorId, subjectId: auditLog.subjectId })
      .from(auditLog)
      .where(and(gt(auditLog.id, since), eq(auditLog.actorId, archivist.id), eq(auditLog.outcome, 'success')))
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['archive.listQueue', 'archive.viewPackage', 'archive.downloadPackage']))
    expect(rows.find((r) => r.action === 'archive.viewPackage')?.objectId).toBe(ref)
    // Whose story it is, so the survivor's own access report and the DPO's search find it.
    expect(rows.find((r) => r.action === 'archive.viewPackage')?.subjectId).toBe(author.id)
    expect(rows.find((r) => r.action === 'archive.downloadPackage')?.subjectId).toBe(author.id)
  })

  it("the author's download is an attachment named by the reference, byte for byte the archivist's", async () => {
    const { ref } = await createTestArchivePackage({ authorId: author.id, archivistId: archivist.id, handedOver: true })
    const own = (await ownDownloadRoute.loader({ request: makeRequest(`/mijn-verhalen/archief/${ref}/download`, { cookie: author.cookie }), params: { ref }, context: testContext })) as Response
    const staff = (await staffDownloadRoute.loader({ request: makeRequest(`/beheer/archief/${ref}/download`, { cookie: archivist.cookie }), params: { ref }, context: testContext })) as Response
    expect(own.headers.get('Content-Disposition')).toBe(`attachment; filename="${ref}.zip"`)
    expect(own.headers.get('Content-Type')).toBe('application/zip')
    expect(own.headers.get('Cache-Control')).toBe('private, no-store')
    const [a, b] = await Promise.all([own.arrayBuffer(), staff.arrayBuffer()])
    expect(a.byteLength).toBe(Number(own.headers.get('Content-Length')))
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true)
  })
})
