import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { StatusMessage } from '~/components/forms'
import { CheckStep } from './editor-check-step'
import { ConsentStep } from './editor-consent-step'
import type { EditorActionData, EditorData } from './editor-data'
import { MediaStep } from './editor-media-step'
import { StatusView } from './editor-status-view'
import { DetailsStep, DisplayStep, TextStep } from './editor-text-steps'
import { EDITOR_STEP_KEYS, type EditorStep } from './schemas'
import { PageHeading } from '~/components/layout/page-heading'

/**
 * The survivor's story editor: one plain form per step (works without JavaScript), each
 * saving on submit, plus a small autosave while typing when JavaScript runs. Each step is a
 * component of its own (editor-*.tsx); this file picks the step and draws the frame.
 */

/** `approvalExtra`: more of the version to approve (the moderated media texts), shown before the approve button. */
export function StoryEditor({ data, actionData, approvalExtra }: { data: EditorData; actionData?: EditorActionData; approvalExtra?: ReactNode }) {
  const { t } = useTranslation('monument')
  const { story, step } = data
  return (
    <div className="page">
      <PageHeading back={{ to: '/mijn-verhalen', label: t('editor.backToList') }} title={story.title || t('editor.title')} />
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
