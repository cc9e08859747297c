import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireStaff } from '~/auth/guards.server'
import { ChoiceGroup, ErrorSummary, Field, SelectField, TextAreaField, toOptions } from '~/components/forms'
import { LANGUAGES, NEEDS, REGIONS, SETTINGS } from '~/facets/facets'
import { getPageTitle } from '~/i18n/meta.server'
import { getEntryForEdit, markEntryChecked, updateDirectoryEntry } from '~/referrals/directory-admin.server'
import { DirectoryEntryFormSchema, formatContactLines, toFormTexts, type DirectoryEntryFormFields } from '~/referrals/directory-form'
import { DirectoryTextsFieldsets } from '~/referrals/directory-texts-fieldsets'
import { DIRECTORY_KINDS } from '~/referrals/schemas'
import { titleMeta } from '~/utils/meta'
import { PageHeading } from '~/components/layout/page-heading'

export const handle = { i18n: ['triage', 'referrals', 'facets', 'validation'] }
export const meta = titleMeta

async function entryOr404(id: string | undefined) {
  const entry = id ? await getEntryForEdit({ id }) : null
  if (!entry) throw new Response('Not found', { status: 404 })
  return entry
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireStaff(request, context, 'directory.edit')
  const entry = await entryOr404(params.id)
  return { title: await getPageTitle(request, 'directory.editTitle', 'triage'), entry: { ...entry, contactsText: formatContactLines(entry.contacts) } }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  await requireStaff(request, context, 'directory.edit')
  const entry = await entryOr404(params.id)
  const formData = await request.formData()
  if (formData.get('intent') === 'checked') {
    await markEntryChecked({ id: entry.id })
    return redirect('/beheer/hulpgids?klaar=checked')
  }
  const submission = parseWithZod(formData, { schema: DirectoryEntryFormSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  await updateDirectoryEntry({ id: entry.id, form: submission.value })
  return redirect('/beheer/hulpgids?klaar=saved')
}

export default function EditDirectoryEntry() {
  const { t } = useTranslation('triage')
  const { entry } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [form, fields] = useForm<DirectoryEntryFormFields>({
    lastResult: actionData?.result,
    defaultValue: {
      name: entry.name,
      kind: entry.kind,
      texts: toFormTexts(entry.texts),
      settings: entry.settings,
      periodFrom: entry.periodFrom === null ? '' : String(entry.periodFrom),
      periodTo: entry.periodTo === null ? '' : String(entry.periodTo),
      regions: entry.regions,
      languages: entry.languages,
      needs: entry.needs,
      contacts: entry.contactsText,
      source: entry.source,
      published: entry.published ? 'on' : undefined,
    },
  })
  return (
    <div className="page">
      <PageHeading back={{ to: '/beheer/hulpgids', label: t('directory.back') }} title={t('directory.editTitle')} lead={entry.name} />
      <Form method="post">
        <p>{t('directory.lastChecked', { date: entry.lastCheckedAt })}</p>
        <button type="submit" name="intent" value="checked" className="button">
          {t('directory.markChecked')}
        </button>
      </Form>
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="save" />
        <Field meta={fields.name} label={t('directory.fields.name')} />
        <SelectField meta={fields.kind} label={t('directory.fields.kind')} options={toOptions(DIRECTORY_KINDS, (v) => t(`referrals:kinds.${v}`))} />
        <DirectoryTextsFieldsets texts={fields.texts} />
        <ChoiceGroup meta={fields.settings} legend={t('directory.fields.settings')} hint={t('directory.fields.settingsHint')} type="checkbox" options={toOptions(SETTINGS, (v) => t(`facets:settings.${v}`))} />
        <Field meta={fields.periodFrom} label={t('directory.fields.periodFrom')} inputMode="numeric" />
        <Field meta={fields.periodTo} label={t('directory.fields.periodTo')} inputMode="numeric" />
        <ChoiceGroup meta={fields.regions} legend={t('directory.fields.regions')} type="checkbox" options={toOptions(REGIONS, (v) => t(`facets:regions.${v}`))} />
        <ChoiceGroup meta={fields.languages} legend={t('directory.fields.languages')} type="checkbox" options={toOptions(LANGUAGES, (v) => t(`facets:languages.${v}`))} />
        <ChoiceGroup meta={fields.needs} legend={t('directory.fields.needs')} type="checkbox" options={toOptions(NEEDS, (v) => t(`facets:needs.${v}`))} />
        <TextAreaField meta={fields.contacts} label={t('directory.fields.contacts')} hint={t('directory.fields.contactsHint')} rows={5} />
        <Field meta={fields.source} label={t('directory.fields.source')} />
        <div className="field">
          <input {...getInputProps(fields.published, { type: 'checkbox', value: 'on' })} />{' '}
          <label htmlFor={fields.published.id}>{t('directory.fields.published')}</label>
        </div>
        <button type="submit" className="button button--primary">
          {t('directory.save')}
        </button>
      </Form>
    </div>
  )
}
