import { and, eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { handoffOutbox } from '@db/schema/assessment'
import { auditLog } from '@db/schema/audit'
import { consentEvents } from '@db/schema/consent'
import { stories } from '@db/schema/monument'
import { getCaseForAssessor } from '~/assessment/case-view.server'
import { confirmAssessment, proposeAssessment } from '~/assessment/four-eyes.server'
import { caseDocumentForEndpoint } from '~/assessment/case-document/build-case-v2.server'
import { sha256Hex } from '~/assessment/case-document/case-parts.server'
import { grantConsent, withdrawConsent } from '~/consent/consent.server'
import { decryptField } from '~/privacy/field-crypto.server'
import { createPersona, type Persona } from '~/testing/personas.server'
import { getApplicationDraft } from './application-draft.server'
import { getOpenScheme } from './scheme-registry.server'
import { listOwnStories, saveHarmPart } from './story-use.server'
import { submitApplication } from './submit-application.server'
import { CaseDocumentV2Schema } from '~/assessment/case-document/case-document-v2'
import { fillInApplication } from './testing.server'

afterAll(() => closeDb())

const MODERATED = 'Ik was negen toen ik naar het tehuis ging. [naam verwijderd] sloeg ons als we praatten.'

async function storiesOf(p: Persona) {
  const [reviewed] = await db
    .insert(stories)
    .values({ authorId: p.id, slug: `r-${p.id}`, title: 'Eigen titel', body: 'Ik was negen. Meneer Jansen sloeg ons.', publishedTitle: 'Het tehuis', publishedBody: MODERATED })
    .returning()
  const [draft] = await db.insert(stories).values({ authorId: p.id, slug: `d-${p.id}`, title: 'Nog niet klaar', body: 'Concept' }).returning()
  return { reviewed: reviewed!, draft: draft! }
}

const useEvents = (p: Persona) =>
  db.select().from(consentEvents).where(and(eq(consentEvents.subjectRef, p.id), eq(consentEvents.purpose, 'monument.useInSchemeApplication')))

describe('tell once: the monument story in the application', () => {
  it('offers only stories with a reviewed text, showing exactly that text', async () => {
    const p = await createPersona({ roles: ['survivor'] })
    const { reviewed } = await storiesOf(p)
    expect(await listOwnStories({ userId: p.id })).toEqual([{ id: reviewed.id, title: 'Het tehuis', text: MODERATED, consentGrantedAt: null }])
  })

  it("asks the story's own consent once: ticking it here writes that ledger consent, and a story that has it is not asked again", async () => {
    const p = await createPersona({ roles: ['survivor'] })
    const { reviewed, draft } = await storiesOf(p)
    const schemeId = (await getOpenScheme())!.id
    const ids = { userId: p.id, schemeId, locale: 'nl' as const }
    expect(await saveHarmPart({ ...ids, value: { mode: 'story', kinds: [], storyId: draft.id, storyConsent: 'on' } })).toEqual({ ok: false, error: 'storyNotFound' })
    expect(await saveHarmPart({ ...ids, value: { mode: 'story', kinds: [], storyId: reviewed.id } })).toEqual({ ok: false, error: 'storyConsent' })
    expect(await saveHarmPart({ ...ids, value: { mode: 'story', kinds: [], storyId: reviewed.id, storyConsent: 'on' } })).toEqual({ ok: true })
    const events = await useEvents(p)
    expect(events).toEqual([expect.objectContaining({ objectType: 'story', objectId: reviewed.id, action: 'grant' })])
    // Saved again (or a second visit): the story already has the consent, nothing more is recorded.
    expect(await saveHarmPart({ ...ids, value: { mode: 'story', kinds: ['physical'], storyId: reviewed.id } })).toEqual({ ok: true })
    expect(await useEvents(p)).toHaveLength(1)
    const [appConsent] = await db.select().from(consentEvents).where(and(eq(consentEvents.subjectRef, p.id), eq(consentEvents.purpose, 'scheme.useMonumentStory')))
    expect(appConsent).toBeUndefined()
    expect((await listOwnStories({ userId: p.id }))[0]!.consentGrantedAt).not.toBeNull()
  })

  it('freezes the consented text at submission; the assessor reads it (logged) and the fund receives it with its consent and fingerprint', async () => {
    const p = await createPersona({ roles: ['survivor'] })
    const { reviewed } = await storiesOf(p)
    await grantConsent({ subjectRef: p.id, userId: p.id, objectType: 'story', objectId: reviewed.id, purpose: 'monument.useInSchemeApplication', locale: 'nl', channel: 'web' })
    const ids = await fillInApplication({ userId: p.id })
    await saveHarmPart({ ...ids, locale: 'nl', value: { mode: 'story', kinds: ['physical'], ownWords: 'Wat ik kwijt wil.', storyId: reviewed.id } })
    expect((await getApplicationDraft({ userId: p.id })).storyText).toBe(MODERATED)
    const submitted = await submitApplication({ userId: p.id, submitToken: `story-${p.id}`, locale: 'nl' })
    if (!submitted.ok) throw new Error(submitted.error)
    // Edited after submission: what was shared stays what was shared.
    await db.update(stories).set({ publishedBody: 'Een latere versie.' }).where(eq(stories.id, reviewed.id))

    const [a1, a2] = await Promise.all([createPersona({ roles: ['assessor'] }), createPersona({ roles: ['assessor'] })])
    const view = await getCaseForAssessor({ actor: { id: a1.id, roles: a1.roles }, applicationId: submitted.applicationId, ip: null })
    expect(view.story).toMatchObject({ title: 'Het tehuis', text: MODERATED, withdrawn: false })
    const logged = await db.select().from(auditLog).where(and(eq(auditLog.actorId, a1.id), eq(auditLog.action, 'application.viewStory')))
    expect(logged).toHaveLength(1)

    await proposeAssessment({ actor: { id: a1.id, roles: a1.roles }, applicationId: submitted.applicationId, proposal: { outcome: 'grant', motivation: 'Aannemelijk.' }, ip: null })
    const { outboxId } = await confirmAssessment({ actor: { id: a2.id, roles: a2.roles }, applicationId: submitted.applicationId, ip: null })
    const [row] = await db.select().from(handoffOutbox).where(eq(handoffOutbox.id, outboxId))
    const doc = CaseDocumentV2Schema.parse(await caseDocumentForEndpoint(JSON.parse(decryptField(row!.payloadEncrypted)), 'v2'))
    expect(doc.narrative).toMatchObject({ source: 'monumentStory', text: MODERATED, sha256: sha256Hex(MODERATED), storyId: reviewed.id, addition: 'Wat ik kwijt wil.' })
    expect(doc.narrative?.consent).toMatchObject({ purpose: 'monument.useInSchemeApplication', textVersion: 'monument.useInSchemeApplication@2026-12-07' })
  })

  it('after the consent is withdrawn the assessor no longer reads the story, and a case confirmed then carries only what was written', async () => {
    const p = await createPersona({ roles: ['survivor'] })
    const { reviewed } = await storiesOf(p)
    const ids = await fillInApplication({ userId: p.id })
    await saveHarmPart({ ...ids, locale: 'nl', value: { mode: 'story', kinds: ['physical'], ownWords: 'Wat ik kwijt wil.', storyId: reviewed.id, storyConsent: 'on' } })
    const submitted = await submitApplication({ userId: p.id, submitToken: `story-w-${p.id}`, locale: 'nl' })
    if (!submitted.ok) throw new Error(submitted.error)
    await withdrawConsent({ subjectRef: p.id, userId: p.id, objectType: 'story', objectId: reviewed.id, purpose: 'monument.useInSchemeApplication', locale: 'nl', channel: 'web' })
    const [a1, a2] = await Promise.all([createPersona({ roles: ['assessor'] }), createPersona({ roles: ['assessor'] })])
    const view = await getCaseForAssessor({ actor: { id: a1.id, roles: a1.roles }, applicationId: submitted.applicationId, ip: null })
    expect(view.story).toMatchObject({ text: null, withdrawn: true })
    await proposeAssessment({ actor: { id: a1.id, roles: a1.roles }, applicationId: submitted.applicationId, proposal: { outcome: 'grant', motivation: 'Aannemelijk.' }, ip: null })
    const { outboxId } = await confirmAssessment({ actor: { id: a2.id, roles: a2.roles }, applicationId: submitted.applicationId, ip: null })
    const [row] = await db.select().from(handoffOutbox).where(eq(handoffOutbox.id, outboxId))
    const doc = CaseDocumentV2Schema.parse(await caseDocumentForEndpoint(JSON.parse(decryptField(row!.payloadEncrypted)), 'v2'))
    expect(doc.narrative).toEqual({ source: 'written', text: 'Wat ik kwijt wil.', sha256: sha256Hex('Wat ik kwijt wil.') })
    expect(JSON.stringify(doc)).not.toContain('tehuis')
  })
})
