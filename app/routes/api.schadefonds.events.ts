import type { ActionFunctionArgs } from '@remix-run/node'
import { receiveSchadefondsEvent } from '~/assessment/inbound.server'

// Server-to-server: no session, no CSRF token; the Standard Webhooks signature is the
// authentication (checked with replay protection in the module).
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== 'POST') return Response.json({ error: 'methodNotAllowed' }, { status: 405 })
  const result = await receiveSchadefondsEvent({ headers: request.headers, body: await request.text() })
  return Response.json(result.error ? { error: result.error } : { ok: true }, { status: result.status })
}

export function loader() {
  return Response.json({ error: 'methodNotAllowed' }, { status: 405 })
}
