import { Form, useNavigation } from '@remix-run/react'
import { useEffect, useRef, type ReactNode, type Ref } from 'react'
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

/** A section with one button that posts its intent: take, take over, withdraw. */
export function ActionSection({ id, title, intro, intent, submit, primary = false, className }: { id: string; title: string; intro: string; intent: string; submit: string; primary?: boolean; className?: string }) {
  return (
    <section aria-labelledby={`${id}-title`} className={className}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p>{intro}</p>
      <Form method="post">
        <button type="submit" name="intent" value={intent} className={primary ? 'button button--primary' : 'button'}>
          {submit}
        </button>
      </Form>
    </section>
  )
}

/**
 * A form that posts one intent with one text box: a message or a note. A refused text comes
 * back with its error next to the box (linked by aria-describedby) and what was typed.
 */
export function TextForm({
  intent,
  id,
  label,
  rows,
  submit,
  error,
  defaultValue,
  primary = false,
  action,
  formRef,
}: {
  intent: string
  id: string
  label: string
  rows: number
  submit: string
  error?: string | null
  defaultValue?: string
  primary?: boolean
  action?: string
  formRef?: Ref<HTMLFormElement>
}) {
  return (
    <Form method="post" action={action} ref={formRef}>
      <input type="hidden" name="intent" value={intent} />
      <div className={`field${error ? ' field--invalid' : ''}`}>
        <label htmlFor={id}>{label}</label>
        {error ? (
          <p id={`${id}-error`} className="field__error">
            {error}
          </p>
        ) : null}
        <textarea id={id} name="body" rows={rows} defaultValue={defaultValue} aria-describedby={error ? `${id}-error` : undefined} />
      </div>
      <button type="submit" className={primary ? 'button button--primary' : 'button'}>
        {submit}
      </button>
    </Form>
  )
}

/** A list, or a line saying there is nothing yet. */
export function ListOrNone<T>({ items, none, className, children }: { items: readonly T[]; none: string; className?: string; children: (item: T) => ReactNode }) {
  return items.length ? <ul className={className}>{items.map(children)}</ul> : <p>{none}</p>
}

type Message = { id: string; fromSurvivor: boolean; body: string; at: string }

/** The messages of a request; `survivorReads` says which side is reading (its own show as mine), `whoOf` names the sender. */
export function MessageList({ messages, survivorReads, whoOf, dateOf }: { messages: readonly Message[]; survivorReads: boolean; whoOf: (m: Message) => string; dateOf: (iso: string) => string }) {
  const { t } = useTranslation('triage')
  return (
    <ListOrNone items={messages} none={t('messages.none')} className="messages">
      {(m) => (
        <li key={m.id} className={m.fromSurvivor === survivorReads ? 'message message--mine' : 'message'}>
          <p className="muted">{t('messages.meta', { who: whoOf(m), when: dateOf(m.at) })}</p>
          <p className="message__body">{m.body}</p>
        </li>
      )}
    </ListOrNone>
  )
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
