import type { FieldMetadata } from '@conform-to/react'
import { useTranslation } from 'react-i18next'
import { CheckboxField, ChoiceGroup } from '~/components/forms'
import { amsterdamDate, formatLongDate } from './dates'

export type LifeStoryChoice = { id: string; title: string; text: string; source: string; consentGrantedAt: string | null }

/**
 * The third way to tell what happened: the life story the commission or Slachtofferhulp recorded.
 * The full text is shown (nobody agrees to share what they have not seen), and the consent box
 * carries the ledger's own text for 'scheme.useCommissionStory', word for word.
 */
export function LifeStoryChoices({
  lifeStories,
  chosenId,
  idField,
  consentField,
}: {
  lifeStories: LifeStoryChoice[]
  chosenId?: string
  idField: FieldMetadata<string | undefined>
  consentField: FieldMetadata<string | undefined>
}) {
  const { t, i18n } = useTranslation(['scheme', 'consent', 'lifeStories'])
  const granted = lifeStories.find((s) => s.consentGrantedAt)?.consentGrantedAt
  return (
    <>
      <ChoiceGroup
        className="scheme-choices"
        meta={idField}
        legend={t('harm.lifeStoryQuestion')}
        type="radio"
        options={lifeStories.map((s) => ({ value: s.id, label: s.title || t('harm.untitled'), hint: t(`lifeStories:sources.${s.source}`) }))}
      />
      {lifeStories.map((s) => (
        <details key={s.id} className="scheme-story" open={lifeStories.length === 1 || chosenId === s.id}>
          <summary>{t('harm.storyTextTitle', { title: s.title || t('harm.untitled') })}</summary>
          <p className="field__hint">{t('harm.lifeStoryTextLead')}</p>
          <blockquote className="scheme-story__text">{s.text}</blockquote>
        </details>
      ))}
      {granted ? (
        <p>{t('harm.lifeStoryConsentGiven', { date: formatLongDate(amsterdamDate(new Date(granted)), i18n.language) })}</p>
      ) : (
        <CheckboxField
          meta={consentField}
          label={t('consent:purposes.schemeUseCommissionStory.label')}
          hint={
            <>
              {t('consent:purposes.schemeUseCommissionStory.text')} {t('consent:purposes.schemeUseCommissionStory.withdrawEffect')}
            </>
          }
        />
      )}
    </>
  )
}
