import { getFormProps, useForm, type FormMetadata } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { Form } from '@remix-run/react'
import { useRef, type ReactNode, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import { ChoiceGroup, ErrorSummary, Field, SelectField, TextAreaField, toOptions } from '~/components/forms'
import { DECADES, REGIONS, SETTINGS, THEMES, VIOLENCE_KINDS } from '~/facets/facets'
import { AutosaveStatus, useAutosave } from './editor-autosave'
import type { EditorActionData, StoryView } from './editor-data'
import { TabBackupNotice, useTabBackup } from './editor-tab-backup'
import { DISPLAY_MODES, StoryDisplaySchema, StoryTextSchema } from './schemas'

/**
 * The three text steps (story, details, display). Each is one plain form that saves on
 * submit (works without JavaScript) and autosaves while typing when JavaScript runs.
 */

export function StepIntro({ step }: { step: string }) {
  const { t } = useTranslation('monument')
  return (
    <>
      <h2>{t(`editor.steps.${step}.title`)}</h2>
      <p className="lead">{t(`editor.steps.${step}.lead`)}</p>
    </>
  )
}

/** The step's reply from the action, when the last post was this step's form. */
function replyFor(step: string, actionData?: EditorActionData) {
  const mine = actionData?.step === step
  return { lastResult: mine ? actionData?.result : undefined, revision: mine ? actionData?.revision : undefined }
}

/** The frame every text step shares: intro, error summary, the form with its step and revision, autosave status and buttons. */
function StepForm<Schema extends Record<string, unknown>>({
  step,
  intro,
  form,
  formRef,
  revision,
  autosave,
  notice,
  children,
}: {
  step: string
  intro: string
  form: FormMetadata<Schema, string[]>
  formRef: RefObject<HTMLFormElement>
  revision: number
  autosave: { status: string | null; savedAt?: string }
  notice?: ReactNode
  children: ReactNode
}) {
  const { t } = useTranslation('monument')
  return (
    <section>
      <StepIntro step={intro} />
      {notice}
      <ErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)} ref={formRef}>
        <input type="hidden" name="step" value={step} />
        <input type="hidden" name="revision" value={revision} />
        {children}
        <AutosaveStatus status={autosave.status} savedAt={autosave.savedAt} />
        <div className="form-actions">
          <button type="submit" name="intent" value="saveAndContinue" className="button button--primary">
            {t('editor.saveAndContinue')}
          </button>
          <button type="submit" name="intent" value="save" className="button">
            {t('editor.saveDraft')}
          </button>
        </div>
      </Form>
    </section>
  )
}

export function TextStep({ story, actionData }: { story: StoryView; actionData?: EditorActionData }) {
  const { t } = useTranslation('monument')
  const formRef = useRef<HTMLFormElement>(null)
  const reply = replyFor('verhaal', actionData)
  const [form, fields] = useForm<{ title?: string; body?: string; contentNote?: string }>({
    id: 'story-text',
    lastResult: reply.lastResult,
    defaultValue: { title: story.title, body: story.body, contentNote: story.contentNote },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StoryTextSchema }),
    shouldValidate: 'onBlur',
  })
  const autosave = useAutosave(formRef, story.revision, reply.revision)
  const backup = useTabBackup(formRef, story.id, { title: story.title ?? '', body: story.body ?? '', contentNote: story.contentNote ?? '' })
  return (
    <StepForm step="verhaal" intro="story" form={form} formRef={formRef} revision={autosave.revision} autosave={autosave} notice={<TabBackupNotice backup={backup} />}>
      <Field meta={fields.title} label={t('editor.fields.title')} hint={t('editor.fields.titleHint')} />
      <TextAreaField meta={fields.body} label={t('editor.fields.body')} hint={t('editor.fields.bodyHint')} rows={16} />
      <TextAreaField meta={fields.contentNote} label={t('editor.fields.contentNote')} hint={t('editor.fields.contentNoteHint')} rows={3} />
    </StepForm>
  )
}

