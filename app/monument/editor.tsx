import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import type { SubmissionResult } from '@conform-to/react'
import { Form, Link, useFetcher } from '@remix-run/react'
import { useEffect, useRef, useState, type FormEvent, type ReactNode, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import { ConsentHistoryTable } from '~/components/consent-history'
import { ChoiceGroup, ErrorSummary, Field, SelectField, StatusMessage, TextAreaField, toOptions } from '~/components/forms'
import { consentTextKeys } from '~/consent/texts'
import { DECADES, REGIONS, SETTINGS, THEMES, VIOLENCE_KINDS } from '~/facets/facets'
import type { loadStoryEditor, UploadErrorName } from './editor.server'
import { MEDIA_ACCEPT } from './media-limits'
import { DISPLAY_MODES, EDITOR_STEP_KEYS, STORY_CONSENT_PURPOSES, StoryDisplaySchema, StoryTextSchema, type EditorStep } from './schemas'
import { formatLongDateTime, formatTime } from '~/utils/format-date'

/**
 * The survivor's story editor: one plain form per step (works without JavaScript), each
 * saving on submit, plus a small autosave while typing when JavaScript runs.
 */

type EditorData = Awaited<ReturnType<typeof loadStoryEditor>>
type StoryView = EditorData['story']
type MediaView = EditorData['media'][number]

export type EditorActionData = {
  step?: string
  result?: SubmissionResult<string[]>
  revision?: number
  autosaved?: boolean
  savedAt?: string
  submitError?: string
  fields?: string[]
  deleteError?: string
  error?: string
}

/** `approvalExtra`: more of the version to approve (the moderated media texts), shown before the approve button. */
export function StoryEditor({ data, actionData, approvalExtra }: { data: EditorData; actionData?: EditorActionData; approvalExtra?: ReactNode }) {
  const { t } = useTranslation('monument')
  const { story, step } = data
  return (
    <div className="page">
      <p>
        <Link to="/mijn-verhalen">{t('editor.backToList')}</Link>
      </p>
      <h1>{story.title || t('editor.title')}</h1>
      <p>
        <span className="tag">{t(`status.${story.status}.label`)}</span> {t(`status.${story.status}.next`)}
      </p>
      {actionData?.error ? <p role="alert">{t('common:errors.unknownAction')}</p> : null}
      {data.notice ? <StatusMessage>{t(`editor.notices.${data.notice}`, { defaultValue: t('editor.notices.draft') })}</StatusMessage> : null}
      {data.editable ? <StepNav current={step} storyId={story.id} /> : null}
      {step === 'verhaal' ? <TextStep story={story} actionData={actionData} /> : null}
      {step === 'details' ? <DetailsStep story={story} actionData={actionData} suggestions={data.suggestions} /> : null}
      {step === 'weergave' ? <DisplayStep story={story} actionData={actionData} /> : null}
      {step === 'media' ? <MediaStep data={data} /> : null}
      {step === 'toestemming' ? <ConsentStep data={data} /> : null}
      {step === 'controle' ? <CheckStep data={data} actionData={actionData} /> : null}
      {step === 'status' ? <StatusView data={data} actionData={actionData} approvalExtra={approvalExtra} /> : null}
    </div>
  )
}

function StepNav({ current, storyId }: { current: EditorStep | 'status'; storyId: string }) {
  const { t } = useTranslation('monument')
  const steps = Object.keys(EDITOR_STEP_KEYS) as EditorStep[]
  return (
    <nav aria-label={t('editor.stepsLabel')}>
      <ol className="editor-steps">
        {steps.map((s, i) => (
          <li key={s}>
            <Link to={`/mijn-verhalen/${storyId}?stap=${s}`} aria-current={s === current ? 'step' : undefined}>
              {t('editor.stepNumber', { number: i + 1 })} {t(`editor.steps.${EDITOR_STEP_KEYS[s]}.name`)}
            </Link>
          </li>
        ))}
      </ol>
    </nav>
  )
}

/** Debounced save while typing (JavaScript only): keeps the revision in step with the server. */
function useAutosave(formRef: RefObject<HTMLFormElement>, initialRevision: number, actionRevision: number | undefined) {
  const fetcher = useFetcher<EditorActionData>()
  const [revision, setRevision] = useState(initialRevision)
  const { submit } = fetcher
  useEffect(() => {
    if (actionRevision !== undefined) setRevision(actionRevision)
  }, [actionRevision])
  useEffect(() => {
    if (fetcher.data?.autosaved && fetcher.data.revision !== undefined) setRevision(fetcher.data.revision)
  }, [fetcher.data])
  useEffect(() => {
    const form = formRef.current
    if (!form) return
    let timer: ReturnType<typeof setTimeout> | undefined
    const onInput = () => {
      clearTimeout(timer)
      timer = setTimeout(() => {
        // Offline, a failed request would only show an error page; the tab's copy holds the text.
        if (!navigator.onLine) return
        const body = new FormData(form)
        body.set('intent', 'autosave')
        submit(body, { method: 'post' })
      }, 2500)
    }
    form.addEventListener('input', onInput)
    form.addEventListener('change', onInput)
    return () => {
      clearTimeout(timer)
      form.removeEventListener('input', onInput)
      form.removeEventListener('change', onInput)
    }
  }, [formRef, submit])
  const status = fetcher.data?.autosaved ? 'saved' : fetcher.data && !fetcher.data.autosaved ? 'failed' : null
  return { revision, status, savedAt: fetcher.data?.savedAt }
}

function AutosaveStatus({ status, savedAt }: { status: string | null; savedAt?: string }) {
  const { t, i18n } = useTranslation('monument')
  const time = savedAt ? formatTime(savedAt, i18n.language) : ''
  return (
    <p className="autosave-status" role="status">
      {status === 'saved' ? t('editor.autosave.saved', { time }) : status === 'failed' ? t('editor.autosave.failed') : null}
    </p>
  )
}

const backupKey = (storyId: string) => `story-text:${storyId}`
const TEXT_FIELDS = ['title', 'body', 'contentNote'] as const
type TextValues = Record<(typeof TEXT_FIELDS)[number], string>

function readForm(form: HTMLFormElement): TextValues {
  const data = new FormData(form)
  const value = (name: string) => {
    const v = data.get(name)
    return typeof v === 'string' ? v : ''
  }
  return { title: value('title'), body: value('body'), contentNote: value('contentNote') }
}

/**
 * A copy of the text in this browser tab (sessionStorage: gone when the tab closes, and the
 * quick exit clears it), so a lost connection cannot take what was typed: the autosave and
 * the save buttons need the network, this copy does not. When the page opens with a copy
 * that differs from the saved draft, the survivor chooses whether to put it back. A submit
 * while offline stays on the page with a message instead of failing.
 */
function useTabBackup(formRef: RefObject<HTMLFormElement>, storyId: string, saved: TextValues) {
  const [found, setFound] = useState<TextValues | null>(null)
  const [offline, setOffline] = useState(false)
  useEffect(() => {
    const form = formRef.current
    if (!form) return
    let copy: TextValues | null = null
    try {
      copy = JSON.parse(window.sessionStorage.getItem(backupKey(storyId)) ?? 'null') as TextValues | null
    } catch {
      copy = null
    }
    if (copy && TEXT_FIELDS.some((f) => (copy[f] ?? '') !== (saved[f] ?? ''))) setFound(copy)
    else window.sessionStorage.removeItem(backupKey(storyId))
    let timer: ReturnType<typeof setTimeout> | undefined
    const onInput = () => {
      clearTimeout(timer)
      timer = setTimeout(() => {
        try {
          window.sessionStorage.setItem(backupKey(storyId), JSON.stringify(readForm(form)))
        } catch {
          // Storage full or refused: the autosave still runs.
        }
      }, 400)
    }
    const onSubmit = (event: SubmitEvent) => {
      if (navigator.onLine) return
      event.preventDefault()
      event.stopImmediatePropagation()
      setOffline(true)
    }
    const onOnline = () => setOffline(false)
    form.addEventListener('input', onInput)
    form.addEventListener('submit', onSubmit, true)
    window.addEventListener('online', onOnline)
    return () => {
      clearTimeout(timer)
      form.removeEventListener('input', onInput)
      form.removeEventListener('submit', onSubmit, true)
      window.removeEventListener('online', onOnline)
    }
    // Only when the page opens: later saves change `saved`, the copy follows the typing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [formRef, storyId])
  const restore = () => {
    const form = formRef.current
    if (!form || !found) return
    for (const name of TEXT_FIELDS) {
      const field = form.elements.namedItem(name)
      if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) field.value = found[name] ?? ''
    }
    form.dispatchEvent(new Event('input', { bubbles: true }))
    setFound(null)
  }
  const dismiss = () => {
    window.sessionStorage.removeItem(backupKey(storyId))
    setFound(null)
  }
  return { found: found !== null, offline, restore, dismiss }
}

function TabBackupNotice({ backup }: { backup: ReturnType<typeof useTabBackup> }) {
  const { t } = useTranslation('monument')
  return (
    <>
      {backup.offline ? (
        <div className="notice" role="alert">
          <p>{t('editor.tabBackup.offline')}</p>
        </div>
      ) : null}
      {backup.found ? (
        <div className="notice" role="status">
          <p>{t('editor.tabBackup.found')}</p>
          <p>
            <button type="button" className="button button--primary" onClick={backup.restore}>
              {t('editor.tabBackup.restore')}
            </button>{' '}
            <button type="button" className="button" onClick={backup.dismiss}>
              {t('editor.tabBackup.dismiss')}
            </button>
          </p>
        </div>
      ) : null}
    </>
  )
}

function StepButtons() {
  const { t } = useTranslation('monument')
  return (
    <div className="form-actions">
      <button type="submit" name="intent" value="saveAndContinue" className="button button--primary">
        {t('editor.saveAndContinue')}
      </button>
      <button type="submit" name="intent" value="save" className="button">
        {t('editor.saveDraft')}
      </button>
    </div>
  )
}

function StepIntro({ step }: { step: string }) {
  const { t } = useTranslation('monument')
  return (
    <>
      <h2>{t(`editor.steps.${step}.title`)}</h2>
      <p className="lead">{t(`editor.steps.${step}.lead`)}</p>
    </>
  )
}

function TextStep({ story, actionData }: { story: StoryView; actionData?: EditorActionData }) {
  const { t } = useTranslation('monument')
  const formRef = useRef<HTMLFormElement>(null)
  const mine = actionData?.step === 'verhaal'
  const [form, fields] = useForm<{ title?: string; body?: string; contentNote?: string }>({
    id: 'story-text',
    lastResult: mine ? actionData?.result : undefined,
    defaultValue: { title: story.title, body: story.body, contentNote: story.contentNote },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StoryTextSchema }),
    shouldValidate: 'onBlur',
  })
  const autosave = useAutosave(formRef, story.revision, mine ? actionData?.revision : undefined)
  const backup = useTabBackup(formRef, story.id, { title: story.title ?? '', body: story.body ?? '', contentNote: story.contentNote ?? '' })
  return (
    <section>
      <StepIntro step="story" />
      <TabBackupNotice backup={backup} />
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)} ref={formRef}>
        <input type="hidden" name="step" value="verhaal" />
        <input type="hidden" name="revision" value={autosave.revision} />
        <Field meta={fields.title} label={t('editor.fields.title')} hint={t('editor.fields.titleHint')} />
        <TextAreaField meta={fields.body} label={t('editor.fields.body')} hint={t('editor.fields.bodyHint')} rows={16} />
        <TextAreaField meta={fields.contentNote} label={t('editor.fields.contentNote')} hint={t('editor.fields.contentNoteHint')} rows={3} />
        <AutosaveStatus status={autosave.status} savedAt={autosave.savedAt} />
        <StepButtons />
      </Form>
    </section>
  )
}

