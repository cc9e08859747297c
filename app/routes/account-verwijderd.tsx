import type { LoaderFunctionArgs } from '@remix-run/node'
import { useTranslation } from 'react-i18next'
import { getPageTitle } from '~/i18n/meta.server'
import { titleMeta } from '~/utils/meta'

export const handle = { i18n: ['account'] }
export const meta = titleMeta

export async function loader({ request }: LoaderFunctionArgs) {
  return { title: await getPageTitle(request, 'delete.doneTitle', 'account') }
}

export default function AccountDeleted() {
  const { t } = useTranslation('account')
  return (
    <div className="page">
      <h1>{t('delete.doneTitle')}</h1>
      <p className="lead">{t('delete.doneBody')}</p>
    </div>
  )
}
