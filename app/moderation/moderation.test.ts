import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { auditLog } from '@db/schema/audit'
import { mailOutbox } from '@db/schema/accounts'
import { moderationEvents, pilloryMarks } from '@db/schema/moderation'
import { stories } from '@db/schema/monument'
import { stopPublisher } from '~/jobs/publisher.server'
import { createPersona, type Persona } from '~/testing/personas.server'
import { ModerationError } from './moderation-step.server'
import { proposeVersion } from './propose-version.server'
import { decideMark, requestChanges, startReview } from './review-steps.server'
import { getStoryForReview } from './story-review.server'
import { createTestStory } from '~/monument/for-moderation-testing.server'

afterAll(async () => {
  await stopPublisher()
  await closeDb()
})

let author: Persona
let moderator: Persona
const actor = () => ({ id: moderator.id, roles: moderator.roles as string[] })

beforeAll(async () => {
  author = await createPersona({ roles: ['survivor'] })
  moderator = await createPersona({ roles: ['moderator'] })
})

const BODY = 'Elke avond kwam groepsleider Wim de Boer langs. Hij belde 06-12345678 als ik huilde.\n\nLater werd het beter.'

describe('review with the pillory guard', () => {
  it('stores the guard marks when review starts, logs the step, and stores each decision with its reason', async () => {
    const story = await createTestStory({ authorId: author.id, title: 'Mijn groep', body: BODY })
    const { marks } = await startReview({ storyId: story.id, actor: actor() })
    expect(marks).toBe(2)

    const rows = await db.select().from(pilloryMarks).where(eq(pilloryMarks.storyId, story.id))
    expect(rows.map((r) => [r.field, r.kind, r.text]).sort()).toEqual([
      ['body', 'phone', '06-12345678'],
      ['body', 'titledName', 'Wim de Boer'],
    ])
    expect(rows.every((r) => BODY.slice(r.start, r.end) === r.text && r.decision === null)).toBe(true)
    const [after] = await db.select({ status: stories.status }).from(stories).where(eq(stories.id, story.id))
    expect(after!.status).toBe('inReview')

    const name = rows.find((r) => r.kind === 'titledName')!
    await expect(decideMark({ storyId: story.id, markRowId: name.id, decision: 'redact', reason: '  ', actor: actor() })).rejects.toBeInstanceOf(ModerationError)
    await decideMark({ storyId: story.id, markRowId: name.id, decision: 'redact', reason: 'naam van een medewerker', actor: actor() })
    const [decided] = await db.select().from(pilloryMarks).where(eq(pilloryMarks.id, name.id))
    expect(decided).toMatchObject({ decision: 'redact', reason: 'naam van een medewerker', decidedBy: moderator.id })
    expect(decided!.decidedAt).toBeInstanceOf(Date)

    const events = await db.select().from(moderationEvents).where(eq(moderationEvents.storyId, story.id))
    expect(events.map((e) => e.action).sort()).toEqual(['decideMark', 'startReview'])
    const logged = await db.select().from(auditLog).where(eq(auditLog.objectId, story.id))
    expect(logged.map((l) => l.action).sort()).toEqual(['story.decideMark', 'story.startReview'])
    expect(logged.every((l) => l.subjectId === author.id && l.actorId === moderator.id)).toBe(true)
  })

  it('refuses to propose a version until every mark is decided, then applies exactly the redactions', async () => {
    const story = await createTestStory({ authorId: author.id, title: 'Over juf Annie', body: BODY, contentNote: 'Over geweld.' })
    await startReview({ storyId: story.id, actor: actor() })
    const rows = await db.select().from(pilloryMarks).where(eq(pilloryMarks.storyId, story.id))
    expect(rows.map((r) => `${r.field}:${r.text}`).sort()).toEqual(['body:06-12345678', 'body:Wim de Boer', 'title:Annie'])

    await decideMark({ storyId: story.id, markRowId: rows.find((r) => r.text === 'Wim de Boer')!.id, decision: 'redact', reason: 'medewerker', actor: actor() })
    await expect(proposeVersion({ storyId: story.id, actor: actor() })).rejects.toMatchObject({ messageKey: 'errors.undecidedMarks' })
    const [still] = await db.select().from(stories).where(eq(stories.id, story.id))
    expect(still).toMatchObject({ status: 'inReview', publishedBody: null })

    await decideMark({ storyId: story.id, markRowId: rows.find((r) => r.text === '06-12345678')!.id, decision: 'redact', reason: 'privé nummer', actor: actor() })
    await decideMark({ storyId: story.id, markRowId: rows.find((r) => r.text === 'Annie')!.id, decision: 'keep', reason: 'de schrijver zelf', actor: actor() })
    await proposeVersion({ storyId: story.id, actor: actor() })

    const [proposed] = await db.select().from(stories).where(eq(stories.id, story.id))
    expect(proposed!.status).toBe('awaitingAuthor')
    expect(proposed!.publishedTitle).toBe('Over juf Annie')
    expect(proposed!.publishedBody).toBe(
      'Elke avond kwam groepsleider [naam weggelaten] langs. Hij belde [telefoonnummer weggelaten] als ik huilde.\n\nLater werd het beter.',
    )
    expect(proposed!.publishedContentNote).toBe('Over geweld.')
    // The author hears that something changed (no content in the mail).
    const mails = await db.select().from(mailOutbox).where(eq(mailOutbox.userId, author.id))
    expect(mails.some((m) => m.template === 'statusChanged' && !m.text?.includes('Wim'))).toBe(true)
    // Moderators never publish: proposing again or from here is refused.
    await expect(proposeVersion({ storyId: story.id, actor: actor() })).rejects.toMatchObject({ messageKey: 'errors.wrongStatus' })
  })

  it('requests changes with a note for the author, and shows consent state to the moderator with the view logged', async () => {
    const story = await createTestStory({ authorId: author.id, body: 'Niets bijzonders.' })
    await startReview({ storyId: story.id, actor: actor() })
    await expect(requestChanges({ storyId: story.id, note: '', actor: actor() })).rejects.toMatchObject({ messageKey: 'errors.noteRequired' })
    await requestChanges({ storyId: story.id, note: 'Wil je de naam van de school weglaten?', actor: actor() })
    const review = await getStoryForReview({ storyId: story.id, actor: actor() })
    expect(review!.story.status).toBe('changesRequested')
    expect(review!.events[0]).toMatchObject({ action: 'requestChanges', note: 'Wil je de naam van de school weglaten?' })
    expect(review!.consent.find((c) => c.purpose === 'monument.publishPublic')).toEqual({ purpose: 'monument.publishPublic', granted: false })
    const views = await db.select().from(auditLog).where(eq(auditLog.action, 'story.view'))
    expect(views.some((v) => v.objectId === story.id && v.subjectId === author.id && v.purpose === 'moderation')).toBe(true)
  })
})

describe('the staff home', () => {
  it('counts reports past their 48-hour clock for moderators only', async () => {
    const { loader } = await import('~/routes/beheer._index')
    const { createPersona, makeRequest, testContext } = await import('~/testing/personas.server')
    const { storyReports } = await import('@db/schema/moderation')
    const moderator = await createPersona({ roles: ['moderator'] })
    const triage = await createPersona({ roles: ['triage'] })
    const before = (await loader({ request: makeRequest('/beheer', { cookie: moderator.cookie }), params: {}, context: testContext })).overdueReports ?? 0
    const [story] = await db.insert(stories).values({ slug: `v-overdue-${Date.now()}` }).returning({ id: stories.id })
    await db.insert(storyReports).values({ storyId: story!.id, reason: 'privacy', dueAt: new Date(Date.now() - 60_000) } as typeof storyReports.$inferInsert)
    const after = (await loader({ request: makeRequest('/beheer', { cookie: moderator.cookie }), params: {}, context: testContext })).overdueReports
    expect(after).toBe(before + 1)
    const forTriage = await loader({ request: makeRequest('/beheer', { cookie: triage.cookie }), params: {}, context: testContext })
    expect(forTriage.overdueReports).toBeNull()
  })
})
