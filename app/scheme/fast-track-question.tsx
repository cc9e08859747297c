import type { FieldMetadata } from '@conform-to/react'
import { useTranslation } from 'react-i18next'
import { CheckboxField } from '~/components/forms'
import type { FastTrackRules } from './scheme-config'

/**
 * The fast-track question (ADR 0032) on the conversation page. Age needs no question (it follows
 * from the date of birth); a serious illness is the applicant's own word, with a doctor's letter
 * only when they want to send one.
 */
export function FastTrackQuestion({ rules, meta, subjectName }: { rules: FastTrackRules; meta: FieldMetadata<string | undefined>; subjectName: string | null }) {
  const { t } = useTranslation('scheme')
  const named = subjectName ? { context: 'named', name: subjectName } : {}
  return (
    <fieldset className="scheme-group">
      <legend>{t('fastTrack.title')}</legend>
      <p>{t('fastTrack.age', { ...named, age: rules.minimumAge })}</p>
      {rules.seriouslyIll ? (
        <CheckboxField
          meta={meta}
          label={t('fastTrack.seriouslyIll', named)}
          hint={
            <>
              {t('fastTrack.seriouslyIllHint')} {rules.seriouslyIll.evidence === 'optional' ? t('fastTrack.evidenceHint') : null}
            </>
          }
        />
      ) : null}
    </fieldset>
  )
}
