import { getFormProps, useForm } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { SubmissionResult } from '@conform-to/react'
import { ChoiceGroup, ErrorSummary, Field, SelectField, TextAreaField, toOptions } from '~/components/forms'
import { LOCALES } from '~/i18n/config'
import { INTERVIEW_CONTACTS } from './schemas'

type Result = SubmissionResult<string[]> | undefined
type Fields = { contact: string; email: string; locale: string; recordedOn: string; title: string; body: string; audio?: string }

/**
 * The interviewer registers a conversation: how the survivor is reached (e-mail, or a letter
 * printed afterwards), the day, the transcript and the recording. Multipart, so it works
 * without JavaScript; the audio is streamed into storage as it arrives.
 */
export function RegisterInterviewForm({ lastResult }: { lastResult: Result }) {
  const { t } = useTranslation(['lifeStories', 'validation'])
  const [form, fields] = useForm<Fields>({ lastResult, shouldValidate: 'onSubmit' })
  const audioErrors = fields.audio.errors ?? []
  return (
    <>
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
        <ChoiceGroup meta={fields.contact} legend={t('interview.contact')} type="radio" options={toOptions(INTERVIEW_CONTACTS, (c) => t(`interview.contacts.${c}`))} />
        <Field meta={fields.email} label={t('interview.email')} hint={t('interview.emailHint')} type="email" autoComplete="off" spellCheck={false} />
        <SelectField meta={fields.locale} label={t('interview.locale')} options={LOCALES.map((l) => ({ value: l.code, label: l.nativeName }))} />
        <Field meta={fields.recordedOn} label={t('interview.recordedOn')} hint={t('register.recordedOnHint')} type="date" />
        <Field meta={fields.title} label={t('register.titleField')} />
        <TextAreaField meta={fields.body} label={t('interview.body')} hint={t('interview.bodyHint')} rows={20} />
        <div className={`field${audioErrors.length ? ' field--invalid' : ''}`}>
          <label htmlFor="life-story-audio">{t('interview.audio')}</label>
          <p id="life-story-audio-hint" className="field__hint">
            {t('register.audioHint')}
          </p>
          {audioErrors.length ? (
            <p id="life-story-audio-error" className="field__error">
              {audioErrors.map((e) => t(e)).join(' ')}
            </p>
          ) : null}
          <input
            id="life-story-audio"
            name="audio"
            type="file"
            accept="audio/*"
            aria-describedby={audioErrors.length ? 'life-story-audio-hint life-story-audio-error' : 'life-story-audio-hint'}
            aria-invalid={audioErrors.length ? true : undefined}
          />
        </div>
        <button type="submit" className="button button--primary">
          {t('interview.submit')}
        </button>
      </Form>
    </>
  )
}