function asList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String)
  return typeof value === 'string' && value ? [value] : []
}

function DetailsStep({ story, actionData, suggestions }: { story: StoryView; actionData?: EditorActionData; suggestions: string[] }) {
  const { t } = useTranslation(['monument', 'facets', 'validation'])
  const formRef = useRef<HTMLFormElement>(null)
  const mine = actionData?.step === 'details'
  const [form, fields] = useForm({
    id: 'story-details',
    lastResult: mine ? actionData?.result : undefined,
    defaultValue: { decades: story.decades, settings: story.settings, violenceKinds: story.violenceKinds, themes: story.themes, institutionName: story.institutionName, region: story.region },
  })
  const autosave = useAutosave(formRef, story.revision, mine ? actionData?.revision : undefined)
  return (
    <section>
      <StepIntro step="details" />
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)} ref={formRef}>
        <input type="hidden" name="step" value="details" />
        <input type="hidden" name="revision" value={autosave.revision} />
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
        <AutosaveStatus status={autosave.status} savedAt={autosave.savedAt} />
        <StepButtons />
      </Form>
    </section>
  )
}

function DisplayStep({ story, actionData }: { story: StoryView; actionData?: EditorActionData }) {
  const { t } = useTranslation(['monument', 'validation'])
  const formRef = useRef<HTMLFormElement>(null)
  const mine = actionData?.step === 'weergave'
  const [form, fields] = useForm<{ displayMode?: string; pseudonym?: string }>({
    id: 'story-display',
    lastResult: mine ? actionData?.result : undefined,
    defaultValue: { displayMode: story.displayMode, pseudonym: story.pseudonym },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StoryDisplaySchema }),
    shouldValidate: 'onSubmit',
  })
  const autosave = useAutosave(formRef, story.revision, mine ? actionData?.revision : undefined)
  const chosen = asList(fields.displayMode.initialValue)[0] ?? 'anonymous'
  return (
    <section>
      <StepIntro step="display" />
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)} ref={formRef}>
        <input type="hidden" name="step" value="weergave" />
        <input type="hidden" name="revision" value={autosave.revision} />
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
        <AutosaveStatus status={autosave.status} savedAt={autosave.savedAt} />
        <StepButtons />
      </Form>
    </section>
  )
}

