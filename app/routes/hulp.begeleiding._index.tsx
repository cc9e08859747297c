import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { getUser } from '~/auth/guards.server'
import { CheckboxField, ChoiceGroup, ErrorSummary, Field, SelectField, toOptions } from '~/components/forms'
import { HoneypotField } from '~/components/honeypot-field'
import { DECADES, LANGUAGES, REGIONS, SETTINGS } from '~/facets/facets'
import { fallbackLng, isLng } from '~/i18n/config'
import { i18next } from '~/i18n/i18next.server'
import { getPageTitle } from '~/i18n/meta.server'
import { CrisisNow, GuestRequestSent } from '~/triage/components'
import { listStoriesToLink } from '~/monument/for-triage.server'
import { createHelpRequest } from '~/triage/ask-guidance.server'
import { TriageError } from '~/triage/help-request.server'
import { AskGuidanceSchema, CONTACT_CHANNELS, type AskGuidanceFormFields, GUIDANCE_NEEDS, INTERPRETER_NEEDS } from '~/triage/schemas'
import { checkHoneypot } from '~/utils/honeypot.server'
import { absoluteUrl } from '~/mail/mail.server'
import { titleMeta } from '~/utils/meta'

export const handle = { i18n: ['triage', 'facets', 'validation'] }
export const meta = titleMeta

async function survivorOf(request: Request) {
  const user = await getUser(request)
  return user && user.roles.includes('survivor') ? user : null
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await survivorOf(request)
  const lng = await i18next.getLocale(request)
  return {
    title: await getPageTitle(request, 'ask.title', 'triage'),
    signedIn: Boolean(user),
    stories: user ? await listStoriesToLink({ authorId: user.id }) : [],
    defaultEmail: user?.email ?? '',
    defaultLanguage: isLng(lng) ? lng : fallbackLng,
  }
}

type ActionResult = { result?: SubmissionResult<string[]>; crisis?: boolean; trackingLink?: string }

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData()
  checkHoneypot(formData)
  const user = await survivorOf(request)
  const submission = parseWithZod(formData, { schema: AskGuidanceSchema })
  // Danger first: 113 and 112 before anything is checked or stored. The form stays as typed.
  if (formData.get('inDanger') === 'yes' && formData.get('crisisSeen') !== 'yes') {
    return data<ActionResult>({ crisis: true, result: { initialValue: submission.reply().initialValue } })
  }
  if (submission.status !== 'success') return data<ActionResult>({ result: submission.reply() }, { status: 400 })
  if (submission.value.asAccount && !user) {
    // Signed out while typing: keep everything, ask to sign in again instead of filing it as a guest.
    return data<ActionResult>({ result: submission.reply({ formErrors: ['triage:ask.errors.signedOut'] }) }, { status: 400 })
  }
  const lng = await i18next.getLocale(request)
  try {
    const created = await createHelpRequest({ input: submission.value, userId: user?.id ?? null, locale: isLng(lng) ? lng : fallbackLng })
    if (!created.guestToken) return redirect(`/mijn-hulp/${created.id}?klaar=sent`)
    // Shown once: only the token's hash is stored, so this link cannot be shown again.
    return data<ActionResult>({ trackingLink: absoluteUrl(`/hulp/begeleiding/volg/${created.guestToken}`, request) })
  } catch (error) {
    if (error instanceof TriageError && error.code === 'storyNotOwn') {
      return data<ActionResult>({ result: submission.reply({ fieldErrors: { storyId: ['triage:ask.errors.story'] } }) }, { status: 400 })
    }
    throw error
  }
}

