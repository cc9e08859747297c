import { afterAll, describe, expect, it } from 'vitest'
import { closeDb } from '@db/client.server'
import { action } from '~/routes/beheer.triage.$id'
import { createPersona, makeRequest, testContext } from '~/testing/personas.server'
import { createTestRequest } from './testing.server'

afterAll(() => closeDb())

describe('the triage worker page', () => {
  it('hands a refused message back with its text, so nothing typed is lost', async () => {
    const worker = await createPersona({ roles: ['triage'] })
    const request = await createTestRequest({ userId: null })
    const body = 'Goedemiddag, ik bel u morgen na 19 uur.'
    // Nobody took the request yet: only its fixed contact person may write.
    const result = (await action({
      request: makeRequest(`/beheer/triage/${request.id}`, { cookie: worker.cookie, method: 'POST', form: { intent: 'message', body } }),
      params: { id: request.id },
      context: testContext,
    })) as { data: { problem: string; intent: string; body: string }; init: { status: number } }
    expect(result.init.status).toBe(403)
    expect(result.data).toMatchObject({ problem: 'notContact', intent: 'message', body })
  })
})
