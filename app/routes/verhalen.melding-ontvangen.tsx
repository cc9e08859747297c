import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { getPageTitle } from '~/i18n/meta.server'
import { titleMeta } from '~/utils/meta'

export const handle = { i18n: ['moderation'] }
export const meta = titleMeta

export async function loader({ request }: LoaderFunctionArgs) {
  const hidden = new URL(request.url).searchParams.get('verborgen') === 'ja'
  return { hidden, title: await getPageTitle(request, 'report.thanks.title', 'moderation') }
}

/** The reporter's acknowledgement, shown at once after a report. */
export default function ReportReceived() {
  const { t } = useTranslation('moderation')
  const { hidden } = useLoaderData<typeof loader>()
  return (
    <div className="page">
      <h1>{t('report.thanks.title')}</h1>
      <div className="status-message" role="status">
        <p>{t('report.thanks.received')}</p>
        <p>{hidden ? t('report.thanks.hidden') : t('report.thanks.review')}</p>
      </div>
      <p>{t('report.thanks.contact')}</p>
      <p>
        <Link to="/verhalen">{t('report.thanks.back')}</Link>
      </p>
    </div>
  )
}
