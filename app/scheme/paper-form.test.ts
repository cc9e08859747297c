import { afterAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { closeDb } from '@db/client.server'
import { loader as paperFormLoader } from '~/routes/regeling.formulier[.]pdf'
import { i18next, languageCookie } from '~/i18n/i18next.server'
import type { Lng } from '~/i18n/config'
import {
  ApplicantPartSchema,
  ConversationPartSchema,
  DeclarationsPartSchema,
  EvidenceDoneSchema,
  EvidenceUploadSchema,
  HarmPartSchema,
  personalPartSchemaFor,
  PlacementSchema,
  SurvivorPartSchema,
} from './application-form'
import { PARTS, type Part } from './application-pages'
import { paperFormModel, paperFormTexts } from './paper-form'
import { renderPaperFormPdf } from './paper-form-pdf.server'
import { JEUGDZORG_DEMO_2026 } from './schemes'

afterAll(() => closeDb())

/**
 * The online application, page by page, as its zod schemas (what the server accepts). A new
 * field in one of them is a new online question; typing this as Record<Part, …> makes a new
 * page a compile error here until its schema is listed. The file field of an evidence upload
 * is read from the multipart body, not the schema, so it is named here.
 */
const ONLINE: Record<Part, { schemas: z.ZodTypeAny[]; extra?: string[] }> = {
  applicant: { schemas: [ApplicantPartSchema] },
  survivor: { schemas: [SurvivorPartSchema] },
  personal: { schemas: [personalPartSchemaFor('representative')] },
  placements: { schemas: [PlacementSchema] },
  harm: { schemas: [HarmPartSchema] },
  evidence: { schemas: [EvidenceUploadSchema, EvidenceDoneSchema], extra: ['file'] },
  conversation: { schemas: [ConversationPartSchema] },
  declarations: { schemas: [DeclarationsPartSchema] },
}

/** The field names of a page's schema, through refinements, transforms and pipes. */
function fieldsOf(schema: z.ZodTypeAny): string[] {
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape as object)
  if (schema instanceof z.ZodEffects) return fieldsOf(schema.innerType())
  if (schema instanceof z.ZodPipeline) return fieldsOf(schema._def.in)
  throw new Error(`Cannot read the fields of ${schema.constructor.name}`)
}

function onlineQuestions(): Array<{ part: Part; field: string }> {
  return PARTS.flatMap((part) => [...ONLINE[part].schemas.flatMap(fieldsOf), ...(ONLINE[part].extra ?? [])].map((field) => ({ part, field })))
}

/**
 * Text extraction from an uncompressed pdfkit PDF: the glyph ids in each page's TJ operators,
 * mapped back to Unicode through the embedded fonts' ToUnicode maps; artifacts (boxes, page
 * numbers) left out, as a screen reader would.
 */
function extractText(pdf: Buffer): string {
  const source = pdf.toString('latin1')
  const objects = new Map<string, string>()
  for (const m of source.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) objects.set(m[1]!, m[2]!)
  const streamOf = (id: string) => /stream\r?\n([\s\S]*?)\r?\nendstream/.exec(objects.get(id) ?? '')?.[1] ?? ''
  const cmapOf = (id: string) => {
    const map = new Map<number, string>()
    for (const m of streamOf(id).matchAll(/<([0-9a-f]{4})> <([0-9a-f]{4})> \[([^\]]*)\]/gi)) {
      const start = parseInt(m[1]!, 16)
      ;[...m[3]!.matchAll(/<([0-9a-f ]*)>/gi)].forEach((e, i) => {
        const units = e[1]!.split(' ').filter(Boolean).map((h) => parseInt(h, 16))
        map.set(start + i, String.fromCharCode(...units))
      })
    }
    return map
  }
  const fonts = new Map<string, Map<number, string>>()
  const pages = [...objects.values()].filter((o) => /\/Type \/Page\b/.test(o))
  let text = ''
  for (const page of pages) {
    const resourcesRef = /\/Resources (\d+) 0 R/.exec(page)?.[1]
    const resources = resourcesRef ? (objects.get(resourcesRef) ?? '') : page
    for (const m of resources.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
      if (fonts.has(m[1]!)) continue
      const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(objects.get(m[2]!) ?? '')?.[1]
      if (toUnicode) fonts.set(m[1]!, cmapOf(toUnicode))
    }
    const contents = /\/Contents (\d+) 0 R/.exec(page)?.[1]
    let font: Map<number, string> | undefined
    // Marked content as a stack: true for an artifact, false for tagged content.
    const marked: boolean[] = []
    const re = /\/(F\d+) [\d.]+ Tf|\[((?:<[0-9a-f]*>|[-\d.\s])*)\] TJ|\/(\w+)(?:\s*<<[^>]*>>)?\s*(?:BMC|BDC)|\bEMC\b/gi
    for (const m of streamOf(contents ?? '').matchAll(re)) {
      if (m[1]) font = fonts.get(m[1])
      else if (m[3]) marked.push(m[3] === 'Artifact')
      else if (m[0] === 'EMC') marked.pop()
      else if (m[2] !== undefined && !marked.includes(true) && font) {
        const hex = [...m[2].matchAll(/<([0-9a-f]*)>/gi)].map((h) => h[1]).join('')
        for (let i = 0; i < hex.length; i += 4) text += font.get(parseInt(hex.slice(i, i + 4), 16)) ?? '\uFFFD'
        text += '\n'
      }
    }
  }
  return text
}

const squash = (s: string) => s.replace(/\s+/g, '')

async function model(lng: Lng) {
  const t = await i18next.getFixedT(lng, ['scheme', 'facets', 'consent'])
  return paperFormModel({ scheme: JEUGDZORG_DEMO_2026, t, lng })
}

