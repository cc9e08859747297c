import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { mailOutbox } from '@db/schema/accounts'
import { storedFiles } from '@db/schema/files'
import { applicationEvents, applications } from '@db/schema/scheme'
import { createPersona, type Persona } from '~/testing/personas.server'
import { storage } from '~/utils/storage.server'
import { PersonalPartSchema } from './application-form'
import { getApplicantOverview, getApplicantPage } from './applicant-status.server'
import { getApplicationDraft } from './application-draft.server'
import { setApplicationStatus } from './application-events.server'
import { answerInformationRequest, createInformationRequest } from './information-requests.server'
import { addPlacement, saveApplicantPart, savePersonalPart } from './save-answers.server'
import { getOpenScheme } from './scheme-registry.server'
import { getSubmissionPdf } from './submission-copy.server'
import { submitApplication } from './submit-application.server'
import { withdrawApplication } from './withdraw-application.server'
import { storeDocumentUpload } from './documents.server'
import { fillInApplication } from './testing.server'

afterAll(() => closeDb())

async function* once(buf: Buffer) {
  yield new Uint8Array(buf)
}

let schemeId: string
beforeAll(async () => {
  const open = await getOpenScheme({ now: new Date('2026-11-20T10:00:00Z') })
  schemeId = open!.id
})

function personal(overrides: Record<string, string> = {}) {
  return PersonalPartSchema.parse({
    fullName: 'Jan Jansen',
    dateOfBirth: '1960-04-02',
    bsn: '111222333',
    street: 'Dorpsstraat',
    houseNumber: '1',
    postcode: '1234ab',
    town: 'Utrecht',
    email: 'jan@example.org',
    phone: '06 12345678',
    iban: 'NL91 ABNA 0417 1643 00',
    accountHolder: 'J. Jansen',
    ...overrides,
  })
}

// A whole application, filled in the way a person would (the same set-up the other journeys use).
const fillIn = (user: Persona, bsn?: string) => fillInApplication({ userId: user.id, bsn })

describe('the application form', () => {
  it('keeps answers between sessions: save and return, with sensitive fields encrypted', async () => {
    const a = await createPersona({ roles: ['survivor'] })
    await saveApplicantPart({ userId: a.id, schemeId, value: { kind: 'self' } })
    await savePersonalPart({ userId: a.id, schemeId, value: personal() })
    const draft = await getApplicationDraft({ userId: a.id })
    if (!draft.scheme) throw new Error('no open scheme')
    expect(draft.states.applicant).toBe('done')
    expect(draft.states.personal).toBe('done')
    expect(draft.states.placements).toBe('notStarted')
    expect(draft.own?.bsn).toBe('111222333')
    expect(draft.own?.iban).toBe('NL91ABNA0417164300')
    expect(draft.own?.address?.postcode).toBe('1234 AB')
    const [row] = await db.select().from(applications).where(eq(applications.id, draft.application!.id))
    expect(row!.bsnEncrypted).not.toContain('111222333')
    expect(JSON.stringify(row!.answers)).not.toContain('111222333')
    expect(JSON.stringify(row!.answers)).not.toContain('0417164300')
    expect(row!.bsnHash).toMatch(/.{16,}/)
  })

  it('explains an invalid BSN and IBAN', () => {
    const result = PersonalPartSchema.safeParse({ ...personal(), bsn: '123456789', iban: 'NL91ABNA0417164301' })
    expect(result.success).toBe(false)
    const messages = result.error!.issues.map((i) => `${i.path[0]}:${i.message}`)
    expect(messages).toContain('bsn:scheme:validation.bsnInvalid')
    expect(messages).toContain('iban:scheme:validation.ibanInvalid')
  })

  it('warns (never blocks) when a placement falls outside the scheme', async () => {
    const a = await createPersona({ roles: ['survivor'] })
    await addPlacement({
      userId: a.id,
      schemeId,
      value: { from: '2020-01', kind: 'residentialYouthCare', place: 'X', municipality: 'Y', inNetherlands: 'yes' },
    })
    const draft = await getApplicationDraft({ userId: a.id })
    if (!draft.scheme) throw new Error('no open scheme')
    expect(draft.warnings.map((w) => w.code)).toContain('placementAfterPeriod')
    expect(draft.states.placements).toBe('inProgress')
  })

  it('refuses a document that is not a PDF or an image', async () => {
    const result = await storeDocumentUpload({ prefix: 'scheme/test', fileName: 'x.exe', data: once(Buffer.from('MZ this is not a document at all')) })
    expect(result).toEqual({ error: 'scheme:evidence.errors.type' })
  })
})

