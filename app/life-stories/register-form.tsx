import { getFormProps, useForm } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { SubmissionResult } from '@conform-to/react'
import { ChoiceGroup, ErrorSummary, Field, SelectField, TextAreaField, toOptions } from '~/components/forms'
import { LOCALES } from '~/i18n/config'
import { LIFE_STORY_SOURCE_CHOICES } from './schemas'

type Result = SubmissionResult<string[]> | undefined
type Fields = { email: string; locale: string; source: string; recordedOn: string; title: string; body: string; audio?: string }

/** The archivist registers a recorded life story; a multipart form, so it works without JavaScript. */
export function RegisterLifeStoryForm({ lastResult }: { lastResult: Result }) {
  const { t } = useTranslation(['lifeStories', 'validation'])
  const [form, fields] = useForm<Fields>({ lastResult, shouldValidate: 'onSubmit' })
  const audioErrors = fields.audio.errors ?? []
  return (
    <>
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
        <Field meta={fields.email} label={t('register.email')} hint={t('register.emailHint')} type="email" autoComplete="off" spellCheck={false} />
        <SelectField meta={fields.locale} label={t('register.locale')} options={LOCALES.map((l) => ({ value: l.code, label: l.nativeName }))} />
        <ChoiceGroup meta={fields.source} legend={t('register.source')} type="radio" options={toOptions(LIFE_STORY_SOURCE_CHOICES, (s) => t(`sources.${s}`))} />
        <Field meta={fields.recordedOn} label={t('register.recordedOn')} hint={t('register.recordedOnHint')} type="date" />
        <Field meta={fields.title} label={t('register.titleField')} />
        <TextAreaField meta={fields.body} label={t('register.body')} hint={t('register.bodyHint')} rows={20} />
        <div className={`field${audioErrors.length ? ' field--invalid' : ''}`}>
          <label htmlFor="life-story-audio">{t('register.audio')}</label>
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
          {t('register.submit')}
        </button>
      </Form>
    </>
  )
}
