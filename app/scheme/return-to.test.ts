import { afterAll, describe, expect, it } from 'vitest'
import { closeDb } from '@db/client.server'
import { createPersona, makeRequest, testContext, type Persona } from '~/testing/personas.server'
import * as step from '../routes/regeling.aanvraag.$stap'
import { returnTarget } from './return-to'
import { fillInApplication } from './testing.server'

afterAll(() => closeDb())

const post = (p: Persona, slug: string, form: Record<string, string>, query = '') =>
  step.action({ request: makeRequest(`/regeling/aanvraag/${slug}${query}`, { cookie: p.cookie, method: 'POST', form }), params: { stap: slug }, context: testContext }) as Promise<Response>

describe('"Change" on the check page', () => {
  it('reads only a known name as where to return, never a path or an address', () => {
    expect(returnTarget(new URLSearchParams('terug=controleren'))).toBe('/regeling/aanvraag/controleren')
    expect(returnTarget(new URLSearchParams('terug=https://evil.example/'))).toBeNull()
    expect(returnTarget(new URLSearchParams('terug=//evil.example'))).toBeNull()
    expect(returnTarget(new URLSearchParams('terug=/account'))).toBeNull()
    expect(returnTarget(new URLSearchParams('terug=__proto__'))).toBeNull()
    expect(returnTarget(new URLSearchParams(''))).toBeNull()
  })

  it('returns to the check page after saving a changed answer; without it the next page follows', async () => {
    const p = await createPersona({ roles: ['survivor'] })
    await fillInApplication({ userId: p.id })
    const changed = await post(p, 'gesprek', { wish: 'yes', intent: 'continue' }, '?terug=controleren')
    expect(changed.headers.get('Location')).toBe('/regeling/aanvraag/controleren')
    const onward = await post(p, 'gesprek', { wish: 'yes', intent: 'continue' })
    expect(onward.headers.get('Location')).toBe('/regeling/aanvraag/verklaring')
    const foreign = await post(p, 'gesprek', { wish: 'yes', intent: 'continue' }, '?terug=https://evil.example/')
    expect(foreign.headers.get('Location')).toBe('/regeling/aanvraag/verklaring')
    // A placement added from the check page keeps the way back on the placements page.
    const added = await post(
      p,
      'plaatsingen',
      { intent: 'add', from: '1976', kind: 'fosterFamily', place: 'Pleeggezin', municipality: 'Ede', inNetherlands: 'yes' },
      '?terug=controleren',
    )
    expect(added.headers.get('Location')).toBe('/regeling/aanvraag/plaatsingen?toegevoegd=1&terug=controleren')
    expect((await post(p, 'plaatsingen', { intent: 'continue' }, '?terug=controleren')).headers.get('Location')).toBe('/regeling/aanvraag/controleren')
  })

  it('goes on to the new questions when the change makes someone a representative', async () => {
    const p = await createPersona({ roles: ['survivor'] })
    await fillInApplication({ userId: p.id })
    const form = new FormData()
    for (const [k, v] of Object.entries({ kind: 'representative', survivorName: 'Kees', intent: 'continue' })) form.append(k, v)
    form.append('authorisation', new File([], '', { type: 'application/octet-stream' }))
    const request = new Request('http://localhost:3000/regeling/aanvraag/wie-vraagt-aan?terug=controleren', { method: 'POST', body: form, headers: { Cookie: p.cookie } })
    const res = (await step.action({ request, params: { stap: 'wie-vraagt-aan' }, context: testContext })) as Response
    expect(res.headers.get('Location')).toBe('/regeling/aanvraag/persoon-om-wie-het-gaat')
  })
})
