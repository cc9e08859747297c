import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { formatDateTime } from '~/utils/format-date'
import { ListOrNone, MessageList, TextForm, useClearAfterSend } from './components'
import { ATTEMPT_OUTCOMES, CLOSE_REASONS, CONTACT_CHANNELS, SHAREABLE_FIELDS } from './schemas'
import { Choice, Options, SelectBox } from './staff-fields'
import type { StaffRequestView } from './staff-view.server'

/**
 * The contact person's work on one request: contact attempts, messages, notes, referral,
 * status and handing on. Each form posts one intent; a refused text comes back next to its box.
 */

type Details = Extract<StaffRequestView, { access: 'mine' }>['details']
type Named = { id: string; name: string }
/** What a refused form sent back: its intent, the problem key and the text typed. */
export type Refused = { problem: string; intent: string; body: string } | undefined

/** Problems that belong next to the text box of the form that was sent; the rest go at the top. */
export const TEXT_PROBLEMS = ['messageEmpty', 'noteEmpty', 'controlCharacters']

function useTextProblem(refused: Refused, intent: string) {
  const { t } = useTranslation('triage')
  if (refused?.intent !== intent) return { error: null, kept: undefined }
  return { error: TEXT_PROBLEMS.includes(refused.problem) ? t(`detail.problems.${refused.problem}`) : null, kept: refused.body }
}

export function AttemptsSection({ details: d }: { details: Details }) {
  const { t, i18n } = useTranslation('triage')
  return (
    <section aria-labelledby="attempts-title">
      <h2 id="attempts-title">{t('detail.attempts.title')}</h2>
      <ListOrNone items={d.attempts} none={t('detail.attempts.none')}>
        {(a) => <li key={a.id}>{t('detail.attempts.line', { when: formatDateTime(a.at, i18n.language), channel: t(`channels.${a.channel}`), outcome: t(`outcomes.${a.outcome}`) })}</li>}
      </ListOrNone>
      <Form method="post">
        <input type="hidden" name="intent" value="attempt" />
        <SelectBox id="attempt-channel" name="channel" label={t('detail.attempts.channel')} defaultValue={d.channel}>
          <Options options={CONTACT_CHANNELS.map((c) => ({ value: c, label: t(`channels.${c}`) }))} />
        </SelectBox>
        <fieldset className="field">
          <legend>{t('detail.attempts.outcome')}</legend>
          {ATTEMPT_OUTCOMES.filter((o) => o !== 'voicemailLeft' || d.voicemailAllowed).map((o) => (
            <Choice key={o} type="radio" id={`outcome-${o}`} name="outcome" value={o} label={t(`outcomes.${o}`)} />
          ))}
          {!d.voicemailAllowed ? <p className="field__hint">{t('detail.attempts.noVoicemail')}</p> : null}
        </fieldset>
        <button type="submit" className="button">
          {t('detail.attempts.submit')}
        </button>
      </Form>
    </section>
  )
}

export function MessagesSection({ details: d, refused }: { details: Details; refused: Refused }) {
  const { t, i18n } = useTranslation('triage')
  const { error, kept } = useTextProblem(refused, 'message')
  const messageForm = useClearAfterSend('message', refused?.intent === 'message')
  return (
    <section aria-labelledby="messages-title">
      <h2 id="messages-title">{t('messages.title')}</h2>
      <MessageList
        messages={d.messages}
        survivorReads={false}
        whoOf={(m) => (m.fromSurvivor ? t('messages.fromSurvivor') : t('messages.fromTeam'))}
        dateOf={(iso) => formatDateTime(iso, i18n.language)}
      />
      {d.guest && d.channel !== 'portal' ? <p className="field__hint">{t('detail.guestMessages')}</p> : null}
      <TextForm intent="message" id="staff-message" label={t('messages.labelStaff')} rows={4} submit={t('messages.send')} error={error} defaultValue={kept} formRef={messageForm} />
    </section>
  )
}

export function NotesSection({ details: d, refused }: { details: Details; refused: Refused }) {
  const { t, i18n } = useTranslation('triage')
  const { error, kept } = useTextProblem(refused, 'note')
  return (
    <section aria-labelledby="notes-title">
      <h2 id="notes-title">{t('detail.notes.title')}</h2>
      <p className="field__hint">{t('detail.notes.hint')}</p>
      <ListOrNone items={d.notes} none={t('detail.notes.none')}>
        {(n) => (
          <li key={n.id}>
            <span className="muted">{formatDateTime(n.at, i18n.language)}</span> <span className="message__body">{n.body}</span>
          </li>
        )}
      </ListOrNone>
      <TextForm intent="note" id="note-body" label={t('detail.notes.label')} rows={3} submit={t('detail.notes.submit')} error={error} defaultValue={kept} />
    </section>
  )
}

