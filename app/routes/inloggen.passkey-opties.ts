import type { ActionFunctionArgs } from '@remix-run/node'
import { passkeyOptionsForStep } from '~/auth/second-factor-step.server'

/** WebAuthn options for the second step or a step-up (POST, so no cache or prefetch runs it). */
export async function action({ request }: ActionFunctionArgs) {
  const purpose = new URL(request.url).searchParams.get('doel') === 'stepUp' ? 'stepUp' : 'signIn'
  return Response.json(await passkeyOptionsForStep({ request, purpose }), { headers: { 'Cache-Control': 'no-store' } })
}
