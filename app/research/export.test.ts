import type { Readable } from 'node:stream'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { auditLog } from '@db/schema/audit'
import { stories } from '@db/schema/monument'
import { pilloryMarks } from '@db/schema/moderation'
import { researchDeletionNotices, researchProjects } from '@db/schema/research'
import { grantConsent, withdrawConsent } from '~/consent/consent.server'
import { stopPublisher } from '~/jobs/publisher.server'
import { proposeVersion } from '~/moderation/propose-version.server'
import { decideMark, startReview } from '~/moderation/review-steps.server'
import { createTestStory } from '~/monument/for-moderation-testing.server'
import { createPersona, type Persona } from '~/testing/personas.server'
import { readZipTexts } from '~/testing/zip'
import { createResearchExport } from './export.server'
import { acknowledgeDeletionNotice, listDeletionNotices, sweepDeletionNotices } from './notices.server'
import { createResearchProject, ResearchError } from './projects.server'
import { listOwnResearchInclusions } from './survivor-view.server'

afterAll(async () => {
  await stopPublisher()
  await closeDb()
})

async function readZip(stream: Readable): Promise<Record<string, string>> {
  const chunks: Buffer[] = []
  for await (const c of stream) chunks.push(c as Buffer)
  return readZipTexts(Buffer.concat(chunks))
}