describe('submitting', () => {
  it('refuses an incomplete application', async () => {
    const a = await createPersona({ roles: ['survivor'] })
    await saveApplicantPart({ userId: a.id, schemeId, value: { kind: 'self' } })
    expect(await submitApplication({ userId: a.id, submitToken: 'tok-incomplete', locale: 'nl' })).toEqual({ ok: false, error: 'incomplete' })
  })

  it('a double submit creates one application, with a reference, PDF, decision date, event and mail', async () => {
    const a = await createPersona({ roles: ['survivor'] })
    await fillIn(a)
    const [first, second] = await Promise.all([
      submitApplication({ userId: a.id, submitToken: 'tok-a', locale: 'nl' }),
      submitApplication({ userId: a.id, submitToken: 'tok-a', locale: 'nl' }),
    ])
    expect(first.ok && second.ok).toBe(true)
    if (!first.ok || !second.ok) return
    expect(first.applicationId).toBe(second.applicationId)
    expect(first.reference).toMatch(/^JZ-\d{4}-\d{6}$/)
    expect(first.reference).toBe(second.reference)
    expect([first.alreadySubmitted, second.alreadySubmitted].sort()).toEqual([false, true])
    // A retry with another token after it went through changes nothing either.
    const retry = await submitApplication({ userId: a.id, submitToken: 'tok-a2', locale: 'nl' })
    expect(retry.ok && retry.applicationId).toBe(first.applicationId)

    const rows = await db.select().from(applications).where(eq(applications.applicantUserId, a.id))
    expect(rows).toHaveLength(1)
    const app = rows[0]!
    expect(app.status).toBe('submitted')
    expect(app.decisionDueAt).not.toBeNull()
    const events = await db.select().from(applicationEvents).where(and(eq(applicationEvents.applicationId, app.id), eq(applicationEvents.status, 'submitted')))
    expect(events).toHaveLength(1)
    const mails = await db.select().from(mailOutbox).where(eq(mailOutbox.userId, a.id))
    // One acknowledgement: the reference, the date, what happens next and the decision term; nothing about what happened.
    const received = mails.filter((m) => m.template === 'applicationReceived')
    expect(received).toHaveLength(1)
    expect(received[0]!.subject).toContain(first.reference)
    expect(received[0]!.text).toContain(first.reference)
    expect(received[0]!.text).toMatch(/Het Schadefonds beslist uiterlijk op \d{1,2} \w+ \d{4}/)
    expect(received[0]!.text).not.toMatch(/Wat ik kwijt wil|Zonneschijn|geweld|jeugdzorg met verblijf/i)

    const [file] = await db.select().from(storedFiles).where(eq(storedFiles.id, app.submissionFileId!))
    expect(file!.contentType).toBe('application/pdf')
    const head = await storage.head(file!.key)
    expect(head?.size).toBeGreaterThan(500)
    const pdf = await getSubmissionPdf({ userId: a.id, applicationId: app.id })
    const chunks: Buffer[] = []
    for await (const c of pdf!.body) chunks.push(Buffer.from(c as Buffer))
    expect(Buffer.concat(chunks).subarray(0, 4).toString()).toBe('%PDF')

    // Survivor B never gets A's copy.
    const b = await createPersona({ roles: ['survivor'] })
    expect(await getSubmissionPdf({ userId: b.id, applicationId: app.id })).toBeNull()
    expect(await withdrawApplication({ userId: b.id, applicationId: app.id })).toEqual({ ok: false })
  })

  it('flags a second application with the same BSN through the keyed hash', async () => {
    const a = await createPersona({ roles: ['survivor'] })
    const b = await createPersona({ roles: ['survivor'] })
    await fillIn(a, '123456782')
    await fillIn(b, '12 34 56 782')
    const ra = await submitApplication({ userId: a.id, submitToken: 'tok-dup-a', locale: 'nl' })
    const rb = await submitApplication({ userId: b.id, submitToken: 'tok-dup-b', locale: 'en' })
    if (!ra.ok || !rb.ok) throw new Error('not submitted')
    const [appB] = await db.select().from(applications).where(eq(applications.id, rb.applicationId))
    expect(appB!.possibleDuplicateOf).toBe(ra.applicationId)
    // Both ways: the earlier application points back at the later one.
    const [appA] = await db.select().from(applications).where(eq(applications.id, ra.applicationId))
    expect(appA!.possibleDuplicateOf).toBe(rb.applicationId)
  })
})

