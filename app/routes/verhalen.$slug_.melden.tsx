import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ChoiceGroup, ErrorSummary, Field, TextAreaField, toOptions } from '~/components/forms'
import { HoneypotField } from '~/components/honeypot-field'
import { i18next } from '~/i18n/i18next.server'
import { getReader } from '~/monument/reading-reader.server'
import { getVisibleStory } from '~/monument/reading.server'
import { createReport } from '~/moderation/reports.server'
import { REPORT_REASON_VALUES, ReportSchema, type ReportInput } from '~/moderation/reports-schemas'
import { SlugSchema } from '~/referrals/schemas'
import { checkHoneypot } from '~/utils/honeypot.server'
import { titleMeta } from '~/utils/meta'
import { clientIp } from '~/utils/request.server'

export const handle = { i18n: ['moderation', 'reading', 'validation'] }
export const meta = titleMeta

export async function loader({ request, params }: LoaderFunctionArgs) {
  const slug = SlugSchema.safeParse(params.slug)
  const { reader } = await getReader(request)
  const story = slug.success ? await getVisibleStory({ slug: slug.data, reader }) : null
  if (!story) throw new Response('Not found', { status: 404 })
  const t = await i18next.getFixedT(request, ['moderation', 'common'])
  return { title: `${t('report.title')} – ${t('common:siteName')}`, slug: story.slug, storyTitle: story.title }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const formData = await request.formData()
  checkHoneypot(formData)
  const slug = SlugSchema.safeParse(params.slug)
  if (!slug.success) throw new Response('Not found', { status: 404 })
  const submission = parseWithZod(formData, { schema: ReportSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const { reader, userId } = await getReader(request)
  await createReport({ slug: slug.data, reader, ...submission.value, reporterId: userId, ip: clientIp(context) })
  // Acknowledged at once on a page of its own (the story may be hidden now, so this page would 404),
  // also when the story was already gone: nothing to leak either way.
  return redirect(`/verhalen/melding-ontvangen${submission.value.reason === 'identifies' ? '?verborgen=ja' : ''}`)
}

export default function ReportStory() {
  const { t } = useTranslation('moderation')
  const { slug, storyTitle } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [form, fields] = useForm<ReportInput>({ lastResult: actionData?.result, shouldValidate: 'onSubmit' })

  return (
    <div className="page">
      <p>
        <Link to={`/verhalen/${slug}`}>{t('report.back')}</Link>
      </p>
      <h1>{t('report.title')}</h1>
      <p className="lead">{t('report.lead', { title: storyTitle })}</p>
      <p>{t('report.promise')}</p>
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)}>
        <HoneypotField />
        <ChoiceGroup meta={fields.reason} legend={t('report.reason')} type="radio" options={toOptions(REPORT_REASON_VALUES, (reason) => t(`reasons.${reason}`))} className="choices" />
        <TextAreaField meta={fields.details} label={t('report.details')} hint={t('report.detailsHint')} rows={5} />
        <Field meta={fields.contact} label={t('report.contact')} hint={t('report.contactHint')} type="email" autoComplete="email" spellCheck={false} />
        <button type="submit" className="button button--primary">
          {t('report.submit')}
        </button>
      </Form>
    </div>
  )
}