export function DetailsStep({ story, actionData, suggestions }: { story: StoryView; actionData?: EditorActionData; suggestions: string[] }) {
  const { t } = useTranslation(['monument', 'facets', 'validation'])
  const formRef = useRef<HTMLFormElement>(null)
  const reply = replyFor('details', actionData)
  const [form, fields] = useForm({
    id: 'story-details',
    lastResult: reply.lastResult,
    defaultValue: { decades: story.decades, settings: story.settings, violenceKinds: story.violenceKinds, themes: story.themes, institutionName: story.institutionName, region: story.region },
  })
  const autosave = useAutosave(formRef, story.revision, reply.revision)
  return (
    <StepForm step="details" intro="details" form={form} formRef={formRef} revision={autosave.revision} autosave={autosave}>
      <ChoiceGroup meta={fields.decades} legend={t('editor.fields.decades')} type="checkbox" options={toOptions(DECADES, (v) => t(`facets:decades.${v}`))} className="checkbox-group" />
      <ChoiceGroup meta={fields.settings} legend={t('editor.fields.settings')} type="checkbox" options={toOptions(SETTINGS, (v) => t(`facets:settings.${v}`))} className="checkbox-group" />
      <Field meta={fields.institutionName} label={t('editor.fields.institutionName')} hint={t('editor.fields.institutionNameHint')} list="institution-suggestions" autoComplete="off" />
      <datalist id="institution-suggestions">
        {suggestions.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <SelectField meta={fields.region} label={t('editor.fields.region')} options={toOptions(REGIONS, (r) => t(`facets:regions.${r}`))} emptyLabel={t('editor.fields.regionNone')} />
      <ChoiceGroup meta={fields.violenceKinds} legend={t('editor.fields.violenceKinds')} type="checkbox" options={toOptions(VIOLENCE_KINDS, (v) => t(`facets:violenceKinds.${v}`))} className="checkbox-group" />
      <ChoiceGroup meta={fields.themes} legend={t('editor.fields.themes')} type="checkbox" options={toOptions(THEMES, (v) => t(`facets:themes.${v}`))} className="checkbox-group" />
    </StepForm>
  )
}

function asList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String)
  return typeof value === 'string' && value ? [value] : []
}

export function DisplayStep({ story, actionData }: { story: StoryView; actionData?: EditorActionData }) {
  const { t } = useTranslation(['monument', 'validation'])
  const formRef = useRef<HTMLFormElement>(null)
  const reply = replyFor('weergave', actionData)
  const [form, fields] = useForm<{ displayMode?: string; pseudonym?: string }>({
    id: 'story-display',
    lastResult: reply.lastResult,
    defaultValue: { displayMode: story.displayMode, pseudonym: story.pseudonym },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StoryDisplaySchema }),
    shouldValidate: 'onSubmit',
  })
  const autosave = useAutosave(formRef, story.revision, reply.revision)
  const chosen = asList(fields.displayMode.initialValue)[0] ?? 'anonymous'
  return (
    <StepForm step="weergave" intro="display" form={form} formRef={formRef} revision={autosave.revision} autosave={autosave}>
      <fieldset className="field">
        <legend>{t('editor.fields.displayMode')}</legend>
        {DISPLAY_MODES.map((mode) => (
          <div key={mode} className="radio-item">
            <input type="radio" id={`display-${mode}`} name={fields.displayMode.name} value={mode} defaultChecked={chosen === mode} aria-describedby={`display-${mode}-hint`} />{' '}
            <label htmlFor={`display-${mode}`}>{t(`editor.displayModes.${mode}.label`)}</label>
            <p id={`display-${mode}-hint`} className="field__hint">
              {t(`editor.displayModes.${mode}.hint`)}
            </p>
          </div>
        ))}
      </fieldset>
      <Field meta={fields.pseudonym} label={t('editor.fields.pseudonym')} hint={t('editor.fields.pseudonymHint')} autoComplete="off" />
    </StepForm>
  )
}
