import { getFormProps, useForm } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { SubmissionResult } from '@conform-to/react'
import { ErrorSummary, Field, TextAreaField } from '~/components/forms'

/**
 * The survivor corrects an interviewer's story in their own words and approves it (ADR 0030).
 * A plain form, so it works without JavaScript; a refused text comes back with the message next
 * to the field and everything typed kept. "Save" keeps the corrections for later; "Approve"
 * saves and makes it the survivor's monument draft.
 */
export function CorrectionForm({ defaultValue, lastResult }: { defaultValue: { title: string; body: string }; lastResult: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation(['lifeStories', 'validation'])
  const [form, fields] = useForm<{ intent: string; title: string; body: string }>({ lastResult, defaultValue, shouldValidate: 'onSubmit' })
  return (
    <section aria-labelledby="correct-title">
      <h2 id="correct-title">{t('correct.title')}</h2>
      <p>{t('correct.lead')}</p>
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)}>
        <Field meta={fields.title} label={t('register.titleField')} />
        <TextAreaField meta={fields.body} label={t('correct.body')} hint={t('correct.bodyHint')} rows={24} />
        <p>{t('correct.approveHint')}</p>
        <div className="button-row">
          <button type="submit" name="intent" value="save" className="button">
            {t('correct.save')}
          </button>{' '}
          <button type="submit" name="intent" value="approve" className="button button--primary">
            {t('correct.approve')}
          </button>
        </div>
      </Form>
    </section>
  )
}
