import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { StatusMessage } from '~/components/forms'
import { PageHeading } from '~/components/layout/page-heading'
import { formatLongDateTime } from '~/utils/format-date'
import { ActionSection, MessageList, TextForm, useClearAfterSend } from './components'
import type { ShareableField } from './schemas'

type SurvivorViewData = {
  status: string
  contactFirstName: string | null
  timeline: Array<{ kind: string; at: string; organisation: string | null }>
  messages: Array<{ id: string; fromSurvivor: boolean; body: string; at: string }>
  proposals: Array<{ id: string; name: string; slug: string; fields: ShareableField[] }>
  shared: Array<{ id: string; name: string; slug: string; fields: ShareableField[]; sharedAt: string | null; consentActive: boolean }>
  open: boolean
}

/**
 * The survivor's side of a request, for the account page and the guest tracking page alike:
 * status in plain words, the contact person's first name, messages, referrals waiting for an
 * answer, what was shared with whom, and withdrawing (one step, like asking).
 */
function SurvivorRequestView({ view, action, messageError }: { view: SurvivorViewData; action?: string; messageError?: string | null }) {
  const { t, i18n } = useTranslation('triage')
  const locale = i18n.language
  const messageForm = useClearAfterSend('message', Boolean(messageError))
  return (
    <>
      <section aria-labelledby="status-title">
        <h2 id="status-title">{t('mine.statusTitle')}</h2>
        <p className="lead">{t(`status.${view.status}.survivor`)}</p>
        <p>{view.contactFirstName ? t('mine.contactPerson', { name: view.contactFirstName }) : t('mine.noContactYet')}</p>
        <ol className="timeline">
          {view.timeline.map((e, i) => (
            <li key={`${e.kind}-${i}`}>
              <span className="muted">{formatLongDateTime(e.at, locale)}</span> {t(`timeline.${e.kind}`, { organisation: e.organisation ?? '' })}
            </li>
          ))}
        </ol>
      </section>

      {view.proposals.length ? (
        <section aria-labelledby="proposals-title" className="notice">
          <h2 id="proposals-title">{t('mine.proposals.title')}</h2>
          {view.proposals.map((p) => (
            <div key={p.id}>
              <p>{t('mine.proposals.intro', { organisation: p.name })}</p>
              <ul>
                {p.fields.map((f) => (
                  <li key={f}>{t(`fields.${f}`)}</li>
                ))}
              </ul>
              <p>{t('consent:purposes.referralShareWithOrganisation.text')}</p>
              <Form method="post" className="form-actions">
                <input type="hidden" name="referralId" value={p.id} />
                <button type="submit" name="intent" value="agreeReferral" className="button button--primary">
                  {t('mine.proposals.agree', { organisation: p.name })}
                </button>
                <button type="submit" name="intent" value="declineReferral" className="button">
                  {t('mine.proposals.decline')}
                </button>
              </Form>
            </div>
          ))}
        </section>
      ) : null}

      <section aria-labelledby="messages-title">
        <h2 id="messages-title">{t('messages.title')}</h2>
        <MessageList
          messages={view.messages}
          survivorReads
          whoOf={(m) => (m.fromSurvivor ? t('messages.fromYou') : t('messages.fromContact', { name: view.contactFirstName ?? t('messages.team') }))}
          dateOf={(iso) => formatLongDateTime(iso, locale)}
        />
        {view.open || view.status === 'inCare' ? (
          <TextForm
            intent="message"
            id="message-body"
            label={t('messages.label')}
            rows={4}
            submit={t('messages.send')}
            error={messageError ? t(messageError) : null}
            primary
            action={action}
            formRef={messageForm}
          />
        ) : null}
      </section>

      <section aria-labelledby="shared-title">
        <h2 id="shared-title">{t('mine.shared.title')}</h2>
        {view.shared.length ? (
          <ul>
            {view.shared.map((s) => (
              <li key={s.id}>
                <strong>{s.name}</strong>{': '}{s.fields.map((f) => t(`fields.${f}`)).join(', ')}
                {s.sharedAt ? ` (${formatLongDateTime(s.sharedAt, locale)})` : null}{' '}
                {s.consentActive ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="referralId" value={s.id} />
                    <button type="submit" name="intent" value="withdrawReferralConsent" className="link-button">
                      {t('mine.shared.withdraw', { organisation: s.name })}
                    </button>
                  </Form>
                ) : (
                  <span>{t('mine.shared.withdrawn')}</span>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('mine.shared.none')}</p>
        )}
      </section>

      {view.open ? <ActionSection id="withdraw" title={t('mine.withdraw.title')} intro={t('mine.withdraw.intro')} intent="withdraw" submit={t('mine.withdraw.submit')} /> : null}
    </>
  )
}

/**
 * The whole page of one request for the survivor: on their account (`back` links to their
 * list, the form posts to this page) and on the guest tracking page alike.
 */
export function SurvivorRequestPage({
  title,
  lead,
  back,
  view,
  done,
  messageError,
  action,
}: {
  title: string
  lead?: string
  back?: { to: string; label: string }
  view: SurvivorViewData
  done: string | null
  messageError?: string | null
  action?: string
}) {
  const { t } = useTranslation('triage')
  return (
    <div className="page">
      <PageHeading back={back} title={title} lead={lead} />
      {done ? <StatusMessage>{t(`mine.done.${done}`)}</StatusMessage> : null}
      <SurvivorRequestView view={view} action={action} messageError={messageError} />
    </div>
  )
}
