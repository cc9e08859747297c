import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { requireStaff } from '~/auth/guards.server'
import { getPageTitle } from '~/i18n/meta.server'
import { requireResearchArea } from '~/research/guards.server'
import { acknowledgeDeletionNotice } from '~/research/notices.server'
import { loadResearchPage } from '~/research/page.server'
import { AcknowledgeNoticeSchema } from '~/research/project-form'
import { ResearchError } from '~/research/projects.server'
import { ResearchPage } from '~/research/research-page'
import { titleMeta } from '~/utils/meta'
import { clientIp } from '~/utils/request.server'

export const handle = { i18n: ['research', 'validation'] }
export const meta = titleMeta

const DONE = new Set(['registered', 'acknowledged'])
const FAILED = new Set(['inactive', 'notOnProject', 'stale'])

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { ctx, isAdmin } = await requireResearchArea(request, context)
  const params = new URL(request.url).searchParams
  return {
    data: await loadResearchPage({ userId: ctx.user.id, isAdmin }),
    done: DONE.has(params.get('klaar') ?? '') ? params.get('klaar') : null,
    failed: FAILED.has(params.get('fout') ?? '') ? params.get('fout') : null,
    title: await getPageTitle(request, 'title', 'research'),
  }
}

/** A researcher confirms a deletion notice. */
export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireStaff(request, context, 'research.export')
  const form = await request.formData().catch(() => null)
  const parsed = AcknowledgeNoticeSchema.safeParse(form ? Object.fromEntries(form) : {})
  if (!parsed.success) return new Response('Bad request', { status: 400 })
  try {
    await acknowledgeDeletionNotice({ researcher: { id: ctx.user.id, roles: [...ctx.user.roles] }, noticeId: parsed.data.noticeId, ip: clientIp(context) })
  } catch (e) {
    if (e instanceof ResearchError) return new Response('Not found', { status: e.status })
    throw e
  }
  return redirect('/beheer/onderzoek?klaar=acknowledged')
}

export default function Research() {
  const { data, done, failed } = useLoaderData<typeof loader>()
  return <ResearchPage data={data} done={done} failed={failed} />
}