export default function AskGuidance() {
  const { t } = useTranslation('triage')
  const { signedIn, stories, defaultEmail, defaultLanguage } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionResult | undefined
  const [form, fields] = useForm<AskGuidanceFormFields>({
    lastResult: actionData?.result,
    defaultValue: { language: defaultLanguage, interpreter: 'none', email: defaultEmail },
  })
  const [dangerNow, setDangerNow] = useState(false)
  const showCrisis = Boolean(actionData?.crisis) || dangerNow

  if (actionData?.trackingLink) return <GuestRequestSent trackingLink={actionData.trackingLink} />

  return (
    <div className="page">
      <h1>{t('ask.title')}</h1>
      <p className="lead">{t('ask.lead')}</p>
      <p>{signedIn ? t('ask.signedInNote') : t('ask.guestNote')}</p>
      {showCrisis ? <CrisisNow /> : null}
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)}>
        <HoneypotField />
        {signedIn ? <input type="hidden" name="asAccount" value="yes" /> : null}
        {showCrisis ? <input type="hidden" name="crisisSeen" value="yes" /> : null}
        <ChoiceGroup
          meta={fields.inDanger}
          legend={t('ask.inDanger.legend')}
          hint={t('ask.inDanger.hint')}
          type="radio"
          options={toOptions(['yes', 'no'], (v) => t(`ask.inDanger.${v}`))}
          onChange={(e) => setDangerNow(e.currentTarget.value === 'yes')}
        />
        <ChoiceGroup meta={fields.needs} legend={t('ask.needs.legend')} hint={t('ask.needs.hint')} type="checkbox" options={toOptions(GUIDANCE_NEEDS, (v) => t(`facets:needs.${v}`))} />

        <h2>{t('ask.contact.title')}</h2>
        <p>{t('ask.contact.intro')}</p>
        <ChoiceGroup meta={fields.channel} legend={t('ask.contact.channel')} type="radio" options={toOptions(CONTACT_CHANNELS, (v) => t(`channels.${v}`))} />
        <Field meta={fields.phone} label={t('ask.contact.phone')} hint={t('ask.contact.phoneHint')} type="tel" autoComplete="tel" inputMode="tel" />
        <Field meta={fields.safeTimes} label={t('ask.contact.safeTimes')} hint={t('ask.contact.safeTimesHint')} />
        <ChoiceGroup meta={fields.voicemail} legend={t('ask.contact.voicemail')} hint={t('ask.contact.voicemailHint')} type="radio" options={toOptions(['yes', 'no'], (v) => t(`ask.contact.voicemailOptions.${v}`))} />
        <Field meta={fields.neutralName} label={t('ask.contact.neutralName')} hint={t('ask.contact.neutralNameHint')} />
        <Field meta={fields.email} label={t('ask.contact.email')} hint={t('ask.contact.emailHint')} type="email" autoComplete="email" spellCheck={false} />
        <Field meta={fields.street} label={t('ask.contact.street')} hint={t('ask.contact.letterHint')} autoComplete="street-address" />
        <Field meta={fields.postcode} label={t('ask.contact.postcode')} hint={t('ask.contact.postcodeHint')} autoComplete="postal-code" />
        <Field meta={fields.town} label={t('ask.contact.town')} autoComplete="address-level2" />

        <h2>{t('ask.language.title')}</h2>
        <SelectField meta={fields.language} label={t('ask.language.label')} options={toOptions(LANGUAGES, (v) => t(`facets:languages.${v}`))} />
        <ChoiceGroup meta={fields.interpreter} legend={t('ask.language.interpreter')} type="radio" options={toOptions(INTERPRETER_NEEDS, (v) => t(`interpreter.${v}`))} />

        <h2>{t('ask.background.title')}</h2>
        <p>{t('ask.background.intro')}</p>
        <SelectField meta={fields.setting} label={t('ask.background.setting')} options={toOptions(SETTINGS, (v) => t(`facets:settings.${v}`))} emptyLabel={t('ask.background.noAnswer')} />
        <SelectField meta={fields.decade} label={t('ask.background.decade')} options={toOptions(DECADES, (v) => t(`facets:decades.${v}`))} emptyLabel={t('ask.background.noAnswer')} />
        <SelectField meta={fields.region} label={t('ask.background.region')} options={toOptions(REGIONS, (v) => t(`facets:regions.${v}`))} emptyLabel={t('ask.background.noAnswer')} />
        {stories.length ? (
          <SelectField meta={fields.storyId} label={t('ask.background.story')} options={stories.map((s) => ({ value: s.id, label: s.title || t('ask.background.untitled') }))} emptyLabel={t('ask.background.noStory')} />
        ) : null}

        <CheckboxField meta={fields.agree} label={t('ask.agree')} hint={t('ask.agreeText')} />
        <button type="submit" className="button button--primary">
          {showCrisis ? t('ask.submitAfterCrisis') : t('ask.submit')}
        </button>
      </Form>
    </div>
  )
}