/** A small RFC 4180 parser (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(cell)
      cell = ''
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      i++
    } else cell += ch
  }
  return rows
}

async function csvExport(researcher: Persona, projectId: string) {
  const result = await createResearchExport({ researcher: { id: researcher.id, roles: researcher.roles }, projectId, format: 'csv' })
  const files = await readZip(result.stream)
  const [header, ...rows] = parseCsv(files['stories.csv']!)
  const objects = rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])) as Record<string, string>)
  return { ...result, files, rows: objects }
}

let admin: Persona
let researcher: Persona
let otherResearcher: Persona
let author: Persona
let moderator: Persona
const consentedIds: string[] = []
let markedStoryId: string
let projectA: string
let projectB: string

const BODY = 'Elke avond kwam groepsleider Wim de Boer langs. Hij belde 06-12345678 als ik huilde.'

async function consent(storyId: string, subject = author.id) {
  await grantConsent({ subjectRef: subject, userId: subject, objectType: 'story', objectId: storyId, purpose: 'monument.research', locale: 'nl', channel: 'web' })
}

beforeAll(async () => {
  admin = await createPersona({ roles: ['admin'] })
  researcher = await createPersona({ roles: ['researcher'] })
  otherResearcher = await createPersona({ roles: ['researcher'] })
  author = await createPersona({ roles: ['survivor'] })
  moderator = await createPersona({ roles: ['moderator'] })
  const facets = { decades: ['1970s'], settings: ['residentialGroup'], region: 'utrecht', institutionName: 'Huize Zonnestraal' }
  for (let i = 0; i < 8; i++) {
    const s = await createTestStory({ authorId: author.id, status: 'published', title: `Verhaal ${i}`, body: `Tekst ${i}`, ...facets })
    await consent(s.id)
    consentedIds.push(s.id)
  }
  // A story through the real pillory guard: the staff member's name is marked and redacted.
  const marked = await createTestStory({ authorId: author.id, title: 'Mijn groep', body: BODY, ...facets })
  await startReview({ storyId: marked.id, actor: { id: moderator.id, roles: moderator.roles } })
  for (const m of await db.select().from(pilloryMarks).where(eq(pilloryMarks.storyId, marked.id))) {
    await decideMark({ storyId: marked.id, markRowId: m.id, decision: 'redact', reason: 'derde', actor: { id: moderator.id, roles: moderator.roles } })
  }
  await proposeVersion({ storyId: marked.id, actor: { id: moderator.id, roles: moderator.roles } })
  await db.update(stories).set({ status: 'published', publishedAt: new Date() }).where(eq(stories.id, marked.id))
  await consent(marked.id)
  markedStoryId = marked.id
  consentedIds.push(marked.id)
  const formula = await createTestStory({ authorId: author.id, status: 'published', title: '@SUM(1)', body: '=HYPERLINK("http://evil.example","klik")', ...facets })
  await consent(formula.id)
  consentedIds.push(formula.id)
  // Not exportable: no research consent; a draft; a grant by someone who is not the author; a lone facet combination.
  await createTestStory({ authorId: author.id, status: 'published', title: 'Zonder toestemming', body: 'Niet voor onderzoek.', ...facets })
  const draft = await createTestStory({ authorId: author.id, status: 'draft', title: 'Concept', body: 'Nog niet af.', ...facets })
  await consent(draft.id)
  const foreign = await createTestStory({ authorId: author.id, status: 'published', title: 'Vreemde toestemming', body: 'Niet van mij.', ...facets })
  await consent(foreign.id, moderator.id)

  const base = { organisation: 'Universiteit Utrecht', purpose: 'Leren van verhalen.', ethicsReference: 'METC-2026-001', dataUseAgreementOn: '2026-01-15', endsOn: '2099-12-31' }
  projectA = (await createResearchProject({ admin: { id: admin.id, roles: admin.roles }, input: { ...base, title: 'Project A', researchers: [researcher.id] } })).id
  projectB = (await createResearchProject({ admin: { id: admin.id, roles: admin.roles }, input: { ...base, title: 'Project B', researchers: [researcher.id] } })).id
})

describe('a researcher exports research-consented stories', () => {
  it('holds only consented, published stories by their authors, redacted, without names, k-anonymous, with a README', async () => {
    const { rows, files, storyCount } = await csvExport(researcher, projectA)
    expect(storyCount).toBe(consentedIds.length)
    expect(rows).toHaveLength(consentedIds.length)
    const texts = rows.map((r) => r.text).join('\n')
    expect(texts).not.toContain('Wim de Boer')
    expect(texts).not.toContain('06-12345678')
    expect(texts).toContain('[naam weggelaten]')
    expect(texts).not.toContain('Niet voor onderzoek')
    expect(texts).not.toContain('Nog niet af')
    expect(texts).not.toContain('Niet van mij')
    const all = JSON.stringify(rows)
    expect(all).not.toContain(author.id)
    expect(all).not.toContain(`Test survivor`)
    const groups = new Map<string, number>()
    for (const r of rows) groups.set([r.decade, r.setting, r.region, r.institution].join('|'), (groups.get([r.decade, r.setting, r.region, r.institution].join('|')) ?? 0) + 1)
    for (const n of groups.values()) expect(n).toBeGreaterThanOrEqual(5)
    expect(rows[0]).toMatchObject({ decade: '1970s', setting: 'residentialGroup', region: 'utrecht', institution: 'huize zonnestraal' })
    expect(files['README.md']).toContain('k = 5')
    expect(files['README.md']).toContain('Project A')
    expect(Object.keys(files).sort()).toEqual(['README.md', 'stories.csv'])
  })

  it('makes formula cells harmless in the CSV', async () => {
    const { rows } = await csvExport(researcher, projectA)
    expect(rows.map((r) => r.text)).toContain(`'=HYPERLINK("http://evil.example","klik")`)
    expect(rows.map((r) => r.title)).toContain(`'@SUM(1)`)
  })

  it('gives the same story the same pseudonym within a project and another one in another project; JSON too', async () => {
    const a1 = (await csvExport(researcher, projectA)).rows.map((r) => r.pseudonym).sort()
    const a2 = (await csvExport(researcher, projectA)).rows.map((r) => r.pseudonym).sort()
    const b = (await csvExport(researcher, projectB)).rows.map((r) => r.pseudonym)
    expect(a1).toEqual(a2)
    expect(a1.every((p) => /^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/.test(p ?? ""))).toBe(true)
    expect(b.filter((p) => a1.includes(p))).toEqual([])
    const json = await createResearchExport({ researcher: { id: researcher.id, roles: researcher.roles }, projectId: projectB, format: 'json' })
    const lines = (await readZip(json.stream))['stories.jsonl']!.trim().split('\n').map((l) => JSON.parse(l) as { pseudonym: string; text: string })
    expect(lines.map((l) => l.pseudonym).sort()).toEqual([...b].sort())
  })

  it('logs every export in the access log and shows the survivor where their story went', async () => {
    const { exportId } = await csvExport(researcher, projectA)
    const logged = await db.select().from(auditLog).where(and(eq(auditLog.action, 'research.export'), eq(auditLog.objectId, exportId)))
    expect(logged).toHaveLength(1)
    expect(logged[0]!.actorId).toBe(researcher.id)
    const seen = await listOwnResearchInclusions({ authorId: author.id })
    expect(seen.some((s) => s.projectTitle === 'Project A' && s.organisation === 'Universiteit Utrecht' && s.storyId === markedStoryId)).toBe(true)
    expect(seen.some((s) => s.storyTitle === 'Zonder toestemming')).toBe(false)
  })
})

describe('refusals', () => {
  it('refuses a researcher who is not on the project (404) and an ended or unapproved project (403)', async () => {
    await expect(createResearchExport({ researcher: { id: otherResearcher.id, roles: otherResearcher.roles }, projectId: projectA, format: 'csv' })).rejects.toMatchObject({ status: 404 })
    const [ended] = await db
      .insert(researchProjects)
      .values({ title: 'Afgelopen', organisation: 'X', purpose: 'Y', ethicsReference: 'E', dataUseAgreementOn: '2025-01-01', endsOn: '2025-12-31', pseudonymSalt: 'salt' })
      .returning()
    const { researchProjectResearchers } = await import('@db/schema/research')
    await db.insert(researchProjectResearchers).values({ projectId: ended!.id, userId: researcher.id })
    await expect(createResearchExport({ researcher: { id: researcher.id, roles: researcher.roles }, projectId: ended!.id, format: 'csv' })).rejects.toMatchObject({ status: 403, messageKey: 'errors.inactive' })
    const unapproved = await createResearchProject({
      admin: { id: admin.id, roles: admin.roles },
      input: { title: 'Zonder ethiek', organisation: 'X', purpose: 'Y', ethicsReference: null, dataUseAgreementOn: null, endsOn: '2099-01-01', researchers: [researcher.id] },
    })
    await expect(createResearchExport({ researcher: { id: researcher.id, roles: researcher.roles }, projectId: unapproved.id, format: 'csv' })).rejects.toBeInstanceOf(ResearchError)
    await expect(
      createResearchProject({ admin: { id: admin.id, roles: admin.roles }, input: { title: 'T', organisation: 'O', purpose: 'P', ethicsReference: null, dataUseAgreementOn: null, endsOn: '2099-01-01', researchers: [moderator.id] } }),
    ).rejects.toMatchObject({ messageKey: 'errors.researchers' })
  })
})

describe('withdrawal', () => {
  it('leaves the story out of the next export and gives every project that received it a deletion notice', async () => {
    const before = await csvExport(researcher, projectA)
    const beforeB = await csvExport(researcher, projectB)
    const gone = consentedIds[0]!
    await withdrawConsent({ subjectRef: author.id, userId: author.id, objectType: 'story', objectId: gone, purpose: 'monument.research', locale: 'nl', channel: 'web' })
    const after = await csvExport(researcher, projectA)
    expect(after.rows).toHaveLength(before.rows.length - 1)
    expect(after.rows.map((r) => r.text)).not.toContain('Tekst 0')
    const lost = before.rows.find((r) => r.text === 'Tekst 0')!.pseudonym!
    const lostB = beforeB.rows.find((r) => r.text === 'Tekst 0')!.pseudonym!
    // Idempotent: a second sweep adds nothing.
    await sweepDeletionNotices()
    expect(await sweepDeletionNotices()).toBe(0)
    const notices = await listDeletionNotices({ userId: researcher.id, all: false })
    expect(notices.filter((n) => n.pseudonym === lost && n.projectId === projectA)).toHaveLength(1)
    expect(notices.filter((n) => n.pseudonym === lostB && n.projectId === projectB)).toHaveLength(1)
    expect(await listDeletionNotices({ userId: otherResearcher.id, all: false })).toEqual([])

    const notice = notices.find((n) => n.pseudonym === lost)!
    await expect(acknowledgeDeletionNotice({ researcher: { id: otherResearcher.id, roles: otherResearcher.roles }, noticeId: notice.id })).rejects.toMatchObject({ status: 404 })
    await acknowledgeDeletionNotice({ researcher: { id: researcher.id, roles: researcher.roles }, noticeId: notice.id })
    const [row] = await db.select().from(researchDeletionNotices).where(eq(researchDeletionNotices.id, notice.id))
    expect(row!.acknowledgedBy).toBe(researcher.id)
  })
})