function ConsentButton({ purpose, granted, action, extra }: { purpose: string; granted: boolean; action?: string; extra?: ReactNode }) {
  const { t } = useTranslation('monument')
  return (
    // Remix's Form: on this index route it posts to `?index`, where a plain form would not.
    <Form method="post" action={action} className="consent-form">
      <input type="hidden" name="intent" value="consent" />
      <input type="hidden" name="purpose" value={purpose} />
      <input type="hidden" name="grant" value={granted ? 'false' : 'true'} />
      {extra}
      <button type="submit" className="button">
        {granted ? t('consent.withdraw') : t('consent.grant')}
      </button>
    </Form>
  )
}

function MediaStep({ data }: { data: EditorData }) {
  const { t } = useTranslation('monument')
  return (
    <section>
      <StepIntro step="media" />
      <UploadForm data={data} />
      <h3>{t('media.list.title')}</h3>
      {data.media.length === 0 ? <p>{t('media.list.empty')}</p> : null}
      <ul className="media-list">
        {data.media.map((m) => (
          <MediaItem key={m.id} storyId={data.story.id} media={m} />
        ))}
      </ul>
      <p>
        <Link className="button button--primary" to={`/mijn-verhalen/${data.story.id}?stap=toestemming`}>
          {t('editor.continue')}
        </Link>
      </p>
    </section>
  )
}

