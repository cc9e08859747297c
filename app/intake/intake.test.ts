import { eq, sql } from 'drizzle-orm'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { assessments } from '@db/schema/assessment'
import { auditLog } from '@db/schema/audit'
import { storedFiles } from '@db/schema/files'
import { applicationDocuments, applications } from '@db/schema/scheme'
import { applicationRegistrations } from '@db/schema/scheme-intake'
import { AssessmentError } from '~/assessment/case-access.server'
import { buildFrozenCases } from '~/assessment/case-document/build-case-v2.server'
import { CaseDocumentV2Schema } from '~/assessment/case-document/case-document-v2'
import { confirmAssessment, proposeAssessment } from '~/assessment/four-eyes.server'
import { i18next } from '~/i18n/i18next.server'
import { stopPublisher } from '~/jobs/publisher.server'
import * as letterRoute from '~/routes/beheer.aanvragen.$id_.brief'
import * as registerRoute from '~/routes/beheer.aanvragen.registreren'
import * as claimRoute from '~/routes/mijn-aanvraag.ophalen'
import { getApplicantOverview } from '~/scheme/applicant-status.server'
import { getStatusLetterData } from '~/scheme/for-intake-letters.server'
import { createPersona, makeRequest, testContext, type Persona } from '~/testing/personas.server'
import { storage } from '~/utils/storage.server'
import { letterParagraphs } from './letter-pdf.server'
import { registrationSchemaFor } from './schemas'

let intake: Persona
let assessor1: Persona
let assessor2: Persona
let survivor: Persona
let other: Persona

beforeAll(async () => {
  ;[intake, assessor1, assessor2, survivor, other] = await Promise.all([
    createPersona({ roles: ['intake'] }),
    createPersona({ roles: ['assessor'] }),
    createPersona({ roles: ['assessor'] }),
    createPersona({ roles: ['survivor'] }),
    createPersona({ roles: ['survivor'] }),
  ])
})
afterAll(async () => {
  await stopPublisher()
  await closeDb()
})

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')
const NARRATIVE = 'In het tehuis werd ik geslagen. Uniek-papier-7731.'
const year78 = String(new Date().getUTCFullYear() - 78)

/** A complete paper application for a 78-year-old, as the registration form posts it. */
function fields(over: Record<string, string> = {}): Record<string, string> {
  return {
    token: `tok_${Math.random().toString(36).slice(2)}_${Date.now()}`,
    channel: 'paper',
    receivedOn: new Date().toISOString().slice(0, 10),
    'applicant.kind': 'self',
    'personal.fullName': 'Gerrit de Vries',
    'personal.dateOfBirth.day': '4',
    'personal.dateOfBirth.month': '2',
    'personal.dateOfBirth.year': year78,
    'personal.bsn': '123456782',
    'personal.street': 'Dorpsstraat',
    'personal.houseNumber': '3',
    'personal.postcode': '8011 AB',
    'personal.town': 'Zwolle',
    'personal.iban': 'NL91ABNA0417164300',
    'personal.accountHolder': 'G. de Vries',
    'placement.from': '1958',
    'placement.to': '1963',
    'placement.kind': 'residentialYouthCare',
    'placement.place': 'Huize Voorbeeld',
    'placement.municipality': 'Zwolle',
    'placement.inNetherlands': 'yes',
    'harm.mode': 'write',
    'harm.kinds': 'physical',
    'harm.ownWords': NARRATIVE,
    'conversation.wish': 'no',
    ...over,
  }
}

function post(values: Record<string, string>, cookie: string, scan: { bytes: Buffer; name: string } | null) {
  const form = new FormData()
  for (const [k, v] of Object.entries(values)) form.append(k, v)
  form.append('scan', scan ? new Blob([new Uint8Array(scan.bytes)]) : new Blob([]), scan?.name ?? '')
  return new Request('http://localhost:3000/beheer/aanvragen/registreren', {
    method: 'POST',
    headers: { Cookie: cookie },
    body: form,
  })
}

type Done = {
  done: { applicationId: string; reference: string; letterCode: string }
}
type Failed = {
  result: {
    error?: Record<string, string[]>
    initialValue?: Record<string, unknown>
  }
}

async function register(
  by: Persona,
  values = fields(),
  scan: { bytes: Buffer; name: string } | null = {
    bytes: PDF,
    name: 'aanvraag.pdf',
  }
) {
  const res = (await registerRoute.action({
    request: post(values, by.cookie, scan),
    params: {},
    context: testContext,
  })) as unknown as { data: Done | Failed; init: { status?: number } | null }
  return { status: res.init?.status ?? 200, data: res.data }
}

