import { Form, useNavigation } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { ShareableField } from './schemas'
import { formatLongDateTime } from '~/utils/format-date'

/** 113 and 112, shown at once when someone says they are in danger; nothing is queued before this. */
export function CrisisNow({ headingId = 'crisis-now-title' }: { headingId?: string }) {
  const { t } = useTranslation('triage')
  return (
    <section className="crisis-now" aria-labelledby={headingId} role="alert">
      <h2 id={headingId}>{t('crisisNow.title')}</h2>
      <p>{t('crisisNow.intro')}</p>
      <ul>
        <li>
          <strong>{t('crisisNow.suicideLine')}</strong> <a href="tel:113">{t('crisisNow.call113')}</a> {t('crisisNow.or')}{' '}
          <a href="tel:08000113">{t('crisisNow.call08000113')}</a>
          <br />
          <span className="muted">{t('crisisNow.dayAndNight')}</span>
        </li>
        <li>
          <strong>{t('crisisNow.emergency')}</strong> <a href="tel:112">{t('crisisNow.call112')}</a>
        </li>
      </ul>
      <p>{t('crisisNow.continue')}</p>
    </section>
  )
}

/**
 * Empties a message form once its message was sent. Without JavaScript the page after the
 * redirect comes with an empty box anyway; with it, Remix keeps the page and the text would
 * stay in the box, inviting a second send. Cleared only when the send went through (no error
 * came back), so a refused message keeps what was typed.
 */
export function useClearAfterSend(intent: string, failed: boolean) {
  const form = useRef<HTMLFormElement>(null)
  const navigation = useNavigation()
  const sending = navigation.state !== 'idle' && navigation.formData?.get('intent') === intent
  const wasSending = useRef(false)
  useEffect(() => {
    if (sending) {
      wasSending.current = true
      return
    }
    if (wasSending.current && navigation.state === 'idle') {
      wasSending.current = false
      if (!failed) form.current?.reset()
    }
  }, [sending, navigation.state, failed])
  return form
}

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
export function SurvivorRequestView({ view, action, messageError }: { view: SurvivorViewData; action?: string; messageError?: string | null }) {
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
        {view.messages.length ? (
          <ul className="messages">
            {view.messages.map((m) => (
              <li key={m.id} className={m.fromSurvivor ? 'message message--mine' : 'message'}>
                <p className="muted">
                  {t('messages.meta', { who: m.fromSurvivor ? t('messages.fromYou') : t('messages.fromContact', { name: view.contactFirstName ?? t('messages.team') }), when: formatLongDateTime(m.at, locale) })}
                </p>
                <p className="message__body">{m.body}</p>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('messages.none')}</p>
        )}
        {view.open || view.status === 'inCare' ? (
          <Form method="post" action={action} ref={messageForm}>
            <input type="hidden" name="intent" value="message" />
            <div className={`field${messageError ? ' field--invalid' : ''}`}>
              <label htmlFor="message-body">{t('messages.label')}</label>
              {messageError ? (
                <p id="message-error" className="field__error">
                  {t(messageError)}
                </p>
              ) : null}
              <textarea id="message-body" name="body" rows={4} aria-describedby={messageError ? 'message-error' : undefined} />
            </div>
            <button type="submit" className="button button--primary">
              {t('messages.send')}
            </button>
          </Form>
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

      {view.open ? (
        <section aria-labelledby="withdraw-title">
          <h2 id="withdraw-title">{t('mine.withdraw.title')}</h2>
          <p>{t('mine.withdraw.intro')}</p>
          <Form method="post">
            <button type="submit" name="intent" value="withdraw" className="button">
              {t('mine.withdraw.submit')}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  )
}
