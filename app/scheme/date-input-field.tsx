import type { FieldMetadata } from '@conform-to/react'
import { useTranslation } from 'react-i18next'
import type { DateParts } from './date-input'

/**
 * The GOV.UK date input: day, month and year as three number fields in one group, the error
 * above them and the first field carrying the group's id (the error summary links there).
 * Works without JavaScript; what was typed is kept after an error.
 */
export function DateInput({ meta, legend, autoComplete }: { meta: FieldMetadata<DateParts | string | undefined>; legend: string; autoComplete?: 'bday' }) {
  const { t } = useTranslation(['scheme', 'validation'])
  const parts = (meta as FieldMetadata<DateParts | undefined>).getFieldset()
  const errors = meta.errors ?? []
  const hintId = `${meta.id}-hint`
  const describedBy = errors.length ? `${hintId} ${meta.errorId}` : hintId
  return (
    <div className={`field date-input${errors.length ? ' field--invalid' : ''}`}>
      <fieldset role="group" aria-describedby={describedBy}>
        <legend>{legend}</legend>
        <p id={hintId} className="field__hint">
          {t('scheme:dateInput.hint')}
        </p>
        {errors.length ? (
          <p id={meta.errorId} className="field__error">
            {errors.map((e) => t(e)).join(' ')}
          </p>
        ) : null}
        <div className="date-input__items">
          {(['day', 'month', 'year'] as const).map((p, i) => {
            const part = parts[p]
            const id = i === 0 ? meta.id : part.id
            return (
              <div className={`date-input__item date-input__item--${p}`} key={p}>
                <label htmlFor={id}>{t(`scheme:dateInput.${p}`)}</label>
                <input
                  key={part.key}
                  id={id}
                  name={part.name}
                  type="text"
                  inputMode="numeric"
                  size={p === 'year' ? 4 : 2}
                  defaultValue={typeof part.initialValue === 'string' ? part.initialValue : undefined}
                  autoComplete={autoComplete ? `${autoComplete}-${p}` : 'off'}
                  aria-invalid={errors.length ? true : undefined}
                />
              </div>
            )
          })}
        </div>
      </fieldset>
    </div>
  )
}
