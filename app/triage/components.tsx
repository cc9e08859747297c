import { Form, Link, useNavigation } from '@remix-run/react'
import { useEffect, useRef, type ReactNode, type Ref } from 'react'
import { useTranslation } from 'react-i18next'

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

/** A guest's request was received: the tracking link, shown this once (only its hash is stored). */
export function GuestRequestSent({ trackingLink }: { trackingLink: string }) {
  const { t } = useTranslation('triage')
  return (
    <div className="page">
      <h1>{t('ask.sent.title')}</h1>
      <p className="lead">{t('ask.sent.lead')}</p>
      <section className="notice" aria-labelledby="link-title">
        <h2 id="link-title">{t('ask.sent.linkTitle')}</h2>
        <p>{t('ask.sent.linkAdvice')}</p>
        <p className="tracking-link" data-testid="tracking-link">
          {trackingLink}
        </p>
        <p>{t('ask.sent.linkOnce')}</p>
      </section>
      <p>
        <Link to="/hulp">{t('ask.sent.backToDirectory')}</Link>
      </p>
    </div>
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
