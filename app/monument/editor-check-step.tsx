import { useTranslation } from 'react-i18next'
import { IntentForm } from '~/components/intent-form'
import type { EditorActionData, EditorData } from './editor-data'
import { DeleteForm, Paragraphs } from './editor-status-view'
import { StepIntro } from './editor-text-steps'

/** The last step: everything at a glance, what is missing, and the submit button. */
export function CheckStep({ data, actionData }: { data: EditorData; actionData?: EditorActionData }) {
  const { t } = useTranslation(['monument', 'facets'])
  const { story } = data
  const publishConsent = Boolean(data.consents.state['monument.publishPublic']?.granted || data.consents.state['monument.fellowSurvivors']?.granted)
  const untranscribed = data.media.filter((m) => m.kind !== 'photo' && !m.transcript).length
  const facets = [
    ...story.decades.map((v) => t(`facets:decades.${v}`)),
    ...story.settings.map((v) => t(`facets:settings.${v}`)),
    ...story.violenceKinds.map((v) => t(`facets:violenceKinds.${v}`)),
    ...story.themes.map((v) => t(`facets:themes.${v}`)),
    ...(story.region ? [t(`facets:regions.${story.region}`)] : []),
    ...(story.institutionName ? [story.institutionName] : []),
  ]
  return (
    <section>
      <StepIntro step="check" />
      {actionData?.submitError ? (
        <div className="error-summary" role="alert">
          <h3>{t('editor.check.cannotSubmit')}</h3>
          <ul>
            {(actionData.fields?.length ? actionData.fields : [actionData.submitError]).map((f) => (
              <li key={f}>{t(`editor.check.missing.${f}`, { defaultValue: t('editor.check.missing.other') })}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <dl className="facts">
        <dt>{t('editor.fields.title')}</dt>
        <dd>{story.title || t('editor.check.empty')}</dd>
        <dt>{t('editor.fields.contentNote')}</dt>
        <dd>{story.contentNote || t('editor.check.empty')}</dd>
        <dt>{t('editor.check.details')}</dt>
        <dd>{facets.length ? facets.join(', ') : t('editor.check.empty')}</dd>
        <dt>{t('editor.fields.displayMode')}</dt>
        <dd>{story.displayMode === 'pseudonym' ? t('editor.check.pseudonym', { name: story.pseudonym }) : t(`editor.displayModes.${story.displayMode}.label`)}</dd>
        <dt>{t('editor.check.media')}</dt>
        <dd>{t('editor.check.mediaCount', { count: data.media.length })}</dd>
      </dl>
      <h3>{t('editor.fields.body')}</h3>
      <div className="story-preview">{story.body ? <Paragraphs text={story.body} /> : <p>{t('editor.check.empty')}</p>}</div>
      {!publishConsent ? <p className="notice">{t('editor.check.noPublishConsent')}</p> : null}
      {untranscribed ? <p className="notice">{t('editor.check.untranscribed', { count: untranscribed })}</p> : null}
      <p>{t('editor.check.whatNext')}</p>
      <IntentForm intent="submit" label={t('editor.check.submit')} variant="primary" />
      <DeleteForm deleteError={actionData?.deleteError} />
    </section>
  )
}
