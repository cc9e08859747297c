import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireSurvivor } from '~/auth/guards.server'
import { streamOwnAudio } from '~/life-stories/own.server'

/** The survivor's own life-story audio, the original file; `?download=1` saves it. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireSurvivor(request, context)
  const download = new URL(request.url).searchParams.has('download')
  const response = await streamOwnAudio({ userId: ctx.user.id, id: params.id ?? '', range: request.headers.get('range'), download })
  if (!response) throw new Response('Not found', { status: 404 })
  return response
}
