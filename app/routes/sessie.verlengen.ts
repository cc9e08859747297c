import type { ActionFunctionArgs } from '@remix-run/node'
import { extendSession } from '~/auth/session.server'

/** Keeps a session alive when the person chooses to stay signed in. */
export async function action({ request }: ActionFunctionArgs) {
  const extended = await extendSession(request)
  return Response.json({ extended }, { status: extended ? 200 : 401, headers: { 'Cache-Control': 'no-store' } })
}
