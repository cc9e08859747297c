import { getCollectionProps, getSelectProps, type FieldMetadata } from '@conform-to/react'
import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { PartState } from './application-form'
import { formatWarningParams, type Warning } from './eligibility'

/** "Take a break": on every page of the application, with the crisis line and help in reach. */
export function TakeABreak() {
  const { t } = useTranslation('scheme')
  return (
    <aside className="notice scheme-break" aria-labelledby="scheme-break-title">
      <h2 id="scheme-break-title">{t('break.title')}</h2>
      <p>{t('break.text')}</p>
      <p>{t('break.crisis')}</p>
      <p>
        <Link to="/hulp">{t('break.helpLink')}</Link>
      </p>
    </aside>
  )
}

/** The pre-check's warnings: information, never a block. */
export function PrecheckWarnings({ warnings }: { warnings: Warning[] }) {
  const { t, i18n } = useTranslation('scheme')
  if (warnings.length === 0) return null
  return (
    <section className="notice scheme-warnings" aria-labelledby="scheme-warnings-title">
      <h2 id="scheme-warnings-title">{t('precheck.intro')}</h2>
      <ul>
        {warnings.map((w) => (
          <li key={`${w.code}-${w.placementIndex ?? ''}`}>{t(w.i18nKey, formatWarningParams({ params: w.params, lng: i18n.language }))}</li>
        ))}
      </ul>
      <p>{t('precheck.help')}</p>
    </section>
  )
}

export function StateTag({ state }: { state: PartState }) {
  const { t } = useTranslation('scheme')
  return <span className={`tag scheme-state scheme-state--${state}`}>{t(`tasks.states.${state}`)}</span>
}

function useErrors(meta: { errors?: string[] }) {
  const { t } = useTranslation(['scheme', 'validation'])
  return (meta.errors ?? []).map((e) => t(e)).join(' ')
}

export function SelectField({
  meta,
  label,
  hint,
  options,
  placeholder,
}: {
  meta: FieldMetadata<string | undefined>
  label: string
  hint?: string
  options: Array<{ value: string; label: string }>
  placeholder: string
}) {
  const error = useErrors(meta)
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={meta.id}>{label}</label>
      {hint ? (
        <p id={meta.descriptionId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={meta.errorId} className="field__error">
          {error}
        </p>
      ) : null}
      <select {...getSelectProps(meta, { ariaDescribedBy: hint ? meta.descriptionId : undefined })}>
        <option value="">{placeholder}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
}

/** Radios or checkboxes in a fieldset with a legend; validated on the server (conform remounts collections). */
export function ChoiceGroup({
  meta,
  legend,
  hint,
  type,
  options,
}: {
  meta: FieldMetadata<string | string[] | undefined>
  legend: string
  hint?: string
  type: 'radio' | 'checkbox'
  options: Array<{ value: string; label: string; hint?: string }>
}) {
  const error = useErrors(meta)
  const labels = new Map(options.map((o) => [o.value, o]))
  return (
    <fieldset className={`field scheme-choices${error ? ' field--invalid' : ''}`} aria-describedby={[hint ? meta.descriptionId : '', error ? meta.errorId : ''].filter(Boolean).join(' ') || undefined}>
      <legend>{legend}</legend>
      {hint ? (
        <p id={meta.descriptionId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={meta.errorId} className="field__error">
          {error}
        </p>
      ) : null}
      {getCollectionProps(meta, { type, options: options.map((o) => o.value) }).map((props) => {
        const option = labels.get(props.value)!
        return (
          <div key={props.key} className="scheme-choice">
            <input {...props} key={props.key} aria-invalid={undefined} aria-describedby={undefined} />
            <label htmlFor={props.id}>{option.label}</label>
            {option.hint ? <p className="field__hint">{option.hint}</p> : null}
          </div>
        )
      })}
    </fieldset>
  )
}

/** Save and continue, or save and come back later (to the task list). */
export function SaveButtons() {
  const { t } = useTranslation('scheme')
  return (
    <div className="form-actions">
      <button type="submit" name="intent" value="continue" className="button button--primary">
        {t('form.saveContinue')}
      </button>
      <button type="submit" name="intent" value="later" className="button">
        {t('form.saveLater')}
      </button>
    </div>
  )
}
