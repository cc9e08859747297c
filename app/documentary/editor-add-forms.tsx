import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ErrorSummary, SelectField, TextAreaField, toOptions } from '~/components/forms'
import { DECADES, NEEDS, REGIONS, SETTINGS } from '~/facets/facets'
import { REPORT_REFS } from './schemas'

type Pickable = { id: string; title: string; body: string; media: Array<{ id: string; kind: string; description: string }> }
type Last = { intent: string; result: SubmissionResult<string[]> } | undefined

const lastFor = (last: Last, intent: string) => (last?.intent === intent ? last.result : undefined)

/**
 * The forms that add a block. The story and medium lists hold ONLY what may be used (documentary
 * consent, public, and for media their own consent and transcript); the server checks again.
 */
export function AddBlockForms({ pickable, last }: { pickable: Pickable[]; last: Last }) {
  const { t } = useTranslation(['documentary', 'validation', 'facets'])
  return (
    <>
      <section aria-labelledby="pick-title">
        <h3 id="pick-title">{t('staff.editor.add.storiesTitle')}</h3>
        {pickable.length === 0 ? <p>{t('staff.editor.add.noStories')}</p> : null}
        {pickable.map((s) => (
          <details key={s.id}>
            <summary>{s.title || t('staff.editor.add.untitled')}</summary>
            <p className="prewrap">{s.body}</p>
          </details>
        ))}
        <AddForm id="add-story" intent="addStory" last={last} submit={t('staff.editor.add.story')}>
          {(fields) => (
            <>
              <SelectField meta={fields.storyId} label={t('staff.editor.add.storyField')} emptyLabel={t('staff.editor.add.choose')} options={pickable.map((s) => ({ value: s.id, label: s.title || t('staff.editor.add.untitled') }))} />
              <TextAreaField meta={fields.excerpt} label={t('staff.editor.add.excerpt')} hint={t('staff.editor.add.excerptHint')} rows={5} />
              <TextAreaField meta={fields.contentNote} label={t('staff.editor.fields.blockContentNote')} rows={2} />
            </>
          )}
        </AddForm>
        <AddForm id="add-medium" intent="addMedium" last={last} submit={t('staff.editor.add.medium')}>
          {(fields) => (
            <>
              <SelectField
                meta={fields.mediaId}
                label={t('staff.editor.add.mediumField')}
                emptyLabel={t('staff.editor.add.choose')}
                options={pickable.flatMap((s) => s.media.map((m) => ({ value: m.id, label: `${s.title || t('staff.editor.add.untitled')} — ${t(`staff.mediaKinds.${m.kind}`)}: ${m.description}` })))}
              />
              <TextAreaField meta={fields.contentNote} label={t('staff.editor.fields.blockContentNote')} rows={2} />
            </>
          )}
        </AddForm>
      </section>
      <AddForm id="add-report" intent="addReport" last={last} submit={t('staff.editor.add.report')}>
        {(fields) => (
          <>
            <SelectField meta={fields.reportRef} label={t('staff.editor.add.reportRef')} emptyLabel={t('staff.editor.add.choose')} options={toOptions(REPORT_REFS, (r) => t(`staff.reports.${r}`))} />
            <TextAreaField meta={fields.body} label={t('staff.editor.add.reportBody')} hint={t('staff.editor.add.reportBodyHint')} rows={5} />
          </>
        )}
      </AddForm>
      <AddForm id="add-text" intent="addText" last={last} submit={t('staff.editor.add.text')}>
        {(fields) => (
          <>
            <TextAreaField meta={fields.body} label={t('staff.editor.add.textBody')} rows={5} />
            <TextAreaField meta={fields.contentNote} label={t('staff.editor.fields.blockContentNote')} rows={2} />
          </>
        )}
      </AddForm>
      <AddForm id="add-help" intent="addHelp" last={last} submit={t('staff.editor.add.help')}>
        {(fields) => (
          <>
            <SelectField meta={fields.setting} label={t('staff.facets.setting')} emptyLabel={t('staff.editor.add.any')} options={toOptions(SETTINGS, (v) => t(`facets:settings.${v}`))} />
            <SelectField meta={fields.decade} label={t('staff.facets.decade')} emptyLabel={t('staff.editor.add.any')} options={toOptions(DECADES, (v) => t(`facets:decades.${v}`))} />
            <SelectField meta={fields.region} label={t('staff.facets.region')} emptyLabel={t('staff.editor.add.any')} options={toOptions(REGIONS, (v) => t(`facets:regions.${v}`))} />
            <SelectField meta={fields.need} label={t('staff.facets.need')} emptyLabel={t('staff.editor.add.any')} options={toOptions(NEEDS, (v) => t(`facets:needs.${v}`))} />
          </>
        )}
      </AddForm>
    </>
  )
}

type AnyFields = Record<'storyId' | 'mediaId' | 'excerpt' | 'contentNote' | 'reportRef' | 'body' | 'setting' | 'decade' | 'region' | 'need', string>

function AddForm({ id, intent, last, submit, children }: { id: string; intent: string; last: Last; submit: string; children: (fields: ReturnType<typeof useForm<AnyFields>>[1]) => React.ReactNode }) {
  const [form, fields] = useForm<AnyFields>({ id, lastResult: lastFor(last, intent), shouldValidate: 'onSubmit' })
  return (
    <div className="card">
      <ErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value={intent} />
        {children(fields)}
        <button type="submit" className="button">
          {submit}
        </button>
      </Form>
    </div>
  )
}
