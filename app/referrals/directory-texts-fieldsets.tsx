import type { FieldMetadata } from '@conform-to/react'
import { useTranslation } from 'react-i18next'
import { TextAreaField } from '~/components/forms'
import { LOCALES } from '~/i18n/config'
import type { DirectoryEntryFormFields } from './directory-form'

type TextsField = FieldMetadata<DirectoryEntryFormFields['texts']>

/**
 * The directory editor's texts: one fieldset per language in the locale list, so a new
 * language gets its fields without touching the form. Dutch is required; another language
 * left empty falls back to Dutch on the public pages.
 */
export function DirectoryTextsFieldsets({ texts }: { texts: TextsField }) {
  const { t } = useTranslation('triage')
  const perLocale = texts.getFieldset()
  return LOCALES.map(({ code, nativeName }) => {
    const fields = perLocale[code]!.getFieldset()
    const language = nativeName
    return (
      <fieldset key={code}>
        <legend>{t('directory.fields.texts', { language })}</legend>
        <TextAreaField meta={fields.description} label={t('directory.fields.description', { language })} rows={5} />
        <TextAreaField meta={fields.forWhom} label={t('directory.fields.forWhom', { language })} rows={3} />
        <TextAreaField meta={fields.accessibility} label={t('directory.fields.accessibility', { language })} rows={2} />
      </fieldset>
    )
  })
}
