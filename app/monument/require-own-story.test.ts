import { afterAll, describe, expect, it } from 'vitest'
import { closeDb } from '@db/client.server'
import { createPersona, makeRequest, testContext } from '~/testing/personas.server'
import { requireOwnStory } from './require-own-story.server'
import { createStory } from './stories.server'

afterAll(() => closeDb())

async function thrown(promise: Promise<unknown>) {
  return promise.then(
    () => null,
    (e: unknown) => (e instanceof Response ? e.status : e),
  )
}

describe('requireOwnStory', () => {
  it("gives the author their story, and answers 404 for another survivor's, a malformed or a missing id", async () => {
    const a = await createPersona({ roles: ['survivor'] })
    const b = await createPersona({ roles: ['survivor'] })
    const story = await createStory({ authorId: a.id })
    const as = (p: { cookie: string }, storyId: string | undefined) =>
      requireOwnStory({ request: makeRequest(`/mijn-verhalen/${storyId}`, { cookie: p.cookie }), context: testContext, storyId })

    const own = await as(a, story.id)
    expect(own.story.id).toBe(story.id)
    expect(own.ctx.user.id).toBe(a.id)
    expect(await thrown(as(b, story.id))).toBe(404)
    expect(await thrown(as(a, 'not-a-uuid'))).toBe(404)
    expect(await thrown(as(a, undefined))).toBe(404)
  })

  it('sends someone without a session to sign in, and refuses staff', async () => {
    const story = await createStory({ authorId: (await createPersona({ roles: ['survivor'] })).id })
    const moderator = await createPersona({ roles: ['moderator'] })
    expect(await thrown(requireOwnStory({ request: makeRequest(`/mijn-verhalen/${story.id}`), context: testContext, storyId: story.id }))).toBe(302)
    expect(await thrown(requireOwnStory({ request: makeRequest(`/mijn-verhalen/${story.id}`, { cookie: moderator.cookie }), context: testContext, storyId: story.id }))).toBe(403)
  })
})
