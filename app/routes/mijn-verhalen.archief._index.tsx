import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { OwnArchiveView } from '~/archive/own-archive-view'
import { loadOwnArchive } from '~/archive/ui-own.server'
import { requireSurvivor } from '~/auth/guards.server'
import { PageHeading } from '~/components/layout/page-heading'
import { getPageTitle } from '~/i18n/meta.server'
import { OwnLifeStories } from '~/life-stories/own-life-stories'
import { listOwnLifeStories } from '~/life-stories/own.server'
import { titleMeta } from '~/utils/meta'

export const handle = { i18n: ['archive', 'lifeStories'] }
export const meta = titleMeta

/** The survivor's own stories in the archive: theirs only, by construction (the query takes their id). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireSurvivor(request, context)
  const [rows, lifeStories] = await Promise.all([loadOwnArchive({ userId: ctx.user.id }), listOwnLifeStories({ userId: ctx.user.id })])
  return { rows, lifeStories, title: await getPageTitle(request, 'own.title', 'archive') }
}

export default function OwnArchive() {
  const { t } = useTranslation('archive')
  const { rows, lifeStories } = useLoaderData<typeof loader>()
  return (
    <div className="page">
      <PageHeading back={{ to: '/mijn-verhalen', label: t('own.back') }} title={t('own.title')} lead={t('own.lead')} />
      <OwnArchiveView rows={rows} lifeStories={<OwnLifeStories stories={lifeStories} />} />
    </div>
  )
}
