import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

/** What went wrong with a link, and how to get a new one. */
export function TokenProblem({ status, retryTo }: { status: 'expired' | 'used' | 'invalid' | 'exists'; retryTo: string }) {
  const { t } = useTranslation('account')
  return (
    <div className="page">
      <h1>{t(`links.${status}.title`)}</h1>
      <p className="lead">{t(`links.${status}.body`)}</p>
      <p>
        <Link to={retryTo}>{t('links.getNew')}</Link>
      </p>
    </div>
  )
}
