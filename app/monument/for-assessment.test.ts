import { randomUUID } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { users } from '@db/schema/accounts'
import { stories, type Story } from '@db/schema/monument'
import { grantConsent } from '~/consent/consent.server'
import { listResearchStoriesAt } from './for-assessment.server'

afterAll(() => closeDb())

async function author() {
  const [user] = await db
    .insert(users)
    .values({ email: `author-${Math.random().toString(36).slice(2)}@test.local`, displayName: 'Auteur', kind: 'survivor', emailVerifiedAt: new Date() })
    .returning({ id: users.id })
  return user!.id
}

async function story({ institutionName, status = 'published', decades = ['1970s'], research = true }: { institutionName: string; status?: Story['status']; decades?: string[]; research?: boolean }) {
  const authorId = await author()
  const [row] = await db.insert(stories).values({ authorId, slug: randomUUID(), status, institutionName, decades, publishedTitle: `Over ${institutionName}` }).returning({ id: stories.id })
  if (research) await grantConsent({ subjectRef: authorId, userId: authorId, objectType: 'story', objectId: row!.id, purpose: 'monument.research', locale: 'nl', channel: 'web' })
  return row!.id
}

describe('stories an assessor may see next to a case', () => {
  it('the same institution and decades, approved or published, with research consent only', async () => {
    const name = `Huize ${Math.random().toString(36).slice(2)}`
    const shown = await story({ institutionName: name })
    await story({ institutionName: name, research: false })
    await story({ institutionName: name, status: 'draft' })
    await story({ institutionName: name, decades: ['1990s'] })
    const found = await listResearchStoriesAt({ institutionNames: [name.toUpperCase()], decades: ['1970s'] })
    expect(found).toEqual([{ id: shown, title: `Over ${name}`, decades: ['1970s'] }])
    expect(JSON.stringify(found)).not.toContain('authorId')
    expect(await listResearchStoriesAt({ institutionNames: [], decades: ['1970s'] })).toEqual([])
  })
})
