import type { ActionFunctionArgs } from '@remix-run/node'
import { passkeyOptionsForEnrolment } from '~/auth/enrolment.server'

/** WebAuthn registration options for the signed-in person (POST only). */
export async function action({ request }: ActionFunctionArgs) {
  return Response.json(await passkeyOptionsForEnrolment(request), { headers: { 'Cache-Control': 'no-store' } })
}