/** Referral: the five best matches first, then every published organisation; the fields to share; consent given by phone. */
export function ReferralSection({ details: d, targets, suggested }: { details: Details; targets: readonly Named[]; suggested: readonly Named[] }) {
  const { t } = useTranslation('triage')
  const named = (list: readonly Named[]) => list.map((x) => ({ value: x.id, label: x.name }))
  return (
    <section aria-labelledby="referral-title">
      <h2 id="referral-title">{t('detail.referral.title')}</h2>
      {d.referrals.length ? (
        <ul>
          {d.referrals.map((r) => (
            <li key={r.id}>
              <strong>{r.name}</strong>{' – '}{t('detail.referral.line', { status: t(`referralStatus.${r.status}`), fields: r.fields.map((f) => t(`fields.${f}`)).join(', ') })}
            </li>
          ))}
        </ul>
      ) : null}
      <p>{t('detail.referral.intro')}</p>
      <Form method="post">
        <input type="hidden" name="intent" value="refer" />
        <SelectBox id="referral-entry" name="entryId" label={t('detail.referral.organisation')} empty={t('detail.referral.choose')}>
          <optgroup label={t('detail.referral.suggested')}>
            <Options options={named(suggested)} />
          </optgroup>
          <optgroup label={t('detail.referral.all')}>
            <Options options={named(targets)} />
          </optgroup>
        </SelectBox>
        <fieldset className="field">
          <legend>{t('detail.referral.fields')}</legend>
          <p className="field__hint">{t('detail.referral.fieldsHint')}</p>
          {SHAREABLE_FIELDS.map((f) => (
            <Choice key={f} type="checkbox" id={`share-${f}`} name="fields" value={f} label={t(`fields.${f}`)} defaultChecked={f === 'needs' || f === 'language' || f === 'contactDetails'} />
          ))}
        </fieldset>
        <div className="field">
          <input type="checkbox" id="consent-phone" name="consentGivenByPhone" value="on" /> <label htmlFor="consent-phone">{t('detail.referral.consentByPhone')}</label>
          <p className="field__hint">{t('detail.referral.consentHint')}</p>
        </div>
        <button type="submit" className="button">
          {t('detail.referral.submit')}
        </button>
      </Form>
    </section>
  )
}

/** In care, or closed with a reason. */
export function StatusSection({ status }: { status: string }) {
  const { t } = useTranslation('triage')
  return (
    <section aria-labelledby="status-title">
      <h2 id="status-title">{t('detail.statusActions.title')}</h2>
      {status !== 'inCare' ? (
        <Form method="post">
          <button type="submit" name="intent" value="inCare" className="button button--primary">
            {t('detail.statusActions.inCare')}
          </button>
        </Form>
      ) : null}
      <Form method="post">
        <input type="hidden" name="intent" value="close" />
        <SelectBox id="close-reason" name="reason" label={t('detail.statusActions.closeReason')} empty={t('detail.statusActions.chooseReason')}>
          <Options options={CLOSE_REASONS.map((r) => ({ value: r, label: t(`closeReasons.${r}`) }))} />
        </SelectBox>
        <button type="submit" className="button">
          {t('detail.statusActions.close')}
        </button>
      </Form>
    </section>
  )
}

/** Hands the request to a colleague, who becomes the fixed contact person. */
export function TransferSection({ workers }: { workers: ReadonlyArray<{ id: string; displayName: string }> }) {
  const { t } = useTranslation('triage')
  return (
    <section aria-labelledby="transfer-title">
      <h2 id="transfer-title">{t('detail.transfer.title')}</h2>
      <p>{t('detail.transfer.intro')}</p>
      {workers.length ? (
        <Form method="post">
          <input type="hidden" name="intent" value="transfer" />
          <SelectBox id="transfer-to" name="toWorkerId" label={t('detail.transfer.to')} empty={t('detail.transfer.choose')}>
            <Options options={workers.map((w) => ({ value: w.id, label: w.displayName }))} />
          </SelectBox>
          <button type="submit" className="button">
            {t('detail.transfer.submit')}
          </button>
        </Form>
      ) : (
        <p>{t('detail.transfer.noOne')}</p>
      )}
    </section>
  )
}
