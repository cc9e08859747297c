import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { consentTextKeys } from '~/consent/texts'
import { formatDateTime } from '~/utils/format-date'
import type { StoryReview } from './story-review.server'

/** What the author consented to: a moderator may not propose publication without it in view. */
export function ConsentSummary({ consent }: { consent: StoryReview['consent'] }) {
  const { t } = useTranslation(['moderation', 'consent'])
  return (
    <section aria-labelledby="consent-title" className="notice">
      <h2 id="consent-title">{t('review.consent.title')}</h2>
      <p>{t('review.consent.lead')}</p>
      <ul>
        {consent.map((c) => (
          <li key={c.purpose}>
            {t(consentTextKeys(c.purpose).label)}
            {': '}
            <strong>{c.granted ? t('review.consent.granted') : t('review.consent.notGranted')}</strong>
          </li>
        ))}
      </ul>
    </section>
  )
}

/** submitted: the button that starts the review (and stores the guard's marks). */
export function StartReview() {
  const { t } = useTranslation('moderation')
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="startReview" />
      <p>{t('review.startHint')}</p>
      <button type="submit" className="button button--primary">
        {t('review.start')}
      </button>
    </Form>
  )
}

/** inReview: propose the moderated version to the author, or send the story back with a note. */
export function NextSteps({ undecided, errorKey }: { undecided: number; errorKey: string | undefined }) {
  const { t } = useTranslation('moderation')
  return (
    <section aria-labelledby="next-title">
      <h2 id="next-title">{t('review.next.title')}</h2>
      <Form method="post">
        <input type="hidden" name="intent" value="proposeVersion" />
        <p>{undecided > 0 ? t('review.next.proposeBlocked', { count: undecided }) : t('review.next.proposeHint')}</p>
        <button type="submit" className="button button--primary">
          {t('review.next.propose')}
        </button>
      </Form>
      <Form method="post">
        <input type="hidden" name="intent" value="requestChanges" />
        <div className={`field${errorKey === 'moderation:review.noteRequired' ? ' field--invalid' : ''}`}>
          <label htmlFor="note">{t('review.next.note')}</label>
          <p className="field__hint" id="note-hint">
            {t('review.next.noteHint')}
          </p>
          <textarea id="note" name="note" rows={4} aria-describedby="note-hint" />
        </div>
        <button type="submit" className="button">
          {t('review.next.requestChanges')}
        </button>
      </Form>
    </section>
  )
}

/** Every moderation step on the story, newest first, with the notes left. */
export function ReviewHistory({ events }: { events: StoryReview['events'] }) {
  const { t, i18n } = useTranslation('moderation')
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t('review.history.title')}</h2>
      {events.length === 0 ? (
        <p>{t('review.history.empty')}</p>
      ) : (
        <ul>
          {events.map((e, i) => (
            <li key={i}>
              {`${formatDateTime(e.createdAt, i18n.language)} · ${t(`events.${e.action}`)}`}
              {e.note ? <span className="muted">{` · ${e.note}`}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
