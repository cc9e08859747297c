import { Form, Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { IntentForm } from '~/components/intent-form'
import type { EditorActionData, EditorData } from './editor-data'
import { MediaConsentList } from './media-consent-panel'

/** The page of a story the author can no longer edit: the moderated version to approve, take back, withdraw, delete. */
/** A story text as paragraphs (a blank line between them); `render` marks up each one. */
export function Paragraphs({ text, render = (p) => p }: { text: string; render?: (paragraph: string) => ReactNode }) {
  return (
    <>
      {text
        .split(/\n{2,}/)
        .filter((p) => p.trim())
        .map((p, i) => (
          <p key={i} className="story-text">
            {render(p)}
          </p>
        ))}
    </>
  )
}

/** The moderated text with every redaction (a bracketed placeholder the author did not write) marked. */
function Redacted({ text, own }: { text: string; own: string }) {
  const parts = text.split(/(\[[^\]\n]{1,80}\])/)
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 && !own.includes(part) ? (
          <mark key={i} className="redaction">
            {part}
          </mark>
        ) : (
          <span key={i}>{part}</span>
        ),
      )}
    </>
  )
}

export function StatusView({ data, actionData, approvalExtra }: { data: EditorData; actionData?: EditorActionData; approvalExtra?: ReactNode }) {
  const { t } = useTranslation('monument')
  const { story } = data
  const canWithdraw = !['withdrawn', 'removed'].includes(story.status)
  return (
    <section>
      {actionData?.submitError ? (
        <div className="error-summary" role="alert">
          <p>{t(`editor.status.errors.${actionData.submitError}`, { defaultValue: t('editor.status.errors.notAllowed') })}</p>
        </div>
      ) : null}
      {story.hidden ? <p className="notice">{t('editor.status.hidden')}</p> : null}
      {story.status === 'awaitingAuthor' && data.seenVersion ? (
        <section aria-labelledby="moderated-title">
          <h2 id="moderated-title">{t('editor.status.moderatedTitle')}</h2>
          <p>{t('editor.status.moderatedLead')}</p>
          <div className="story-preview">
            <h3>{story.publishedTitle}</h3>
            {story.publishedContentNote ? (
              <p>
                <strong>{t('editor.fields.contentNote')}</strong> {story.publishedContentNote}
              </p>
            ) : null}
            <Paragraphs text={story.publishedBody ?? ''} render={(p) => <Redacted text={p} own={story.body} />} />
          </div>
          {approvalExtra}
          <div className="form-actions">
            <IntentForm intent="approve" label={t('editor.status.approve')} variant="primary" fields={{ seenVersion: data.seenVersion }} />
            <IntentForm intent="reject" label={t('editor.status.reject')} />
          </div>
        </section>
      ) : null}
      {story.status === 'submitted' ? (
        <IntentForm intent="retract" label={t('editor.status.retract')}>
          <p>{t('editor.status.retractHelp')}</p>
        </IntentForm>
      ) : null}
      <h2>{t('editor.status.consentTitle')}</h2>
      <p>
        <Link to={`/mijn-verhalen/${story.id}?stap=toestemming`}>{t('editor.status.consentLink')}</Link>
      </p>
      {/* Every file keeps its own consents after publication too (ADR 0022). */}
      <MediaConsentList data={data} />
      {canWithdraw ? (
        <IntentForm intent="withdraw" label={t('editor.status.withdraw')}>
          <h2>{t('editor.status.withdrawTitle')}</h2>
          <p>{t('editor.status.withdrawHelp')}</p>
        </IntentForm>
      ) : null}
      <DeleteForm deleteError={actionData?.deleteError} />
    </section>
  )
}

export function DeleteForm({ deleteError }: { deleteError?: string }) {
  const { t } = useTranslation('monument')
  return (
    <Form method="post" className="delete-story">
      <h2>{t('editor.delete.title')}</h2>
      <p>{t('editor.delete.help')}</p>
      <div className={`field${deleteError ? ' field--invalid' : ''}`}>
        {deleteError ? (
          <p id="confirm-delete-error" className="field__error">
            {t('editor.delete.confirmRequired')}
          </p>
        ) : null}
        <input type="checkbox" id="confirm-delete" name="confirm" value="yes" aria-describedby={deleteError ? 'confirm-delete-error' : undefined} />{' '}
        <label htmlFor="confirm-delete">{t('editor.delete.confirm')}</label>
      </div>
      <button type="submit" name="intent" value="delete" className="button">
        {t('editor.delete.submit')}
      </button>
    </Form>
  )
}
