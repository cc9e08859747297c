import { eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { mailOutbox } from '@db/schema/accounts'
import { storyReports } from '@db/schema/moderation'
import { createPersona } from '~/testing/personas.server'
import { remindModeratorsOfDueReports } from './reports.server'
import { createTestStory } from '~/monument/for-moderation-testing.server'

afterAll(() => closeDb())

const HOUR = 3600_000

describe('reminding moderators of reports nearly due', () => {
  it('mails each moderator once, without content, 12 hours before a report is due', async () => {
    const moderator = await createPersona({ roles: ['moderator'] })
    const author = await createPersona({ roles: ['survivor'] })
    const story = await createTestStory({ authorId: author.id, status: 'published', title: 'Een verhaal met een naam erin' })
    const now = new Date()
    const [soon] = await db.insert(storyReports).values({ storyId: story.id, reason: 'identifies', dueAt: new Date(now.getTime() + 10 * HOUR) }).returning()
    await db.insert(storyReports).values({ storyId: story.id, reason: 'other', dueAt: new Date(now.getTime() + 30 * HOUR) })
    await db.insert(storyReports).values({ storyId: story.id, reason: 'other', status: 'decided', decision: 'keep', dueAt: new Date(now.getTime() - HOUR) })

    expect(await remindModeratorsOfDueReports({ now })).toBe(1)
    const mails = await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, moderator.email))
    expect(mails).toHaveLength(1)
    expect(mails[0]!.template).toBe('reportsDue')
    expect(mails[0]!.text).toContain('/beheer/meldingen')
    expect(mails[0]!.text).not.toContain('Een verhaal met een naam erin')
    expect(await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, author.email))).toHaveLength(0)
    const [row] = await db.select().from(storyReports).where(eq(storyReports.id, soon!.id))
    expect(row!.remindedAt).not.toBeNull()

    // Once per report: the next run has nothing new; 20 hours later the second report is due soon.
    expect(await remindModeratorsOfDueReports({ now })).toBe(0)
    expect(await remindModeratorsOfDueReports({ now: new Date(now.getTime() + 20 * HOUR) })).toBe(1)
    expect(await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, moderator.email))).toHaveLength(2)
  })
})
