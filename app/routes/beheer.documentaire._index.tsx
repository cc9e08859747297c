import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CuratorHome } from '~/documentary/curator-home'
import { loadCuratorHome, requireCurator } from '~/documentary/staff.server'
import { getPageTitle } from '~/i18n/meta.server'
import { titleMeta } from '~/utils/meta'

export const handle = { i18n: ['documentary'] }
export const meta = titleMeta

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireCurator(request, context)
  return { ...(await loadCuratorHome()), title: await getPageTitle(request, 'staff.home.title', 'documentary') }
}

export default function DocumentaryCuratorHome() {
  const { t } = useTranslation('documentary')
  const data = useLoaderData<typeof loader>()
  return (
    <div className="page page--wide">
      <h1>{t('staff.home.title')}</h1>
      <p className="lead">{t('staff.home.lead')}</p>
      <p>
        <Link to="/beheer/documentaire/nieuw" className="button button--primary">
          {t('staff.home.new')}
        </Link>
      </p>
      <CuratorHome figures={data.figures} chapters={data.chapters} notices={data.notices} />
    </div>
  )
}