describe('the paper form', () => {
  it('asks every question of the online application, on the same page', async () => {
    const form = await model('nl')
    const onPaper = new Set(form.steps.flatMap((s) => s.questions.map((q) => `${s.part}.${q.field}`)))
    const missing = onlineQuestions()
      .map((q) => `${q.part}.${q.field}`)
      .filter((key) => !onPaper.has(key))
    expect(missing, 'These online questions are not on the paper form (app/scheme/paper-form.ts)').toEqual([])
    expect(form.steps.map((s) => s.part)).toEqual([...PARTS])
  })

  it('fails for a question that exists online only (the check itself works)', () => {
    const withNew = z.object({ wish: z.string(), newQuestion: z.string() }).refine(() => true)
    expect(fieldsOf(withNew)).toContain('newQuestion')
  })

  it('offers every option the online pages offer: placement kinds, harm kinds, evidence types, the fast track', async () => {
    const form = await model('nl')
    const options = (part: Part, field: string) => form.steps.find((s) => s.part === part)!.questions.find((q) => q.field === field)!.options!.map((o) => o.label)
    expect(options('placements', 'kind')).toEqual(expect.arrayContaining(['Pleeggezin', 'Gesloten jeugdzorg', 'Adoptie', 'Iets anders']))
    expect(options('placements', 'kind')).toHaveLength(JEUGDZORG_DEMO_2026.placementKinds.length + 2)
    expect(options('harm', 'kinds')).toHaveLength(JEUGDZORG_DEMO_2026.harmKinds.length)
    expect(options('evidence', 'type')).toContain('Brief van een arts')
    const conversation = form.steps.find((s) => s.part === 'conversation')!
    expect(conversation.questions.find((q) => q.field === 'seriouslyIll')?.label).toBe('Ik ben ernstig ziek')
    expect(conversation.questions.find((q) => q.field === 'seriouslyIll')?.hint).toContain('75 jaar')
  })

  for (const lng of ['nl', 'en'] as const) {
    it(`puts every question, hint and option of the model in the PDF as real text (${lng})`, async () => {
      const form = await model(lng)
      const text = squash(extractText(await renderPaperFormPdf({ scheme: JEUGDZORG_DEMO_2026, lng, compress: false })))
      expect(text.length).toBeGreaterThan(5000)
      const absent = paperFormTexts(form).filter((s) => !text.includes(squash(s)))
      expect(absent).toEqual([])
      // No text is left untranslated (a raw key would show as e.g. "paperForm.title").
      expect(text).not.toMatch(/paperForm\.|fastTrack\.|\uFFFD/)
    }, 60_000)
  }

  it('is a tagged A4 PDF with the document language, a title and a structure tree', async () => {
    const pdf = (await renderPaperFormPdf({ scheme: JEUGDZORG_DEMO_2026, lng: 'en', compress: false })).toString('latin1')
    expect(pdf.startsWith('%PDF-1.7')).toBe(true)
    expect(pdf).toContain('/StructTreeRoot')
    expect(pdf).toContain('/Marked true')
    expect(pdf).toContain('/Lang (en-GB)')
    expect(pdf).toContain('/DisplayDocTitle true')
    expect(pdf).toContain('(Application form financial scheme youth care')
    for (const tag of ['/H1', '/H2', '/H3', '/L', '/LI', '/LBody', '/P']) expect(pdf).toContain(`/S ${tag}`)
    expect(pdf).toContain('/Artifact')
  }, 60_000)

  it('says in the extraction what the applicant sees: the Dutch title and part headings in order', async () => {
    const text = extractText(await renderPaperFormPdf({ scheme: JEUGDZORG_DEMO_2026, lng: 'nl', compress: false }))
    const at = (s: string) => squash(text).indexOf(squash(s))
    expect(at('Aanvraagformulier op papier')).toBeGreaterThanOrEqual(0)
    expect(at('Deel 1 van 8: Wie vraagt aan')).toBeLessThan(at('Deel 8 van 8: Verklaring'))
    expect(at('Deel 8 van 8: Verklaring')).toBeLessThan(at('Ondertekenen'))
  }, 60_000)
})

describe('/regeling/formulier.pdf', () => {
  const get = (path: string, headers: Record<string, string> = {}) =>
    paperFormLoader({ request: new Request(`http://localhost:3000${path}`, { headers }), params: {}, context: { cspNonce: 't', clientIp: '127.0.0.1' } }) as Promise<Response>

  it('downloads the open scheme’s form in Dutch, in English with ?lang=en or the language cookie', async () => {
    const nl = await get('/regeling/formulier.pdf', { 'Accept-Language': 'nl-NL' })
    expect(nl.status).toBe(200)
    expect(nl.headers.get('Content-Type')).toBe('application/pdf')
    expect(nl.headers.get('Content-Disposition')).toMatch(/^attachment; filename="aanvraagformulier-[a-z0-9-]+\.pdf"$/)
    expect(nl.headers.get('Content-Language')).toBe('nl')
    expect(Buffer.from(await nl.arrayBuffer()).subarray(0, 8).toString('latin1')).toBe('%PDF-1.7')
    expect((await get('/regeling/formulier.pdf?lang=en')).headers.get('Content-Language')).toBe('en')
    const cookie = (await languageCookie.serialize('en')).split(';')[0]!
    expect((await get('/regeling/formulier.pdf', { Cookie: cookie, 'Accept-Language': 'nl-NL' })).headers.get('Content-Language')).toBe('en')
    // An unknown or hostile language falls back to Dutch.
    expect((await get('/regeling/formulier.pdf?lang=__proto__')).headers.get('Content-Language')).toBe('nl')
    expect((await get(`/regeling/formulier.pdf?lang=${'x'.repeat(5000)}`)).status).toBe(200)
  }, 60_000)
})
