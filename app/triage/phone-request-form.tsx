import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CheckboxField, ChoiceGroup, ErrorSummary, Field, SelectField, toOptions } from '~/components/forms'
import { DECADES, LANGUAGES, REGIONS, SETTINGS } from '~/facets/facets'
import type { PhoneRequestFormFields } from './phone-request-schema'
import { CONTACT_CHANNELS, GUIDANCE_NEEDS, INTERPRETER_NEEDS } from './schemas'

/**
 * The worker's form for a caller's guidance request: the online form's questions and labels
 * (triage:ask.*), asked aloud, with the safe-contact wishes first among the details.
 */
export function PhoneRequestForm({ lastResult }: { lastResult?: SubmissionResult<string[]> | null }) {
  const { t } = useTranslation('triage')
  const [form, fields] = useForm<PhoneRequestFormFields>({ lastResult, defaultValue: { language: 'nl', interpreter: 'none' } })
  return (
    <>
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)}>
        <ChoiceGroup meta={fields.needs} legend={t('phoneRequest.needs')} hint={t('ask.needs.hint')} type="checkbox" options={toOptions(GUIDANCE_NEEDS, (v) => t(`facets:needs.${v}`))} />

        <h2>{t('phoneRequest.contactTitle')}</h2>
        <p>{t('phoneRequest.contactIntro')}</p>
        <ChoiceGroup meta={fields.channel} legend={t('phoneRequest.channel')} type="radio" options={toOptions(CONTACT_CHANNELS, (v) => t(`channels.${v}`))} />
        <Field meta={fields.phone} label={t('ask.contact.phone')} hint={t('ask.contact.phoneHint')} type="tel" inputMode="tel" autoComplete="off" />
        <Field meta={fields.safeTimes} label={t('phoneRequest.safeTimes')} hint={t('phoneRequest.safeTimesHint')} autoComplete="off" />
        <ChoiceGroup meta={fields.voicemail} legend={t('phoneRequest.voicemail')} hint={t('ask.contact.voicemailHint')} type="radio" options={toOptions(['yes', 'no'], (v) => t(`ask.contact.voicemailOptions.${v}`))} />
        <Field meta={fields.neutralName} label={t('ask.contact.neutralName')} hint={t('ask.contact.neutralNameHint')} autoComplete="off" />
        <Field meta={fields.email} label={t('ask.contact.email')} type="email" autoComplete="off" spellCheck={false} />
        <Field meta={fields.street} label={t('ask.contact.street')} hint={t('ask.contact.letterHint')} autoComplete="off" />
        <Field meta={fields.postcode} label={t('ask.contact.postcode')} hint={t('ask.contact.postcodeHint')} autoComplete="off" />
        <Field meta={fields.town} label={t('ask.contact.town')} autoComplete="off" />

        <h2>{t('ask.language.title')}</h2>
        <SelectField meta={fields.language} label={t('ask.language.label')} options={toOptions(LANGUAGES, (v) => t(`facets:languages.${v}`))} />
        <ChoiceGroup meta={fields.interpreter} legend={t('ask.language.interpreter')} type="radio" options={toOptions(INTERPRETER_NEEDS, (v) => t(`interpreter.${v}`))} />

        <h2>{t('ask.background.title')}</h2>
        <p>{t('phoneRequest.backgroundIntro')}</p>
        <SelectField meta={fields.setting} label={t('ask.background.setting')} options={toOptions(SETTINGS, (v) => t(`facets:settings.${v}`))} emptyLabel={t('ask.background.noAnswer')} />
        <SelectField meta={fields.decade} label={t('ask.background.decade')} options={toOptions(DECADES, (v) => t(`facets:decades.${v}`))} emptyLabel={t('ask.background.noAnswer')} />
        <SelectField meta={fields.region} label={t('ask.background.region')} options={toOptions(REGIONS, (v) => t(`facets:regions.${v}`))} emptyLabel={t('ask.background.noAnswer')} />

        <CheckboxField meta={fields.callerAgreed} label={t('phoneRequest.callerAgreed')} hint={t('phoneRequest.callerAgreedHint')} />
        <CheckboxField meta={fields.takeNow} label={t('phoneRequest.takeNow')} hint={t('phoneRequest.takeNowHint')} />
        <button type="submit" className="button button--primary">
          {t('phoneRequest.submit')}
        </button>
      </Form>
    </>
  )
}
