import { parseWithZod } from '@conform-to/zod'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb } from '@db/client.server'
import { createPersona, makeRequest, testContext, type Persona } from '~/testing/personas.server'
import { action as exportAction } from '~/routes/beheer.onderzoek.export'
import { action as newProjectAction } from '~/routes/beheer.onderzoek.projecten.nieuw'
import { loader as researchPage } from '~/routes/beheer.onderzoek._index'
import { ResearchProjectFormSchema } from './project-form'
import { createResearchProject } from './projects.server'

afterAll(() => closeDb())

let admin: Persona
let researcher: Persona
let outsider: Persona
beforeAll(async () => {
  admin = await createPersona({ roles: ['admin'] })
  researcher = await createPersona({ roles: ['researcher'] })
  outsider = await createPersona({ roles: ['researcher'] })
})

async function status(run: () => Promise<unknown>) {
  try {
    const r = await run()
    return r instanceof Response ? r.status : ((r as { init?: { status?: number } }).init?.status ?? 200)
  } catch (e) {
    if (e instanceof Response) return e.status
    throw e
  }
}

const VALID = { title: 'Project', organisation: 'UU', purpose: 'Leren.', ethicsReference: 'METC-1', dataUseAgreementOn: '2026-01-01', endsOn: '2099-01-01' }

describe('project registration form, hostile input', () => {
  it('never throws and never lets a control character through (fast-check over the schema)', () => {
    const hostile = fc.oneof(fc.string(), fc.constant('\u0000'), fc.constant('__proto__'), fc.constant('x'.repeat(100_000)), fc.constant('2026-13-45'))
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('title', 'organisation', 'purpose', 'ethicsReference', 'dataUseAgreementOn', 'endsOn', 'researchers', '__proto__'), hostile), (fields) => {
        const form = new FormData()
        for (const [k, v] of Object.entries(fields)) form.append(k, v)
        const result = parseWithZod(form, { schema: ResearchProjectFormSchema })
        if (result.status === 'success') expect(JSON.stringify(result.value)).not.toMatch(/\\u0000/)
      }),
      { seed: 20261207, numRuns: 300 },
    )
  })

  it('answers bad input with 400 and field errors (nothing lost), a foreign researcher id with 400, good input with a redirect', async () => {
    const bad = await newProjectAction({ request: makeRequest('/beheer/onderzoek/projecten/nieuw', { method: 'POST', cookie: admin.cookie, form: { ...VALID, title: '\u0000', endsOn: 'morgen', researchers: researcher.id } }), params: {}, context: testContext })
    expect(await status(async () => bad)).toBe(400)
    const reply = (bad as unknown as { data: { result: { error: Record<string, string[]>; initialValue: Record<string, string> } } }).data.result
    expect(reply.error.endsOn).toEqual(['research:errors.date'])
    expect(reply.initialValue.purpose).toBe('Leren.')
    const foreign = await newProjectAction({ request: makeRequest('/beheer/onderzoek/projecten/nieuw', { method: 'POST', cookie: admin.cookie, form: { ...VALID, researchers: admin.id } }), params: {}, context: testContext })
    expect(await status(async () => foreign)).toBe(400)
    expect(await status(() => newProjectAction({ request: makeRequest('/beheer/onderzoek/projecten/nieuw', { method: 'POST', cookie: admin.cookie, form: { ...VALID, researchers: researcher.id } }), params: {}, context: testContext }))).toBe(302)
    expect(await status(() => newProjectAction({ request: makeRequest('/beheer/onderzoek/projecten/nieuw', { method: 'POST', cookie: researcher.cookie, form: { ...VALID, researchers: researcher.id } }), params: {}, context: testContext }))).toBe(403)
  })
})

describe('export route', () => {
  it('streams a zip to a researcher on an active project, sends anyone else back with a message, and refuses a tampered form', async () => {
    const project = await createResearchProject({ admin: { id: admin.id, roles: admin.roles }, input: { ...VALID, researchers: [researcher.id] } })
    const ok = (await exportAction({ request: makeRequest('/beheer/onderzoek/export', { method: 'POST', cookie: researcher.cookie, form: { projectId: project.id, format: 'json' } }), params: {}, context: testContext })) as Response
    expect(ok.status).toBe(200)
    expect(ok.headers.get('Content-Type')).toBe('application/zip')
    expect(Buffer.from(await ok.arrayBuffer()).subarray(0, 2).toString()).toBe('PK')
    const other = (await exportAction({ request: makeRequest('/beheer/onderzoek/export', { method: 'POST', cookie: outsider.cookie, form: { projectId: project.id, format: 'csv' } }), params: {}, context: testContext })) as Response
    expect(other.status).toBe(302)
    expect(other.headers.get('Location')).toBe('/beheer/onderzoek?fout=notOnProject')
    expect(await status(() => exportAction({ request: makeRequest('/beheer/onderzoek/export', { method: 'POST', cookie: researcher.cookie, form: { projectId: "'; drop table x", format: 'xls' } }), params: {}, context: testContext }))).toBe(400)
    const page = (await researchPage({ request: makeRequest('/beheer/onderzoek', { cookie: researcher.cookie }), params: {}, context: testContext })) as { data: { projects: Array<{ id: string; exports: unknown[] }> } }
    expect(page.data.projects.find((p) => p.id === project.id)!.exports).toHaveLength(1)
  })
})
