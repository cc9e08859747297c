import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { listDevMailbox } from '~/mail/mail.server'
import { getEnv } from '~/utils/env.server'
import { getPageTitle } from '~/i18n/meta.server'
import { titleMeta } from '~/utils/meta'
import { formatDateTime } from '~/utils/format-date'

export const handle = { i18n: ['account'] }
export const meta = titleMeta

/** Development only: the mailbox that stands in for SMTP. 404 in production. */
export async function loader({ request }: LoaderFunctionArgs) {
  if (getEnv().APP_ENV === 'production' || getEnv().SMTP_URL) throw new Response('Not found', { status: 404 })
  const mails = await listDevMailbox()
  return {
    mails: mails.map((m) => ({ id: m.id, to: m.toAddress, subject: m.subject, text: m.text ?? '', status: m.status, at: m.createdAt })),
    title: await getPageTitle(request, 'devMail.title', 'account'),
  }
}

export default function DevMail() {
  const { t, i18n } = useTranslation('account')
  const { mails } = useLoaderData<typeof loader>()
  return (
    <div className="page">
      <h1>{t('devMail.title')}</h1>
      <p className="lead">{t('devMail.lead')}</p>
      {mails.map((m) => (
        <article key={m.id} className="card" aria-label={m.subject}>
          <h2>{m.subject}</h2>
          <p className="muted">
            {t('devMail.meta', { to: m.to, at: formatDateTime(m.at, i18n.language), status: m.status })}
          </p>
          <pre className="mail-body">{m.text}</pre>
        </article>
      ))}
    </div>
  )
}
