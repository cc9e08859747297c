import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { TokenProblem } from './token-status'

type Status = 'ok' | 'expired' | 'used' | 'invalid'

/**
 * A mailed confirmation link opens only a button; the POST uses the link, so mail scanners
 * that open links do not. A dead link says why and where to get a new one.
 */
export function ConfirmLinkPage({ status, retryTo, keys }: { status: Status; retryTo: string; keys: { title: string; lead?: string; submit: string } }) {
  const { t } = useTranslation('account')
  if (status !== 'ok') return <TokenProblem status={status} retryTo={retryTo} />
  return (
    <div className="page">
      <h1>{t(keys.title)}</h1>
      {keys.lead ? <p className="lead">{t(keys.lead)}</p> : null}
      <Form method="post">
        <button type="submit" className="button button--primary">
          {t(keys.submit)}
        </button>
      </Form>
    </div>
  )
}
