import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CheckboxField, ChoiceGroup, ErrorSummary } from '~/components/forms'
import type { Answers } from './answers'
import { ConversationPartSchema, DeclarationsPartSchema } from './application-form'
import { SaveButtons } from './components'
import { FastTrackQuestion } from './fast-track-question'
import type { Result } from './form-pieces'
import type { FastTrackRules } from './scheme-config'

/**
 * The last two pages: whether they want a conversation (and, for the fast track, whether they
 * are seriously ill: asked gently, optional, never which illness), and the declarations.
 */
export function ConversationForm({
  answers,
  fastTrack,
  subjectName,
  lastResult,
}: {
  answers: Answers
  fastTrack: FastTrackRules | null
  subjectName: string | null
  lastResult: Result
}) {
  const { t } = useTranslation('scheme')
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { wish: answers.conversation?.wish, seriouslyIll: answers.fastTrack?.seriouslyIll ? 'on' : undefined },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ConversationPartSchema }),
    shouldValidate: 'onSubmit',
  })
  return (
    <>
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)}>
        <p>{t('conversation.explain')}</p>
        <ChoiceGroup className="scheme-choices"
          meta={fields.wish}
          legend={t('conversation.question')}
          type="radio"
          options={[
            { value: 'yes', label: t('conversation.yes') },
            { value: 'no', label: t('conversation.no') },
          ]}
        />
        {fastTrack ? <FastTrackQuestion rules={fastTrack} meta={fields.seriouslyIll} subjectName={subjectName} /> : null}
        <SaveButtons />
      </Form>
    </>
  )
}

export function DeclarationsForm({ answers, lastResult }: { answers: Answers; lastResult: Result }) {
  const { t } = useTranslation('scheme')
  const done = Boolean(answers.declarations)
  const [form, fields] = useForm({
    lastResult,
    defaultValue: done ? { truthful: 'on', processing: 'on' } : {},
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DeclarationsPartSchema }),
    shouldValidate: 'onSubmit',
  })
  return (
    <>
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)}>
        {(['truthful', 'processing'] as const).map((name) => (
          <CheckboxField key={name} meta={fields[name]} label={t(`declarations.${name}`)} />
        ))}
        <SaveButtons />
      </Form>
    </>
  )
}
