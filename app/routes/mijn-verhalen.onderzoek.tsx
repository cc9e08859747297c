import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { requireSurvivor } from '~/auth/guards.server'
import { getPageTitle } from '~/i18n/meta.server'
import { listOwnResearchInclusions } from '~/research/survivor-view.server'
import { SurvivorResearchView } from '~/research/survivor-view'
import { titleMeta } from '~/utils/meta'

export const handle = { i18n: ['research'] }
export const meta = titleMeta

/** Where the survivor's stories went for research: project, organisation, purpose, date. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireSurvivor(request, context)
  const rows = await listOwnResearchInclusions({ authorId: ctx.user.id })
  return {
    rows: rows.map((r) => ({ key: `${r.exportId}:${r.storyId}`, storyId: r.storyId, storyTitle: r.storyTitle, projectTitle: r.projectTitle, organisation: r.organisation, purpose: r.purpose, exportedAt: r.exportedAt.toISOString() })),
    title: await getPageTitle(request, 'survivor.title', 'research'),
  }
}

export default function MyStoriesInResearch() {
  const { rows } = useLoaderData<typeof loader>()
  return <SurvivorResearchView rows={rows} />
}
