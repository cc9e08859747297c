import { eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { moderationEvents, pilloryMarks, storyReports } from '@db/schema/moderation'
import { listPersonalDataRegistrations } from '~/privacy/data-registry.server'
import { createPersona } from '~/testing/personas.server'
import { startReview } from './review-steps.server'
import { createReport } from './reports.server'
import { createTestStory } from '~/monument/for-moderation-testing.server'
import './personal-data.server'

afterAll(() => closeDb())

const section = () => listPersonalDataRegistrations().find((r) => r.name === 'moderation')!

describe('moderation personal data', () => {
  it("exports a signed-in reporter's reports with their contact, and erases what points to them", async () => {
    const author = await createPersona({ roles: ['survivor'] })
    const reporter = await createPersona({ roles: ['survivor'] })
    const story = await createTestStory({ authorId: author.id, status: 'published' })
    await createReport({ slug: story.slug, reader: { survivor: true }, reason: 'privacy', details: 'Mijn naam staat erin', contact: 'ik@example.nl', reporterId: reporter.id })

    const exported = (await section().exportFor({ userId: reporter.id, tx: db })) as { reportsMade: Array<{ contact: string; details: string }> }
    expect(exported.reportsMade).toMatchObject([{ reason: 'privacy', contact: 'ik@example.nl', details: 'Mijn naam staat erin' }])

    await section().eraseFor({ userId: reporter.id, tx: db })
    const [report] = await db.select().from(storyReports).where(eq(storyReports.storyId, story.id))
    expect(report).toMatchObject({ reporterId: null, contactEncrypted: null, detailsEncrypted: null, reason: 'privacy' })
  })

  it("erases the guard's marks (third parties' names) and the moderation history with the author's stories", async () => {
    const author = await createPersona({ roles: ['survivor'] })
    const moderator = await createPersona({ roles: ['moderator'] })
    const story = await createTestStory({ authorId: author.id, body: 'Meneer Jansen sloeg ons.' })
    await startReview({ storyId: story.id, actor: { id: moderator.id, roles: ['moderator'] } })
    expect(await db.select().from(pilloryMarks).where(eq(pilloryMarks.storyId, story.id))).toHaveLength(1)

    const exported = (await section().exportFor({ userId: author.id, tx: db })) as { moderationOfMyStories: Array<{ action: string }> }
    expect(exported.moderationOfMyStories.map((e) => e.action)).toEqual(['startReview'])
    await section().eraseFor({ userId: author.id, tx: db })
    expect(await db.select().from(pilloryMarks).where(eq(pilloryMarks.storyId, story.id))).toEqual([])
    expect(await db.select().from(moderationEvents).where(eq(moderationEvents.storyId, story.id))).toEqual([])
  })
})
