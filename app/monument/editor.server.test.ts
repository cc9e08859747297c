import { afterAll, describe, expect, it } from 'vitest'
import { closeDb } from '@db/client.server'
import { action, loader } from '~/routes/mijn-verhalen.$id._index'
import { action as newAction } from '~/routes/mijn-verhalen.nieuw'
import { createPersona, makeRequest, testContext } from '~/testing/personas.server'
import { getOwnStory } from './stories.server'

afterAll(() => closeDb())

async function run<T>(fn: () => Promise<T>): Promise<T | Response> {
  try {
    return await fn()
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
}

type Reply = { data: { result?: { initialValue?: Record<string, unknown>; error?: Record<string, string[]> }; revision?: number }; init: { status: number } }

describe('the story editor route', () => {
  it('creates a draft by POST, saves a step, and keeps the typed text on a validation error', async () => {
    const a = await createPersona({ roles: ['survivor'] })
    const created = (await run(() => newAction({ request: makeRequest('/mijn-verhalen/nieuw', { cookie: a.cookie, method: 'POST' }), params: {}, context: testContext }))) as Response
    expect(created.status).toBe(302)
    const id = /\/mijn-verhalen\/([^?]+)/.exec(created.headers.get('Location')!)![1]!

    const save = (form: Record<string, string>) =>
      run(() => action({ request: makeRequest(`/mijn-verhalen/${id}?stap=verhaal`, { cookie: a.cookie, method: 'POST', form }), params: { id }, context: testContext }))

    const ok = (await save({ intent: 'saveAndContinue', step: 'verhaal', revision: '0', title: 'Mijn titel', body: 'Eerste alinea.' })) as Response
    expect(ok.status).toBe(302)
    expect(ok.headers.get('Location')).toContain('stap=details')
    expect((await getOwnStory({ authorId: a.id, storyId: id }))!.body).toBe('Eerste alinea.')

    const longTitle = 'x'.repeat(201)
    const refused = (await save({ intent: 'save', step: 'verhaal', revision: '1', title: longTitle, body: 'Een lange tekst die ik niet kwijt wil.' })) as unknown as Reply
    expect(refused.init.status).toBe(400)
    expect(refused.data.result!.error!.title).toEqual(['monument:editor.errors.titleTooLong'])
    expect(refused.data.result!.initialValue).toMatchObject({ title: longTitle, body: 'Een lange tekst die ik niet kwijt wil.' })
    expect((await getOwnStory({ authorId: a.id, storyId: id }))!.body).toBe('Eerste alinea.')

    // A stale revision: refused, the text comes back with the current revision to save again.
    const stale = (await save({ intent: 'save', step: 'verhaal', revision: '0', title: 'Andere tab', body: 'Tekst uit een andere tab.' })) as unknown as Reply
    expect(stale.init.status).toBe(409)
    expect(stale.data.revision).toBe(1)
    expect(stale.data.result!.initialValue).toMatchObject({ body: 'Tekst uit een andere tab.' })
    const again = (await save({ intent: 'save', step: 'verhaal', revision: String(stale.data.revision), title: 'Andere tab', body: 'Tekst uit een andere tab.' })) as Response
    expect(again.status).toBe(302)
    expect((await getOwnStory({ authorId: a.id, storyId: id }))!.body).toBe('Tekst uit een andere tab.')

    const autosave = (await save({ intent: 'autosave', step: 'details', revision: '2', decades: '1970s', institutionName: 'Huize Test' })) as unknown as { data: { autosaved: boolean; revision: number } }
    expect(autosave.data).toMatchObject({ autosaved: true, revision: 3 })
    expect((await getOwnStory({ authorId: a.id, storyId: id }))!.decades).toEqual(['1970s'])

    const pseudonymMissing = (await save({ intent: 'save', step: 'weergave', revision: '3', displayMode: 'pseudonym' })) as unknown as Reply
    expect(pseudonymMissing.data.result!.error!.pseudonym).toEqual(['monument:editor.errors.pseudonymRequired'])
  })

  it("answers 404 to survivor B for A's draft, and sends an expired session to sign in and back", async () => {
    const a = await createPersona({ roles: ['survivor'] })
    const b = await createPersona({ roles: ['survivor'] })
    const created = (await run(() => newAction({ request: makeRequest('/mijn-verhalen/nieuw', { cookie: a.cookie, method: 'POST' }), params: {}, context: testContext }))) as Response
    const id = /\/mijn-verhalen\/([^?]+)/.exec(created.headers.get('Location')!)![1]!
    const asB = (await run(() => loader({ request: makeRequest(`/mijn-verhalen/${id}`, { cookie: b.cookie }), params: { id }, context: testContext }))) as Response
    expect(asB.status).toBe(404)
    const postB = (await run(() => action({ request: makeRequest(`/mijn-verhalen/${id}`, { cookie: b.cookie, method: 'POST', form: { intent: 'delete', confirm: 'yes' } }), params: { id }, context: testContext }))) as Response
    expect(postB.status).toBe(404)
    expect(await getOwnStory({ authorId: a.id, storyId: id })).not.toBeNull()

    const signedOut = (await run(() => action({ request: makeRequest(`/mijn-verhalen/${id}?stap=verhaal`, { method: 'POST', form: { intent: 'save' } }), params: { id }, context: testContext }))) as Response
    expect(signedOut.status).toBe(302)
    expect(signedOut.headers.get('Location')).toBe(`/inloggen?redirectTo=${encodeURIComponent(`/mijn-verhalen/${id}?stap=verhaal`)}`)
  })
})