describe('for the assessors and the applicant status', () => {
  it('pauses the clock while information is requested, and adds the paused days to the decision date', async () => {
    const a = await createPersona({ roles: ['survivor'] })
    await fillIn(a)
    const submitted = await submitApplication({ userId: a.id, submitToken: 'tok-assess', locale: 'nl' })
    if (!submitted.ok) throw new Error('not submitted')
    const before = (await getApplicantOverview({ userId: a.id }))[0]!.decisionDue
    // Asked ten days ago: answering now adds those days to the decision date.
    const { request } = await db.transaction((tx) => createInformationRequest({ applicationId: submitted.applicationId, question: 'Welk jaar?', askedBy: null }, tx))
    await db
      .update(applications)
      .set({ pausedSince: new Date(Date.now() - 10 * 24 * 3600 * 1000) })
      .where(eq(applications.id, submitted.applicationId))
    let [overview] = await getApplicantOverview({ userId: a.id })
    expect(overview!.status).toBe('informationRequested')
    expect(overview!.clockPaused).toBe(true)
    expect(overview!.requests[0]!.question).toBe('Welk jaar?')

    const b = await createPersona({ roles: ['survivor'] })
    expect(await answerInformationRequest({ applicantUserId: b.id, requestId: request.id, answer: 'nee' })).toEqual({ ok: false })
    expect(await answerInformationRequest({ applicantUserId: a.id, requestId: request.id, answer: '1973' })).toEqual({ ok: true })
    ;[overview] = await getApplicantOverview({ userId: a.id })
    expect(overview!.status).toBe('inAssessment')
    expect(overview!.clockPaused).toBe(false)
    const days = (Date.parse(overview!.decisionDue!) - Date.parse(before!)) / 86_400_000
    expect(days).toBe(10)
  })

  // The fund's decision, amount and objection term come from its signed reports only (the
  // status machine): app/assessment/inbound.test.ts drives them through real events.
  it("shows the fund's statuses with dates, and no decision the fund did not report", async () => {
    const a = await createPersona({ roles: ['survivor'] })
    await fillIn(a)
    const submitted = await submitApplication({ userId: a.id, submitToken: 'tok-status', locale: 'nl' })
    if (!submitted.ok) throw new Error('not submitted')
    const id = submitted.applicationId
    await setApplicationStatus({ applicationId: id, status: 'inAssessment' })
    await setApplicationStatus({ applicationId: id, status: 'proposed', visibleToApplicant: false })
    await setApplicationStatus({ applicationId: id, status: 'handedOff' })
    await setApplicationStatus({ applicationId: id, status: 'received', schadefondsReference: 'SGM-1' })
    await setApplicationStatus({ applicationId: id, status: 'decided', at: new Date('2027-03-01T10:00:00Z') })
    const page = await getApplicantPage({ userId: a.id })
    const app = page.applications[0]!
    expect(app.status).toBe('decided')
    expect(app.events.map((e) => e.status)).toEqual(['submitted', 'inAssessment', 'handedOff', 'received', 'decided'])
    expect(app.decision).toBeNull()
    expect(app.objectionUntil).toBeNull()
    const [row] = await db.select().from(applications).where(eq(applications.id, id))
    expect(row!.acknowledgedAt).not.toBeNull()
    expect(row!.schadefondsReference).toBe('SGM-1')
    await setApplicationStatus({ applicationId: id, status: 'paid' })
    expect((await getApplicantPage({ userId: a.id })).applications[0]!.status).toBe('paid')
  })

  it('lets the applicant withdraw, after which they may apply again', async () => {
    const a = await createPersona({ roles: ['survivor'] })
    await fillIn(a)
    const submitted = await submitApplication({ userId: a.id, submitToken: 'tok-withdraw', locale: 'nl' })
    if (!submitted.ok) throw new Error('not submitted')
    expect(await withdrawApplication({ userId: a.id, applicationId: submitted.applicationId })).toEqual({ ok: true })
    const draft = await getApplicationDraft({ userId: a.id })
    expect(draft.scheme && draft.application).toBeNull()
  })
})
