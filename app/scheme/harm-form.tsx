import { getFormProps, useForm } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { CheckboxField, ChoiceGroup, ErrorSummary, TextAreaField } from '~/components/forms'
import type { Answers } from './answers'
import type { HarmPartSchema } from './application-form'
import { SaveButtons } from './components'
import { LifeStoryChoices, type LifeStoryChoice } from './life-story-choices'
import { amsterdamDate, formatLongDate } from './dates'
import { named, type Result } from './form-pieces'

/** What happened: the kinds of harm, in their own words or by using their monument story (tell it once). */
export function HarmForm({
  answers,
  harmKinds,
  stories,
  lifeStories = [],
  subjectName,
  lastResult,
}: {
  answers: Answers
  harmKinds: string[]
  /** Own stories with a moderated text; `consentGrantedAt` when the story's "use in my application" consent stands. */
  stories: Array<{ id: string; title: string; text: string; consentGrantedAt: string | null }>
  /** The survivor's own claimed life stories (app/life-stories); `consentGrantedAt` when the application's consent stands. */
  lifeStories?: LifeStoryChoice[]
  subjectName: string | null
  lastResult: Result
}) {
  const { t, i18n } = useTranslation(['scheme', 'facets', 'consent'])
  const h = answers.harm
  const [form, fields] = useForm<z.input<typeof HarmPartSchema>>({
    lastResult,
    defaultValue: { mode: h?.mode ?? 'write', kinds: h?.kinds ?? [], ownWords: h?.ownWords, storyId: h?.story?.id, lifeStoryId: h?.lifeStory?.id },
    shouldValidate: 'onSubmit',
  })
  return (
    <>
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)}>
        <ChoiceGroup className="scheme-choices" meta={fields.kinds} legend={t('harm.kindsLabel', named(subjectName))} hint={t('harm.kindsHint')} type="checkbox" options={harmKinds.map((k) => ({ value: k, label: t(`facets:violenceKinds.${k}`) }))} />
        {stories.length > 0 || lifeStories.length > 0 ? (
          <ChoiceGroup className="scheme-choices"
            meta={fields.mode}
            legend={t('harm.modeQuestion')}
            type="radio"
            options={[
              { value: 'write', label: t('harm.modes.write') },
              ...(stories.length > 0 ? [{ value: 'story', label: t('harm.modes.story'), hint: t('harm.modes.storyHint') }] : []),
              ...(lifeStories.length > 0 ? [{ value: 'lifeStory', label: t('harm.modes.lifeStory'), hint: t('harm.modes.lifeStoryHint') }] : []),
            ]}
          />
        ) : (
          <input type="hidden" name={fields.mode.name} value="write" />
        )}
        <TextAreaField meta={fields.ownWords} label={t('harm.ownWords')} hint={t('harm.ownWordsHint')} rows={10} />
        {stories.length > 0 ? (
          <>
            <ChoiceGroup className="scheme-choices"
              meta={fields.storyId}
              legend={t('harm.storyQuestion')}
              type="radio"
              options={stories.map((s) => ({ value: s.id, label: s.title || t('harm.untitled') }))}
            />
            {/* Exactly the text that would be shared, so nobody agrees to something they have not seen. */}
            {stories.map((s) => (
              <details key={s.id} className="scheme-story" open={stories.length === 1 || h?.story?.id === s.id}>
                <summary>{t('harm.storyTextTitle', { title: s.title || t('harm.untitled') })}</summary>
                <p className="field__hint">{t('harm.storyTextLead')}</p>
                <blockquote className="scheme-story__text">{s.text}</blockquote>
                {s.consentGrantedAt ? <p>{t('harm.storyConsentGiven', { date: formatLongDate(amsterdamDate(new Date(s.consentGrantedAt)), i18n.language) })}</p> : null}
              </details>
            ))}
            {stories.some((s) => !s.consentGrantedAt) ? <CheckboxField meta={fields.storyConsent} label={t('harm.storyConsent')} hint={t('harm.storyConsentHint')} /> : null}
          </>
        ) : null}
        {lifeStories.length > 0 ? <LifeStoryChoices lifeStories={lifeStories} chosenId={h?.lifeStory?.id} idField={fields.lifeStoryId} consentField={fields.lifeStoryConsent} /> : null}
        <SaveButtons />
      </Form>
    </>
  )
}