/**
 * A plain multipart form. With JavaScript the file goes by XMLHttpRequest instead, so a
 * <progress> bar can show how far the upload is; the server answers both the same way.
 */
function UploadForm({ data }: { data: EditorData }) {
  const { t } = useTranslation('monument')
  const [progress, setProgress] = useState<number | null>(null)
  const [clientError, setClientError] = useState<UploadErrorName | null>(null)
  const error = clientError ?? data.uploadError
  const action = `/mijn-verhalen/${data.story.id}/media`
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    if (typeof XMLHttpRequest === 'undefined') return
    event.preventDefault()
    const form = event.currentTarget
    const xhr = new XMLHttpRequest()
    xhr.open('POST', action)
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) setProgress(Math.round((e.loaded / e.total) * 100))
    })
    xhr.addEventListener('load', () => window.location.assign(xhr.responseURL || `/mijn-verhalen/${data.story.id}?stap=media`))
    xhr.addEventListener('error', () => {
      setProgress(null)
      setClientError('interrupted')
    })
    setClientError(null)
    setProgress(0)
    xhr.send(new FormData(form))
  }
  return (
    <form method="post" action={action} encType="multipart/form-data" onSubmit={onSubmit} className="upload-form">
      <div className={`field${error ? ' field--invalid' : ''}`}>
        <label htmlFor="media-file">{t('media.upload.label')}</label>
        <p id="media-file-hint" className="field__hint">
          {t('media.upload.hint', data.limits)}
        </p>
        {error ? (
          <p id="media-file-error" className="field__error">
            {t(`media.errors.${error}`, data.uploadValues)}
          </p>
        ) : null}
        <input
          id="media-file"
          type="file"
          name="media"
          required
          accept={MEDIA_ACCEPT}
          aria-describedby={error ? 'media-file-hint media-file-error' : 'media-file-hint'}
          aria-invalid={error ? true : undefined}
        />
      </div>
      {progress !== null ? (
        <div className="upload-progress">
          <label htmlFor="upload-progress">{t('media.upload.progress', { percent: progress })}</label>
          <progress id="upload-progress" max={100} value={progress} />
        </div>
      ) : null}
      <button type="submit" className="button button--primary" disabled={progress !== null}>
        {t('media.upload.submit')}
      </button>
    </form>
  )
}

