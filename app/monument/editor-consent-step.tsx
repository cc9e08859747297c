import { Form, Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { ConsentHistoryTable } from '~/components/consent-history'
import { consentTextKeys } from '~/consent/texts'
import { formatLongDateTime } from '~/utils/format-date'
import type { EditorData } from './editor-data'
import { StepIntro } from './editor-text-steps'
import { STORY_CONSENT_PURPOSES } from './schemas'

/** One consent's give-or-withdraw button; `action` posts it to another route (a medium's). */
export function ConsentButton({ purpose, granted, action, extra }: { purpose: string; granted: boolean; action?: string; extra?: ReactNode }) {
  const { t } = useTranslation('monument')
  return (
    // Remix's Form: on this index route it posts to `?index`, where a plain form would not.
    <Form method="post" action={action} className="consent-form">
      <input type="hidden" name="intent" value="consent" />
      <input type="hidden" name="purpose" value={purpose} />
      <input type="hidden" name="grant" value={granted ? 'false' : 'true'} />
      {extra}
      <button type="submit" className="button">
        {granted ? t('consent.withdraw') : t('consent.grant')}
      </button>
    </Form>
  )
}

export function ConsentStep({ data }: { data: EditorData }) {
  const { t, i18n } = useTranslation(['monument', 'consent'])
  return (
    <section>
      <StepIntro step="consent" />
      {STORY_CONSENT_PURPOSES.map((purpose) => {
        const state = data.consents.state[purpose]
        const keys = consentTextKeys(purpose)
        const granted = Boolean(state?.granted)
        return (
          <section key={purpose} id={`consent-${purpose.replace('.', '-')}`} className="consent-item" aria-labelledby={`consent-${purpose.replace('.', '-')}-title`}>
            <h3 id={`consent-${purpose.replace('.', '-')}-title`}>{t(keys.label, { ns: 'consent' })}</h3>
            <p>{t(keys.text, { ns: 'consent' })}</p>
            <p>
              <strong>{granted ? t('consent:state.granted') : state?.since ? t('consent:state.withdrawn') : t('consent:state.notGranted')}</strong>
              {state?.since ? ` (${formatLongDateTime(state.since, i18n.language)})` : null}
            </p>
            {granted ? <p className="field__hint">{t(keys.withdrawEffect, { ns: 'consent' })}</p> : null}
            <ConsentButton purpose={purpose} granted={granted} />
          </section>
        )
      })}
      <h3>{t('consent:history.title')}</h3>
      <p>{t('consent:history.intro')}</p>
      <ConsentHistoryTable history={data.consents.history} caption={t('consent:history.title')} />
      {data.editable ? (
        <p>
          <Link className="button button--primary" to={`/mijn-verhalen/${data.story.id}?stap=controle`}>
            {t('editor.continue')}
          </Link>
        </p>
      ) : (
        <p>
          <Link to={`/mijn-verhalen/${data.story.id}`}>{t('editor.backToStatus')}</Link>
        </p>
      )}
    </section>
  )
}
