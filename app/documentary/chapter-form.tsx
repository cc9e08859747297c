import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ErrorSummary, Field, SelectField, TextAreaField, toOptions } from '~/components/forms'
import { THEME_KIND_CHOICES } from './schemas'

type Fields = { intent: string; title: string; intro: string; themeKind: string; themeValue: string; contentNote: string }
export type ChapterDefaults = Partial<Omit<Fields, 'intent'>>

/** Title, introduction, theme and content note; for a new chapter and in the editor. No JavaScript needed. */
export function ChapterFieldsForm({ lastResult, defaults, intent }: { lastResult?: SubmissionResult<string[]>; defaults?: ChapterDefaults; intent?: 'updateChapter' }) {
  const { t } = useTranslation(['documentary', 'validation'])
  const [form, fields] = useForm<Fields>({ id: 'chapter-fields', lastResult, defaultValue: defaults, shouldValidate: 'onSubmit' })
  return (
    <>
      <ErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)}>
        {intent ? <input type="hidden" name="intent" value={intent} /> : null}
        <Field meta={fields.title} label={t('staff.editor.fields.title')} hint={t('staff.editor.fields.titleHint')} />
        <TextAreaField meta={fields.intro} label={t('staff.editor.fields.intro')} rows={5} />
        <SelectField meta={fields.themeKind} label={t('staff.editor.fields.themeKind')} options={toOptions(THEME_KIND_CHOICES, (k) => t(`staff.themeKinds.${k}`))} />
        <Field meta={fields.themeValue} label={t('staff.editor.fields.themeValue')} hint={t('staff.editor.fields.themeValueHint')} />
        <TextAreaField meta={fields.contentNote} label={t('staff.editor.fields.contentNote')} hint={t('staff.editor.fields.contentNoteHint')} rows={3} />
        <button type="submit" className="button button--primary">
          {intent ? t('staff.editor.save') : t('staff.editor.create')}
        </button>
      </Form>
    </>
  )
}