function MediaItem({ storyId, media }: { storyId: string; media: MediaView }) {
  const { t } = useTranslation(['monument', 'consent'])
  const action = `/mijn-verhalen/${storyId}/media/${media.id}`
  const timed = media.kind !== 'photo'
  return (
    <li className="media-item" id={`media-${media.id}`}>
      <h4>{t(`media.kinds.${media.kind}`)}</h4>
      {media.kind === 'photo' ? <img className="media-item__thumb" src={media.hasThumb ? `/media/${media.id}/thumb` : `/media/${media.id}`} alt={media.description || t('media.item.noDescription')} /> : null}
      {/* eslint-disable-next-line jsx-a11y/media-has-caption -- the owner's own preview; the transcript below is the text alternative (WCAG 1.2.1) */}
      {media.kind === 'audio' ? <audio controls preload="none" src={`/media/${media.id}`} aria-label={media.description || t('media.kinds.audio')} /> : null}
      {media.kind === 'video' ? (
        // eslint-disable-next-line jsx-a11y/media-has-caption -- captions are optional (the track is added when uploaded); the transcript is required before publication
        <video controls preload="metadata" src={`/media/${media.id}`} aria-label={media.description || t('media.kinds.video')} className="media-item__video">
          {media.hasCaptions ? <track kind="captions" src={`/media/${media.id}/captions`} label={t('media.item.captions')} default /> : null}
        </video>
      ) : null}
      <form method="post" action={action} className="media-item__details">
        <input type="hidden" name="intent" value="details" />
        <div className="field">
          <label htmlFor={`description-${media.id}`}>{media.kind === 'photo' ? t('media.item.altText') : t('media.item.description')}</label>
          <p id={`description-${media.id}-hint`} className="field__hint">
            {media.kind === 'photo' ? t('media.item.altTextHint') : t('media.item.descriptionHint')}
          </p>
          <textarea id={`description-${media.id}`} name="description" rows={2} defaultValue={media.description} aria-describedby={`description-${media.id}-hint`} />
        </div>
        {timed ? (
          <div className="field">
            <label htmlFor={`transcript-${media.id}`}>{t('media.item.transcript')}</label>
            <p id={`transcript-${media.id}-hint`} className="field__hint">
              {t('media.item.transcriptHint')}
            </p>
            <textarea id={`transcript-${media.id}`} name="transcript" rows={6} defaultValue={media.transcript} aria-describedby={`transcript-${media.id}-hint`} />
          </div>
        ) : null}
        <button type="submit" className="button">
          {t('media.item.saveDetails')}
        </button>
      </form>
      {timed && !media.transcript ? <p className="notice">{t('media.item.needsTranscript')}</p> : null}
      {timed ? (
        <form method="post" action={action} encType="multipart/form-data" className="media-item__captions">
          <div className="field">
            <label htmlFor={`captions-${media.id}`}>{media.hasCaptions ? t('media.item.replaceCaptions') : t('media.item.addCaptions')}</label>
            <p id={`captions-${media.id}-hint`} className="field__hint">
              {t('media.item.captionsHint')}
            </p>
            <input id={`captions-${media.id}`} type="file" name="captions" accept=".vtt,text/vtt" required aria-describedby={`captions-${media.id}-hint`} />
          </div>
          <button type="submit" className="button">
            {t('media.item.uploadCaptions')}
          </button>
        </form>
      ) : null}
      <div className="media-item__consent">
        <p>
          <strong>{t(consentTextKeys('media.publish').label, { ns: 'consent' })}</strong>
        </p>
        <p>{t(consentTextKeys('media.publish').text, { ns: 'consent' })}</p>
        <p>{media.publishConsent ? t('media.item.consentGiven') : t('media.item.consentNotGiven')}</p>
        <ConsentButton purpose="media.publish" granted={media.publishConsent} action={action} />
      </div>
      <form method="post" action={action}>
        <input type="hidden" name="intent" value="delete" />
        <button type="submit" className="link-button">
          {t('media.item.delete')}
        </button>
      </form>
    </li>
  )
}