async function claim(by: Persona, code: string) {
  try {
    const res = (await claimRoute.action({
      request: makeRequest('/mijn-aanvraag/ophalen', {
        cookie: by.cookie,
        method: 'POST',
        form: { code },
      }),
      params: {},
      context: testContext,
    })) as unknown
    if (res instanceof Response)
      return {
        status: res.status,
        location: res.headers.get('location'),
        errors: undefined,
      }
    const d = res as { data: Failed; init: { status?: number } | null }
    return {
      status: d.init?.status ?? 200,
      location: null,
      errors: d.data.result.error,
    }
  } catch (e) {
    if (e instanceof Response) return { status: e.status, location: null, errors: undefined }
    throw e
  }
}

describe('an application registered from paper', () => {
  it('is submitted with its scan, channel, registrant and fast track, and is claimed once with its letter code', async () => {
    const { status, data } = await register(intake)
    expect(status).toBe(200)
    const { applicationId, reference, letterCode } = (data as Done).done
    expect(reference).toMatch(/^JZ-\d{4}-\d{6}$/)
    expect(letterCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/)

    const [app] = await db.select().from(applications).where(eq(applications.id, applicationId))
    expect(app).toMatchObject({
      status: 'submitted',
      applicantUserId: null,
      applicantName: 'Gerrit de Vries',
      fastTrack: true,
    })
    expect(app!.fastTrackReasons).toContain('age75')
    expect(app!.submissionFileId).not.toBeNull()
    const [reg] = await db.select().from(applicationRegistrations).where(eq(applicationRegistrations.applicationId, applicationId))
    expect(reg).toMatchObject({ channel: 'paper', registeredBy: intake.id })
    // Only a keyed hash of the code is kept, nowhere the code itself.
    expect(JSON.stringify(reg)).not.toContain(letterCode.replace(/-/g, ''))
    const docs = await db
      .select({ key: storedFiles.key, type: storedFiles.contentType })
      .from(applicationDocuments)
      .innerJoin(storedFiles, eq(storedFiles.id, applicationDocuments.fileId))
      .where(eq(applicationDocuments.applicationId, applicationId))
    expect(docs).toEqual([
      {
        key: expect.stringMatching(/^evidence\/registered\//),
        type: 'application/pdf',
      },
    ])
    expect(await storage.head(docs[0]!.key)).toBeTruthy()
    const [logged] = await db.select().from(auditLog).where(eq(auditLog.objectId, applicationId))
    expect(logged).toMatchObject({
      action: 'application.register',
      actorId: intake.id,
    })

    // Wrong, then right (any case, no dashes), then used: the wrong and the used code read the same.
    const wrong = await claim(survivor, 'AAAA-BBBB-CCCC')
    expect(wrong.status).toBe(400)
    expect(wrong.errors?.code).toEqual(['intake:claim.errors.invalid'])
    const right = await claim(survivor, letterCode.toLowerCase().replace(/-/g, ' '))
    expect(right).toMatchObject({ status: 302, location: '/mijn-aanvraag' })
    const again = await claim(other, letterCode)
    expect(again.errors).toEqual(wrong.errors)

    const overview = await getApplicantOverview({ userId: survivor.id })
    expect(overview.map((a) => a.reference)).toEqual([reference])
    expect(await getApplicantOverview({ userId: other.id })).toEqual([])
  })

  it('refuses a scan that is not a PDF or an image, keeps everything typed and leaves nothing in storage', async () => {
    const before = await db.execute(sql`select count(*)::int as n from stored_files`)
    const values = fields()
    const { status, data } = await register(intake, values, {
      bytes: Buffer.from('MZ this is a program, not a scan'.repeat(10)),
      name: 'scan.pdf',
    })
    expect(status).toBe(400)
    const failed = (data as Failed).result
    expect(failed.error?.scan).toEqual(['scheme:evidence.errors.type'])
    expect(failed.initialValue).toMatchObject({
      channel: 'paper',
      harm: { ownWords: NARRATIVE },
      personal: { fullName: 'Gerrit de Vries' },
    })
    expect(await db.execute(sql`select count(*)::int as n from stored_files`)).toEqual(before)
    const [none] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(applications)
      .where(eq(applications.submitToken, values.token!))
    expect(none!.n).toBe(0)

    // Paper without a scan is refused; a phone call has none.
    const noScan = await register(intake, fields(), null)
    expect((noScan.data as Failed).result.error?.scan).toEqual(['intake:errors.scanRequired'])
    const phone = await register(intake, fields({ channel: 'phone', 'personal.bsn': '111222333' }), null)
    expect(phone.status).toBe(200)
  })

  it('validates with the online schemas: a bad BSN or postcode is refused as online', async () => {
    const { status, data } = await register(
      intake,
      fields({
        'personal.bsn': '123456789',
        'personal.postcode': 'nope',
        'harm.ownWords': '',
      })
    )
    expect(status).toBe(400)
    const errors = (data as Failed).result.error ?? {}
    expect(Object.keys(errors).sort()).toEqual(['harm.ownWords', 'personal.bsn', 'personal.postcode'])
  })

  it('registers one application when the same form is sent twice, and the replay gets a fresh code', async () => {
    const values = fields({ 'personal.bsn': '111222333' })
    const [a, b] = await Promise.all([register(intake, values), register(intake, values)])
    const ids = [(a.data as Done).done.applicationId, (b.data as Done).done.applicationId]
    expect(ids[0]).toBe(ids[1])
    const [count] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(applications)
      .where(eq(applications.submitToken, values.token!))
    expect(count!.n).toBe(1)
  })
})

describe('four eyes and the case document', () => {
  it('the registrant may not propose; another assessor proposes, a third confirms; case v2 records the channel', async () => {
    // An assessor may register too: then they are the one who may not propose.
    const { data } = await register(assessor1, fields({ channel: 'phone', 'personal.bsn': '111222333' }), null)
    const { applicationId } = (data as Done).done
    const proposal = { outcome: 'grant' as const, motivation: 'Aannemelijk.' }
    await expect(
      proposeAssessment({
        actor: { id: assessor1.id, roles: ['assessor'] },
        applicationId,
        proposal,
        ip: null,
      })
    ).rejects.toEqual(new AssessmentError('ownRegistration'))
    await proposeAssessment({
      actor: { id: assessor2.id, roles: ['assessor'] },
      applicationId,
      proposal,
      ip: null,
    })
    await confirmAssessment({
      actor: { id: assessor1.id, roles: ['assessor'] },
      applicationId,
      ip: null,
    })

    const [assessment] = await db.select().from(assessments).where(eq(assessments.applicationId, applicationId))
    expect(assessment).toMatchObject({
      status: 'confirmed',
      proposedBy: assessor2.id,
      confirmedBy: assessor1.id,
    })
    const frozen = await db.transaction((tx) =>
      buildFrozenCases({
        applicationId,
        assessment: assessment!,
        caseVersion: 9,
        tx,
      })
    )
    expect(frozen.v2.intake).toMatchObject({
      channel: 'phone',
      receivedOn: expect.any(String),
      enteredBy: { staffRef: expect.stringMatching(/^staff-/) },
    })
    expect(JSON.stringify(frozen.v2)).not.toContain(assessor1.id)
  })

  it('case v2 requires who entered a paper case, and reads a case without the field as online', () => {
    const shape = CaseDocumentV2Schema.innerType().shape.intake
    expect(shape.safeParse(undefined).success).toBe(true)
    expect(shape.safeParse({ channel: 'online' }).success).toBe(true)
    expect(shape.safeParse({ channel: 'fax' }).success).toBe(false)
  })
})

describe('letters for posting', () => {
  it('the status letter says the status in plain words, and the first letter carries the code; both are logged', async () => {
    const { data } = await register(intake, fields({ 'personal.bsn': '111222333' }))
    const { applicationId, reference, letterCode } = (data as Done).done
    const letter = await getStatusLetterData({ applicationId })
    const t = await i18next.getFixedT('nl', 'intake')
    const text = letterParagraphs({
      data: letter!,
      code: letterCode,
      t,
      locale: 'nl',
    })
      .map((p) => p.text)
      .join('\n')
    expect(text).toContain(reference)
    expect(text).toContain(letterCode)
    expect(text).toContain('Een beoordelaar gaat ermee aan de slag')
    expect(text).toContain('Dorpsstraat 3')
    expect(text).not.toContain(NARRATIVE)

    const res = (await letterRoute.loader({
      request: makeRequest(`/beheer/aanvragen/${applicationId}/brief`, {
        cookie: intake.cookie,
      }),
      params: { id: applicationId },
      context: testContext,
    })) as Response
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(0, 4)
        .toString()
    ).toBe('%PDF')
    // The first letter only for the code the page showed.
    const wrongCode = letterRoute.action({
      request: makeRequest(`/beheer/aanvragen/${applicationId}/brief`, {
        cookie: intake.cookie,
        method: 'POST',
        form: { code: 'AAAA-BBBB-CCCC' },
      }),
      params: { id: applicationId },
      context: testContext,
    })
    await expect(wrongCode).rejects.toMatchObject({ status: 404 })
    const logged = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.objectId, applicationId))
    expect(logged.map((l) => l.action)).toContain('application.statusLetter')
  })
})

describe('hostile input', () => {
  it('the registration schema never throws, whatever is posted', () => {
    const value = fc.oneof(fc.string(), fc.constant('__proto__'), fc.constant('\u0000\u202e'), fc.string({ minLength: 5000, maxLength: 6000 }))
    const key = fc.constantFrom('channel', 'receivedOn', 'applicant.kind', 'personal.bsn', 'personal.email', 'harm.ownWords', 'placement.from', '__proto__', 'constructor', 'token')
    fc.assert(
      fc.property(fc.dictionary(key, value), (entries) => {
        const form = new FormData()
        for (const [k, v] of Object.entries(entries)) form.append(k, v)
        const kind = form.get('applicant.kind')
        const parsed = registrationSchemaFor(kind === 'representative' ? 'representative' : 'self').safeParse(Object.fromEntries(form))
        expect(typeof parsed.success).toBe('boolean')
      }),
      { numRuns: 200 }
    )
  })
})