function ConsentStep({ data }: { data: EditorData }) {
  const { t, i18n } = useTranslation(['monument', 'consent'])
  return (
    <section>
      <StepIntro step="consent" />
      {STORY_CONSENT_PURPOSES.map((purpose) => {
        const state = data.consents.state[purpose]
        const keys = consentTextKeys(purpose)
        const granted = Boolean(state?.granted)
        return (
          <section key={purpose} id={`consent-${purpose.replace('.', '-')}`} className="consent-item" aria-labelledby={`consent-${purpose.replace('.', '-')}-title`}>
            <h3 id={`consent-${purpose.replace('.', '-')}-title`}>{t(keys.label, { ns: 'consent' })}</h3>
            <p>{t(keys.text, { ns: 'consent' })}</p>
            <p>
              <strong>{granted ? t('consent:state.granted') : state?.since ? t('consent:state.withdrawn') : t('consent:state.notGranted')}</strong>
              {state?.since ? ` (${formatLongDateTime(state.since, i18n.language)})` : null}
            </p>
            {granted ? <p className="field__hint">{t(keys.withdrawEffect, { ns: 'consent' })}</p> : null}
            <ConsentButton purpose={purpose} granted={granted} />
          </section>
        )
      })}
      <h3>{t('consent:history.title')}</h3>
      <p>{t('consent:history.intro')}</p>
      <ConsentHistoryTable history={data.consents.history} caption={t('consent:history.title')} />
      {data.editable ? (
        <p>
          <Link className="button button--primary" to={`/mijn-verhalen/${data.story.id}?stap=controle`}>
            {t('editor.continue')}
          </Link>
        </p>
      ) : (
        <p>
          <Link to={`/mijn-verhalen/${data.story.id}`}>{t('editor.backToStatus')}</Link>
        </p>
      )}
    </section>
  )
}

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n{2,}/)
        .filter((p) => p.trim())
        .map((p, i) => (
          <p key={i} className="story-text">
            {p}
          </p>
        ))}
    </>
  )
}

function CheckStep({ data, actionData }: { data: EditorData; actionData?: EditorActionData }) {
  const { t } = useTranslation(['monument', 'facets'])
  const { story } = data
  const publishConsent = Boolean(data.consents.state['monument.publishPublic']?.granted || data.consents.state['monument.fellowSurvivors']?.granted)
  const untranscribed = data.media.filter((m) => m.kind !== 'photo' && !m.transcript).length
  const facets = [
    ...story.decades.map((v) => t(`facets:decades.${v}`)),
    ...story.settings.map((v) => t(`facets:settings.${v}`)),
    ...story.violenceKinds.map((v) => t(`facets:violenceKinds.${v}`)),
    ...story.themes.map((v) => t(`facets:themes.${v}`)),
    ...(story.region ? [t(`facets:regions.${story.region}`)] : []),
    ...(story.institutionName ? [story.institutionName] : []),
  ]
  return (
    <section>
      <StepIntro step="check" />
      {actionData?.submitError ? (
        <div className="error-summary" role="alert">
          <h3>{t('editor.check.cannotSubmit')}</h3>
          <ul>
            {(actionData.fields?.length ? actionData.fields : [actionData.submitError]).map((f) => (
              <li key={f}>{t(`editor.check.missing.${f}`, { defaultValue: t('editor.check.missing.other') })}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <dl className="facts">
        <dt>{t('editor.fields.title')}</dt>
        <dd>{story.title || t('editor.check.empty')}</dd>
        <dt>{t('editor.fields.contentNote')}</dt>
        <dd>{story.contentNote || t('editor.check.empty')}</dd>
        <dt>{t('editor.check.details')}</dt>
        <dd>{facets.length ? facets.join(', ') : t('editor.check.empty')}</dd>
        <dt>{t('editor.fields.displayMode')}</dt>
        <dd>{story.displayMode === 'pseudonym' ? t('editor.check.pseudonym', { name: story.pseudonym }) : t(`editor.displayModes.${story.displayMode}.label`)}</dd>
        <dt>{t('editor.check.media')}</dt>
        <dd>{t('editor.check.mediaCount', { count: data.media.length })}</dd>
      </dl>
      <h3>{t('editor.fields.body')}</h3>
      <div className="story-preview">{story.body ? <Paragraphs text={story.body} /> : <p>{t('editor.check.empty')}</p>}</div>
      {!publishConsent ? <p className="notice">{t('editor.check.noPublishConsent')}</p> : null}
      {untranscribed ? <p className="notice">{t('editor.check.untranscribed', { count: untranscribed })}</p> : null}
      <p>{t('editor.check.whatNext')}</p>
      <Form method="post">
        <button type="submit" name="intent" value="submit" className="button button--primary">
          {t('editor.check.submit')}
        </button>
      </Form>
      <DeleteForm deleteError={actionData?.deleteError} />
    </section>
  )
}

/** The moderated text with every redaction (a bracketed placeholder the author did not write) marked. */
function Redacted({ text, own }: { text: string; own: string }) {
  const parts = text.split(/(\[[^\]\n]{1,80}\])/)
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 && !own.includes(part) ? (
          <mark key={i} className="redaction">
            {part}
          </mark>
        ) : (
          <span key={i}>{part}</span>
        ),
      )}
    </>
  )
}

function StatusView({ data, actionData, approvalExtra }: { data: EditorData; actionData?: EditorActionData; approvalExtra?: ReactNode }) {
  const { t } = useTranslation('monument')
  const { story } = data
  const canWithdraw = !['withdrawn', 'removed'].includes(story.status)
  return (
    <section>
      {actionData?.submitError ? (
        <div className="error-summary" role="alert">
          <p>{t(`editor.status.errors.${actionData.submitError}`, { defaultValue: t('editor.status.errors.notAllowed') })}</p>
        </div>
      ) : null}
      {story.hidden ? <p className="notice">{t('editor.status.hidden')}</p> : null}
      {story.status === 'awaitingAuthor' && data.seenVersion ? (
        <section aria-labelledby="moderated-title">
          <h2 id="moderated-title">{t('editor.status.moderatedTitle')}</h2>
          <p>{t('editor.status.moderatedLead')}</p>
          <div className="story-preview">
            <h3>{story.publishedTitle}</h3>
            {story.publishedContentNote ? (
              <p>
                <strong>{t('editor.fields.contentNote')}</strong> {story.publishedContentNote}
              </p>
            ) : null}
            {(story.publishedBody ?? '')
              .split(/\n{2,}/)
              .filter((p) => p.trim())
              .map((p, i) => (
                <p key={i} className="story-text">
                  <Redacted text={p} own={story.body} />
                </p>
              ))}
          </div>
          {approvalExtra}
          <div className="form-actions">
            <Form method="post">
              <input type="hidden" name="seenVersion" value={data.seenVersion} />
              <button type="submit" name="intent" value="approve" className="button button--primary">
                {t('editor.status.approve')}
              </button>
            </Form>
            <Form method="post">
              <button type="submit" name="intent" value="reject" className="button">
                {t('editor.status.reject')}
              </button>
            </Form>
          </div>
        </section>
      ) : null}
      {story.status === 'submitted' ? (
        <Form method="post">
          <p>{t('editor.status.retractHelp')}</p>
          <button type="submit" name="intent" value="retract" className="button">
            {t('editor.status.retract')}
          </button>
        </Form>
      ) : null}
      <h2>{t('editor.status.consentTitle')}</h2>
      <p>
        <Link to={`/mijn-verhalen/${story.id}?stap=toestemming`}>{t('editor.status.consentLink')}</Link>
      </p>
      {canWithdraw ? (
        <Form method="post">
          <h2>{t('editor.status.withdrawTitle')}</h2>
          <p>{t('editor.status.withdrawHelp')}</p>
          <button type="submit" name="intent" value="withdraw" className="button">
            {t('editor.status.withdraw')}
          </button>
        </Form>
      ) : null}
      <DeleteForm deleteError={actionData?.deleteError} />
    </section>
  )
}

function DeleteForm({ deleteError }: { deleteError?: string }) {
  const { t } = useTranslation('monument')
  return (
    <Form method="post" className="delete-story">
      <h2>{t('editor.delete.title')}</h2>
      <p>{t('editor.delete.help')}</p>
      <div className={`field${deleteError ? ' field--invalid' : ''}`}>
        {deleteError ? (
          <p id="confirm-delete-error" className="field__error">
            {t('editor.delete.confirmRequired')}
          </p>
        ) : null}
        <input type="checkbox" id="confirm-delete" name="confirm" value="yes" aria-describedby={deleteError ? 'confirm-delete-error' : undefined} />{' '}
        <label htmlFor="confirm-delete">{t('editor.delete.confirm')}</label>
      </div>
      <button type="submit" name="intent" value="delete" className="button">
        {t('editor.delete.submit')}
      </button>
    </Form>
  )
}
